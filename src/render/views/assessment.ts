import path from 'node:path';
import type { Assessment, Figure, ThemeResult } from '../../analyse/assessment-schema.js';
import type { Config } from '../../config/load.js';
import { pValueLabel } from '../../analyse/significance.js';
import { gapCaveat } from '../../analyse/summary.js';
import { keyFindings } from './key-findings.js';
import { matrixSpec, ratesSpec, renderChart, seriesSpec } from '../charts.js';
import { bandsText, criterionName, criterionUnit, judgedScale } from '../criteria.js';
import { andList, count, pct, rate, signed } from '../../core/words.js';
import { monthLabel, monthRanges } from '../../core/calendar/months.js';
import { periodLabel } from '../../core/calendar/periods.js';
import { ASB_CATEGORY } from '../../config/all-crime.js';
import type { Boundaries } from '../../ingest/boundaries/index.js';
import { mapViews, type MapViews } from './maps.js';
import { densityMap } from './density-map.js';
import { actionsWith, branding, figure, frame, seriesTable, table, themeName, type FigureView, type TableView } from './common.js';

const DEFINITION_TERMS: Record<string, string> = {
  allCrime: 'All crime',
  period: 'Periods compared',
  change: 'Change',
  significance: 'Is a change more than noise?',
  ratePer1000: 'Rate per 1,000 residents',
  forceAverage: 'Force average',
  rank: 'Rank',
  exceptions: 'Exceptional months',
  cv: 'Variation',
  hotspots: 'Hotspots and concentration',
  repeats: 'Repeats',
  survey: 'Survey shares',
  partialMonth: 'Partially published months',
  comparable: 'Changes on comparable months',
};

/**
 * The test's verdict; where a window has a gap month, the verdict on comparable months, which
 * months those are being said once, in the summary and the data-quality section.
 */
const sig = (f: Pick<Figure, 'significance' | 'pValue' | 'comparable'>) => {
  const c = f.comparable;
  if (!c) return `${f.significance} (${pValueLabel(f.pValue)})`;
  if (c.pValue === null) return `${c.significance}: no month of the two windows is whole in both`;
  const pct = c.changePct === null ? '' : `, ${c.changePctLabel}`;
  const few = c.fewMonths ? `, only ${c.months} of ${c.months + c.excludedMonths.length / 2}` : '';
  // The counts the comparable change is computed from, beside it: the totals' change is another column.
  return `${c.significance} on the ${c.months} comparable month${c.months === 1 ? '' : 's'}${few}: ${count(c.current)} against ${count(c.previous)}${pct} (${pValueLabel(c.pValue)})`;
};

