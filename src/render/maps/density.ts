import type { Feature, FeatureCollection, MultiPoint, MultiPolygon, Polygon } from 'geojson';
import { geoPath } from 'd3-geo';
import { hexbin } from 'd3-hexbin';
import { mesh } from 'topojson-client';
import { topology } from 'topojson-server';
import type { GeometryCollection } from 'topojson-specification';
import { count } from '../../core/words.js';
import type { BoundaryArea } from '../../ingest/boundaries/index.js';
import { quantileClasses } from './classes.js';
import type { DrawnMap, MapTableRow } from './area-map.js';
import { legendBlock, marker, type LegendItem } from './legend.js';
import { placeMarkers } from './markers.js';
import { fitProjection } from './projection.js';
import { lowerFirst, px, svgRoot } from './svg.js';

/** A point of the police data: data.police.uk's anonymised location (a snap point), and the rows at it. */
export interface DensityPoint {
  lon: number;
  lat: number;
  count: number;
  /** Where the rows are, as the tables name it ("Thanet 001A (Cliftonville West)"): a hexagon is named by the place of most of its rows. */
  place?: string;
}

/**
 * data.police.uk moves every crime to the nearest of a fixed set of anonymous map points (the
 * centre of a street, a public place) with at least a few homes near it: hexagons much smaller
 * than the spacing of those points show the points, not where crime is. 250 m from centre to
 * corner (500 m across) is the finest csp draws.
 */
export const MIN_HEX_RADIUS_M = 250;

export interface DensityOptions {
  id: string;
  title: string;
  points: readonly DensityPoint[];
  /** The area's boundaries, drawn under the hexagons; the map is fitted to them, or to the points without them. */
  areas?: readonly BoundaryArea[];
  /** Centre to corner, in metres; at least 250 (a smaller one is taken as 250). */
  radiusMetres?: number;
  /** What is counted, for the legend: "Crimes and ASB, January to December 2025". */
  measure: string;
  /** The place at a hexagon's centre, for hexagons whose points have no `place`: e.g. the LSOA and ward it is in. */
  placeAt?: (lon: number, lat: number) => string | undefined;
  top?: number;
  /** A line under the legend and in the text alternative, e.g. how many rows have no point. */
  note?: string;
  /** Printed under the map: the ONS attribution with boundaries, the police data's licence without. */
  attribution: string;
  width?: number;
  maxHeight?: number;
}

const MARGIN = 8;

const sentence = (s: string) => (s.endsWith('.') ? s : `${s}.`);

/** The place most of a hexagon's rows are at (ties: the first by name); undefined when its points have none. */
function commonestPlace(points: readonly { p: DensityPoint }[]): string | undefined {
  const by = new Map<string, number>();
  for (const { p } of points) if (p.place) by.set(p.place, (by.get(p.place) ?? 0) + p.count);
  return [...by].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}

