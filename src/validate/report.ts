import type { Config } from '../config/load.js';
import type { Problem } from '../core/errors.js';
import { monthLabel, monthRange } from '../core/calendar/months.js';
import { partialMonths, type PartialMonth } from './partial-months.js';
import { onTwoConnections } from '../ingest/connections.js';
import { windowOutsideData } from './coverage.js';
import { surveySeparatorProblem, themeCategoryProblems } from './mapping-checks.js';
import type { Period } from '../core/calendar/periods.js';
import { Database, sqlString } from '../ingest/database.js';
import type { IngestResult, SourceRead } from '../ingest/index.js';
import { DISTRICT_FROM_LSOA_NAME } from '../ingest/kinds/police.js';

import { ASB_CATEGORY, allCrimeSource } from '../config/all-crime.js';

export interface RejectReason {
  reason: string;
  column: string | null;
  rows: number;
  examples: { file: string; line: number | null; value: string | null }[];
}

export interface CategoryCount {
  category: string;
  rows: number;
  themes: string[];
}

export interface SourceReport extends SourceRead {
  months: string[];
  missingMonths: string[];
  /** Months partially published: for police, judged on the crime rows. */
  partialMonths: PartialMonth[];
  /** Police only: months whose ASB rows are partial (published apart from the crimes). */
  asbPartialMonths: PartialMonth[];
  /**
   * The same judged on the partnership area's rows alone, where the whole source does not show
   * it (a month with the area's LSOAs missing): months not already in the lists above.
   */
  areaPartialMonths: PartialMonth[];
  areaAsbPartialMonths: PartialMonth[];
  rejects: RejectReason[];
  categories: CategoryCount[];
  unmappedCategories: string[];
  /** Police rows in districts not listed in geography.districts (neighbouring forces' LSOAs). */
  outsideForce: { district: string; rows: number }[];
  /** Police rows with no LSOA (no location published). */
  noLocation: number;
  /** Police: the rows with no location in each month that has any, against the month's rows. */
  noLocationByMonth: { month: string; rows: number; total: number; sharePct: number }[];
  /** LSOA codes that start or stop part-way through the months: a boundary change (2011 → 2021 LSOAs). */
  boundaryChanges: { appeared: number; disappeared: number; examples: string[] } | null;
  /** Categories that start or stop part-way through the source's months (a category change). */
  categoryChanges: { category: string; firstMonth: string; lastMonth: string }[];
  /**
   * Records and counts: where the rows were placed (ingest/place.ts). Rows of other districts
   * are comparators, not the partnership's; rows that could not be placed count nowhere.
   */
  placement: Placement | null;
  /**
   * Counts only: an area given twice for one period and category (its rows counted twice), and
   * an area code given under two names (with `columns.areaName`).
   */
  repeatedAreas: { keys: number; rows: number; examples: string[]; codesWithTwoNames: { code: string; names: string[] }[] } | null;
  /** Districts found under an old name (an alias in geography.districts) and counted under the new one. */
  renamedDistricts: { from: string; to: string; rows: number; firstMonth: string; lastMonth: string }[];
}

export interface Placement {
  /** Rows (and incidents, for counts) in the partnership area. */
  area: { rows: number; incidents: number };
  /** Other districts of the force. */
  otherDistricts: { district: string; rows: number; incidents: number }[];
  /** Districts that are not in geography.districts. */
  outsideForce: { district: string; rows: number; incidents: number }[];
  /** Rows whose area could not be placed in any district, with examples of their areas. */
  unplaced: { rows: number; incidents: number; examples: string[] };
}

export interface ValidationReport {
  sources: SourceReport[];
  errors: Problem[];
  warnings: Problem[];
}

/** What was read, per source: the body of `csp validate`, and the start of data quality. */
/**
 * `window`: the assessment window the data will be used for (csp.yaml's, or assess's --period);
 * both it and the previous window must lie inside the police data.
 */
