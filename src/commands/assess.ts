import path from 'node:path';
import { today } from '../core/clock.js';
import type { Assessment } from '../analyse/assessment-schema.js';
import { runWindow } from '../core/calendar/periods.js';
import { verdictLabel } from '../analyse/significance.js';
import { CspError, EXIT, formatProblem, invalidInput, reported } from '../core/errors.js';
import type { Io } from '../core/io.js';
import { OutputSet } from '../util/output-set.js';
import { checkTemporaryFolder } from '../util/temporary-folder.js';
import { checkWritable } from '../util/writable.js';
import { logoDataUri } from '../render/logo.js';
import { VERSION } from '../core/version.js';
import { agreeing, count as n, counted, rate as r } from '../core/words.js';
import { problemJson } from './json.js';
import { fitColumn } from './terminal.js';
import { formatReport } from './validate.js';
import { readWorkspace } from './workspace.js';
import { browserFor, documentOptions, parseFormats, stepper } from './steps.js';
import { settingsOf } from '../util/env.js';
import { lineOfKey, loadConfig } from '../config/load.js';
import { resolveRanking } from '../rank/resolve.js';
import { readAreaBoundaries } from '../ingest/boundaries/index.js';

export interface AssessOptions {
  config: string;
  out?: string;
  period?: string;
  json?: boolean;
  db?: string;
  format?: string;
  templates?: string;
  browser?: string;
  quiet?: boolean;
  verbose?: boolean;
}

/** `csp assess`: ingest, analyse, and write assessment.json with its tables. */
export async function assess(opts: AssessOptions, io: Io): Promise<number> {
  const settings = settingsOf(io.env);
  const formats = opts.format ? parseFormats(opts.format) : undefined;
  const step = stepper(io, opts.quiet ?? false);
  // The ranking's settings are checked before any data is read.
  const checked = loadConfig(path.resolve(io.cwd, opts.config));
  const window = runWindow(checked.period, opts.period);
  const { ranking, problems } = resolveRanking(checked);
  if (problems.length > 0) {
    throw invalidInput(
      problems.map((p) => ({ ...p, where: { file: opts.config, line: p.where?.key ? lineOfKey(checked, p.where.key) : undefined, ...p.where } })),
    );
  }
  // Where the outputs go, checked before any data is read: a folder csp cannot write ends the
  // run now (exit 3), not after the analysis.
  const outDir = opts.out ? path.resolve(io.cwd, opts.out) : path.resolve(checked.baseDir, checked.output.dir);
  checkWritable(outDir, path.relative(io.cwd, outDir) || '.');
  checkTemporaryFolder();
  logoDataUri(checked); // a logo the documents cannot carry is said now, not after the analysis
  // Boundary files that cannot be read stop the run now (exit 2), before any data is read.
  const boundaries = readAreaBoundaries(checked);
  const pdf = browserFor(formats ?? checked.output.formats, opts.browser ? path.resolve(io.cwd, opts.browser) : undefined, io.env);
  // What analyses and writes (statistics, charts, templates, XLSX) loads while DuckDB reads.
  let later: ReturnType<typeof loadLater> | undefined;
  const startLoading = () => {
    later ??= loadLater();
    later.catch(() => undefined);
  };
  const { config, db, report, period } = await readWorkspace({ ...opts, config: checked, window, onFileStart: startLoading }, io);
  const [{ analyse }, { rankAssessment }, { assessmentJsonSchema }, { assessmentTables, tableCsv, tablesXlsx }, { renderDocuments }] = await (later ??
    loadLater());
  let assessment: Assessment;
  try {
    const rows = report.sources.reduce((a, s) => a + s.rowsRead, 0);
    step(`read ${report.sources.length} source${report.sources.length === 1 ? '' : 's'}, ${rows.toLocaleString('en-GB')} rows`);
    if (report.errors.length > 0) {
      if (!opts.quiet) io.err(formatReport(report, io, false));
      throw reported(invalidInput(report.errors), !opts.quiet);
    }
    const figures = await analyse({ db, config, report, period, generatedOn: config.output.date ?? today(io.env), version: VERSION, boundaries });
    assessment = rankAssessment(figures, ranking, report);
    step(`analysed ${assessment.themes.length} themes, ${period.label} against ${period.previousLabel}`);
  } finally {
    db.close();
  }
  step.hold(); // "wrote …" is said once the outputs are in place
  const rendered = await OutputSet.filled(
    outDir,
    async (out) => {
      const tables = assessmentTables(assessment);
      out.write('assessment.json', `${JSON.stringify(assessment, null, 2)}\n`);
      out.write('assessment.schema.json', `${JSON.stringify(assessmentJsonSchema(), null, 2)}\n`);
      for (const t of tables) out.write(path.join('tables', `${t.name}.csv`), tableCsv(t));
      out.write('tables.xlsx', await tablesXlsx(tables));
      const shown = path.relative(io.cwd, outDir) || '.';
      step(`wrote ${shown}/assessment.json, ${tables.length} tables in ${shown}/tables/ and ${shown}/tables.xlsx`);
      // The partners' Strategic Assessment document; a missing browser still leaves the HTML.
      return renderDocuments({
        kinds: ['assessment'],
        assessment,
        config,
        boundaries,
        out,
        ...documentOptions(opts, io, step, config),
        formats: pdf.formats,
        browser: pdf.browser,
      });
    },
    { waitMs: settings.lockWaitMs, onNote: (note) => !opts.quiet && io.err(io.color.dim(`… ${note}\n`)) },
  );
  step.release();
  const noBrowser = pdf.noBrowser ?? rendered.noBrowser;
  if (!opts.quiet) io.err(summaryTable(assessment, io));
  // One JSON object: the browser's trouble is in it, not in a second object after it.
  if (opts.json)
    io.out(`${JSON.stringify({ ...summaryJson(assessment, outDir), errors: noBrowser instanceof CspError ? noBrowser.problems.map(problemJson) : [] })}\n`);
  if (noBrowser) throw noBrowser;
  return EXIT.ok;
}

