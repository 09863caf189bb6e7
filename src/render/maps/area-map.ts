import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { geoPath } from 'd3-geo';
import { mesh } from 'topojson-client';
import { topology } from 'topojson-server';
import type { GeometryCollection } from 'topojson-specification';
import type { BoundaryArea } from '../../ingest/boundaries/index.js';
import { representativePoint } from '../../analyse/maps/points.js';
import { legendBlock, marker, type LegendItem } from './legend.js';
import { placeMarkers } from './markers.js';
import { fitProjection, type FittedProjection } from './projection.js';
import { escapeXml, INK, px, svgRoot } from './svg.js';

/** A row of the table of every area (or hexagon) a map shows. */
export interface MapTableRow {
  code: string;
  place: string;
  value: number | null;
  /** As printed: "103.4", "fewer than 5", "–" for no figure; for a map of classes, the class. */
  shown: string;
  /** The legend entry the area is drawn with. */
  legend: string;
  /** 1 for the highest figure; null for an area without one (or hidden). */
  rank: number | null;
}

/** A map ready for a document, like a chart: its SVG, its text alternative, its legend and the table of what it shows. */
export interface DrawnMap {
  id: string;
  title: string;
  /** The text alternative: what is shaded, the range, and the top areas with their figures. */
  description: string;
  svg: string;
  legend: LegendItem[];
  /** Every area, highest figure first, then those without one by name. */
  rows: MapTableRow[];
}

/** What every map of areas shares: the frame, the shapes and the words under the map. */
export interface AreaMapOptions {
  /** Unique in the document: the ids of the title, description and patterns start with it. */
  id: string;
  title: string;
  areas: readonly BoundaryArea[];
  attribution: string;
  /** Pixels; the SVG scales to its container by its viewBox (default 640 wide, the map at most 560 high). */
  width?: number;
  maxHeight?: number;
}

export const MARGIN = 8;

/**
 * Draws areas filled as `fill` says, the area's outer edge, numbered markers on `numbered`
 * (in order: 1 first) and a short text on `lettered` areas, then the legend block. The areas are
 * drawn in code order so that the same input gives the same bytes.
 */
export function drawAreaMap(
  o: AreaMapOptions & { defs?: string; description: string },
  d: {
    fill: (code: string) => string;
    numbered: readonly BoundaryArea[];
    lettered?: readonly { area: BoundaryArea; text: string }[];
    legend: { title: string; items: readonly LegendItem[]; note?: string; key: readonly string[] };
  },
): string {
  const width = o.width ?? 640;
  const f = frameOf(o.areas, width, o.maxHeight ?? 560);
  const { fitted } = f;
  const paths = f.shapes.map((s) => `<path d="${s.d}" fill="${d.fill(s.code)}" data-code="${escapeXml(s.code)}"/>`).join('');
  const point = f.point;
  const letters = (d.lettered ?? [])
    .map(({ area, text }) => {
      const [x, y] = point(area);
      return `<text x="${px(x)}" y="${px(y)}" dy="0.35em" text-anchor="middle" font-size="9" font-weight="bold" fill="${INK}" stroke="#ffffff" stroke-width="2.5" paint-order="stroke">${escapeXml(text)}</text>`;
    })
    .join('');
  const markers = placeMarkers(d.numbered.map(point), fitted)
    .map(
      (s, i) =>
        (s.moved
          ? `<path d="M${px(s.target[0])} ${px(s.target[1])}L${px(s.at[0])} ${px(s.at[1])}" stroke="${INK}" stroke-width="1"/>` +
            `<circle cx="${px(s.target[0])}" cy="${px(s.target[1])}" r="2" fill="${INK}"/>`
          : '') + marker(i + 1, s.at[0], s.at[1]),
    )
    .join('');
  const legend = legendBlock({ x: MARGIN, y: fitted.height + 4, width: width - 2 * MARGIN, ...d.legend, attribution: o.attribution });
  const height = Math.ceil(fitted.height + 4 + legend.height + MARGIN);
  const body =
    `${o.defs ?? ''}<g stroke="#ffffff" stroke-width="0.6" stroke-linejoin="round">${paths}</g>` +
    `<path d="${f.outline}" fill="none" stroke="#4d4d4d" stroke-width="1" stroke-linejoin="round"/>${letters}${markers}${legend.svg}`;
  return svgRoot({ id: o.id, width, height, title: o.title, description: o.description }, body);
}

/** What every map of the same areas at the same size shares: the projection, each shape's path, the outer edge, the points markers go on. */
interface Frame {
  fitted: FittedProjection;
  shapes: { code: string; d: string }[];
  outline: string;
  point: (a: BoundaryArea) => [number, number];
}

/**
 * Frames by the areas' array (a boundary layer's `areas`) and size: an assessment draws the
 * same LSOAs for all crime and each theme, and the projection and paths are most of the work.
 */
const FRAMES = new WeakMap<readonly BoundaryArea[], Map<string, Frame>>();

function frameOf(areas: readonly BoundaryArea[], width: number, maxHeight: number): Frame {
  const bySize = FRAMES.get(areas) ?? new Map<string, Frame>();
  FRAMES.set(areas, bySize);
  const key = `${width}x${maxHeight}`;
  const cached = bySize.get(key);
  if (cached) return cached;
  const collection: FeatureCollection<Polygon | MultiPolygon, { code: string }> = {
    type: 'FeatureCollection',
    features: [...areas]
      .sort((a, b) => (a.code < b.code ? -1 : 1))
      .map((a): Feature<Polygon | MultiPolygon, { code: string }> => ({ type: 'Feature', properties: { code: a.code }, geometry: a.geometry })),
  };
  const fitted = fitProjection(collection, { width, maxHeight, margin: MARGIN });
  const path = geoPath(fitted.projection).digits(1);
  const shapes = collection.features.map((f) => ({ code: f.properties.code, d: path(f) ?? '' }));
  // The area's own edge, darker over the white borders between its areas: the lightest class still has an edge.
  const topo = topology({ areas: collection });
  const outline = path(mesh(topo, topo.objects.areas as GeometryCollection, (a, b) => a === b)) ?? '';
  const points = new Map<string, [number, number]>();
  const point = (a: BoundaryArea): [number, number] => {
    if (!points.has(a.code)) points.set(a.code, (fitted.projection(representativePoint(a.geometry)) as [number, number] | null) ?? [0, 0]);
    return points.get(a.code)!;
  };
  const frame = { fitted, shapes, outline, point };
  bySize.set(key, frame);
  return frame;
}
