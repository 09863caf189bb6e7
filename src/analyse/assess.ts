import type { Config } from '../config/load.js';
import { Database } from '../ingest/database.js';
import type { ValidationReport } from '../validate/types.js';
import { ASB_CATEGORY } from '../config/all-crime.js';
import { SCHEMA_VERSION, type Assessment, type Comparator, type Figure, type Finding, type ThemeResult } from './assessment-schema.js';
import { definitions } from './definitions.js';
import { baselineMonthsAvailable } from './exceptions.js';
import { allCrimeSelection, measureFor, type AnalysisContext } from './measures.js';
import { addMonths } from '../core/calendar/months.js';
import { MonthlyCounts } from './monthly.js';
import type { Period } from '../core/calendar/periods.js';
import { loadPopulations } from './population.js';
import { noDataFindings, populationFindings } from './district-findings.js';
import { qualityFindings } from './quality.js';
import { agreeing, count, counted } from '../core/words.js';
import { ratePer1000, rankDescending } from './rates.js';
import { summaryText } from './summary.js';
import { sourceGaps } from './comparable.js';
import { judgementMeans, perceptionPct, surveyResults } from './survey.js';
import type { Boundaries } from '../ingest/boundaries/index.js';
import { mapsSection, placeOf, type MappedFigure } from './maps/section.js';
import { densitySection } from './maps/density.js';

/** What the analysis reads: the ingested workspace, its validation report and the one resolved window. */
export interface AnalyseInput {
  db: Database;
  config: Config;
  report: ValidationReport;
  period: Period;
  /** The assessment's date (csp.yaml's output.date, else today). */
  generatedOn: string;
  version: string;
  /** The boundary files of csp.yaml, read (null: none given), for the maps. */
  boundaries?: Boundaries | null;
}

/** The assessment before its themes are ranked: every figure, from the ingested database. */
export type Figures = Omit<Assessment, 'ranking'>;