const loadLater = () =>
  Promise.all([
    import('../analyse/assess.js'),
    import('../rank/index.js'),
    import('../analyse/assessment-schema.js'),
    import('../render/tables.js'),
    import('../render/documents.js'),
    import('exceljs'),
  ]);

/** The compact summary scheduled jobs read from stdout. */
export function summaryJson(a: Assessment, outDir: string) {
  const figure = (f: Assessment['allCrime'] | Assessment['themes'][number]) => ({
    current: f.current,
    previous: f.previous,
    change: f.change,
    changePct: f.changePct,
    pValue: f.pValue,
    significance: f.significance,
    ratePer1000: f.ratePer1000,
    forceAverageRatePer1000: f.forceAverageRatePer1000,
    rank: f.rank,
    comparable: f.comparable
      ? {
          months: f.comparable.months,
          excludedMonths: f.comparable.excludedMonths,
          current: f.comparable.current,
          previous: f.comparable.previous,
          changePct: f.comparable.changePct,
          pValue: f.comparable.pValue,
          significance: f.comparable.significance,
        }
      : null,
  });
  return {
    schemaVersion: a.schemaVersion,
    period: { start: a.period.start, end: a.period.end, previousStart: a.period.previousStart, previousEnd: a.period.previousEnd },
    area: { name: a.area.name, population: a.area.population },
    allCrime: figure(a.allCrime),
    themes: a.themes.map((t) => ({ id: t.id, name: t.name, ...figure(t) })),
    warnings: a.dataQuality.filter((f) => f.severity !== 'info').map((f) => ({ id: f.id, message: f.message, effect: f.effect })),
    outputs: { dir: outDir, assessment: path.join(outDir, 'assessment.json') },
  };
}