/** Hexagons of at least 250 m over the police points, shaded by the rows in each, the densest numbered and placed. */
export function drawDensity(o: DensityOptions): DrawnMap {
  const width = o.width ?? 640;
  const radiusM = Math.max(MIN_HEX_RADIUS_M, o.radiusMetres ?? MIN_HEX_RADIUS_M);
  const points = o.points.filter((p) => p.count > 0 && Number.isFinite(p.lon) && Number.isFinite(p.lat));
  const areas: FeatureCollection<Polygon | MultiPolygon> = {
    type: 'FeatureCollection',
    features: [...(o.areas ?? [])]
      .sort((a, b) => (a.code < b.code ? -1 : 1))
      .map((a): Feature<Polygon | MultiPolygon> => ({ type: 'Feature', properties: { code: a.code }, geometry: a.geometry })),
  };
  const cloud: MultiPoint = { type: 'MultiPoint', coordinates: points.map((p) => [p.lon, p.lat]) };
  const shape = areas.features.length > 0 ? areas : cloud;
  const frame = { width, maxHeight: o.maxHeight ?? 560 };
  // Fitted to points, a hexagon at the edge reaches up to two radii beyond its points (its
  // centre is on the grid, up to a radius from them): fitted again with that margin.
  const first = fitProjection(shape, { ...frame, margin: MARGIN });
  const fitted = shape === cloud ? fitProjection(shape, { ...frame, margin: MARGIN + 2 * radiusM * first.pxPerMetre }) : first;
  const r = radiusM * fitted.pxPerMetre;
  const projected = points.map((p) => ({ p, xy: fitted.projection([p.lon, p.lat]) ?? [NaN, NaN] })).filter((d) => Number.isFinite(d.xy[0]));
  const bins = hexbin<(typeof projected)[number]>()
    .radius(r)
    .x((d) => d.xy[0])
    .y((d) => d.xy[1])(projected)
    .map((b) => ({
      x: b.x,
      y: b.y,
      n: b.reduce((s, d) => s + d.p.count, 0),
      at: fitted.projection.invert!([b.x, b.y]) ?? [NaN, NaN],
      place: commonestPlace(b),
    }))
    // Row by row, left to right: the same points give the same bytes whatever order they came in.
    .sort((a, b) => a.y - b.y || a.x - b.x);
  const classes = quantileClasses(
    bins.map((b) => b.n),
    { decimals: 0 },
  );
  const hex = (x: number, y: number) =>
    `M${Array.from({ length: 6 }, (_, k) => {
      const a = (Math.PI / 3) * k + Math.PI / 6;
      return `${px(x + r * Math.cos(a))} ${px(y + r * Math.sin(a))}`;
    }).join('L')}Z`;
  const cells = bins.map((b) => `<path d="${hex(b.x, b.y)}" fill="${classes.classes[classes.classOf(b.n)]!.colour}"/>`).join('');

  const path = geoPath(fitted.projection).digits(1);
  let base = '';
  if (areas.features.length > 0) {
    const topo = topology({ areas });
    const object = topo.objects.areas as GeometryCollection;
    base =
      `<path d="${path(areas) ?? ''}" fill="#f2f2f2"/>` +
      `<path d="${path(mesh(topo, object, (a, b) => a !== b)) ?? ''}" fill="none" stroke="#d0d0d0" stroke-width="0.5"/>` +
      `<path d="${path(mesh(topo, object, (a, b) => a === b)) ?? ''}" fill="none" stroke="#4d4d4d" stroke-width="1"/>`;
  }
  const ranked = [...bins].sort((a, b) => b.n - a.n || a.y - b.y || a.x - b.x);
  const top = ranked.slice(0, o.top ?? 5);
  const placeOf = (b: (typeof bins)[number]) =>
    b.place ?? o.placeAt?.(b.at[0]!, b.at[1]!) ?? `around ${b.at[1]!.toFixed(3)}° N, ${Math.abs(b.at[0]!).toFixed(3)}° ${b.at[0]! < 0 ? 'W' : 'E'}`;
  const spots = placeMarkers(
    top.map((b) => [b.x, b.y]),
    fitted,
  );
  const markers = spots.map((s, i) => marker(i + 1, s.at[0], s.at[1])).join('');
  // A hexagon may spread over several LSOAs: it is named by the one most of its rows are in.
  const keyOf = (b: (typeof bins)[number]) => `${b.place ? `mostly in ${b.place}` : placeOf(b)}: ${count(b.n)}`;
  const key = top.map(keyOf);
  const items: LegendItem[] = classes.classes.map((c) => ({ fill: c.colour, label: c.label }));
  const across = count(Math.round(2 * radiusM));
  const legend = legendBlock({
    x: MARGIN,
    y: fitted.height + 4,
    width: width - 2 * MARGIN,
    title: `${o.measure}, in hexagons ${across} m across`,
    items,
    note: `Locations are the anonymised points data.police.uk gives, not exact addresses.${o.note ? ` ${sentence(o.note)}` : ''}`,
    key,
    attribution: o.attribution,
  });
  const height = Math.ceil(fitted.height + 4 + legend.height + MARGIN);
  const total = bins.reduce((s, b) => s + b.n, 0);
  const description =
    `Map of ${count(total)} ${lowerFirst(o.measure)} in ${count(bins.length)} hexagons ${across} m across` +
    (bins.length > 0 ? `, from ${count(ranked.at(-1)!.n)} to ${count(ranked[0]!.n)} in a hexagon. Densest: ${key.join('; ')}.` : '.') +
    (o.note ? ` ${sentence(o.note)}` : '') +
    ' The table after the map gives every hexagon.';
  const rows: MapTableRow[] = ranked.map((b, i) => ({
    code: `${b.at[1]!.toFixed(4)},${b.at[0]!.toFixed(4)}`,
    place: placeOf(b),
    value: b.n,
    shown: count(b.n),
    legend: classes.classes[classes.classOf(b.n)]!.label,
    rank: i + 1,
  }));
  const body = `${base}<g stroke="#ffffff" stroke-width="0.4">${cells}</g>${markers}${legend.svg}`;
  return { id: o.id, title: o.title, description, svg: svgRoot({ id: o.id, width, height, title: o.title, description }, body), legend: items, rows };
}
