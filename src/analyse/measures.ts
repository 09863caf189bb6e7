import type { Config } from '../config/load.js';
import type { SourceConfig } from '../config/sources.js';
import { Database } from '../ingest/database.js';
import { ASB_CATEGORY, allCrimeSource } from '../config/all-crime.js';
import type { Figure, Measure } from './assessment-schema.js';
import { change, round1 } from './change.js';
import { comparableChange, type GapMonth, type SourceGaps } from './comparable.js';
import { hotspots } from './concentration.js';
import { controlChart } from './exceptions.js';
import { monthRange } from '../core/calendar/months.js';
import { flagCounts, type MonthlyCounts, type Selection } from './monthly.js';
import type { Period } from '../core/calendar/periods.js';
import type { Populations } from './population.js';
import { differencePer1000, exactRatePer1000, forceAverageRate, forceTotals, rankDescending, ratePer1000 } from './rates.js';
import { poissonChangeTest } from './significance.js';

export interface AnalysisContext {
  db: Database;
  counts: MonthlyCounts;
  config: Config;
  period: Period;
  seriesStart: string;
  populations: Populations;
  areaPopulation: number | null;
  /** First and last month each source has data for: series never show months a source does not cover. */
  coverage: Map<string, { first: string; last: string }>;
  /** Each source's gap months in the windows (partly published, missing, not covered). */
  gaps: Map<string, SourceGaps>;
}

export interface DistrictFigures {
  district: string;
  population: number | null;
  /** Null for a district with no rows at all in the source: no data, not no crime. */
  current: number | null;
  previous: number | null;
  ratePer1000: number | null;
  /** The rate unrounded: districts are ranked on it, so two rates 0.0016 apart do not tie. */
  exactRate: number | null;
}

/** The figures of one selection (a source and its categories) for the partnership area. */
export async function measureFor(ctx: AnalysisContext, sel: Selection): Promise<{ measure: Omit<Measure, 'dataQuality'>; districts: DistrictFigures[] }> {
  const { db, config, period, counts } = ctx;
  const area = config.partnership.area;
  const source = config.sources[sel.source]!;
  const monthly = counts.areaSeries(sel, ctx.seriesStart < period.previousStart ? ctx.seriesStart : period.previousStart, period.end);
  const sum = (start: string, end: string) => monthRange(start, end).reduce((s, m) => s + (monthly.get(m) ?? 0), 0);
  const current = sum(period.start, period.end) + counts.multiMonthCounts(sel, period.start, period.end);
  const previous = sum(period.previousStart, period.previousEnd) + counts.multiMonthCounts(sel, period.previousStart, period.previousEnd);

  // Police files cover the force; a partner's return that places rows in other districts
  // (county-wide) gives them as comparators too.
  const byDistrict = source.kind === 'police-uk-street' || coversOtherDistricts(ctx, sel.source);
  let districts: DistrictFigures[] = [];
  let forceAverage: number | null = null;
  let difference: number | null = null;
  let rank: number | null = null;
  const covered = ctx.coverage.get(sel.source);
  // A source with no month in the current window has no rate, not a rate of 0.
  const hasWindow = covered !== undefined && covered.first <= period.end && covered.last >= period.start;
  if (byDistrict) {
    districts = districtFigures(ctx, sel);
    const withData = districts.flatMap((d) => (d.current === null ? [] : [{ count: d.current, population: d.population }]));
    forceAverage = hasWindow ? forceAverageRate(withData) : null;
    difference = hasWindow ? differencePer1000(current, ctx.areaPopulation, forceTotals(withData)) : null;
    const ranks = rankDescending(districts, (d) => (hasWindow ? d.exactRate : null));
    const mine = districts.find((d) => d.district === area);
    rank = mine ? (ranks.get(mine) ?? null) : null;
  }
  const rate = hasWindow ? ratePer1000(current, ctx.areaPopulation) : null;
  // The series shows the months the source covers: none before its first, none after its last.
  const seriesFrom = covered && covered.first > ctx.seriesStart ? covered.first : ctx.seriesStart;
  const seriesTo = covered && covered.last < period.end ? covered.last : period.end;
  const series = (seriesFrom <= seriesTo ? monthRange(seriesFrom, seriesTo) : []).map((month, i, all) => ({
    month,
    count: monthly.get(month) ?? 0,
    rolling12: i >= 11 ? all.slice(i - 11, i + 1).reduce((s, m) => s + (monthly.get(m) ?? 0), 0) : null,
  }));
  const level = areaLevel(source);
  const byArea = counts.countsByArea(sel);
  const repeats = source.kind === 'records' ? await flagCounts(db, sel, { district: area, start: period.start, end: period.end }) : [];
  const figure: Figure = {
    ...change(current, previous),
    ...poissonChangeTest(current, previous),
    ratePer1000: rate,
    forceAverageRatePer1000: forceAverage,
    rank,
    rankOf: byDistrict && rank !== null ? districts.filter((d) => d.exactRate !== null).length : null,
    differenceFromForcePer1000: difference,
    // Quarterly and yearly returns have no months to leave out: their coverage is a finding.
    comparable: counts.hasMultiMonth(sel.source) ? null : comparableChange(monthly, gapsFor(ctx.gaps.get(sel.source), sel), period),
  };
  return {
    districts,
    measure: {
      ...figure,
      source: sel.source,
      kind: source.kind,
      categories: [...(sel.categories ?? [`all except ${(sel.exclude ?? []).join(', ')}`])],
      categoryCounts: counts.countsByCategory(sel, period),
      series,
      variability: controlChart(series, period.start, { leaveOut: new Set(gapsFor(ctx.gaps.get(sel.source), sel).map((g) => g.month)) }),
      hotspots: {
        level,
        ...hotspots(byArea.map((a) => ({ ...a, population: ctx.populations.get(level, a.area)?.population ?? null }))),
      },
      repeats: repeats.map((r) => ({ ...r, sharePct: r.total > 0 ? round1((100 * r.flagged) / r.total) : null })),
    },
  };
}

