import { count as n, counted } from '../core/words.js';
import { EXIT, formatProblem, invalidInput, reported, type Problem } from '../core/errors.js';
import type { SourceReport, ValidationReport } from '../validate/types.js';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { runWindow } from '../core/calendar/periods.js';
import { readWorkspace } from './workspace.js';
import type { Io } from '../core/io.js';
import { problemJson } from './json.js';
import { shorten } from './terminal.js';
import { settingsOf } from '../util/env.js';
import { readAreaBoundaries, type Boundaries } from '../ingest/boundaries/index.js';
import { matchPoliceLsoas } from '../analyse/maps/section.js';
import type { Database } from '../ingest/database.js';
import type { Config } from '../config/load.js';

export interface ValidateOptions {
  config: string;
  json?: boolean;
  db?: string;
  quiet?: boolean;
  verbose?: boolean;
}

/** `csp validate`: read every source and say what was read, rejected and why. */
export async function validate(opts: ValidateOptions, io: Io): Promise<number> {
  settingsOf(io.env); // SOURCE_DATE_EPOCH dates "in the future": a value that is not a date is said
  const config = loadConfig(path.resolve(io.cwd, opts.config));
  // Boundary files that cannot be read are said now (exit 2), before any data is read, as assess does.
  const boundaries = readAreaBoundaries(config);
  const { db, report } = await readWorkspace({ ...opts, config, window: runWindow(config.period) }, io);
  try {
    if (boundaries && report.errors.length === 0) report.warnings.push(...(await boundaryWarnings(db, config, boundaries)));
  } finally {
    db.close();
  }
  if (opts.json) io.out(`${JSON.stringify(validationJson(report))}\n`);
  if (!opts.quiet) io.err(formatReport(report, io, opts.verbose ?? false));
  if (report.errors.length > 0) {
    if (opts.json) return EXIT.invalidInput;
    throw reported(invalidInput(report.errors), !opts.quiet);
  }
  return EXIT.ok;
}

/** The maps' findings on the police LSOA codes against the boundary files (a file of none of them, codes in no file), as warnings. */
async function boundaryWarnings(db: Database, config: Config, boundaries: Boundaries): Promise<Problem[]> {
  const { findings } = await matchPoliceLsoas(db, config, boundaries);
  return findings.filter((f) => f.severity === 'warning').map((f) => ({ message: f.message, where: { key: 'geography.boundaries.lsoa' }, hint: f.effect }));
}

export function validationJson(r: ValidationReport) {
  return {
    sources: r.sources.map((s) => ({
      id: s.id,
      kind: s.kind,
      files: s.files,
      rowsRead: s.rowsRead,
      rowsAccepted: s.rowsAccepted,
      rowsRejected: s.rowsRejected,
      months: s.months,
      missingMonths: s.missingMonths,
      partialMonths: s.partialMonths,
      asbPartialMonths: s.asbPartialMonths,
      areaPartialMonths: s.areaPartialMonths,
      areaAsbPartialMonths: s.areaAsbPartialMonths,
      rejects: s.rejects,
      categories: s.categories,
      unmappedCategories: s.unmappedCategories,
      outsideForce: s.outsideForce,
      noLocation: s.noLocation,
      noLocationByMonth: s.noLocationByMonth,
      placement: s.placement,
      repeatedAreas: s.repeatedAreas,
      renamedDistricts: s.renamedDistricts,
      categoryChanges: s.categoryChanges,
      boundaryChanges: s.boundaryChanges,
    })),
    errors: r.errors.map(problemJson),
    warnings: r.warnings.map(problemJson),
  };
}

