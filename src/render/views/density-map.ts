import type { Assessment } from '../../analyse/assessment-schema.js';
import type { Boundaries } from '../../ingest/boundaries/index.js';
import { count, pct } from '../../core/words.js';
import { drawDensity, policeAttribution, type DensityPoint } from '../maps/index.js';
import { table, type FigureView } from './common.js';

/**
 * The density map of all crime from the police data's own points: hexagons of at least 250 m
 * (data.police.uk snaps each crime to the nearest of a fixed set of points, so finer cells show
 * the points, not where crime is). Drawn over the LSOAs where boundary files are given, else
 * fitted to the points. Rows with no point are said under the map. Null without points.
 */
export function densityMap(a: Assessment, boundaries: Boundaries | null | undefined): FigureView | null {
  const d = a.density;
  if (!d || d.points.length === 0) return null;
  const maps = a.maps;
  // Each point named as the tables name its LSOA: with its ward where the boundaries give one.
  const places = new Map<string, string>(d.lsoas.map((l) => [l.code, l.name ?? l.code]));
  for (const l of maps?.lsoas ?? []) places.set(l.code, l.place);
  const points: DensityPoint[] = d.points.map((p) => ({ lon: p.lon, lat: p.lat, count: p.count, place: p.lsoa ? places.get(p.lsoa) : undefined }));
  const layer = maps && boundaries ? boundaries.lsoa.find((l) => l.file === maps.lsoaFile) : undefined;
  const codes = new Set(maps?.lsoas.map((l) => l.code));
  const areas = layer?.areas.filter((x) => codes.has(x.code));
  const window = a.period.label;
  const noPoint =
    d.withoutPoint > 0
      ? `${count(d.withoutPoint)} of the ${count(d.rows)} crimes (${pct((100 * d.withoutPoint) / d.rows)}) have no location in the police data and are not on this map`
      : undefined;
  const drawn = drawDensity({
    id: 'map-allCrime-density',
    title: `Where crimes (excluding ASB) are recorded in ${a.area.name}, ${window}`,
    points,
    areas,
    measure: `Crimes, ${window}`,
    note: noPoint,
    // The police data's licence always; the ONS line too where its boundaries are drawn.
    attribution: areas && maps ? `${policeAttribution()} ${maps.attribution}` : policeAttribution(),
  });
  return {
    id: drawn.id,
    title: drawn.title,
    description: drawn.description,
    svg: drawn.svg,
    table: table(
      `Crimes (excluding ASB) by hexagon of the map, ${window}: the LSOA most of its crimes are in, and its centre`,
      ['Mostly in', ['Crimes', 'num'], ['Centre (latitude, longitude)', 'code']],
      drawn.rows.map((r) => [r.place, r.shown, r.code]),
    ),
  };
}