/** Police ASB is published apart from the crimes: an ASB figure has the ASB rows' gaps, a crime figure the crimes'. */
function gapsFor(gaps: SourceGaps | undefined, sel: Selection): GapMonth[] {
  if (!gaps) return [];
  const asb = sel.categories?.some((c) => c === ASB_CATEGORY) ?? false;
  const crime = sel.categories ? sel.categories.some((c) => c !== ASB_CATEGORY) : true;
  const byMonth = new Map<string, GapMonth>();
  for (const g of [...(crime ? gaps.crime : []), ...(asb ? gaps.asb : [])]) if (!byMonth.has(g.month)) byMonth.set(g.month, g);
  return [...byMonth.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
}

function districtFigures(ctx: AnalysisContext, sel: Selection): DistrictFigures[] {
  const { config, period, counts } = ctx;
  const current = counts.countsByDistrict(sel, period.start, period.end);
  const previous = counts.countsByDistrict(sel, period.previousStart, period.previousEnd);
  const withData = counts.districtsWithData(sel.source);
  return config.geography.districts.map((d) => {
    const population = ctx.populations.get('district', d.name)?.population ?? null;
    if (!withData.has(d.name)) return { district: d.name, population, current: null, previous: null, ratePer1000: null, exactRate: null };
    const c = current.get(d.name) ?? 0;
    return {
      district: d.name,
      population,
      current: c,
      previous: previous.get(d.name) ?? 0,
      ratePer1000: ratePer1000(c, population),
      exactRate: exactRatePer1000(c, population),
    };
  });
}

/** Whether a partner's source has rows placed in a district of the force other than the area's. */
function coversOtherDistricts(ctx: AnalysisContext, source: string): boolean {
  const withData = ctx.counts.districtsWithData(source);
  return ctx.config.geography.districts.some((d) => d.name !== ctx.config.partnership.area && withData.has(d.name));
}

function areaLevel(source: SourceConfig): string {
  if (source.kind === 'police-uk-street') return 'lsoa';
  if (source.kind === 'records' || source.kind === 'counts') return source.areaLevel;
  return 'area';
}

/** All crime: the source config names for it (by default every police category but ASB, which is never a crime). */
export function allCrimeSelection(config: Config): Selection | undefined {
  return allCrimeSource(config);
}