export function formatReport(r: ValidationReport, io: Io, verbose: boolean): string {
  const c = io.color;
  const lines: string[] = [];
  for (const s of r.sources) lines.push(...formatSource(s, io, verbose), '');
  if (r.warnings.length > 0) {
    lines.push(c.yellow(`${counted(r.warnings.length, 'warning')}:`));
    for (const w of r.warnings) lines.push(indent(`⚠ ${formatProblem(w)}`));
    lines.push('');
  }
  if (r.errors.length > 0) {
    lines.push(c.red(`${r.errors.length} error(s): the data cannot be used as it is.`));
    for (const e of r.errors) lines.push(indent(`✖ ${formatProblem(e)}`));
  } else {
    const read = r.sources.reduce((a, s) => a + s.rowsRead, 0);
    const rejected = r.sources.reduce((a, s) => a + s.rowsRejected, 0);
    lines.push(c.green(`✔ usable: ${n(read)} rows read from ${r.sources.length} source${r.sources.length === 1 ? '' : 's'}, ${n(rejected)} rejected.`));
  }
  return `${lines.join('\n')}\n`;
}

function formatSource(s: SourceReport, io: Io, verbose: boolean): string[] {
  const c = io.color;
  const lines = [c.bold(`${s.id} (${s.kind}): ${n(s.rowsRead)} rows read, ${n(s.rowsAccepted)} accepted, ${n(s.rowsRejected)} rejected`)];
  const shownFiles = verbose || s.files.length <= 6 ? s.files : [...s.files.slice(0, 3), undefined, ...s.files.slice(-2)];
  // The counts take 50 characters, or 29 in short on a terminal under 100 wide; a long path then
  // keeps its end (the file name).
  const narrow = io.columns !== undefined && io.columns < 100;
  const room = io.columns ? Math.max(12, io.columns - (narrow ? 32 : 53)) : Infinity;
  const pathOf = (p: string) => shorten(p, room, 'end');
  const width = Math.max(...s.files.map((f) => pathOf(f.path).length), 4);
  for (const f of shownFiles) {
    if (!f) {
      lines.push(c.dim(`  … ${s.files.length - 5} more files (--verbose lists them all)`));
      continue;
    }
    const counts = narrow
      ? `${n(f.rowsRead).padStart(9)} read ${n(f.rowsRejected).padStart(5)} rejected`
      : `${n(f.rowsRead).padStart(9)} read ${n(f.rowsAccepted).padStart(9)} accepted ${n(f.rowsRejected).padStart(7)} rejected`;
    lines.push(`  ${pathOf(f.path).padEnd(width)} ${f.error ? c.red(`not read: ${f.error}`) : counts}`);
    // Where each file really is (links followed) and its fingerprint, to check it against a download.
    if (verbose && f.fullPath) lines.push(c.dim(`    ${f.fullPath}  sha256 ${f.sha256}`));
  }
  if (s.months.length > 0) {
    lines.push(
      `  months: ${s.months[0]} to ${s.months.at(-1)} (${s.months.length})` +
        (s.missingMonths.length ? c.yellow(`, missing ${s.missingMonths.join(', ')}`) : '') +
        (s.partialMonths.length ? c.yellow(`, partial ${s.partialMonths.map((p) => p.month).join(', ')}`) : '') +
        (s.asbPartialMonths.length ? c.yellow(`, ASB partial ${s.asbPartialMonths.map((p) => p.month).join(', ')}`) : ''),
    );
  }
  if (s.categories.length > 0) {
    const shown = verbose ? s.categories : s.categories.slice(0, 8);
    lines.push(
      `  categories: ${shown.map((x) => `${x.category} ${n(x.rows)}${x.themes.length ? '' : ' (no theme)'}`).join('; ')}` +
        (shown.length < s.categories.length ? `; … ${s.categories.length - shown.length} more` : ''),
    );
  }
  for (const x of s.rejects) {
    lines.push(c.yellow(`  rejected ${n(x.rows)}: ${x.reason}`));
    for (const e of x.examples) {
      lines.push(c.dim(`    ${e.file}${e.line ? `:${e.line}` : ''}${e.value !== null ? `  ${JSON.stringify(e.value)}` : ''}`));
    }
  }
  return lines;
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
export type { Problem };
