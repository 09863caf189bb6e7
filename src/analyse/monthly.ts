import type { Config } from '../config/load.js';
import { Database, sqlString } from '../ingest/database.js';

/**
 * Counts by source × category × district × month (the force comparison and the area's
 * series), and by source × category × sub-area × month for the partnership area only (its
 * hotspots): every later figure is read from these two small tables, not from the incidents,
 * which hold a row per LSOA for the whole force.
 */
export async function buildMonthly(db: Database, config: Config): Promise<void> {
  const area = sqlString(config.partnership.area);
  await db.run(`CREATE OR REPLACE TEMP TABLE monthly AS
    SELECT source, category, district, month, sum(n) AS n FROM incidents GROUP BY ALL
    UNION ALL
    SELECT source, category, ${area}, first_month, sum(count) FROM counts WHERE months = 1 GROUP BY ALL`);
  await db.run(`CREATE OR REPLACE TEMP TABLE monthly_area AS
    SELECT source, category, coalesce(area_name, '(no location)') AS area, month, sum(n) AS n FROM incidents WHERE district = ${area} GROUP BY ALL
    UNION ALL
    SELECT source, category, coalesce(area, '(no area)'), first_month, sum(count) FROM counts WHERE months = 1 GROUP BY ALL`);
}

export interface Selection {
  source: string;
  /** Categories of the source; undefined means every category. */
  categories?: readonly string[];
  /** Categories to leave out (ASB from all crime). */
  exclude?: readonly string[];
}

/** SQL condition for a source's categories. */
export function where(s: Selection): string {
  const parts = [`source = ${sqlString(s.source)}`];
  if (s.categories) parts.push(`category IN (${s.categories.map(sqlString).join(', ') || 'NULL'})`);
  if (s.exclude?.length) parts.push(`category NOT IN (${s.exclude.map(sqlString).join(', ')})`);
  return parts.join(' AND ');
}

/** Total per district in [start, end], for the force comparison. */
export async function countsByDistrict(db: Database, s: Selection, start: string, end: string): Promise<Map<string, number>> {
  const rows = await db.all<{ district: string; n: bigint }>(
    `SELECT district, sum(n) AS n FROM monthly WHERE ${where(s)} AND district IS NOT NULL
       AND month BETWEEN ${sqlString(start)} AND ${sqlString(end)} GROUP BY district`,
  );
  return new Map(rows.map((r) => [r.district, Number(r.n)]));
}

/** Monthly totals for the partnership area, every month from `start` to `end` present (0 when none). */
export async function areaSeries(db: Database, s: Selection, district: string, start: string, end: string): Promise<Map<string, number>> {
  const rows = await db.all<{ month: string; n: bigint }>(
    `SELECT month, sum(n) AS n FROM monthly WHERE ${where(s)} AND district = ${sqlString(district)}
       AND month BETWEEN ${sqlString(start)} AND ${sqlString(end)} GROUP BY month`,
  );
  return new Map(rows.map((r) => [r.month, Number(r.n)]));
}

/** Counts by sub-area (LSOA or ward) of the partnership area in [start, end]. */
export async function countsByArea(db: Database, s: Selection, start: string, end: string): Promise<{ area: string; count: number }[]> {
  const rows = await db.all<{ area: string; n: bigint }>(
    `SELECT area, sum(n) AS n FROM monthly_area WHERE ${where(s)}
       AND month BETWEEN ${sqlString(start)} AND ${sqlString(end)} GROUP BY area ORDER BY area`,
  );
  return rows.map((r) => ({ area: r.area, count: Number(r.n) }));
}

/**
 * Quarterly and financial-year counts: they count towards a window only when the whole
 * period lies inside it (they have no months to put in a monthly series).
 */
export async function multiMonthCounts(db: Database, s: Selection, start: string, end: string): Promise<number> {
  const rows = await db.all<{ n: bigint | null }>(
    `SELECT sum(count) AS n FROM counts WHERE ${where(s)} AND months > 1
       AND first_month >= ${sqlString(start)}
       AND strftime(CAST(first_month || '-01' AS DATE) + to_months(months - 1), '%Y-%m') <= ${sqlString(end)}`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** Rows flagged (e.g. repeat) out of all rows, for the partnership area in [start, end]. */
export async function flagCounts(db: Database, s: Selection, district: string, start: string, end: string): Promise<{ flag: string; flagged: number; total: number }[]> {
  const rows = await db.all<{ flag: string; flagged: bigint; total: bigint }>(
    `WITH sel AS (SELECT flags FROM incidents WHERE ${where(s)} AND district = ${sqlString(district)}
        AND month BETWEEN ${sqlString(start)} AND ${sqlString(end)})
     SELECT f.flag, count(*) FILTER (WHERE list_contains(sel.flags, f.flag)) AS flagged, (SELECT count(*) FROM sel) AS total
     FROM (SELECT DISTINCT unnest(flags) AS flag FROM sel) f, sel GROUP BY f.flag ORDER BY f.flag`,
  );
  return rows.map((r) => ({ flag: r.flag, flagged: Number(r.flagged), total: Number(r.total) }));
}

/** Current and previous totals per category for the partnership area (harm weights apply per category). */
export async function countsByCategory(db: Database, s: Selection, district: string, period: { start: string; end: string; previousStart: string; previousEnd: string }): Promise<{ category: string; current: number; previous: number }[]> {
  const rows = await db.all<{ category: string; current: bigint; previous: bigint }>(
    `SELECT category,
       coalesce(sum(n) FILTER (WHERE month BETWEEN ${sqlString(period.start)} AND ${sqlString(period.end)}), 0) AS current,
       coalesce(sum(n) FILTER (WHERE month BETWEEN ${sqlString(period.previousStart)} AND ${sqlString(period.previousEnd)}), 0) AS previous
     FROM monthly WHERE ${where(s)} AND district = ${sqlString(district)} GROUP BY category ORDER BY category`,
  );
  return rows.map((r) => ({ category: r.category, current: Number(r.current), previous: Number(r.previous) }));
}
