import { stringify } from 'csv-stringify/sync';
import type { Assessment } from '../analyse/assessment-schema.js';
import { stableZip } from '../util/stable-zip.js';
import { counted } from '../core/words.js';
import { baselineMonthsAvailable, MIN_BASELINE_MONTHS } from '../analyse/exceptions.js';

export type Cell = string | number | boolean | null;

export interface Table {
  /** File name without extension, also the worksheet name. */
  name: string;
  title: string;
  columns: string[];
  rows: Cell[][];
}

/** Every table behind the documents, from assessment.json alone. */
export function assessmentTables(a: Assessment): Table[] {
  const figureColumns = [
    'current',
    'previous',
    'change',
    'change_pct',
    'p_value',
    'significance',
    'rate_per_1000',
    'force_average_rate_per_1000',
    'rank',
    'of_districts',
    'comparable_months',
    'comparable_current',
    'comparable_previous',
    'comparable_change_pct',
    'comparable_p_value',
    'comparable_significance',
    'excluded_months',
  ];
  // Where a window has a gap month: the change on comparable months, and the months left out.
  const comparable = (f: { comparable: Assessment['allCrime']['comparable'] }) => {
    const c = f.comparable;
    return c
      ? [c.months, c.current, c.previous, c.changePct, c.pValue, c.significance, c.excludedMonths.join('; ')]
      : [null, null, null, null, null, null, null];
  };
  return [
    {
      name: 'themes',
      title: `Candidate themes, ${a.period.label} against ${a.period.previousLabel}`,
      columns: ['theme_id', 'theme', 'source', 'categories', ...figureColumns, 'perception_pct', 'data_quality'],
      rows: [
        [
          'all-crime',
          'All crime (excluding ASB)',
          a.allCrime.source,
          'all but Anti-social behaviour',
          a.allCrime.current,
          a.allCrime.previous,
          a.allCrime.change,
          a.allCrime.changePct,
          a.allCrime.pValue,
          a.allCrime.significance,
          a.allCrime.ratePer1000,
          a.allCrime.forceAverageRatePer1000,
          a.allCrime.rank,
          a.allCrime.rankOf,
          ...comparable(a.allCrime),
          null,
          a.allCrime.dataQuality.join('; '),
        ],
        ...a.themes.flatMap((t) =>
          t.measures.map((m) => [
            t.id,
            t.name,
            m.source,
            m.categories.join('; '),
            m.current,
            m.previous,
            m.change,
            m.changePct,
            m.pValue,
            m.significance,
            m.ratePer1000,
            m.forceAverageRatePer1000,
            m.rank,
            m.rankOf,
            ...comparable(m),
            t.perceptionPct,
            m.dataQuality.join('; '),
          ]),
        ),
      ],
    },
    {
      name: 'all-crime-by-district',
      title: `All crime (excluding ASB) by district, ${a.period.label}`,
      columns: ['area', 'group', 'population', 'current', 'previous', 'rate_per_1000', 'rank', 'is_partnership_area'],
      rows: a.comparators.map((c) => [c.area, c.group, c.population, c.current, c.previous, c.ratePer1000, c.rank, c.isArea]),
    },
    {
      name: 'monthly-series',
      title: `Monthly counts for ${a.area.name}, ${a.period.seriesStart} to ${a.period.end}`,
      columns: ['month', 'all_crime', ...a.themes.flatMap((t) => t.measures.map((m) => `${t.id}:${m.source}`))],
      rows: monthsOf(a).map((month) => [
        month,
        a.allCrime.series.find((s) => s.month === month)?.count ?? null,
        ...a.themes.flatMap((t) => t.measures.map((m) => m.series.find((s) => s.month === month)?.count ?? null)),
      ]),
    },
    {
      name: 'hotspots',
      title: `Areas with the most incidents, and with the highest rates, ${a.period.label}`,
      columns: ['theme_id', 'source', 'level', 'ranked_by', 'area', 'count', 'share_pct', 'population', 'rate_per_1000'],
      rows: [
        ['all-crime', a.allCrime.hotspots, null] as const,
        ...a.themes.flatMap((t) => t.measures.map((m) => [t.id, m.hotspots, m.source] as const)),
      ].flatMap(([id, h, source]) => [
        ...h.byCount.map((x) => [id, source, h.level, 'count', x.area, x.count, x.sharePct, null, null]),
        ...h.byRate.map((x) => [id, source, h.level, 'rate', x.area, x.count, null, x.population, x.ratePer1000]),
      ]),
    },
    // Each theme's headline figure in every district of the force: how the area compares.
    ...a.themes
      .filter((t) => t.districts.length > 0)
      .map((t) => ({
        name: `districts-${t.id}`,
        title: `${t.name} by district, ${a.period.label} against ${a.period.previousLabel}`,
        columns: ['district', 'population', 'current', 'previous', 'rate_per_1000', 'rank', 'is_partnership_area'],
        rows: t.districts.map((d) => [d.area, d.population, d.current, d.previous, d.ratePer1000, d.rank, d.isArea]),
      })),
    exceptionsTable(a),
    surveyTable(a),
    {
      name: 'data-quality',
      title: 'Data-quality findings and their effect on the figures',
      columns: ['id', 'severity', 'source', 'finding', 'effect', 'affects'],
      rows: a.dataQuality.map((f) => [f.id, f.severity, f.source, f.message, f.effect, f.affects.join('; ')]),
    },
    {
      name: 'ranking',
      title: `Ranking of candidate themes (${a.ranking.method}, bands 1–${a.ranking.scale}); the top ${a.ranking.recommend} recommended`,
      columns: [
        'rank',
        'theme_id',
        'theme',
        'score',
        'recommended',
        'override_reason',
        ...a.ranking.criteria.flatMap((c) => [`${c.id}_raw`, `${c.id}_band`, `${c.id}_weight`, `${c.id}_contribution`, `${c.id}_reason`]),
      ],
      rows: a.ranking.themes.map((t) => [
        t.rank,
        t.id,
        t.name,
        t.score,
        t.recommended,
        t.override ? `${t.override.recommend ? 'recommended' : 'not recommended'} by override: ${t.override.reason}` : null,
        ...t.criteria.flatMap((c) => [c.raw, c.band, c.weight, c.contribution, c.reason]),
      ]),
    },
    {
      name: 'sensitivity',
      title: `Sensitivity of the recommended set (${a.ranking.sensitivity.baseline.join(', ')}): ${a.ranking.sensitivity.robust ? 'robust to every change tried' : 'changes in some scenarios'}`,
      columns: ['change', 'criterion', 'recommended', 'changed', 'entered', 'left'],
      rows: a.ranking.sensitivity.scenarios.map((s) => [s.change, s.criterion, s.recommended.join('; '), s.changed, s.entered.join('; '), s.left.join('; ')]),
    },
    {
      name: 'sources',
      title: 'Sources: every file read, with its SHA-256',
      columns: ['source', 'kind', 'path', 'full_path', 'sha256', 'rows_read', 'rows_accepted', 'rows_rejected'],
      rows: a.sources.flatMap((s) => s.files.map((f) => [s.id, s.kind, f.path, f.fullPath ?? '', f.sha256, f.rowsRead, f.rowsAccepted, f.rowsRejected])),
    },
  ];
}