/** Everything the Strategic Assessment template prints, formatted; the partners' document, not suppressed. */
export async function assessmentView(a: Assessment, config: Config, stylesheet: string, boundaries?: Boundaries | null) {
  const brand = branding(config);
  const maps = mapViews(a, boundaries, (source) => config.sources[source]?.publicName);
  const recommended = new Set(a.ranking.themes.filter((t) => t.recommended).map((t) => t.id));
  const themeRows = [['All crime (excluding ASB)', a.allCrime] as const, ...a.themes.map((t) => [t.name, t] as const)].map(([name, f]) => [
    name,
    count(f.current),
    count(f.previous),
    f.changePctLabel,
    sig(f),
    rate(f.ratePer1000),
    rate(f.forceAverageRatePer1000),
    f.rank === null ? '–' : `${f.rank} of ${f.rankOf}`,
  ]);

  const comparators = a.comparators.filter((c) => c.group === 'force' && c.ratePer1000 !== null);
  const ratesChart = await renderChart(
    'chart-rates',
    `All crime per 1,000 residents by district, ${a.period.label}`,
    `${a.area.name} has ${rate(a.allCrime.ratePer1000)} crimes per 1,000 residents, ${a.allCrime.rank === 1 ? 'the highest' : `ranked ${a.allCrime.rank} of ${a.allCrime.rankOf}`} among ${a.area.force}'s districts; the dashed line is the force average of ${rate(a.allCrime.forceAverageRatePer1000)}.`,
    ratesSpec(
      comparators.map((c) => ({ area: c.area, rate: c.ratePer1000!, isArea: c.isArea })),
      a.allCrime.forceAverageRatePer1000,
      { primary: brand.primaryColour, muted: '#9aa7b3' },
    ),
  );
  // The gap caveat is said once, in the all-crime summary and at the head of the themes;
  // a theme whose windows have the same gap leaves it out of its own summary.
  const caveat = a.allCrime.comparable ? gapCaveat(a.allCrime.comparable) : null;
  const sameGap = (t: ThemeResult) => caveat !== null && t.comparable !== null && gapCaveat(t.comparable) === caveat;
  const themes = [];
  for (const t of a.themes)
    themes.push({
      ...(await themeView(a, t, brand.primaryColour)),
      ...(sameGap(t) ? { summary: t.summary.replace(caveat!, '') } : {}),
      maps: themeMaps(maps, t, recommended.has(t.id)),
    });
  const allCrimeChart = await seriesFigure(a, {
    id: 'all-crime',
    name: 'All crime (excluding ASB)',
    series: a.allCrime.series,
    colour: brand.primaryColour,
    counted: 'crimes',
    incomplete: incompleteMonths(a, a.allCrime.source, 'allCrime'),
  });

  const r = a.ranking;
  const names = (ids: string[]) => ids.map((id) => themeName(a, id)).join(', ');
  const matrix = await renderChart(
    'chart-ranking',
    'Ranking matrix: the band of each theme on each criterion',
    `Bands from 1 (low) to ${r.scale} (high). Highest ranked: ${r.themes
      .slice(0, 3)
      .map((t) => `${t.name} (score ${t.score})`)
      .join(', ')}.`,
    matrixSpec(
      r.themes.flatMap((t) => t.criteria.map((c) => ({ theme: t.name, criterion: c.id, band: c.band }))),
      { themes: r.themes.map((t) => t.name), criteria: r.criteria.map((c) => c.id), scale: r.scale, colour: brand.primaryColour },
    ),
  );
  const contents = [
    ['summary', 'Summary'],
    ['method', 'Data and method'],
    ['all-crime', 'All crime'],
    ['themes', 'Candidate themes'],
    ['comparisons', "Comparison with the force's districts"],
    ['survey', 'Resident survey'],
    ['last-year', "Last year's actions reviewed"],
    ['ranking', 'Ranking of the themes'],
    ['recommendations', 'Recommendations'],
    ['data-quality', 'Data quality'],
    ['sources', 'Appendix: sources'],
  ].map(([id, title]) => ({ id: id!, title: title! }));
  return {
    ...frame({
      title: `${config.partnership.name}: Strategic Assessment`,
      subtitle: `${a.period.label} compared with ${a.period.previousLabel}`,
      author: brand.name,
      marking: config.partnership.protectiveMarking,
      generatedOn: a.generatedOn,
      branding: brand,
      stylesheet,
      contents,
      sampleNote: config.output.watermark ?? null,
    }),
    area: {
      name: a.area.name,
      population: count(a.area.population),
      populationYear: a.area.populationYear === null ? 'the latest year' : String(a.area.populationYear),
      force: a.area.force,
    },
    period: a.period,
    seriesStart: monthLabel(a.period.seriesStart),
    summary: {
      text: a.allCrime.summary,
      keyFindings: keyFindings(a),
      // Its rows are tall (each verdict in words): it may break across pages, its header repeated,
      // rather than leave the page of key findings part empty.
      table: {
        ...table(
          `Key figures for ${a.area.name}, ${a.period.label} against ${a.period.previousLabel}`,
          [
            'Measure',
            ['Current', 'num'],
            ['Previous', 'num'],
            ['Change in the totals', 'num'],
            'Is the change more than noise?',
            ['Per 1,000', 'num'],
            ['Force average', 'num'],
            'Rank in force',
          ],
          themeRows,
          (i) => i === 0,
        ),
        short: false,
      },
    },
    definitions: Object.entries(a.definitions).map(([term, text]) => ({ term: DEFINITION_TERMS[term] ?? term, text })),
    allCrime: {
      summary: a.allCrime.summary,
      figure: allCrimeChart,
      hotspots: hotspotTable(a.allCrime.hotspots, 'All crime'),
      map: maps?.lsoaMap('allCrime', 'All crime') ?? null,
      hotspotsMap: maps?.hotspots ?? null,
      density: densityMap(a, boundaries),
    },
    themes,
    themesCaveat:
      caveat && a.themes.some(sameGap)
        ? `${caveat}Where a theme's windows hold that month, its change is measured on comparable months, as for all crime.`
        : null,
    comparisons: {
      figure: figure(
        ratesChart,
        table(
          `All crime by district, ${a.period.label}`,
          ['District', ['Population', 'num'], ['Crimes', 'num'], ['Per 1,000', 'num'], ['Rank', 'num']],
          a.comparators.map((c) => [
            c.isArea ? `${c.area} (this partnership)` : c.area,
            count(c.population),
            count(c.current),
            rate(c.ratePer1000),
            c.rank === null ? '–' : String(c.rank),
          ]),
          (i) => a.comparators[i]!.isArea,
        ),
      ),
    },
    survey: surveyView(a),
    ranking: {
      method:
        r.method === 'weighted-sum'
          ? 'the weighted sum of the bands (weight × band, added up)'
          : 'the product of the harm group and the likelihood group (each the weighted mean of its bands), as in MoRiLE',
      scale: String(r.scale),
      recommend: String(r.recommend),
      tieBreak: r.tieBreak,
      criteria: table(
        'Criteria, what each measures, weights and bands',
        ['Criterion', 'Measured as', ['Weight', 'num'], 'Bands'],
        r.criteria.map((c) => [criterionName(c), criterionUnit(c, judgedScale(config, c.id)).unit, String(c.weight), bandsText(c)]),
      ),
      harmNote: r.criteria.find((c) => c.id === 'harm')?.note ?? null,
      matrix: figure(
        matrix,
        table(
          'Scores and ranks',
          ['Theme', ['Rank', 'num'], ['Score', 'num'], 'Recommended'],
          r.themes.map((t) => [
            t.name,
            String(t.rank),
            String(t.score),
            t.recommended ? (t.override ? 'yes (override)' : 'yes') : t.override ? 'no (override)' : 'no',
          ]),
          (i) => r.themes[i]!.recommended,
        ),
      ),
      reasons: r.themes.map((t) => ({
        name: t.name,
        rank: String(t.rank),
        override: t.override ? `${t.override.recommend ? 'Recommended' : 'Not recommended'} by override: ${t.override.reason}` : null,
        table: table(
          `${t.name}: why it scores ${t.score}`,
          ['Criterion', ['Raw value', 'num'], ['Band', 'num'], ['Weight', 'num'], ['Contribution', 'num'], 'Reason'],
          t.criteria.map((c) => [c.id, signed(c.raw), String(c.band), String(c.weight), String(c.contribution), c.reason]),
        ),
      })),
      sensitivity: {
        robust: r.sensitivity.robust,
        checks: String(r.sensitivity.scenarios.length),
        borderline: r.sensitivity.borderline.map((b) => `${themeName(a, b.theme)}: ${b.scenarios.join('; ')}`),
        changed: r.sensitivity.scenarios.some((s) => s.changed)
          ? table(
              'Changes that alter the recommended set',
              ['Change', 'Enters', 'Leaves'],
              r.sensitivity.scenarios.filter((s) => s.changed).map((s) => [s.change, names(s.entered) || '–', names(s.left) || '–']),
            )
          : null,
      },
    },
    dataQuality: a.dataQuality.length
      ? table(
          'Data-quality findings and their effect on the figures',
          ['Finding', 'Severity', 'Effect on the figures'],
          a.dataQuality.map((f) => [f.message, f.severity, f.effect]),
        )
      : null,
    sources: sourcesView(a),
    recommendations: recommendationsView(a),
    lastYear: lastYearView(a),
  };
}

