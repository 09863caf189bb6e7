import type { Config } from '../../config/load.js';
import type { Period } from '../../core/calendar/periods.js';
import { sqlString, type Database } from '../../ingest/database.js';
import type { Assessment } from '../assessment-schema.js';
import { where } from '../monthly.js';
import type { MappedFigure } from './section.js';

export type Density = NonNullable<Assessment['density']>;

/**
 * Where the area's police-recorded crimes of the current window are, from data.police.uk's own
 * anonymised points (police_points): each point with its LSOA and its rows, and how many of the
 * rows have no point (they count in every figure but are on no density map). Drawn with or
 * without boundary files. Null when the figure is not of a police source.
 */
export async function densitySection(o: { db: Database; config: Config; period: Period; figure: MappedFigure }): Promise<Density | null> {
  const s = o.figure.selection;
  if (o.config.sources[s.source]?.kind !== 'police-uk-street') return null;
  const inWindow = `${where(s)} AND month BETWEEN ${sqlString(o.period.start)} AND ${sqlString(o.period.end)}`;
  const area = sqlString(o.config.partnership.area);
  const points = await o.db.all<{ lon: number; lat: number; code: string | null; n: bigint }>(
    `SELECT lon, lat, area_code AS code, sum(n) AS n FROM police_points WHERE ${inWindow} GROUP BY ALL ORDER BY lon, lat, code`,
  );
  const [total] = await o.db.all<{ n: bigint | null }>(`SELECT sum(n) AS n FROM incidents WHERE ${inWindow} AND district = ${area}`);
  const names = await o.db.all<{ code: string; name: string | null }>(
    `SELECT area_code AS code, min(area_name) AS name FROM incidents WHERE ${inWindow} AND district = ${area} AND area_code IS NOT NULL GROUP BY ALL ORDER BY code`,
  );
  const rows = Number(total?.n ?? 0);
  const atPoints = points.reduce((sum, p) => sum + Number(p.n), 0);
  return {
    figure: o.figure.figure,
    name: o.figure.name,
    source: s.source,
    rows,
    withoutPoint: rows - atPoints,
    lsoas: names.map((x) => ({ code: x.code, name: x.name })),
    points: points.map((p) => ({ lon: p.lon, lat: p.lat, lsoa: p.code, count: Number(p.n) })),
  };
}
