import { Database } from '../ingest/database.js';

export interface Populations {
  /** Latest population of an area at a level (district, ward, lsoa), by lower-case name or code. */
  get(level: string, area: string): { population: number; year: number | null } | undefined;
  has(level: string): boolean;
}

/** The denominators: the latest year's population of each area, per level. */
export async function loadPopulations(db: Database): Promise<Populations> {
  const rows = await db.all<{ level: string; area: string; year: number | null; population: bigint }>(
    `SELECT level, area, year, population FROM (
       SELECT *, row_number() OVER (PARTITION BY level, lower(area) ORDER BY year DESC NULLS LAST, file_id DESC) AS k FROM population)
     WHERE k = 1`,
  );
  const map = new Map<string, { population: number; year: number | null }>();
  for (const r of rows) map.set(`${r.level}|${r.area.toLowerCase()}`, { population: Number(r.population), year: r.year });
  const levels = new Set(rows.map((r) => r.level));
  return {
    get: (level, area) => map.get(`${level}|${area.toLowerCase()}`),
    has: (level) => levels.has(level),
  };
}