/** A source as the partners' document names it: its description in csp.yaml, else its id. */
const sourceLabel = (a: Assessment, id: string): string => a.sources.find((s) => s.id === id)?.description ?? id;

/** The months a data-quality finding says are partly published in a source, for the figure it affects. */
function incompleteMonths(a: Assessment, source: string, affects: string): string[] {
  const prefix = `partial-month-${source}-`;
  return a.dataQuality
    .filter((f) => f.id.startsWith(prefix) && f.affects.includes(affects))
    .map((f) => f.id.slice(prefix.length))
    .sort();
}

/**
 * The appendix: one row per source (the months its files cover, how many files, their rows),
 * with a total row; every file with its SHA-256 is in tables/sources.csv, one line a file. The
 * rows are the files' own sums, so the table adds up to that CSV.
 */
function sourcesView(a: Assessment) {
  type Files = Assessment['sources'][number]['files'];
  const sum = (files: Files, key: 'rowsRead' | 'rowsAccepted' | 'rowsRejected') => files.reduce((n, f) => n + f[key], 0);
  const row = (label: string, months: string, files: Files) => [
    label,
    months,
    count(files.length),
    count(sum(files, 'rowsRead')),
    count(sum(files, 'rowsAccepted')),
    count(sum(files, 'rowsRejected')),
  ];
  // Each run of months on one line ("Jan 2023–Dec 2025": no-break spaces, a word joiner after the
  // dash); a gap shows as a second run.
  const months = (ms: readonly string[]) =>
    ms.length === 0
      ? 'not monthly'
      : monthRanges(ms, periodLabel)
          .map((r) => r.replaceAll(' ', '\u00a0').replaceAll('–', '–\u2060'))
          .join(', ');
  const all = a.sources.flatMap((s) => s.files);
  // Where the files were read from, one line a folder: a shared drive's path is said in full.
  const folders = [...new Set(all.map((f) => path.dirname(f.fullPath ?? f.path)))].sort();
  return {
    files: count(all.length),
    folders,
    table: table(
      'Sources: the months each covers and the rows read from its files',
      ['Source', 'Months', ['Files', 'num'], ['Rows read', 'num'], ['Accepted', 'num'], ['Rejected', 'num']],
      [...a.sources.map((s) => row(sourceLabel(a, s.id), months(s.months), s.files)), row(`All ${count(a.sources.length)} sources`, '', all)],
      (i) => i === a.sources.length,
    ),
  };
}

