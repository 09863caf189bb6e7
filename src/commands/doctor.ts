import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../config/load.js';
import { CspError, EXIT } from '../core/errors.js';
import type { Io } from '../core/io.js';
import { findBrowser, NO_BROWSER_HINT } from '../render/browser.js';

export interface DoctorOptions {
  config: string;
  /** --config was given (not the default csp.yaml): a missing file is then a failure. */
  configNamed?: boolean;
  quiet?: boolean;
  json?: boolean;
  browser?: string;
}

type Status = 'pass' | 'warn' | 'fail';

export interface Check {
  check: string;
  status: Status;
  detail: string;
  fix: string;
}

/** `csp doctor`: is this machine ready? Node, DuckDB, a browser for PDF, fonts, the config, the output folder. */
export async function doctor(opts: DoctorOptions, io: Io): Promise<number> {
  const checks: Check[] = [];
  const major = Number(process.versions.node.split('.')[0]);
  checks.push({
    check: 'Node.js',
    status: major >= 20 ? 'pass' : 'fail',
    detail: `version ${process.versions.node}`,
    fix: major >= 20 ? '' : 'install Node.js 20 or later',
  });
  checks.push(await duckdbCheck());

  let config: Config | undefined;
  const configFile = path.resolve(io.cwd, opts.config);
  if (existsSync(configFile)) {
    try {
      config = loadConfig(configFile);
      checks.push({
        check: 'Configuration',
        status: 'pass',
        detail: `${path.relative(io.cwd, configFile)} is valid (${Object.keys(config.sources).length} sources, ${config.themes.length} themes)`,
        fix: '',
      });
    } catch (e) {
      if (!(e instanceof CspError)) throw e;
      checks.push({
        check: 'Configuration',
        status: 'fail',
        detail: `${path.relative(io.cwd, configFile)}: ${e.problems.length} problem(s), first: ${e.problems[0]!.message}`,
        fix: 'run csp validate to see every problem with its line',
      });
    }
  } else {
    checks.push(
      opts.configNamed
        ? {
            check: 'Configuration',
            status: 'fail',
            detail: `${opts.config} does not exist`,
            fix: 'check the path given to --config (it is relative to the current folder), or create a workspace with csp init',
          }
        : { check: 'Configuration', status: 'warn', detail: `no ${opts.config} here`, fix: 'pass --config PATH, or create a workspace with csp init' },
    );
  }

  const wantsPdf = config ? config.output.formats.includes('pdf') : true;
  let browser: string | undefined;
  let unusable: string | undefined; // a browser named but missing, a folder or not executable
  try {
    browser = findBrowser(opts.browser, io.env);
  } catch (e) {
    if (!(e instanceof CspError)) throw e;
    unusable = e.problems[0]!.message;
  }
  checks.push(
    browser
      ? { check: 'Browser for PDF', status: 'pass', detail: `${browser}${versionOf(browser)}`, fix: '' }
      : {
          check: 'Browser for PDF',
          status: wantsPdf ? 'fail' : 'warn',
          detail: unusable ?? 'no Chrome, Chromium or Edge found',
          fix: NO_BROWSER_HINT.split('. The HTML')[0]!,
        },
  );
  checks.push(fontsCheck());

  if (config) {
    const out = path.resolve(config.baseDir, config.output.dir);
    try {
      mkdirSync(out, { recursive: true });
      accessSync(out, constants.W_OK);
      checks.push({ check: 'Output folder', status: 'pass', detail: `${path.relative(io.cwd, out) || '.'} is writable`, fix: '' });
    } catch {
      checks.push({
        check: 'Output folder',
        status: 'fail',
        detail: `cannot write to ${out}`,
        fix: 'set output.dir in csp.yaml to a folder you can write to, or use --out',
      });
    }
  }

  const failed = checks.some((c) => c.status === 'fail');
  if (opts.json) io.out(`${JSON.stringify({ ok: !failed, checks })}\n`);
  else {
    const mark = { pass: io.color.green('pass'), warn: io.color.yellow('warn'), fail: io.color.red('FAIL') };
    const width = Math.max(...checks.map((c) => c.check.length));
    const shown = opts.quiet ? checks.filter((c) => c.status === 'fail') : checks;
    if (shown.length > 0)
      io.err(
        `${shown.map((c) => `${mark[c.status]}  ${c.check.padEnd(width)}  ${c.detail}${c.fix ? `\n      ${' '.repeat(width)}  → ${c.fix}` : ''}`).join('\n')}\n`,
      );
  }
  // A config that is missing or wrong is invalid input; anything else the machine lacks, environment.
  const machineFailed = checks.some((c) => c.status === 'fail' && c.check !== 'Configuration');
  return machineFailed ? EXIT.environment : failed ? EXIT.invalidInput : EXIT.ok;
}

async function duckdbCheck(): Promise<Check> {
  try {
    const { Database } = await import('../ingest/database.js');
    const db = await Database.open();
    const [row] = await db.all<{ v: string }>('SELECT version() AS v');
    db.close();
    return { check: 'DuckDB', status: 'pass', detail: `engine ${row!.v}`, fix: '' };
  } catch (e) {
    return {
      check: 'DuckDB',
      status: 'fail',
      detail: (e as Error).message.split('\n')[0]!,
      fix: 'reinstall with npm ci; the DuckDB engine ships for Linux, macOS and Windows on x64 and arm64',
    };
  }
}

function versionOf(browser: string): string {
  try {
    return `, ${execFileSync(browser, ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim()}`;
  } catch {
    return '';
  }
}

/** The documents use Arial/Helvetica or a metric-compatible sans-serif (Liberation Sans on Linux). */
function fontsCheck(): Check {
  if (process.platform !== 'linux') return { check: 'Fonts', status: 'pass', detail: `${process.platform} has Arial`, fix: '' };
  try {
    const match = execFileSync('fc-match', ['Arial'], { encoding: 'utf8', timeout: 10_000 }).trim();
    const good = /Arial|Liberation Sans|Arimo|Helvetica|DejaVu Sans/i.test(match);
    return {
      check: 'Fonts',
      status: good ? 'pass' : 'warn',
      detail: `Arial is drawn with ${match}`,
      fix: good ? '' : 'install fonts-liberation for metric-compatible Arial',
    };
  } catch {
    return {
      check: 'Fonts',
      status: 'warn',
      detail: 'fontconfig (fc-match) not found',
      fix: 'install fontconfig and fonts-liberation so PDFs use a clear sans-serif',
    };
  }
}
