import { execFile, spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Chalk } from 'chalk';
import { run } from '../src/cli.js';
import type { Io } from '../src/core/io.js';
import type { Assessment } from '../src/analyse/assessment-schema.js';
import type { summaryJson } from '../src/commands/assess.js';
import type { problemJson } from '../src/commands/json.js';
import type { validationJson } from '../src/commands/validate.js';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const SAMPLE_CONFIG = path.join(ROOT, 'data-samples', 'csp.yaml');
export const REAL_CONFIG = path.join(ROOT, 'test', 'fixtures', 'realdata', 'csp.yaml');

/** A problem as `--json` prints it: message, and file, line, column, key and hint where known. */
export type ProblemJson = ReturnType<typeof problemJson>;
/** What `csp validate --json` prints. */
export type ValidationJson = ReturnType<typeof validationJson>;
/** One source of `csp validate --json`. */
export type SourceJson = ValidationJson['sources'][number];
/** What `csp assess --json` prints: the summary, and the errors that did not stop the run (no browser for PDF). */
export type AssessJson = ReturnType<typeof summaryJson> & { errors: ProblemJson[] };
/** What a command given --json prints when it fails before its own object (src/cli.ts): its errors. */
export interface ErrorsJson {
  errors: ProblemJson[];
  warnings: ProblemJson[];
}

/** assessment.json read back: from the folder it is in, or the file itself. */
export function readAssessment(dirOrFile: string): Assessment {
  const file = dirOrFile.endsWith('.json') ? dirOrFile : path.join(dirOrFile, 'assessment.json');
  return JSON.parse(readFileSync(file, 'utf8')) as Assessment;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output (fast; the same code path as bin/csp.js). */
export async function cli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; columns?: number } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    out: (t) => (stdout += t),
    err: (t) => (stderr += t),
    color: new Chalk({ level: 0 }),
    env: { ...opts.env },
    cwd: opts.cwd ?? ROOT,
    interactive: false,
    columns: opts.columns,
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

/** Runs bin/csp.js as a user does, in a child process with no stdin. */
export async function binCsp(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'bin', 'csp.js'), ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1', ...opts.env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

/** Starts bin/csp.js as a user does, with no stdin and its output piped, for tests that interrupt it or close its pipes. */
export function spawnBinCsp(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcessByStdio<null, Readable, Readable> {
  return spawn(process.execPath, [path.join(ROOT, 'bin', 'csp.js'), ...args], {
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * A workspace needs a source for all crime. Tests of a partner's file get one from
 * minimalConfig: police files of Dover ASB in the first and last months of the windows
 * (Jan 2023 and Dec 2024), listed after the test's sources, so no figure of the area changes;
 * workspace() writes them where a csp.yaml reads them.
 */
export const CRIME_SOURCE = `  crime:\n    kind: police-uk-street\n    description: police files that cover the windows (test helper)\n    files: "crime/*.csv"`;
const CRIME_FILES = Object.fromEntries(
  ['2023-01', '2024-12'].map((m) => [
    `crime/${m}-kent-street.csv`,
    `Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n,${m},Kent Police,Kent Police,1.3,51.1,On or near A Road,E01024200,Dover 001A,Anti-social behaviour,,\n`,
  ]),
);

/** A temporary workspace with the given files (path → content). */
export function workspace(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'csp-test-'));
  const config = files['csp.yaml'];
  if (typeof config === 'string' && config.includes(CRIME_SOURCE)) files = { ...CRIME_FILES, ...files };
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** The smallest valid csp.yaml, with the given sources block (YAML text, indented by two), and a source for all crime. */
export function minimalConfig(sources: string, extra = ''): string {
  if (!sources.includes('police-uk-street') && !extra.includes('allCrime')) sources = `${sources}\n${CRIME_SOURCE}`;
  return `partnership:
  name: Test CSP
  area: Thanet
  force: Kent Police
period:
  end: 2024-12
geography:
  districts:
    - name: Thanet
    - name: Dover
sources:
${sources}
${extra}`;
}