/** What a monthly series counts, as its chart's title names it: police crimes, or incidents (ASB, a partner's records). */
function counted(m: { kind: string; categories: readonly string[] }): string {
  if (m.kind !== 'police-uk-street') return 'incidents';
  const asb = m.categories.filter((c) => c === ASB_CATEGORY).length;
  return asb === 0 ? 'crimes' : asb === m.categories.length ? 'incidents' : 'crimes and incidents';
}

/** The month or months with the most, each named where several tie. */
function highestMonths(series: readonly { month: string; count: number }[]): string {
  const top = Math.max(...series.map((s) => s.count));
  const months = series.filter((s) => s.count === top).map((s) => monthLabel(s.month));
  if (months.length === 1) return `The highest month was ${months[0]} with ${count(top)}.`;
  if (months.length === series.length) return `Every month had ${count(top)}.`;
  return `The highest months were ${andList(months)}, with ${count(top)} each.`;
}

/** One monthly series as the document shows it: `counted` is what is counted, `incomplete` the partly published months. */
interface SeriesFigure {
  id: string;
  name: string;
  series: { month: string; count: number }[];
  colour: string;
  counted: string;
  incomplete: string[];
}

async function seriesFigure(a: Assessment, { id, name, series, colour, counted, incomplete }: SeriesFigure): Promise<FigureView> {
  // What the shaded window holds, said of the months the series has of it (a short series has fewer).
  const inWindow = series.filter((m) => m.month >= a.period.start && m.month <= a.period.end);
  const windowCount = inWindow.reduce((s, m) => s + m.count, 0);
  const shown = incomplete.filter((m) => series.some((s) => s.month === m));
  const gap =
    shown.length === 0
      ? ''
      : ` ${shown.map(monthLabel).join(' and ')} ${shown.length > 1 ? 'are' : 'is'} ringed and labelled: the data for ${shown.length > 1 ? 'those months' : 'that month'} is incomplete, so ${shown.length > 1 ? 'their dips are' : 'its dip is'} not a fall in crime.`;
  const chart = await renderChart(
    `chart-${id}`,
    `${name}: ${counted} recorded per month in ${a.area.name}`,
    series.length === 0
      ? 'No data.'
      : `Monthly counts from ${monthLabel(series[0]!.month)} to ${monthLabel(series.at(-1)!.month)}; the shaded band is the current window (${a.period.label}, ${count(windowCount)} in ${inWindow.length === a.period.months ? `its ${inWindow.length} month${inWindow.length === 1 ? '' : 's'}` : `the ${inWindow.length} of its ${a.period.months} months the data covers`}). ${highestMonths(series)}${gap}`,
    seriesSpec(series, { start: a.period.start, end: a.period.end }, colour, shown),
  );
  return figure(chart, seriesTable(`${name}: monthly counts`, series, count, shown));
}

