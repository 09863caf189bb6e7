/** The queries that describe one source as read: its months, rejects, categories, placement and changes. */
import type { RejectCode } from '../ingest/reject-codes.js';
import type { Config } from '../config/load.js';
import { monthRange } from '../core/calendar/months.js';
import { partialMonths, type PartialMonth } from './partial-months.js';
import { Database, sqlString } from '../ingest/database.js';
import type { SourceRead } from '../ingest/index.js';
import { DISTRICT_FROM_LSOA_NAME } from '../ingest/kinds/police.js';
import { ASB_CATEGORY } from '../config/all-crime.js';
import type { RejectReason, CategoryCount, SourceReport, Placement } from './types.js';

export async function describeSource(db: Database, config: Config, read: SourceRead): Promise<SourceReport> {
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
  const missingMonths = months.length > 1 ? monthRange(months[0]!, months.at(-1)!).filter((m) => !monthCounts.has(m)) : [];
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

async function rejectReasons(db: Database, sourceId: string): Promise<RejectReason[]> {
  const rows = await db.all<{
    reason: string;
    code: RejectCode;
    column: string | null;
    n: bigint;
    examples: { file: string; line: bigint | null; value: string | null }[];
  }>(
    `SELECT reason, any_value(code) AS code, any_value("column") AS "column", count(*) AS n,
       list({'file': f.path, 'line': r.line, 'value': r.value} ORDER BY r.file_id, r.line)[1:3] AS examples
     FROM rejects r JOIN files f USING (source, file_id)
     WHERE r.source = ${sqlString(sourceId)} GROUP BY reason ORDER BY n DESC, reason`,
  );
  return rows.map((r) => ({
    reason: r.reason,
    code: r.code,
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