/** Everything `csp assess` computes but the ranking (rank/ does that from these figures). */
export async function analyse({ db, config, report, period, boundaries = null, ...opts }: AnalyseInput): Promise<Figures> {
  const crime = allCrimeSelection(config);
  // Config loading refuses a workspace without one, so validate says the same.
  if (!crime) throw new Error('no all-crime source: loadConfig should have refused this config');
  const counts = await MonthlyCounts.build(db, config, period);
  const windowYear = Number(period.end.slice(0, 4));
  const populations = await loadPopulations(db, windowYear);
  const area = config.partnership.area;
  const areaPopulation = populations.get('district', area);
  const seriesStart = addMonths(period.end, -(config.period.seriesMonths - 1));
  const coverage = new Map(report.sources.filter((s) => s.months.length > 0).map((s) => [s.id, { first: s.months[0]!, last: s.months.at(-1)! }]));
  const gaps = new Map(report.sources.map((s) => [s.id, sourceGaps(s, period, seriesStart)]));
  const ctx: AnalysisContext = { db, counts, config, period, seriesStart, populations, areaPopulation: areaPopulation?.population ?? null, coverage, gaps };
  const findings = qualityFindings({ config, report, period, seriesStart, counts });
  findings.push(...(await populationFindings(db, config, populations, windowYear)));
  const crimeSource = report.sources.find((s) => s.id === crime.source)!;
  const outside = [...crimeSource.outsideForce, ...(crimeSource.placement?.outsideForce ?? [])].map((d) => d.district);
  findings.push(...noDataFindings(config, crime.source, counts.districtsWithData(crime.source), outside));
  const affecting = (id: string) => findings.filter((f) => f.affects.includes(id));

  /** The findings a figure's summary notes: a partial month its comparable change allows for is said there. */
  const summaryNotes = (sourceId: string, themeOrAll: string, figure: { comparable: Figure['comparable'] }) => {
    const explained = new Set((figure.comparable?.gaps ?? []).map((g) => `partial-month-${sourceId}-${g.month}`));
    return { findings: affecting(themeOrAll).filter((f) => f.source === sourceId && !explained.has(f.id)) };
  };

  const all = await measureFor(ctx, crime);
  const { kind: _k, categories: _c, categoryCounts: _cc, repeats: _r, ...allFigure } = all.measure;
  const allCrime: Assessment['allCrime'] = {
    ...allFigure,
    summary: summaryText({
      name: 'All crime (excluding ASB)',
      unit: 'crimes',
      figure: all.measure,
      period,
      force: config.partnership.force,
      ...summaryNotes(crime.source, 'allCrime', all.measure),
    }),
    dataQuality: affecting('allCrime').map((f) => f.id),
  };

  const survey = await surveyResults(db, config);
  const themes: ThemeResult[] = [];
  for (const theme of config.themes) {
    const measures = [];
    let districts: Comparator[] = [];
    for (const [source, categories] of Object.entries(theme.categories)) {
      const { measure: m, districts: d } = await measureFor(ctx, { source, categories });
      if (measures.length === 0) districts = comparators(config, d).filter((c) => c.group === 'force');
      measures.push({
        ...m,
        dataQuality: affecting(theme.id)
          .filter((f) => f.source === source || f.source === null)
          .map((f) => f.id),
      });
    }
    const headline = measures[0]!;
    const policeAsbOnly = headline.kind === 'police-uk-street' && headline.categories.every((c) => c === ASB_CATEGORY);
    const unit = headline.kind === 'police-uk-street' && !policeAsbOnly ? 'crimes' : 'incidents';
    themes.push({
      ...pickFigure(headline),
      id: theme.id,
      name: theme.name,
      sensitive: theme.sensitive,
      headlineSource: headline.source,
      summary: summaryText({
        name: theme.name,
        unit,
        figure: headline,
        period,
        force: config.partnership.force,
        ...summaryNotes(headline.source, theme.id, headline),
      }),
      measures,
      perceptionPct: survey ? await perceptionPct(db, survey.source, theme.survey) : null,
      perceptionOptions: theme.survey,
      judgements: await judgementMeans(db, theme.id),
      districts,
      dataQuality: affecting(theme.id).map((f) => f.id),
    });
  }

  findings.push(...unratedFindings(allCrime, themes));
  const mapped: MappedFigure[] = [
    { figure: 'allCrime', name: 'All crime (excluding ASB)', selection: crime },
    ...config.themes.flatMap((t) =>
      Object.entries(t.categories).map(([source, categories]) => ({ figure: t.id, name: t.name, selection: { source, categories } })),
    ),
  ];
  const density = await densitySection({ db, config, period, figure: mapped[0]! });
  const densityMap = (density?.points.length ?? 0) > 0;
  const { maps, findings: mapFindings } = await mapsSection({ db, config, period, counts, populations, coverage, boundaries, figures: mapped, densityMap });
  findings.push(...mapFindings);
  const place = placeOf(maps);
  const named = (h: Assessment['allCrime']['hotspots']) => {
    const add = <T extends { area: string }>(r: T) => {
      const p = place(r.area);
      return p ? { ...r, place: p } : r;
    };
    h.byCount = h.byCount.map(add);
    h.byRate = h.byRate.map(add);
  };
  named(allCrime.hotspots);
  for (const t of themes) for (const m of t.measures) named(m.hotspots);
  const core: Figures = {
    schemaVersion: SCHEMA_VERSION,
    generatedOn: opts.generatedOn,
    tool: { name: 'csp', version: opts.version },
    config: publicConfig(config),
    sources: report.sources.map((s) => ({
      // Each file by its path relative to csp.yaml and by its full path: a police download kept on a
      // shared drive and reused across years is found again by the full path, and known by its SHA-256.
      id: s.id,
      kind: s.kind,
      description: config.sources[s.id]?.description ?? null,
      files: s.files.map(({ fullPath, ...f }) => ({ ...f, ...(fullPath ? { fullPath } : {}) })),
      rowsRead: s.rowsRead,
      rowsAccepted: s.rowsAccepted,
      rowsRejected: s.rowsRejected,
      months: s.months,
    })),
    period: { ...period, seriesStart },
    area: {
      name: area,
      population: areaPopulation?.population ?? null,
      populationYear: areaPopulation?.year ?? null,
      force: config.partnership.force,
      districts: config.geography.districts.length,
    },
    definitions: definitions({ baselineMonths: baselineMonthsAvailable({ start: period.start, seriesStart }) }),
    allCrime,
    themes,
    comparators: comparators(config, all.districts),
    survey,
    actions: await actions(db),
    dataQuality: findings,
    maps,
    density,
  };
  return core;
}

