// DuckDB's Node package is CommonJS in 124 files: the bundle (scripts/bundle.mjs) carries them in
// one chunk, so a run resolves and reads one file instead of 124; only the native binding is
// loaded from node_modules.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { environmentError } from '../core/errors.js';
import { cause } from '../util/errno.js';
import { onInterrupt } from '../util/cleanup.js';
import path from 'node:path';
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection, type DuckDBInstance as Instance, type DuckDBValue } from '@duckdb/node-api';

export type Appender = DuckDBAppender;

/** A folder of DuckDB's own in the temporary folder; one csp cannot make is the machine's fault (exit 3), said as such. */
function spillFolder(): string {
  try {
    return mkdtempSync(path.join(tmpdir(), `csp-ingest-${process.pid}-duckdb-`));
  } catch (e) {
    throw environmentError({
      message: `csp cannot write to the temporary folder ${tmpdir()}: ${cause(e)}`,
      hint: 'set TMPDIR (TEMP on Windows) to a folder with space that csp may write to',
    });
  }
}

/**
 * What DuckDB may hold in memory before it spills to disk. Measured on the national run (21
 * forces' three years, 20.8 million rows, read in batches of 600 MB of text): the process peaked
 * at 2.2 GB with DuckDB's default; with 1,200 MB, at 1.9 GB (Node, csp and DuckDB's own
 * allocations come on top of it), in 57 s against 54 s; with 1 GB, 1.87 GB in 59 s. See BENCHMARKS.md.
 */
export const MEMORY_LIMIT = '1200MB';

/**
 * The DuckDB database that ingest fills and analysis queries. In memory by default;
 * `--db FILE` keeps it on disk so an analyst can query it afterwards.
 */
export class Database {
  private constructor(
    private readonly instance: Instance,
    private readonly connection: DuckDBConnection,
    /** A second connection to the same database (connect()): closing it leaves the database open. */
    private readonly shared = false,
    /** The folder DuckDB spills to past its memory limit, removed on close (or on Ctrl-C: `release` then forgets it). */
    private readonly spill?: { dir: string; release: () => void },
  ) {}

  /**
   * Another connection to the same database, to run queries alongside this one's (DuckDB runs
   * them concurrently). Its temporary tables are its own; the tables of the schema are shared.
   */
  async connect(): Promise<Database> {
    return new Database(this.instance, await this.instance.connect(), true);
  }

  /** Opens (and by default empties) the database; `keepTables` opens a kept one to query it. */
  static async open(file = ':memory:', opts: { keepTables?: boolean } = {}): Promise<Database> {
    // DuckDB takes up to 80% of the machine's memory by default: a force's three years (or all
    // forces') held in memory would take gigabytes. Past MEMORY_LIMIT it writes what it holds to
    // a folder of its own in the temporary folder (named so that leftovers.ts removes it after a
    // run that was killed), not to ".tmp" where the user happens to be.
    const dir = spillFolder();
    const remove = () => rmSync(dir, { recursive: true, force: true });
    const spill = { dir, release: onInterrupt(remove) };
    try {
      const instance = await withErrno(DuckDBInstance.create(file, { memory_limit: MEMORY_LIMIT, temp_directory: dir }));
      const connection = await instance.connect();
      const db = new Database(instance, connection, false, spill);
      if (!opts.keepTables) await db.run(SCHEMA);
      return db;
    } catch (e) {
      spill.release();
      remove();
      throw e;
    }
  }

  async run(sql: string, params?: DuckDBValue[]): Promise<void> {
    const start = performance.now();
    await withErrno(this.connection.run(sql, params));
    trace(start, sql);
  }

  /** Rows as plain JS objects (BIGINT → bigint; callers convert counts with Number()). */
  async all<T = Record<string, unknown>>(sql: string, params?: DuckDBValue[]): Promise<T[]> {
    const start = performance.now();
    const reader = await withErrno(this.connection.runAndReadAll(sql, params));
    trace(start, sql);
    return reader.getRowObjectsJS() as T[];
  }

  /** Rows appended to a table in one go: `fill` appends them (DuckDB's appender), then they are written. */
  async append(table: string, fill: (appender: Appender) => void, opts: { temp?: boolean } = {}): Promise<void> {
    const appender = await withErrno(opts.temp ? this.connection.createAppender(table, 'main', 'temp') : this.connection.createAppender(table));
    fill(appender);
    try {
      appender.closeSync();
    } catch (e) {
      throw errnoOf(e);
    }
  }

  close(): void {
    this.connection.closeSync();
    if (this.shared) return;
    this.instance.closeSync();
    if (this.spill) {
      this.spill.release();
      rmSync(this.spill.dir, { recursive: true, force: true });
    }
  }
}

/**
 * DuckDB says the machine's faults (a full disk for its temporary files, a folder it may not
 * write) in words only. They are given their errno here, the one place DuckDB's words are read,
 * so that the CLI tells the machine's trouble (exit 3) from a bug by the code alone.
 */
const MACHINE_FAULTS: [RegExp, string][] = [
  [/No space left on device/i, 'ENOSPC'],
  [/Disk quota exceeded/i, 'EDQUOT'],
  [/Read-only file system/i, 'EROFS'],
  [/Permission denied/i, 'EACCES'],
];

function errnoOf(e: unknown): unknown {
  if (!(e instanceof Error) || (e as NodeJS.ErrnoException).code) return e;
  const fault = MACHINE_FAULTS.find(([words]) => words.test(e.message));
  if (fault) (e as NodeJS.ErrnoException).code = fault[1];
  return e;
}

