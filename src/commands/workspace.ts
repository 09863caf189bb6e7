import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { today } from '../core/clock.js';
import type { Config } from '../config/load.js';
import { Database } from '../ingest/database.js';
import { ingest } from '../ingest/index.js';
import { describeIngest } from '../validate/report.js';
import type { ValidationReport } from '../validate/types.js';
import { CLEAR_LINE, type Io } from '../core/io.js';
import { environmentError, invalidInput } from '../core/errors.js';
import { notAFile } from '../util/input-file.js';
import { cause } from '../util/errno.js';
import type { Period, RunWindow } from '../core/calendar/periods.js';

export interface Workspace {
  config: Config;
  db: Database;
  report: ValidationReport;
  /** The assessment window: --period, else csp.yaml's period. */
  period: Period;
}

/** What the command has settled before any data is read. */
export interface WorkspaceRequest {
  config: Config;
  window: RunWindow;
  /** --db as given: a file for DuckDB's tables instead of memory. */
  db?: string;
  verbose?: boolean;
  quiet?: boolean;
  /** Told as each file starts to be read (after the progress bar): assess loads its later stages then. */
  onFileStart?: () => void;
}

/** ingest → what was read: the first steps of validate and assess, on the command's config and window. The caller closes db. */
export async function readWorkspace(request: WorkspaceRequest, io: Io): Promise<Workspace> {
  const { config, window } = request;
  const db = await openDatabase(request.db ? path.resolve(io.cwd, request.db) : undefined, request.db ?? '');
  try {
    const bar = progressBar(io, request.quiet ?? false);
    const ingested = await ingest(config, db, {
      today: today(io.env),
      onFileStart: (id, file, index, total) => {
        bar(`reading ${id}`, index, total, file);
        request.onFileStart?.();
      },
      onFile: (id, f) => {
        if (request.verbose && !io.interactive) io.err(io.color.dim(`  read ${id}: ${f.path} (${f.rowsRead.toLocaleString('en-GB')} rows)\n`));
      },
    });
    bar.done();
    const report = await describeIngest(db, config, ingested, window);
    return { config, db, period: window.period, report };
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * The work database: in memory, or the file --db names. That file is checked first: its folder
 * must exist, and a file already there must be a DuckDB database (csp keeps its tables in it),
 * never anything else, which DuckDB would refuse as "a bug" or csp would overwrite.
 */
async function openDatabase(file: string | undefined, shown: string): Promise<Database> {
  if (!file) return Database.open();
  const where = { key: '--db', file: shown };
  const folder = path.dirname(file);
  if (notAFolder(folder)) {
    throw invalidInput({
      message: `the folder for the database, ${path.dirname(shown) || '.'}, ${notAFolder(folder)}`,
      where,
      hint: 'create the folder first, or give --db a file in a folder that exists',
    });
  }
  if (existsSync(file)) {
    const wrong = notAFile(file);
    if (wrong)
      throw invalidInput({ message: `the database cannot be used: ${wrong}`, where, hint: 'give --db a new file name, or a DuckDB database csp kept before' });
    if (!isDuckDb(file)) {
      throw invalidInput({
        message: 'the file exists and is not a DuckDB database: csp will not write over it',
        where,
        hint: 'give --db a new file name (e.g. partners.duckdb), or a DuckDB database csp kept before',
      });
    }
  }
  try {
    return await Database.open(file);
  } catch (e) {
    // DuckDB's own refusals: another process holds the database, no permission, a database of
    // another DuckDB version. The machine's or the file's trouble, said with its cause.
    const message = String((e as Error)?.message ?? e).split('\n')[0]!;
    if (!/^IO Error/.test(message)) throw e;
    throw environmentError({
      message: `DuckDB cannot open the database: ${message}`,
      where,
      hint: 'close any other program using it (DuckDB allows one writer), or give --db another file',
    });
  }
}

/** Why a path is not a folder csp can put a file in, or undefined. */
function notAFolder(dir: string): string | undefined {
  try {
    return statSync(dir).isDirectory() ? undefined : 'is a file, not a folder';
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be used: ${cause(e)}`;
  }
}

/** A DuckDB database file: "DUCK" after its 8-byte checksum. */
function isDuckDb(file: string): boolean {
  const head = Buffer.alloc(12);
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    return readSync(fd, head, 0, 12, 0) === 12 && head.subarray(8, 12).toString('latin1') === 'DUCK';
  } catch (e) {
    throw environmentError({
      message: `csp cannot read the database: ${cause(e)}`,
      where: { key: '--db', file },
      hint: 'check that the account csp runs as may read and write it',
    });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** On a terminal, one line redrawn in place while files are read; nothing otherwise. */
function progressBar(io: Io, quiet: boolean) {
  const show = io.interactive && !quiet;
  const draw = (label: string, index: number, total: number, file: string) => {
    if (!show) return;
    const width = 20;
    const filled = Math.round((width * index) / Math.max(1, total));
    const line = `${label} ${index + 1}/${total} ▕${'█'.repeat(filled)}${'░'.repeat(width - filled)}▏ ${file}`;
    io.err(`${CLEAR_LINE}${line.slice(0, (process.stderr.columns || 100) - 1)}`);
  };
  return Object.assign(draw, { done: () => show && io.err(CLEAR_LINE) });
}