async function themeView(a: Assessment, t: ThemeResult, colour: string) {
  const head = t.measures[0]!;
  return {
    id: t.id,
    name: t.name,
    summary: t.summary,
    sensitive: t.sensitive,
    figure: await seriesFigure(a, {
      id: t.id,
      name: t.name,
      series: head.series,
      colour,
      counted: counted(head),
      incomplete: incompleteMonths(a, head.source, t.id),
    }),
    measures: table(
      `${t.name}: each source`,
      [
        'Source',
        'Categories',
        ['Current', 'num'],
        ['Previous', 'num'],
        ['Change in the totals', 'num'],
        'Is the change more than noise?',
        ['Per 1,000', 'num'],
      ],
      t.measures.map((m) => [
        sourceLabel(a, m.source),
        m.categories.join(', '),
        count(m.current),
        count(m.previous),
        m.changePctLabel,
        sig(m),
        rate(m.ratePer1000),
      ]),
    ),
    hotspots: hotspotTable(head.hotspots, t.name),
    concentration:
      head.hotspots.top10PctSharePct === null
        ? null
        : `The top ${head.hotspots.top10PctAreas} of ${head.hotspots.areas} areas (${head.hotspots.level === 'lsoa' ? 'LSOAs' : `${head.hotspots.level}s`}) hold ${pct(head.hotspots.top10PctSharePct)} of the ${count(head.hotspots.total)} incidents.`,
    exceptions: head.variability.exceptions.map(
      (e) => `${monthLabel(e.month)}: ${count(e.count)}, ${e.direction} the usual range of ${rate(e.lower)} to ${rate(e.upper)}`,
    ),
    variability: head.variability.cv === null ? null : `Month-to-month variation (coefficient of variation): ${head.variability.cv.toFixed(2)}.`,
    repeats: t.measures.flatMap((m) =>
      m.repeats.map(
        (r) =>
          `${count(r.flagged)} of the ${count(r.total)} records of ${sourceLabel(a, m.source)} in ${a.period.label} were flagged ${r.flag} (${pct(r.sharePct)}).`,
      ),
    ),
  };
}

/** A theme's maps: its rate by LSOA where it is recommended, and its partners' figures by ward. */
function themeMaps(maps: MapViews | null, t: ThemeResult, recommended: boolean) {
  if (!maps) return [];
  const lsoa = recommended ? maps.lsoaMap(t.id, t.name) : null;
  return [...(lsoa ? [lsoa] : []), ...maps.wardMaps.filter((w) => w.figure === t.id).map((w) => w.map)];
}

/** The areas with the most incidents and, where they have a population, with the highest rates. */
function hotspotTable(h: Assessment['allCrime']['hotspots'], name: string): TableView[] {
  const level = h.level === 'lsoa' ? 'LSOA' : h.level;
  return [
    ...(h.byCount.length === 0
      ? []
      : [
          table(
            `${name}: the ${level}s with the most incidents`,
            [level === 'LSOA' ? 'LSOA' : 'Area', ['Count', 'num'], ["Share of the area's total", 'num']],
            h.byCount.map((x) => [x.place ?? x.area, count(x.count), pct(x.sharePct)]),
          ),
        ]),
    ...(h.byRate.length === 0
      ? []
      : [
          table(
            `${name}: the ${level}s with the highest rates`,
            [level === 'LSOA' ? 'LSOA' : 'Area', ['Count', 'num'], ['Residents', 'num'], ['Per 1,000 residents', 'num']],
            h.byRate.map((x) => [x.place ?? x.area, count(x.count), count(x.population), rate(x.ratePer1000)]),
          ),
        ]),
  ];
}