async function withErrno<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    throw errnoOf(e);
  }
}

/** CSP_TRACE_SQL=1: each query's time on stderr, to find where a slow run spends it. */
const tracing = Boolean(process.env.CSP_TRACE_SQL);
function trace(start: number, sql: string): void {
  if (tracing)
    process.stderr.write(
      `sql at ${performance.now().toFixed(0).padStart(6)} ${(performance.now() - start).toFixed(1).padStart(7)} ms  ${sql.replace(/\s+/g, ' ').slice(0, 160)}\n`,
    );
}

/** Quotes a string as an SQL literal (paths and names we put into read_csv calls). */
export const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;
export const sqlIdent = (s: string): string => `"${s.replaceAll('"', '""')}"`;

/**
 * SQL `CASE subject WHEN … THEN … END` that parses however many cases the data gives: with none
 * (no rows parsed, no aliases) DuckDB refuses `CASE x END`, so `otherwise` is the whole value.
 */
export function sqlCase(subject: string, cases: readonly (readonly [string, string])[], otherwise = 'NULL'): string {
  if (cases.length === 0) return otherwise;
  return `CASE ${subject} ${cases.map(([when, then]) => `WHEN ${when} THEN ${then}`).join(' ')}${otherwise === 'NULL' ? '' : ` ELSE ${otherwise}`} END`;
}

/** SQL `x IN (…)` that parses for an empty list too (`x IN ()` does not): false then. */
export const sqlIn = (x: string, items: readonly string[]): string => (items.length === 0 ? 'false' : `${x} IN (${items.join(', ')})`);

/** The tables holding rows read from a file (each has source and file_id). */
const FILE_TABLES = ['incidents', 'police_points', 'counts', 'population', 'survey_responses', 'judgements', 'actions', 'rejects'];

/** Takes back every row read from these files of a source, and their rejects. */
export async function forgetFiles(db: Database, sourceId: string, fileIds: readonly number[]): Promise<void> {
  if (fileIds.length === 0) return;
  for (const table of FILE_TABLES) await db.run(`DELETE FROM ${table} WHERE source = ${sqlString(sourceId)} AND file_id IN (${fileIds.join(', ')})`);
}

/**
 * The normalised tables. Only mapped fields are kept: names, addresses and free text
 * of complaints in partner exports never reach this database (DESIGN §3.1).
 */
const SCHEMA = `
CREATE OR REPLACE TABLE files (
  source VARCHAR, file_id INTEGER, path VARCHAR, sha256 VARCHAR, bytes BIGINT,
  rows_read BIGINT, rows_accepted BIGINT, rows_rejected BIGINT,
  -- The file read, as an absolute path with links followed (path is as csp.yaml names it).
  full_path VARCHAR);
-- reason is in words for a person; code (reject-codes.ts) is the same reason for code to branch on.
CREATE OR REPLACE TABLE rejects (
  source VARCHAR, file_id INTEGER, line BIGINT, "column" VARCHAR, value VARCHAR, reason VARCHAR, code VARCHAR);
-- Incidents from police-uk-street and records sources; month is YYYY-MM. Records keep one
-- row per incident (n = 1, with id and flags); police rows, which carry nothing more, are
-- kept as counts n per month × category × LSOA, so a force's years stay small.
CREATE OR REPLACE TABLE incidents (
  source VARCHAR, file_id INTEGER, month VARCHAR, category VARCHAR,
  area_code VARCHAR, area_name VARCHAR, district VARCHAR, in_force BOOLEAN,
  incident_id VARCHAR, flags VARCHAR[], n BIGINT);
-- Where the partnership area's accepted police rows are, for the density map: data.police.uk's
-- anonymised points (longitude, latitude as published), n rows at each per month × category ×
-- LSOA. Only rows of partnership.area (not the whole force: a force's points would be most of
-- its rows again); rows without coordinates are in incidents only.
CREATE OR REPLACE TABLE police_points (
  source VARCHAR, file_id INTEGER, month VARCHAR, category VARCHAR, area_code VARCHAR,
  lon DOUBLE, lat DOUBLE, n BIGINT);
-- Pre-aggregated partner returns. A period is a month, quarter or financial year.
CREATE OR REPLACE TABLE counts (
  source VARCHAR, file_id INTEGER, period VARCHAR, first_month VARCHAR, months INTEGER,
  category VARCHAR, area VARCHAR, area_name VARCHAR, district VARCHAR, in_force BOOLEAN, count BIGINT);
-- line: where the row is in its file, to name both rows of an area and year given twice.
CREATE OR REPLACE TABLE population (
  source VARCHAR, file_id INTEGER, area VARCHAR, level VARCHAR, year INTEGER, population BIGINT, line BIGINT);
CREATE OR REPLACE TABLE survey_responses (
  source VARCHAR, file_id INTEGER, response VARCHAR, area VARCHAR, agreement VARCHAR,
  safe_day VARCHAR, safe_dark VARCHAR, comment VARCHAR, problems VARCHAR[]);
CREATE OR REPLACE TABLE judgements (
  source VARCHAR, file_id INTEGER, practitioner VARCHAR, agency VARCHAR, theme VARCHAR,
  criterion VARCHAR, score DOUBLE);
CREATE OR REPLACE TABLE actions (
  source VARCHAR, file_id INTEGER, action VARCHAR, theme VARCHAR, status VARCHAR,
  measure VARCHAR, baseline DOUBLE, latest DOUBLE);
`;
