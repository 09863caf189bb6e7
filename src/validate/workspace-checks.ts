/** Checks across the workspace that stop a run: a renamed district, two populations for one area, too many rows without a place. */
import type { Config } from '../config/load.js';
import type { Problem } from '../core/errors.js';
import { monthLabel } from '../core/calendar/months.js';
import type { Period } from '../core/calendar/periods.js';
import { Database, sqlString } from '../ingest/database.js';
import type { SourceReport } from './types.js';
import { agreeing, count, counted } from '../core/words.js';

/**
 * LSOA codes of the force that move from one district name to another from a month on, and stay
 * there: a district renamed ("Thanet 012B" becomes "Isle of Thanet 012B") without its new name in
 * geography.districts. From that month the district would have no rows (a fall, or, for the
 * window before, "a significant increase"), the rows counting outside the force. The data is
 * refused, naming the fix, rather than followed by code: an alias in csp.yaml says what is
 * counted as the district, and the rename is then reported with its rows (renamedDistricts).
 */
export async function districtMoves(db: Database, config: Config, sourceId: string): Promise<Problem[]> {
  const moves = await db.all<{
    from: string;
    to: string;
    since: string;
    codes: bigint;
    from_rows: bigint;
    to_rows: bigint;
    examples: string[];
    file: string | null;
    from_in: boolean;
    to_in: boolean;
  }>(
    `WITH d AS (SELECT area_code, district, bool_or(in_force) AS in_force, min(month) AS first, max(month) AS last, sum(n) AS rows, min(file_id) AS file_id
                FROM incidents WHERE source = ${sqlString(sourceId)} AND area_code IS NOT NULL AND district IS NOT NULL GROUP BY area_code, district),
          m AS (SELECT a.area_code, a.district AS "from", b.district AS "to", a.in_force AS from_in, b.in_force AS to_in, b.first AS since,
                  a.rows AS from_rows, b.rows AS to_rows, b.file_id
                FROM d a JOIN d b ON a.area_code = b.area_code AND a.district <> b.district AND a.last < b.first
                WHERE a.in_force OR b.in_force)
     SELECT "from", "to", min(since) AS since, count(DISTINCT area_code) AS codes, sum(from_rows) AS from_rows, sum(to_rows) AS to_rows,
       any_value(from_in) AS from_in, any_value(to_in) AS to_in,
       list(DISTINCT area_code ORDER BY area_code)[1:3] AS examples,
       (SELECT f.path FROM files f WHERE f.source = ${sqlString(sourceId)} AND f.file_id = min(m.file_id)) AS file
     FROM m GROUP BY "from", "to"
     -- A rename moves a district's codes (80 to 100) together: at least three, and half the codes
     -- the old name ever had. One or two codes under another name are a slip in the data, shown
     -- as rows outside the force.
     HAVING count(DISTINCT area_code) >= 3
        AND count(DISTINCT area_code) * 2 >= (SELECT count(DISTINCT area_code) FROM d WHERE d.district = m."from")
     ORDER BY "from", "to"`,
  );
  const n = (x: bigint) => count(Number(x));
  const rows = (x: bigint) => counted(Number(x), 'row');
  return moves.map((m) => {
    const [name, alias] = m.from_in ? [m.from, m.to] : [m.to, m.from];
    const both = m.from_in && m.to_in;
    const effect = both
      ? `they moved between two districts of the force (${rows(m.from_rows)} before, ${n(m.to_rows)} from then)`
      : m.from_in
        ? `"${m.to}" is not in geography.districts, so ${m.from}'s figures would miss their ${rows(m.to_rows)} from then on`
        : `"${m.from}" is not in geography.districts, so ${m.to}'s figures would miss their ${rows(m.from_rows)} before then`;
    return {
      message: `${counted(Number(m.codes), 'LSOA code')} of ${m.from} (e.g. ${m.examples.join(', ')}) ${agreeing(Number(m.codes), 'is', 'are')} named "${m.to}" from ${monthLabel(m.since)}: ${effect}`,
      where: { ...(m.file ? { file: m.file } : {}), key: 'geography.districts' },
      hint: both
        ? `an LSOA belongs to one district: if ${m.from} and ${m.to} are one district renamed, list it once in geography.districts with the other name in its aliases`
        : `a district renamed: add the other name to its aliases in geography.districts (- {name: ${name}, aliases: [${alias}]}), so both names count as ${name}`,
    };
  });
}