/**
 * Months outside the control limits, each with its centre line (the mean) and limits (mean ± 2 SD)
 * and the number of baseline months they are of, so that "outside" can be checked row by row.
 */
function exceptionsTable(a: Assessment): Table {
  const most = baselineMonthsAvailable(a.period);
  const rows = (id: string, source: string | null, v: Assessment['allCrime']['variability']) =>
    v.exceptions.map((e) => [id, source, e.month, e.count, e.direction, e.mean, e.lower, e.upper, v.baselineMonths]);
  return {
    name: 'exceptions',
    title:
      most < MIN_BASELINE_MONTHS
        ? `Months outside the control limits: none looked for (the monthly series holds ${counted(most, 'month')} before the window; the limits need ${MIN_BASELINE_MONTHS})`
        : `Months outside the control limits (mean ± 2 SD of up to ${most} months before the window: baseline_months for each figure)`,
    columns: ['theme_id', 'source', 'month', 'count', 'direction', 'mean', 'lower', 'upper', 'baseline_months'],
    rows: [...rows('all-crime', null, a.allCrime.variability), ...a.themes.flatMap((t) => t.measures.flatMap((m) => rows(t.id, m.source, m.variability)))],
  };
}

/**
 * The survey: every row gives the respondents who gave the answer, and the share is of the base
 * named beside it. A question's shares are of those who answered it; the "problems" shares are
 * of all respondents (most name several, some none), so they do not add up to 100%.
 */