/** What the assessment recommends to the partnership: priorities, close calls and the data to mend. */
function recommendationsView(a: Assessment) {
  const r = a.ranking;
  const byId = new Map(a.themes.map((t) => [t.id, t]));
  return {
    priorities: r.themes
      .filter((t) => t.recommended)
      .map((t) => {
        const top = [...t.criteria].sort((x, y) => y.contribution - x.contribution || x.id.localeCompare(y.id)).slice(0, 2);
        const f = byId.get(t.id)!;
        const change = f.comparable ?? f;
        return {
          name: t.name,
          text: `ranked ${t.rank} of ${r.themes.length} (score ${t.score}), scoring most on ${top.map((c) => `${criterionName(r.criteria.find((x) => x.id === c.id) ?? { id: c.id, kind: 'judged' })} (band ${c.band})`).join(' and ')}; ${change.changePctLabel === 'n/a' ? '' : `${change.changePctLabel}${f.comparable ? ' on comparable months' : ''}, `}${change.significance}.`,
          override: t.override?.recommend ? `Recommended by override: ${t.override.reason}` : null,
        };
      }),
    close: r.sensitivity.borderline.map((b) => `${themeName(a, b.theme)}: moves in or out of the recommended set when ${b.scenarios.join('; ')}.`),
    data: a.dataQuality.filter((f) => f.severity !== 'info').map((f) => `${f.message}: ${f.effect}.`),
  };
}

/** Last year's action plan, reviewed: where each action stands and what its measure did. */
function lastYearView(a: Assessment) {
  if (a.actions.length === 0) return null;
  const n = (status: string) => actionsWith(a, status);
  return {
    summary: `Of last year's ${a.actions.length} actions, ${n('completed')} ${n('completed') === 1 ? 'is' : 'are'} completed, ${n('ongoing')} ongoing and ${n('carried forward')} carried forward.`,
    table: table(
      "Last year's actions, their status and their measures",
      ['Action', 'Theme', 'Status', 'Measure', ['Before', 'num'], ['Latest', 'num'], ['Change', 'num']],
      a.actions.map((x) => [
        x.action,
        x.theme ?? '',
        x.status,
        x.measure ?? '',
        count(x.baseline),
        count(x.latest),
        x.baseline === null || x.latest === null
          ? ''
          : `${x.latest - x.baseline > 0 ? '+' : x.latest < x.baseline ? '−' : ''}${count(Math.abs(x.latest - x.baseline))}`,
      ]),
    ),
  };
}

function surveyView(a: Assessment) {
  const s = a.survey;
  if (!s) return null;
  return {
    responses: count(s.responses),
    // Each share beside the two counts it is of, so a reader can do the division.
    headline: table(
      'Resident survey: key results (each share is of the respondents who answered the question)',
      ['Question', ['Gave the answer', 'num'], ['Answered the question', 'num'], ['Share of those who answered', 'num']],
      [
        ['Agree or strongly agree with the proposed priorities', count(s.agreeRespondents ?? null), count(s.agreeAnswered), pct(s.agreePct)],
        ['Feel very or fairly safe during the day', count(s.safeDayRespondents ?? null), count(s.safeDayAnswered), pct(s.safeDayPct)],
        ['Feel very or fairly safe after dark', count(s.safeDarkRespondents ?? null), count(s.safeDarkAnswered), pct(s.safeDarkPct)],
      ],
    ),
    problems: table(
      `Which of these are problems in your area? (share of all ${count(s.responses)} respondents; a respondent may name several)`,
      ['Answer', ['Naming it', 'num'], ['Share of all', 'num']],
      s.problems.map((p) => [p.option, count(p.respondents), pct(p.sharePct)]),
    ),
  };
}