/**
 * Areas with incidents but no population drop out of the hotspots by rate: said once per source,
 * with the largest figure's count, and carried by every figure it affects.
 */
function unratedFindings(allCrime: Assessment['allCrime'], themes: ThemeResult[]): Finding[] {
  const figures = [
    { id: 'allCrime', name: 'all crime', source: allCrime.source, hotspots: allCrime.hotspots, dataQuality: allCrime.dataQuality },
    ...themes.map((t) => ({ id: t.id, name: t.name, source: t.headlineSource, hotspots: t.measures[0]!.hotspots, dataQuality: t.dataQuality })),
  ].filter((f) => (f.hotspots.unrated?.areas ?? 0) > 0);
  const out: Finding[] = [];
  for (const source of new Set(figures.map((f) => f.source))) {
    const of = figures.filter((f) => f.source === source);
    const first = of[0]!;
    const u = first.hotspots.unrated!;
    const level = first.hotspots.level === 'lsoa' ? 'LSOA' : first.hotspots.level;
    const names = [...new Set(of.flatMap((f) => f.hotspots.unrated!.examples))].slice(0, 4);
    const finding: Finding = {
      id: `unrated-areas-${source}`,
      severity: 'info',
      source,
      message: `${count(u.areas)} of the ${counted(first.hotspots.areas, level, `${level}s`)} with ${first.name} in the current window ${agreeing(u.areas, 'has', 'have')} no population (${count(u.count)} of its ${counted(first.hotspots.total, 'incident')}), e.g. ${names.join(', ')}`,
      effect: `they are left out of the hotspots by rate of ${of.length === 1 ? first.name : `${of.length} figures`} (they are in the hotspots by count); add their populations, or use the LSOA boundaries the population file uses`,
      affects: of.map((f) => f.id),
    };
    out.push(finding);
    for (const f of of) f.dataQuality.push(finding.id);
  }
  return out;
}

function pickFigure(m: ThemeResult['measures'][number]) {
  const {
    current,
    previous,
    change,
    changePct,
    changePctLabel,
    pValue,
    significance,
    ratePer1000,
    forceAverageRatePer1000,
    rank,
    rankOf,
    differenceFromForcePer1000,
    comparable,
  } = m;
  return {
    current,
    previous,
    change,
    changePct,
    changePctLabel,
    pValue,
    significance,
    ratePer1000,
    forceAverageRatePer1000,
    rank,
    rankOf,
    differenceFromForcePer1000,
    comparable,
  };
}

function comparators(config: Config, districts: Awaited<ReturnType<typeof measureFor>>['districts']): Comparator[] {
  const ranks = rankDescending(districts, (d) => d.exactRate);
  const force: Comparator[] = districts.map((d) => ({
    area: d.district,
    group: 'force',
    population: d.population,
    current: d.current,
    previous: d.previous,
    ratePer1000: d.ratePer1000,
    rank: ranks.get(d) ?? null,
    isArea: d.district === config.partnership.area,
  }));
  const group: Comparator[] = (config.geography.comparatorGroup?.areas ?? []).map((a) => {
    const known = districts.find((d) => d.district.toLowerCase() === a.name.toLowerCase());
    return {
      area: a.name,
      group: 'comparator-group',
      population: a.population,
      current: known?.current ?? null,
      previous: known?.previous ?? null,
      ratePer1000: known?.current != null ? ratePer1000(known.current, a.population) : null,
      rank: null,
      isArea: false,
    };
  });
  return [...force.sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99) || a.area.localeCompare(b.area)), ...group];
}

async function actions(db: Database): Promise<Assessment['actions']> {
  const rows = await db.all<{
    source: string;
    action: string;
    theme: string | null;
    status: string;
    measure: string | null;
    baseline: number | null;
    latest: number | null;
  }>(`SELECT source, action, theme, status, measure, baseline, latest FROM actions ORDER BY file_id, rowid`);
  return rows;
}

/** The config as assessment.json records it: no absolute paths, so runs on two machines match. */
function publicConfig(config: Config): Record<string, unknown> {
  const { file: _f, baseDir: _b, ...rest } = config;
  return rest;
}