function surveyTable(a: Assessment): Table {
  const s = a.survey;
  const title = s
    ? `Resident survey: ${counted(s.responses, 'response')}; each share_pct is respondents_giving_answer as a % of base_respondents (those who answered the question, or all respondents)`
    : 'Resident survey: none';
  const answered = 'answered the question';
  const all = 'all respondents';
  return {
    name: 'survey',
    title,
    columns: ['question', 'answer', 'respondents_giving_answer', 'share_of', 'base_respondents', 'share_pct'],
    rows: s
      ? [
          ['Agree with the proposed priorities', 'agree or strongly agree', s.agreeRespondents ?? null, answered, s.agreeAnswered, s.agreePct],
          ['Feel safe during the day', 'very or fairly safe', s.safeDayRespondents ?? null, answered, s.safeDayAnswered, s.safeDayPct],
          ['Feel safe after dark', 'very or fairly safe', s.safeDarkRespondents ?? null, answered, s.safeDarkAnswered, s.safeDarkPct],
          ...s.problems.map((p) => ['Which are problems in your area', p.option, p.respondents, all, s.responses, p.sharePct]),
        ]
      : [],
  };
}

/**
 * A worksheet name: at most 31 characters, unique in the workbook without regard to case (as
 * Excel requires). Two long theme ids that share their first 31 characters get "~2", "~3".
 */
export function sheetName(name: string, taken: Set<string>): string {
  let candidate = name.slice(0, 31);
  for (let k = 2; taken.has(candidate.toLowerCase()); k++) candidate = `${name.slice(0, 31 - String(k).length - 1)}~${k}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** Every month any series covers, in order. */
function monthsOf(a: Assessment): string[] {
  const months = new Set([...a.allCrime.series, ...a.themes.flatMap((t) => t.measures.flatMap((m) => m.series))].map((s) => s.month));
  return [...months].sort();
}

/**
 * A cell that a spreadsheet would run as a formula (=, +, -, @, or a tab/CR first) is
 * prefixed with an apostrophe: partner text must never execute when the CSV is opened.
 */
export function safeCell(v: Cell): Cell {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

export function tableCsv(t: Table): string {
  return stringify([t.columns.map(safeCell), ...t.rows.map((r) => r.map(safeCell))], { cast: { boolean: (b) => (b ? 'true' : 'false') } });
}

export async function tablesXlsx(tables: Table[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.created = workbook.modified = new Date(Date.UTC(2000, 0, 1));
  workbook.creator = 'csp';
  const names = new Set<string>();
  for (const t of tables) {
    const sheet = workbook.addWorksheet(sheetName(t.name, names));
    sheet.addRow([safeCell(t.title)]).font = { bold: true };
    // Headings come from partner data too (a theme or source id, a survey option): neutralised alike.
    sheet.addRow(t.columns.map(safeCell)).font = { bold: true };
    for (const r of t.rows) sheet.addRow(r.map(safeCell));
  }
  // Stored, not compressed: stableZip compresses every entry once, as it rewrites their dates.
  return stableZip(Buffer.from(await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as Parameters<typeof workbook.xlsx.writeBuffer>[0])));
}