/**
 * The same area, level and year given two different populations (in one file, two files or two
 * sources): every rate per 1,000 of the area depends on which is used, and only the partnership
 * knows which is right, so the data is refused naming both rows.
 */
export async function populationConflicts(db: Database): Promise<Problem[]> {
  const rows = await db.all<{
    area: string;
    level: string;
    year: number | null;
    given: { source: string; file: string; line: bigint | null; population: bigint }[];
  }>(
    `SELECT any_value(p.area ORDER BY p.file_id, p.line) AS area, p.level, p.year,
       list({'source': p.source, 'file': f.path, 'line': p.line, 'population': p.population} ORDER BY p.file_id, p.line) AS given
     FROM population p JOIN files f USING (source, file_id)
     GROUP BY p.level, lower(p.area), p.year HAVING count(DISTINCT p.population) > 1 ORDER BY p.level, lower(p.area), p.year`,
  );
  const at = (g: (typeof rows)[number]['given'][number]) => `${g.file}${g.line === null ? '' : `:${Number(g.line)}`}`;
  const problems: Problem[] = rows.slice(0, 5).map((r) => ({
    message: `the population of ${r.area} (${r.level}) for ${r.year ?? 'no year'} is given ${r.given.length} times with different values: ${r.given.map((g) => `${at(g)} (${Number(g.population).toLocaleString('en-GB')})`).join(', ')}`,
    where: { file: r.given[0]!.file, ...(r.given[0]!.line === null ? {} : { line: Number(r.given[0]!.line) }), key: `sources.${r.given[0]!.source}` },
    hint: `keep one row for ${r.area} and ${r.year ?? 'each year'}: remove the wrong one (csp cannot tell which is right, and every rate per 1,000 of ${r.area} depends on it)`,
  }));
  if (rows.length > 5) {
    problems.push({
      message: `${counted(rows.length - 5, 'more area')} ${agreeing(rows.length - 5, 'has', 'have')} two different populations for one year, e.g. ${rows
        .slice(5, 8)
        .map((r) => `${r.area} ${r.year ?? ''}`.trim())
        .join(', ')}`,
      where: { key: `sources.${rows[5]!.given[0]!.source}` },
      hint: 'two population files for the same year (two estimates)? keep one of them',
    });
  }
  return problems;
}

/**
 * Police months in the windows where more rows than `quality.refuseNoLocationAbovePct` have no
 * location: every district figure would be short by that share, so the data is refused.
 */
export function tooManyUnlocated(config: Config, s: SourceReport, period: Period): Problem[] {
  const limit = config.quality.refuseNoLocationAbovePct;
  const over = s.noLocationByMonth.filter((m) => m.month >= period.previousStart && m.month <= period.end && m.sharePct > limit);
  if (over.length === 0) return [];
  return [
    {
      message: `${over.map((m) => `${monthLabel(m.month)}: ${m.rows.toLocaleString('en-GB')} of ${m.total.toLocaleString('en-GB')} rows (${m.sharePct.toFixed(1)}%)`).join('; ')} have no location, more than the ${limit}% allowed: every district's figures would be short by that much`,
      where: { key: `sources.${s.id}` },
      hint: `check for a corrected download of ${over.length === 1 ? 'that month' : 'those months'}; to use the data as it is, raise quality.refuseNoLocationAbovePct in csp.yaml (the shortfall is then a warning on every figure)`,
    },
  ];
}
