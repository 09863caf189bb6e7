import { Database } from '../ingest/database.js';

export interface Populations {
  /** The population of an area at a level (district, ward, lsoa), by name or code, case aside, for the year chosen. */
  get(level: string, area: string): { population: number; year: number | null } | undefined;
  has(level: string): boolean;
  /** Years of rows not used because a year nearer the window was there. */
  unusedLaterYears: number[];
}

/**
 * The denominators: for each area, the population of the year nearest the window, the latest
 * year not after it (a mid-2024 estimate for a window ending in 2025), else the earliest after
 * it. A later estimate describes people who were not yet there.
 */
export async function loadPopulations(db: Database, windowYear: number): Promise<Populations> {
  const rows = await db.all<{ level: string; area: string; year: number | null; population: bigint }>(
    `SELECT level, area, year, population FROM (
       SELECT *, row_number() OVER (PARTITION BY level, lower(area)
         ORDER BY year IS NULL, year > ${windowYear}, CASE WHEN year <= ${windowYear} THEN -year ELSE year END, file_id DESC) AS k FROM population)
     WHERE k = 1`,
  );
  const used = new Set(rows.map((r) => r.year));
  const later = await db.all<{ year: number }>(`SELECT DISTINCT year FROM population WHERE year > ${windowYear} ORDER BY year`);
  const map = new Map<string, { population: number; year: number | null }>();
  for (const r of rows) map.set(`${r.level}|${r.area.toLowerCase()}`, { population: Number(r.population), year: r.year });
  const levels = new Set(rows.map((r) => r.level));
  return {
    get: (level, area) => map.get(`${level}|${area.toLowerCase()}`),
    has: (level) => levels.has(level),
    unusedLaterYears: later.map((r) => r.year).filter((y) => !used.has(y)),
  };
}