export async function describeIngest(db: Database, config: Config, ingested: IngestResult, window: { period: Period; key: string }): Promise<ValidationReport> {
  const warnings: Problem[] = [...ingested.warnings];
  const errors = [...ingested.errors];
  const sources: SourceReport[] = [];
  // The police sources' questions (over a row per LSOA and month of the force) on this
  // connection, the others' meanwhile on a second one.
  const reports = await onTwoConnections(db, ingested.sources, (s) => s.kind === 'police-uk-street', (read, on) => describeSource(on, config, read));
  for (const [i, read] of ingested.sources.entries()) {
    const report = reports[i]!;
    sources.push(report);
    warnings.push(...sourceWarnings(config, report));
    if (read.files.length > 0 && read.rowsAccepted === 0 && !read.files.every((f) => f.error)) {
      errors.push({
        message: `source "${read.id}" has no usable rows: all ${read.rowsRead} rows were rejected`,
        where: { key: `sources.${read.id}` },
        hint: 'csp validate lists each reason with its file and line; the column mapping or date format is the usual cause',
      });
    }
  }
  const categories = themeCategoryProblems(config, sources);
  errors.push(...categories.errors);
  warnings.push(...categories.warnings);
  for (const s of sources) {
    const unsplit = await surveySeparatorProblem(db, config, s);
    if (unsplit) warnings.push(unsplit);
  }
  // The windows must lie inside the data of all crime (the police files, or the force's own export).
  const crime = sources.find((s) => s.id === allCrimeSource(config)?.source);
  const outside = crime ? windowOutsideData(window.period, crime.months, { sourceId: crime.id, periodKey: window.key }) : null;
  if (outside) errors.push(outside);
  for (const s of sources) errors.push(...tooManyUnlocated(config, s, window.period));
  for (const s of sources) if (s.kind === 'police-uk-street') errors.push(...(await districtMoves(db, config, s.id)));
  errors.push(...(await populationConflicts(db)));
  return { sources, errors, warnings };
}

/**
 * LSOA codes of the force that move from one district name to another from a month on, and stay
 * there: a district renamed ("Thanet 012B" becomes "Isle of Thanet 012B") without its new name in
 * geography.districts. From that month the district would have no rows (a fall, or, for the
 * window before, "a significant increase"), the rows counting outside the force. The data is
 * refused, naming the fix, rather than followed by code: an alias in csp.yaml says what is
 * counted as the district, and the rename is then reported with its rows (renamedDistricts).
 */