function summaryTable(a: Assessment, io: Io): string {
  const c = io.color;
  // The full table is about 115 characters wide; below that, the significance in short.
  const compact = io.columns !== undefined && io.columns < 115;
  const head = [
    '',
    'current',
    'previous',
    'change',
    compact ? 'signif.' : 'significance',
    compact ? '/1,000' : 'per 1,000',
    compact ? 'force' : 'force avg',
    'rank',
  ];
  const rows = [['All crime (excluding ASB)', a.allCrime] as const, ...a.themes.map((t) => [t.name, t] as const)].map(([name, f]) => [
    // With a gap month in a window, the change and its verdict on comparable months (marked *).
    // The verdict in the JSON's words; on a narrow terminal in short, with a key below.
    name,
    n(f.current),
    n(f.previous),
    `${(f.comparable ?? f).changePctLabel}${f.comparable ? '*' : ''}`,
    compact
      ? `${SHORT_VERDICT[(f.comparable ?? f).significance] ?? ''}${f.comparable ? '*' : ''}`
      : `${verdictLabel(f.comparable ?? f)}${f.comparable ? '*' : ''}`,
    r(f.ratePer1000),
    r(f.forceAverageRatePer1000),
    f.rank === null ? '–' : `${f.rank}/${f.rankOf}`,
  ]);
  // On a narrow terminal the theme names give up width, so no line wraps.
  const [fittedHead, ...fitted] = fitColumn([head, ...rows], 0, io.columns);
  head.splice(0, head.length, ...fittedHead!);
  rows.splice(0, rows.length, ...fitted);
  const widths = head.map((_, i) => Math.max(head[i]!.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const out = [
    '',
    c.bold(`${a.area.name}: ${a.period.label} against ${a.period.previousLabel}` + (a.area.population ? ` (population ${n(a.area.population)})` : '')),
    c.dim(line(head)),
    ...rows.map(line),
  ];
  // * Figures whose windows hold a month that is not whole: what their change was measured on.
  const notes = new Map<string, string[]>();
  for (const [name, f] of [['All crime', a.allCrime] as const, ...a.themes.map((t) => [t.name, t] as const)]) {
    if (f.comparable) notes.set(f.comparable.note, [...(notes.get(f.comparable.note) ?? []), name]);
  }
  for (const [note, names] of notes) out.push(c.dim(`* ${names.join(', ')}: ${note}`));
  if (compact)
    out.push(
      c.dim(
        `signif.: ${Object.entries(SHORT_VERDICT)
          .map(([words, short]) => `${short} = ${words}`)
          .join('; ')} (p-values in the wider table or with --json)`,
      ),
    );
  out.push('', c.bold(`Ranking (${a.ranking.method}, bands 1–${a.ranking.scale}): the top ${a.ranking.recommend} recommended`));
  const crit = a.ranking.criteria.map((x) => x.id);
  // On a narrow terminal the criteria are headed in short (perc., infl.): their bands are one digit.
  const rankHead = ['rank', 'theme', 'score', ...crit.map((id) => (compact && id.length > 6 ? `${id.slice(0, 4)}.` : id)), ''];
  const rankRows = fitColumn(
    [
      rankHead,
      ...a.ranking.themes.map((t) => [
        String(t.rank),
        t.name,
        String(t.score),
        ...t.criteria.map((x) => String(x.band)),
        `${t.recommended ? 'recommended' : ''}${t.override ? ' (override)' : ''}`,
      ]),
    ],
    1,
    io.columns,
  ).slice(1);
  const rw = rankHead.map((_, i) => Math.max(rankHead[i]!.length, ...rankRows.map((row) => row[i]!.length)));
  const rline = (row: string[]) =>
    row
      .map((cell, i) => (i === 1 || i === row.length - 1 ? cell.padEnd(rw[i]!) : cell.padStart(rw[i]!)))
      .join('  ')
      .trimEnd();
  out.push(c.dim(rline(rankHead)), ...rankRows.map((row) => (row.at(-1)!.startsWith('recommended') ? c.green(rline(row)) : rline(row))));
  const s = a.ranking.sensitivity;
  out.push(
    s.robust
      ? c.dim(`The recommended set does not change when any weight moves ±50% or any threshold one step (${s.scenarios.length} checks).`)
      : c.yellow(
          `Borderline: ${s.borderline.map((b) => `${b.theme} (${b.scenarios.length} of ${s.scenarios.length} checks)`).join(', ')}; see tables/sensitivity.csv.`,
        ),
  );
  const warnings = a.dataQuality.filter((f) => f.severity !== 'info');
  if (warnings.length > 0) {
    out.push('', c.yellow(`${counted(warnings.length, 'data-quality warning')} ${agreeing(warnings.length, 'affects', 'affect')} these figures:`));
    for (const w of warnings) out.push(`  ⚠ ${formatProblem({ message: w.message, hint: w.effect })}`);
  }
  return `${out.join('\n')}\n`;
}

/** The JSON's significance words, in short for a narrow terminal. */
const SHORT_VERDICT: Record<string, string> = {
  'significant increase': 'sig. up',
  'significant decrease': 'sig. down',
  'no significant change': 'no sig.',
  'cannot be compared': 'n/c',
};

export { problemJson };