async function districtMoves(db: Database, config: Config, sourceId: string): Promise<Problem[]> {
  const moves = await db.all<{ from: string; to: string; since: string; codes: bigint; from_rows: bigint; to_rows: bigint; examples: string[]; file: string | null; from_in: boolean; to_in: boolean }>(
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
  const n = (x: bigint) => Number(x).toLocaleString('en-GB');
  return moves.map((m) => {
    const [name, alias] = m.from_in ? [m.from, m.to] : [m.to, m.from];
    const both = m.from_in && m.to_in;
    const effect = both
      ? `they moved between two districts of the force (${n(m.from_rows)} rows before, ${n(m.to_rows)} from then)`
      : m.from_in
        ? `"${m.to}" is not in geography.districts, so ${m.from}'s figures would miss their ${n(m.to_rows)} rows from then on`
        : `"${m.from}" is not in geography.districts, so ${m.to}'s figures would miss their ${n(m.from_rows)} rows before then`;
    return {
      message: `${n(m.codes)} LSOA code(s) of ${m.from} (e.g. ${m.examples.join(', ')}) are named "${m.to}" from ${monthLabel(m.since)}: ${effect}`,
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
async function populationConflicts(db: Database): Promise<Problem[]> {
  const rows = await db.all<{ area: string; level: string; year: number | null; given: { source: string; file: string; line: bigint | null; population: bigint }[] }>(
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
      message: `${(rows.length - 5).toLocaleString('en-GB')} more areas have two different populations for one year, e.g. ${rows.slice(5, 8).map((r) => `${r.area} ${r.year ?? ''}`.trim()).join(', ')}`,
      where: { key: `sources.${rows[5]!.given[0]!.source}` },
      hint: 'two population files for the same year (two estimates)? keep one of them',
    });
  }
  return problems;
}

async function describeSource(db: Database, config: Config, read: SourceRead): Promise<SourceReport> {
  const src = sqlString(read.id);
  const rejects = await rejectReasons(db, read.id);
  let monthCounts = new Map<string, number>();
  let crimeMonthCounts = new Map<string, number>();
  let areaCounts = new Map<string, number>();
  let areaCrimeCounts = new Map<string, number>();
  let categories: CategoryCount[] = [];
  let outsideForce: { district: string; rows: number }[] = [];
  let noLocation = 0;
  let noLocationByMonth: SourceReport['noLocationByMonth'] = [];
  let renamedDistricts: SourceReport['renamedDistricts'] = [];
  let categoryChanges: SourceReport['categoryChanges'] = [];
  let boundaryChanges: SourceReport['boundaryChanges'] = null;
  const placement = read.kind === 'records' || read.kind === 'counts' ? await placementOf(db, config, read) : null;
  const repeatedAreas = read.kind === 'counts' ? await repeatedAreasOf(db, read.id) : null;

  if (read.kind === 'police-uk-street' || read.kind === 'records' || read.kind === 'counts') {
    const table = read.kind === 'counts' ? 'counts' : 'incidents';
    const measure = read.kind === 'counts' ? 'sum(count)' : 'sum(n)';
    const monthCol = read.kind === 'counts' ? 'first_month' : 'month';
    // The area's own months beside the source's, in the same scan: a month partial for the area
    // is lost in a force's total. (A month with no row of the area has no area count.)
    const inArea = `district = ${sqlString(config.partnership.area)}`;
    const crime = `category <> ${sqlString(ASB_CATEGORY)}`;
    const rows = await db.all<{ month: string; n: bigint; crime: bigint | null; area_n: bigint | null; area_crime: bigint | null }>(
      `SELECT ${monthCol} AS month, ${measure} AS n, ${measure} FILTER (WHERE ${crime}) AS crime,
         ${measure} FILTER (WHERE ${inArea}) AS area_n, ${measure} FILTER (WHERE ${inArea} AND ${crime}) AS area_crime
       FROM ${table} WHERE source = ${src} GROUP BY ALL ORDER BY month`,
    );
    monthCounts = new Map(rows.map((r) => [r.month, Number(r.n)]));
    crimeMonthCounts = new Map(rows.map((r) => [r.month, Number(r.crime ?? 0)]));
    const areaRows = rows.filter((r) => r.area_n !== null);
    areaCounts = new Map(areaRows.map((r) => [r.month, Number(r.area_n)]));
    areaCrimeCounts = new Map(areaRows.map((r) => [r.month, Number(r.area_crime ?? 0)]));
    const mapped = themeCategories(config, read.id);
    categories = (
      await db.all<{ category: string; n: bigint }>(
        `SELECT category, ${measure} AS n FROM ${table} WHERE source = ${src} GROUP BY ALL ORDER BY n DESC, category`,
      )
    ).map((r) => ({ category: r.category, rows: Number(r.n), themes: mapped.get(r.category) ?? [] }));
    // A category that appears or disappears 3+ months inside the source's span was renamed or split.
    categoryChanges = await db.all<{ category: string; firstMonth: string; lastMonth: string }>(
      `WITH c AS (SELECT category, min(${monthCol}) AS "firstMonth", max(${monthCol}) AS "lastMonth" FROM ${table} WHERE source = ${src} GROUP BY category),
            s AS (SELECT min("firstMonth") AS f, max("lastMonth") AS l FROM c)
       SELECT category, "firstMonth", "lastMonth" FROM c, s
       WHERE date_diff('month', CAST(s.f || '-01' AS DATE), CAST("firstMonth" || '-01' AS DATE)) >= 3
          OR date_diff('month', CAST("lastMonth" || '-01' AS DATE), CAST(s.l || '-01' AS DATE)) >= 3
       ORDER BY category`,
    );
  }
  if (read.kind === 'police-uk-street') {
    outsideForce = (
      await db.all<{ district: string; n: bigint }>(
        `SELECT district, sum(n) AS n FROM incidents
         WHERE source = ${src} AND NOT in_force AND district IS NOT NULL GROUP BY ALL ORDER BY n DESC, district`,
      )
    ).map((r) => ({ district: r.district, rows: Number(r.n) }));
    renamedDistricts = (
      await db.all<{ from: string; to: string; n: bigint; first: string; last: string }>(
        `SELECT regexp_replace(area_name, '${DISTRICT_FROM_LSOA_NAME}', '') AS "from", district AS "to", sum(n) AS n,
           min(month) AS first, max(month) AS last
         FROM incidents WHERE source = ${src} AND area_name IS NOT NULL
           AND regexp_replace(area_name, '${DISTRICT_FROM_LSOA_NAME}', '') <> district
         GROUP BY ALL ORDER BY "from"`,
      )
    ).map((r) => ({ from: r.from, to: r.to, rows: Number(r.n), firstMonth: r.first, lastMonth: r.last }));
    // LSOAs of the force busy enough to appear every month (2+ rows a month) that start or stop
    // 3+ months inside the source's span: the codes changed, as at the 2011 → 2021 boundaries.
    const [b] = await db.all<{ appeared: bigint; disappeared: bigint; examples: string[] | null }>(
      `WITH l AS (SELECT area_code, arg_max(area_name, month) AS area_name, min(month) AS first, max(month) AS last, sum(n) AS rows, count(DISTINCT month) AS months
                  FROM incidents WHERE source = ${src} AND in_force AND area_code IS NOT NULL GROUP BY area_code),
            s AS (SELECT min(month) AS f, max(month) AS l FROM incidents WHERE source = ${src}),
            c AS (SELECT l.*, date_diff('month', CAST(s.f || '-01' AS DATE), CAST(first || '-01' AS DATE)) >= 3 AS late,
                         date_diff('month', CAST(last || '-01' AS DATE), CAST(s.l || '-01' AS DATE)) >= 3 AS early
                  FROM l, s WHERE rows >= 2 * months AND months >= 3)
       SELECT count(*) FILTER (WHERE late) AS appeared, count(*) FILTER (WHERE early) AS disappeared,
              list(area_code || ' ' || area_name || ' (' || first || ' to ' || last || ')' ORDER BY area_code) FILTER (WHERE late OR early)[1:3] AS examples
       FROM c`,
    );
    if (Number(b!.appeared) + Number(b!.disappeared) > 0) {
      boundaryChanges = { appeared: Number(b!.appeared), disappeared: Number(b!.disappeared), examples: b!.examples ?? [] };
    }
    noLocationByMonth = (
      await db.all<{ month: string; rows: bigint; total: bigint }>(
        `SELECT month, sum(n) FILTER (WHERE area_code IS NULL) AS rows, sum(n) AS total FROM incidents WHERE source = ${src}
         GROUP BY month HAVING sum(n) FILTER (WHERE area_code IS NULL) > 0 ORDER BY month`,
      )
    ).map((r) => ({ month: r.month, rows: Number(r.rows), total: Number(r.total), sharePct: (100 * Number(r.rows)) / Number(r.total) }));
    noLocation = noLocationByMonth.reduce((s, m) => s + m.rows, 0);
  }
  const months = [...monthCounts.keys()];
  const missingMonths =
    months.length > 1 ? monthRange(months[0]!, months.at(-1)!).filter((m) => !monthCounts.has(m)) : [];
  // A partly published police month shows in its crime rows while ASB looks normal.
  const partial = partialMonths(read.kind === 'police-uk-street' ? crimeMonthCounts : monthCounts);
  const asbOf = (all: Map<string, number>, crime: Map<string, number>) => new Map([...all].map(([m, k]) => [m, k - (crime.get(m) ?? 0)]));
  const asbPartial = read.kind === 'police-uk-street' ? partialMonths(asbOf(monthCounts, crimeMonthCounts)) : [];
  // Months of the source's own months it covers for the area; only those the whole source does not show.
  const notIn = (found: PartialMonth[], already: PartialMonth[]) => found.filter((p) => !already.some((q) => q.month === p.month));
  const areaWhole = [...areaCounts.keys()].length > 0 && [...areaCounts].every(([m, k]) => monthCounts.get(m) === k);
  const areaPartial = areaWhole ? [] : notIn(partialMonths(read.kind === 'police-uk-street' ? areaCrimeCounts : areaCounts), partial);
  const areaAsbPartial = areaWhole || read.kind !== 'police-uk-street' ? [] : notIn(partialMonths(asbOf(areaCounts, areaCrimeCounts)), asbPartial);
  return {
    ...read,
    months,
    missingMonths,
    partialMonths: partial,
    asbPartialMonths: asbPartial,
    areaPartialMonths: areaPartial,
    areaAsbPartialMonths: areaAsbPartial,
    rejects,
    categories,
    unmappedCategories: categories.filter((c) => c.themes.length === 0).map((c) => c.category),
    outsideForce,
    noLocation,
    renamedDistricts,
    categoryChanges,
    boundaryChanges,
    placement,
    repeatedAreas,
    noLocationByMonth,
  };
}

async function repeatedAreasOf(db: Database, sourceId: string): Promise<SourceReport['repeatedAreas']> {
  const src = sqlString(sourceId);
  const [d] = await db.all<{ keys: bigint; rows: bigint | null; examples: string[] | null }>(
    `SELECT count(*) AS keys, sum(n) AS rows, list(coalesce(area, '(no area)') || ' ' || period || ' ' || category ORDER BY area, period, category)[1:3] AS examples
     FROM (SELECT area, period, category, count(*) AS n FROM counts WHERE source = ${src} GROUP BY ALL HAVING count(*) > 1)`,
  );
  const twoNames = await db.all<{ code: string; names: string[] }>(
    `SELECT area AS code, list(DISTINCT area_name ORDER BY area_name) AS names FROM counts
     WHERE source = ${src} AND area IS NOT NULL AND area_name IS NOT NULL GROUP BY area HAVING count(DISTINCT area_name) > 1 ORDER BY area`,
  );
  if (Number(d!.keys) === 0 && twoNames.length === 0) return null;
  return { keys: Number(d!.keys), rows: Number(d!.rows ?? 0), examples: d!.examples ?? [], codesWithTwoNames: twoNames };
}

async function placementOf(db: Database, config: Config, read: SourceRead): Promise<Placement> {
  const table = read.kind === 'counts' ? 'counts' : 'incidents';
  const incidents = read.kind === 'counts' ? 'sum(count)' : 'count(*)';
  const areaColumn = read.kind === 'counts' ? 'area' : 'area_name';
  const rows = await db.all<{ district: string | null; in_force: boolean | null; rows: bigint; incidents: bigint; examples: string[] }>(
    `SELECT district, in_force, count(*) AS rows, ${incidents} AS incidents,
       list(DISTINCT coalesce(${areaColumn}, '(empty)') ORDER BY coalesce(${areaColumn}, '(empty)'))[1:3] AS examples
     FROM ${table} WHERE source = ${sqlString(read.id)} GROUP BY ALL ORDER BY rows DESC, district`,
  );
  const of = (r: (typeof rows)[number]) => ({ district: r.district!, rows: Number(r.rows), incidents: Number(r.incidents) });
  const area = rows.find((r) => r.district === config.partnership.area);
  const unplaced = rows.find((r) => r.district === null);
  return {
    area: { rows: Number(area?.rows ?? 0), incidents: Number(area?.incidents ?? 0) },
    otherDistricts: rows.filter((r) => r.district !== null && r.in_force && r.district !== config.partnership.area).map(of),
    outsideForce: rows.filter((r) => r.district !== null && !r.in_force).map(of),
    unplaced: { rows: Number(unplaced?.rows ?? 0), incidents: Number(unplaced?.incidents ?? 0), examples: unplaced?.examples ?? [] },
  };
}

/** "6,815 crimes, 53% of a whole month (12,800: …)": how far short a partial month is, and against what. */
export function partialShare(p: PartialMonth, unit: string): string {
  const expected = Math.round(p.expected).toLocaleString('en-GB');
  const basis = p.basis === 'neighbouring months'
    ? `the neighbouring months' median (${expected})`
    : p.basis === 'same month a year before or after'
      ? `a whole month (${expected}: the same month a year earlier and a year later)`
      : `a whole month (${expected}: the lower of the same month a year earlier and the median of the 12 months before)`;
  return `${p.count.toLocaleString('en-GB')} ${unit}, ${Math.round(100 * p.share)}% of ${basis}${p.inRun ? ', one of a run of low months' : ''}`;
}

async function rejectReasons(db: Database, sourceId: string): Promise<RejectReason[]> {
  const rows = await db.all<{ reason: string; column: string | null; n: bigint; examples: { file: string; line: bigint | null; value: string | null }[] }>(
    `SELECT reason, any_value("column") AS "column", count(*) AS n,
       list({'file': f.path, 'line': r.line, 'value': r.value} ORDER BY r.file_id, r.line)[1:3] AS examples
     FROM rejects r JOIN files f USING (source, file_id)
     WHERE r.source = ${sqlString(sourceId)} GROUP BY reason ORDER BY n DESC, reason`,
  );
  return rows.map((r) => ({
    reason: r.reason,
    column: r.column,
    rows: Number(r.n),
    examples: r.examples.map((e) => ({ file: e.file, line: e.line === null ? null : Number(e.line), value: e.value })),
  }));
}

/** category → ids of the themes that include it, for one source. */
function themeCategories(config: Config, sourceId: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const theme of config.themes) {
    for (const category of theme.categories[sourceId] ?? []) {
      out.set(category, [...(out.get(category) ?? []), theme.id]);
    }
  }
  return out;
}

function sourceWarnings(config: Config, r: SourceReport): Problem[] {
  const where = { key: `sources.${r.id}` };
  const out: Problem[] = [];
  const total = r.rowsAccepted || 1;
  const pct = (n: number) => (n > 0 && (100 * n) / total < 0.1 ? '<0.1%' : `${((100 * n) / total).toFixed(1)}%`);
  const unit = r.kind === 'police-uk-street' ? 'crimes' : 'rows';
  const partials = [
    ...r.partialMonths.map((p) => [p, unit, ''] as const), ...r.asbPartialMonths.map((p) => [p, 'ASB incidents', ''] as const),
    ...r.areaPartialMonths.map((p) => [p, unit, ` for ${config.partnership.area}`] as const), ...r.areaAsbPartialMonths.map((p) => [p, 'ASB incidents', ` for ${config.partnership.area}`] as const),
  ];
  for (const [p, unit, forArea] of partials) {
    out.push({
      message: `${monthLabel(p.month)} looks partially published${forArea}: ${partialShare(p, unit)}`,
      where,
      hint: 'figures that include this month are compared on the months both windows have; check for a corrected download',
    });
  }
  if (r.missingMonths.length > 0) {
    out.push({
      message: `${r.missingMonths.length} month(s) missing between ${r.months[0]} and ${r.months.at(-1)}: ${r.missingMonths.join(', ')}`,
      where,
      hint: 'windows and series that include these months count them as zero; add the missing files',
    });
  }
  if (r.unmappedCategories.length > 0 && config.themes.length > 0) {
    const rows = r.categories.filter((c) => c.themes.length === 0).reduce((a, c) => a + c.rows, 0);
    out.push({
      message: `${r.unmappedCategories.length} categor${r.unmappedCategories.length === 1 ? 'y is' : 'ies are'} not in any theme (${rows.toLocaleString('en-GB')} rows, ${pct(rows)}): ${r.unmappedCategories.join(', ')}`,
      where,
      hint: r.kind === 'police-uk-street'
        ? 'these rows still count in all crime (except ASB) but in no theme; add them to a theme in csp.yaml if they matter'
        : 'these rows count in no theme; add them to a theme in csp.yaml if they matter',
    });
  }
  const outside = r.outsideForce.reduce((a, d) => a + d.rows, 0);
  if (outside > 0) {
    out.push({
      message: `${outside.toLocaleString('en-GB')} rows (${pct(outside)}) are in districts outside geography.districts: ${r.outsideForce.map((d) => `${d.district} (${d.rows})`).join(', ')}`,
      where,
      hint: 'they are left out of every district figure and the force average; list a district in geography.districts if it belongs to the force',
    });
  }
  for (const d of r.renamedDistricts) {
    out.push({
      message: `${d.to} appears under its old name ${d.from} in ${d.firstMonth === d.lastMonth ? d.firstMonth : `${d.firstMonth} to ${d.lastMonth}`} (${d.rows.toLocaleString('en-GB')} rows)`,
      where,
      hint: `they are counted under ${d.to} (alias in geography.districts), so its series is continuous; counts by LSOA name change at the rename`,
    });
  }
  if (r.boundaryChanges) {
    const b = r.boundaryChanges;
    out.push({
      message: `${b.appeared} LSOA code(s) start and ${b.disappeared} stop part-way through the months, e.g. ${b.examples.join('; ')}: the LSOA boundaries changed`,
      where,
      hint: 'district figures are unaffected; counts by LSOA (hotspots) are not comparable across the change',
    });
  }
  for (const c of r.categoryChanges) {
    out.push({
      message: `category "${c.category}" is only present from ${c.firstMonth} to ${c.lastMonth}, not across all of ${r.months[0]} to ${r.months.at(-1)}`,
      where,
      hint: 'a category was renamed or split: map the old and new names to the same theme so its series stays comparable',
    });
  }
  out.push(...placementWarnings(config, r));
  if (r.repeatedAreas) {
    const a = r.repeatedAreas;
    const named = a.codesWithTwoNames.map((c) => `${c.code} as ${c.names.map((x) => `"${x}"`).join(' and ')}`);
    out.push({
      message: [
        a.keys > 0 ? `${a.keys.toLocaleString('en-GB')} area(s) appear more than once for the same period and category (${a.rows.toLocaleString('en-GB')} rows), e.g. ${a.examples.join('; ')}` : '',
        named.length > 0 ? `${named.length} area code(s) are given under two names: ${named.slice(0, 3).join('; ')}` : '',
      ].filter(Boolean).join('; '),
      where,
      hint: 'each of those rows is counted, so such an area counts twice: if the return lists an area twice by mistake (or by an old and a new name), remove the extra rows',
    });
  }
  if (r.noLocation > 0) {
    out.push({
      message: `${r.noLocation.toLocaleString('en-GB')} rows (${pct(r.noLocation)}) have no location (empty LSOA)`,
      where,
      // How short: the worst month's share, as the assessment's finding says it.
      hint: `they count in no district, so every district's figures are short by up to ${Math.max(...r.noLocationByMonth.map((m) => m.sharePct)).toFixed(1)}% in a month, against the force total`,
    });
  }
  if (r.rowsRejected > 0) {
    out.push({
      message: `${r.rowsRejected.toLocaleString('en-GB')} of ${r.rowsRead.toLocaleString('en-GB')} rows rejected: ${r.rejects.map((x) => `${x.rows} ${x.reason}`).join('; ')}`,
      where,
      hint: 'rejected rows are left out of every figure; the reject list shows file and line',
    });
  }
  return out;
}

/** What validate says of where a partner's rows were placed: other districts' rows are not the partnership's. */
function placementWarnings(config: Config, r: SourceReport): Problem[] {
  const p = r.placement;
  if (!p) return [];
  const where = { key: `sources.${r.id}` };
  const n = (x: number) => x.toLocaleString('en-GB');
  const rows = (x: { rows: number; incidents: number }) => (r.kind === 'counts' ? `${n(x.rows)} rows (${n(x.incidents)} incidents)` : `${n(x.rows)} rows`);
  const list = (ds: { district: string; incidents: number }[]) => ds.map((d) => `${d.district} ${n(d.incidents)}`).join(', ');
  const out: Problem[] = [];
  if (p.otherDistricts.length > 0) {
    const other = p.otherDistricts.reduce((s, d) => ({ rows: s.rows + d.rows, incidents: s.incidents + d.incidents }), { rows: 0, incidents: 0 });
    out.push({
      message: `${rows(other)} are in other districts of the force (${list(p.otherDistricts)}); ${rows(p.area)} are in ${config.partnership.area}`,
      where,
      hint: `only ${config.partnership.area}'s rows count in its figures; the other districts are its comparators (rates and rank)`,
    });
  }
  if (p.outsideForce.length > 0) {
    const outside = p.outsideForce.reduce((s, d) => ({ rows: s.rows + d.rows, incidents: s.incidents + d.incidents }), { rows: 0, incidents: 0 });
    out.push({
      message: `${rows(outside)} name a district that is not in geography.districts: ${list(p.outsideForce)}`,
      where,
      hint: 'they count in no figure; if a name is a district of the force spelt another way, add it to that district\'s aliases in geography.districts',
    });
  }
  if (p.unplaced.rows > 0) {
    out.push({
      message: `${rows(p.unplaced)} have an area that csp cannot place in any district, e.g. ${p.unplaced.examples.map((e) => `"${e}"`).join(', ')}`,
      where,
      hint: 'they count in no figure: give the source a district column (columns.district), list the area\'s wards in geography.wards, or use LSOA codes or names that the police files name',
    });
  }
  return out;
}

/**
 * Police months in the windows where more rows than `quality.refuseNoLocationAbovePct` have no
 * location: every district figure would be short by that share, so the data is refused.
 */
function tooManyUnlocated(config: Config, s: SourceReport, period: Period): Problem[] {
  const limit = config.quality.refuseNoLocationAbovePct;
  const over = s.noLocationByMonth.filter((m) => m.month >= period.previousStart && m.month <= period.end && m.sharePct > limit);
  if (over.length === 0) return [];
  return [{
    message: `${over.map((m) => `${monthLabel(m.month)}: ${m.rows.toLocaleString('en-GB')} of ${m.total.toLocaleString('en-GB')} rows (${m.sharePct.toFixed(1)}%)`).join('; ')} have no location, more than the ${limit}% allowed: every district's figures would be short by that much`,
    where: { key: `sources.${s.id}` },
    hint: `check for a corrected download of ${over.length === 1 ? 'that month' : 'those months'}; to use the data as it is, raise quality.refuseNoLocationAbovePct in csp.yaml (the shortfall is then a warning on every figure)`,
  }];
}
