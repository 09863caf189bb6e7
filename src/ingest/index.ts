import { closeSync, fstatSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Config } from '../config/load.js';
import type { SourceConfig } from '../config/sources.js';
import { CspError, type Problem } from '../core/errors.js';
import { onTwoConnections } from './connections.js';
import { Database, forgetFiles } from './database.js';
import { appendRejects } from './map.js';
import { isGzip, lfCopy, needsLfCopy, realPath, resolveFiles, sniffFile, startsWithGzipMagic, textBytes } from './files.js';
import { findDuplicateFiles, type DuplicateFile } from './duplicates.js';
import { expandPoliceArchives } from './archives.js';
import { Fingerprints, type Fingerprint } from './fingerprints.js';
import type { FileContext, KindMapper } from './kinds/context.js';
import { mapActions } from './kinds/actions.js';
import { mapCounts } from './kinds/counts.js';
import { mapJudgements } from './kinds/judgements.js';
import { mapPolice } from './kinds/police.js';
import { mapPopulation } from './kinds/population.js';
import { mapRecords } from './kinds/records.js';
import { mapSurvey } from './kinds/survey.js';
import { placePartnerRows } from './place.js';
import { dropStaged, firstLine, readWorkbook, stageFile, type StagedFile, type Workbook } from './staging.js';
import { onInterrupt } from '../util/cleanup.js';
import { ingestPoliceBatch, type BatchCounts, type BatchFile } from './police-batch.js';

export interface FileRead {
  /** As shown: relative to csp.yaml for a file in its folder, else absolute (or inside the archive it came from). */
  path: string;
  /**
   * The file read, as an absolute path with links followed (a file of an archive: the archive's,
   * then the entry's name). Files may be anywhere csp.yaml points, so this says which were read.
   */
  fullPath: string;
  sha256: string;
  bytes: number;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  /** Set when the file could not be read at all. */
  error?: string;
  /** Set when the file was not read because it is a byte-identical copy of this file. */
  duplicateOf?: string;
}

export interface SourceRead {
  id: string;
  kind: SourceConfig['kind'];
  files: FileRead[];
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
}

export interface IngestResult {
  sources: SourceRead[];
  /** Problems that make the data unusable (unreadable files, missing columns, no files). */
  errors: Problem[];
  /** Problems the data can be used with (a byte-identical copy of a file, left unread). */
  warnings: Problem[];
}

export interface IngestOptions {
  /** Dates after this day (YYYY-MM-DD) are rejected as in the future. */
  today: string;
  /** Before each file is read, for progress. */
  onFileStart?: (sourceId: string, file: string, index: number, total: number) => void;
  /**
   * Called once, as soon as DuckDB has started on the police files: this thread waits on
   * DuckDB then, so the caller can load what it needs next.
   */
  meanwhile?: () => void;
  /** After each file is read. */
  onFile?: (sourceId: string, file: FileRead) => void;
  /** The most text one scan of police files takes (600 MB); tests set it small to read a few files as several batches. */
  policeBatchBytes?: number;
}

const MAPPERS: { [K in SourceConfig['kind']]: KindMapper<Extract<SourceConfig, { kind: K }>> } = {
  'police-uk-street': mapPolice,
  records: mapRecords,
  counts: mapCounts,
  population: mapPopulation,
  survey: mapSurvey,
  judgements: mapJudgements,
  actions: mapActions,
};

/**
 * Reads every source into the database. Problems with one file do not stop the others:
 * every problem is collected and returned, so one run reports them all.
 */
export async function ingest(config: Config, db: Database, opts: IngestOptions): Promise<IngestResult> {
  const workDir = mkdtempSync(path.join(tmpdir(), `csp-ingest-${process.pid}-`));
  const release = onInterrupt(() => rmSync(workDir, { recursive: true, force: true }));
  // How each file is named in reports: relative to csp.yaml, or absolute outside its folder, or
  // inside the archive it came from; and its full name (links followed), listed beside it.
  const shownNames = new Map<string, string>();
  const fullNames = new Map<string, string>();
  const shown = (file: string) => shownNames.get(file) ?? shownPath(config.baseDir, file);
  const full = (file: string) => fullNames.get(file) ?? realPath(file).replaceAll('\\', '/');
  // Every source's files are found first; a source's problems are reported in its turn.
  const warnings: Problem[] = [];
  const found: { id: string; source: SourceConfig; paths: string[]; problems: Problem[] }[] = [];
  for (const [id, source] of Object.entries(config.sources)) {
    let paths: string[] = [];
    let problems: Problem[] = [];
    try {
      paths = resolveFiles(source.files, config.baseDir, `sources.${id}.files`);
    } catch (e) {
      problems = problemsOf(e);
    }
    if (source.kind === 'police-uk-street') {
      // data.police.uk's archive, read as it is downloaded.
      const archives = await expandPoliceArchives(paths, { workDir, shown, full, key: `sources.${id}.files` });
      for (const [file, name] of archives.shown) shownNames.set(file, name);
      for (const [file, name] of archives.full) fullNames.set(file, name);
      paths = archives.paths;
      problems.push(...archives.problems);
      warnings.push(...archives.notes);
    }
    found.push({ id, source, paths, problems });
  }
  // Fingerprints are taken on a worker thread, and partners' workbooks parsed, from the start.
  const fingerprints = new Fingerprints();
  const workbooks = new Map<string, Promise<Workbook>>();
  for (const p of found.flatMap((f) => f.paths)) {
    fingerprints.of(p);
    if (/\.xlsx$/i.test(p) && !workbooks.has(p)) {
      const parsing = readWorkbook(p);
      parsing.catch(() => undefined);
      workbooks.set(p, parsing);
    }
  }
  // Files numbered in order across all sources: those read, then the copies left unread.
  let fileId = 0;
  const plans: SourcePlan[] = [];
  for (const f of found) {
    const dup = await findDuplicateFiles(f.paths, { police: f.source.kind === 'police-uk-street', fingerprints, shown, key: `sources.${f.id}.files` });
    warnings.push(...dup.warnings);
    const ids = [...dup.keep, ...dup.duplicates].map(() => ++fileId);
    plans.push({ ...f, paths: dup.keep, duplicates: dup.duplicates, ids, problems: [...f.problems, ...dup.errors] });
  }
  const reader: SourceReader = { config, opts, workDir, fingerprints, workbooks, shown, full };
  try {
    // A force's police files (one long DuckDB scan per batch) are read on this connection; the
    // partners' small files, each a dozen short queries, meanwhile on a second one.
    const results = await onTwoConnections(db, plans, readTogether, (p, on) => readSource(p, on, reader), opts.meanwhile);
    // Partners' rows placed in their districts, now that the police rows name every LSOA's.
    await placePartnerRows(db, config);
    // Recorded in the order of csp.yaml, whichever was read first.
    const appender = await db.connection.createAppender('files');
    for (const [i, { read }] of results.entries()) {
      for (const [j, entry] of read.files.entries()) {
        appender.appendVarchar(read.id);
        appender.appendInteger(plans[i]!.ids[j]!);
        appender.appendVarchar(entry.path);
        appender.appendVarchar(entry.sha256);
        appender.appendBigInt(BigInt(entry.bytes));
        appender.appendBigInt(BigInt(entry.rowsRead));
        appender.appendBigInt(BigInt(entry.rowsAccepted));
        appender.appendBigInt(BigInt(entry.rowsRejected));
        appender.appendVarchar(entry.fullPath);
        appender.endRow();
        opts.onFile?.(read.id, entry);
      }
    }
    appender.closeSync();
    return { sources: results.map((r) => r.read), errors: results.flatMap((r) => r.errors), warnings: [...warnings, ...results.flatMap((r) => r.warnings)] };
  } finally {
    await fingerprints.close();
    rmSync(workDir, { recursive: true, force: true });
    release();
  }
}

interface SourcePlan {
  id: string;
  source: SourceConfig;
  paths: string[];
  /** Byte-identical copies of files in paths, left unread. */
  duplicates: DuplicateFile[];
  /** The file ids of the paths, then of the duplicates, numbered across all sources in the order of csp.yaml. */
  ids: number[];
  problems: Problem[];
}

/**
 * The most text one scan of police files takes. Measured on 10,000,000 rows (2.2 GB): batches
 * of 250 MB took 9.6 s and peaked at 0.7 GB, 600 MB took 7.8 s and peaked at 1.0–1.1 GB, 1.2 GB
 * took no less time and peaked at 1.5 GB; two batches at once on two connections were slower.
 */
const POLICE_BATCH_BYTES = 600 * 1024 * 1024;

/** A force's monthly police files are read together, one batch at a time. */
const readTogether = (p: { source: SourceConfig; paths: string[] }) => p.source.kind === 'police-uk-street' && p.paths.length > 1;

interface SourceReader {
  config: Config;
  opts: IngestOptions;
  workDir: string;
  fingerprints: Fingerprints;
  workbooks: Map<string, Promise<Workbook>>;
  /** How a file is named in reports. */
  shown: (file: string) => string;
  /** The file's full name (FileRead.fullPath). */
  full: (file: string) => string;
}

interface SourceResult {
  read: SourceRead;
  errors: Problem[];
  warnings: Problem[];
}

async function readSource({ id, source, paths, duplicates, ids, problems }: SourcePlan, db: Database, r: SourceReader): Promise<SourceResult> {
  const { config, opts } = r;
  const read: SourceRead = { id, kind: source.kind, files: [], rowsRead: 0, rowsAccepted: 0, rowsRejected: 0 };
  const errors = [...problems];
  const warnings: Problem[] = [];
  // A .gz that does not decompress whole (cut short, or bytes after its end) is refused before
  // DuckDB reads it: DuckDB reads a cut file as far as it goes without a word (half a month
  // counted as a month) and stops with an error on trailing bytes.
  const damaged = new Map<string, string>();
  for (const file of paths.filter(isGzip)) {
    const problem = (await r.fingerprints.fingerprint(file).catch(() => null))?.gzipProblem;
    // (A plain file named .gz is said to be one when it is sniffed.)
    if (problem && isGzipData(file)) damaged.set(file, problem);
  }
  const together = readTogether({ source, paths })
    ? await readPoliceBatches(paths, { db, config, sourceId: id, firstFileId: ids[0]!, onFileStart: opts.onFileStart, limit: opts.policeBatchBytes ?? POLICE_BATCH_BYTES, fingerprints: r.fingerprints, workDir: r.workDir, today: opts.today, shown: r.shown, skip: damaged })
    : undefined;
  // References kept by the source's earlier files, so that a repeat in a later file (a CSV and
  // an XLSX of the same months) is rejected like a repeat within one.
  const earlierIds = hasReferences(source) ? `earlier_ids_${++earlierCounter}` : undefined;
  if (earlierIds) await db.run(`CREATE OR REPLACE TEMP TABLE ${earlierIds} (id VARCHAR, file VARCHAR, line BIGINT)`);
  try {
    for (const [index, file] of paths.entries()) {
      const fileId = ids[index]!;
      const shownPath = r.shown(file);
      opts.onFileStart?.(id, shownPath, index, paths.length);
      const counts = together?.get(fileId);
      const gzipProblem = damaged.get(file);
      let entry: FileRead;
      try {
        if (gzipProblem) {
          entry = { ...(await identity(file, shownPath, r)), rowsRead: 0, rowsAccepted: 0, rowsRejected: 0 };
          refuseDamagedGzip(entry, gzipProblem, errors);
        } else if (counts) {
          entry = { ...(await identity(file, shownPath, r)), ...counts };
          if (counts.rowsRead === 0) noDataRows(entry, errors);
        } else {
          const ctx: FileContext = { db, config, sourceId: id, fileId, shownPath, key: `sources.${id}`, today: opts.today, earlierIds };
          entry = await readOne(file, source, ctx, { r, errors, warnings });
        }
      } catch (e) {
        // A file that went (moved, deleted) or became unreadable between listing and reading
        // is that file's problem, named; any other failure is a bug and goes on up.
        const cause = unreadableNow(file);
        if (!cause) throw e;
        await forgetFiles(db, id, [fileId]);
        entry = { path: shownPath, fullPath: r.full(file), sha256: '', bytes: 0, rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, error: `cannot be read: ${cause}` };
        errors.push({
          message: `the file cannot be read: ${cause}`,
          where: { file: shownPath, key: `sources.${id}.files` },
          hint: 'put the file back (or let csp read it) and run again, or correct the files: of the source in csp.yaml',
        });
      }
      // Every file, read either way, is counted the same way.
      read.files.push(entry);
      read.rowsRead += entry.rowsRead;
      read.rowsAccepted += entry.rowsAccepted;
      read.rowsRejected += entry.rowsRejected;
    }
  } finally {
    if (earlierIds) await db.run(`DROP TABLE IF EXISTS ${earlierIds}`);
  }
  for (const d of duplicates) {
    const duplicateOf = r.shown(d.duplicateOf);
    read.files.push({ ...(await identity(d.file, r.shown(d.file), r)), rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, duplicateOf });
  }
  return { read, errors, warnings };
}

/** Whether a file starts as gzip data does; false for one that cannot be opened (reported when it is read). */
function isGzipData(file: string): boolean {
  try {
    return startsWithGzipMagic(file);
  } catch {
    return false;
  }
}

/** Sources whose rows carry a reference to deduplicate by: records' `columns.id`, a survey's `columns.id`. */
const hasReferences = (source: SourceConfig) => (source.kind === 'records' || source.kind === 'survey') && source.columns.id !== undefined;

/** How a file is named, and its SHA-256 and size as hashed (not stat'ed again: a file may go once read). */
async function identity(file: string, shownPath: string, r: SourceReader): Promise<Pick<FileRead, 'path' | 'fullPath' | 'sha256' | 'bytes'>> {
  const { sha256 } = await r.fingerprints.fingerprint(file);
  return { path: shownPath, fullPath: r.full(file), sha256, bytes: await r.fingerprints.size(file) };
}

/** Why a file cannot be opened now (gone, not allowed, a folder), or null when it can. */
function unreadableNow(file: string): string | null {
  try {
    const fd = openSync(file, 'r');
    const isFile = fstatSync(fd).isFile();
    closeSync(fd);
    return isFile ? null : 'it is not a file any more (a folder of that name is there)';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'it is no longer there: it was moved or deleted while csp was reading (ENOENT)';
    if (code === 'EACCES' || code === 'EPERM') return `csp is not allowed to read it (${code})`;
    if (code === 'EISDIR') return 'it is a folder, not a file (EISDIR)';
    return (e as Error).message;
  }
}

/** The file as reports name it: relative to csp.yaml's folder when inside it, else absolute. */
function shownPath(baseDir: string, file: string): string {
  const relative = path.relative(baseDir, file);
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return (outside ? path.resolve(file) : relative).replaceAll('\\', '/');
}

function refuseDamagedGzip(entry: FileRead, gzipProblem: string, errors: Problem[]): void {
  const trailing = /end of the compressed data/.test(gzipProblem);
  errors.push({
    message: trailing
      ? `the gzip file is damaged: ${gzipProblem}, so it is not one whole gzip file; none of it is used`
      : `the gzip file is damaged or cut short (${gzipProblem}), so only part of it could be read; none of it is used`,
    where: { file: entry.path },
    hint: 'download the file again (gzip -t checks a .gz file), or use the uncompressed .csv',
  });
  entry.error = `damaged gzip file: ${gzipProblem}`;
}

/** Police files in batches of up to POLICE_BATCH_BYTES of text; a batch that cannot be read together is left to the one-by-one path. */
async function readPoliceBatches(
  paths: string[],
  o: {
    db: Database; config: Config; sourceId: string; firstFileId: number; onFileStart?: IngestOptions['onFileStart']; limit: number;
    fingerprints: Fingerprints; workDir: string; today: string; shown: (file: string) => string;
    /** Files not to read (damaged .gz): each is reported in its turn. */
    skip: ReadonlyMap<string, string>;
  },
): Promise<Map<number, BatchCounts>> {
  // Batches of files with one header, each up to `limit` of text: files of another header (an
  // older export) start a batch of their own, so that their Crime IDs are still compared.
  const batches: BatchFile[][] = [];
  let bytes = 0;
  let header = '';
  for (const [i, p] of paths.entries()) {
    if (o.skip.has(p)) continue;
    let readPath: string | undefined;
    let size: number;
    let h: string;
    try {
      const sniffed = sniffFile(p, 'auto');
      if (sniffed.unreadable) continue; // read alone, to be reported in its turn
      // DuckDB reads UTF-8 with LF or CR LF: a Windows-1252 export, CR-only or mixed line endings
      // (DuckDB takes minutes on the one, stops on the other) are read from a UTF-8 LF copy.
      readPath = sniffed.encoding !== 'utf-8' || needsLfCopy(sniffed) ? await lfCopy(p, o.workDir, sniffed.encoding) : undefined;
      size = textBytes(p);
      h = firstLine(readPath ?? p);
    } catch (e) {
      if (unreadableNow(p)) continue; // gone or locked: read alone, to be reported in its turn
      throw e;
    }
    if (batches.length === 0 || h !== header || (bytes + size > o.limit && batches.at(-1)!.length > 0)) {
      batches.push([]);
      bytes = 0;
      header = h;
    }
    batches.at(-1)!.push({ path: p, fileId: o.firstFileId + i, readPath });
    bytes += size;
  }
  const shownById = new Map(paths.map((p, i) => [o.firstFileId + i, o.shown(p)]));
  // A Crime ID repeated in a later batch is found through the IDs the earlier batches kept.
  let earlier: string | undefined;
  const keepIds = async () => {
    earlier ??= `police_ids_${++earlierCounter}`;
    await o.db.run(`CREATE TEMP TABLE IF NOT EXISTS ${earlier} (h UBIGINT, file_id INTEGER, line BIGINT)`);
    return earlier;
  };
  if (batches.length > 1) await keepIds();
  const done = new Map<number, BatchCounts>();
  try {
    for (const [i, batch] of batches.entries()) {
      o.onFileStart?.(o.sourceId, `${batch.length} file${batch.length === 1 ? '' : 's'}`, batch[0]!.fileId - o.firstFileId, paths.length);
      const options = { earlier, remember: i < batches.length - 1, shownById, today: o.today };
      let read: Awaited<ReturnType<typeof ingestPoliceBatch>>;
      try {
        read = await ingestPoliceBatch(o.db, batch, o.config, o.sourceId, options);
        if (read === 'mixed line endings') {
          // Past the 64 KB sniffed: the fingerprints counted every CR and LF.
          for (const f of batch) if ((await o.fingerprints.fingerprint(f.path)).mixedLineEnds) f.readPath ??= await lfCopy(f.path, o.workDir);
          read = await ingestPoliceBatch(o.db, batch, o.config, o.sourceId, options);
        }
      } catch (e) {
        // A file of the batch went (moved, deleted) while it was read: what the batch read is
        // taken back and its files are read one by one, where that file is reported.
        if (!batch.some((f) => unreadableNow(f.path))) throw e;
        const ids = batch.map((f) => f.fileId);
        await forgetFiles(o.db, o.sourceId, ids);
        if (earlier) await o.db.run(`DELETE FROM ${earlier} WHERE file_id IN (${ids.join(', ')})`);
        continue;
      }
      let counts = read === 'mixed line endings' ? null : read;
      if (counts && batch.length > 1 && (await linesLost(batch, counts, o.fingerprints))) {
        // DuckDB, scanning five or more files at once, can drop a last line it cannot parse
        // (an unclosed quote) without a reject. Then the batch is read again a file at a time.
        const ids = batch.map((f) => f.fileId);
        await forgetFiles(o.db, o.sourceId, ids);
        if (earlier) await o.db.run(`DELETE FROM ${earlier} WHERE file_id IN (${ids.join(', ')})`);
        counts = new Map();
        for (const one of batch) {
          const alone = await ingestPoliceBatch(o.db, [one], o.config, o.sourceId, { earlier: await keepIds(), remember: true, shownById, today: o.today });
          for (const [k, v] of alone instanceof Map ? alone : []) counts.set(k, v);
        }
      }
      for (const [k, v] of counts ?? []) done.set(k, v);
    }
  } finally {
    if (earlier) await o.db.run(`DROP TABLE IF EXISTS ${earlier}`);
  }
  return done;
}

/** Whether a file of the batch has more data lines than rows read (parsed or rejected). */
async function linesLost(batch: BatchFile[], counts: Map<number, BatchCounts>, fingerprints: Fingerprints): Promise<boolean> {
  for (const f of batch) {
    const { lines } = await fingerprints.fingerprint(f.path);
    if (lines - 1 > (counts.get(f.fileId)?.rowsRead ?? 0)) return true;
  }
  return false;
}

let earlierCounter = 0;

async function readOne(
  file: string,
  source: SourceConfig,
  ctx: FileContext,
  { r, errors, warnings }: { r: SourceReader; errors: Problem[]; warnings: Problem[] },
): Promise<FileRead> {
  const entry: FileRead = { ...(await identity(file, ctx.shownPath, r)), rowsRead: 0, rowsAccepted: 0, rowsRejected: 0 };
  const fingerprint = r.fingerprints.fingerprint(file);
  const staged = await stageFile(ctx.db, file, {
    encoding: source.encoding,
    delimiter: source.delimiter,
    sheet: source.sheet,
    workDir: r.workDir,
    shownPath: ctx.shownPath,
    workbook: r.workbooks.get(file),
    fingerprint,
  }).catch((e: unknown) => {
    errors.push(...problemsOf(e));
    entry.error = firstMessage(e);
    return undefined;
  });
  if (!staged) return entry;
  try {
    const mapper = MAPPERS[source.kind] as KindMapper<SourceConfig>;
    const mapped = await mapper(staged, source, ctx);
    entry.rowsRead = mapped.rowsRead;
    entry.rowsAccepted = mapped.rowsAccepted;
    entry.rowsRejected = mapped.rowsRejected;
    if (mapped.rowsRead === 0) noDataRows(entry, errors);
    if (staged.relation === 'VIEW') linesInValues(entry, await fingerprint, warnings);
  } catch (e) {
    // A file that cannot be mapped (e.g. a missing column) is not read at all: every row is
    // counted as read and rejected, so the accounting still holds.
    errors.push(...problemsOf(e));
    entry.error = firstMessage(e);
    entry.rowsRead = await rejectEveryRow(staged, ctx, `file not read: ${entry.error}`);
    entry.rowsRejected = entry.rowsRead;
  } finally {
    await dropStaged(ctx.db, staged);
  }
  return entry;
}

/**
 * Rejects every row of a file that is not read, each with its line: under `reason`, or the
 * parser's own reason for a line it could not read. One reject per row, so that the reasons
 * validate lists add up to the rows rejected (a misspelt heading refuses all 2,862 rows, not 1).
 * Returns the rows the file has.
 */
async function rejectEveryRow(staged: StagedFile, ctx: FileContext, reason: string): Promise<number> {
  await forgetFiles(ctx.db, ctx.sourceId, [ctx.fileId]);
  // The rows' numbers, parsed once; then the parser's rejects are known, and with them the lines.
  const rows = `${staged.table}_every`;
  await ctx.db.run(`CREATE OR REPLACE TEMP TABLE ${rows} AS SELECT _row FROM ${staged.table}`);
  const { parserRejects } = await staged.collect();
  await ctx.db.run(`INSERT INTO rejects SELECT ?, ?, ${staged.lineSql('_row')}, NULL, NULL, ? FROM ${rows} ORDER BY _row`, [ctx.sourceId, ctx.fileId, reason]);
  await appendRejects(ctx.db, ctx.sourceId, ctx.fileId, parserRejects);
  const [c] = await ctx.db.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${rows}`);
  await ctx.db.run(`DROP TABLE ${rows}`);
  return Number(c!.n) + parserRejects.length;
}

/**
 * A CSV with more lines than rows: some lines were read inside quoted values, either line
 * breaks inside a value (a complaint's text) or an unclosed quote that ran on to the end of
 * the file. Said, so that no line goes unaccounted.
 */
function linesInValues(entry: FileRead, fingerprint: Fingerprint, warnings: Problem[]): void {
  const inside = fingerprint.lines - 1 - entry.rowsRead;
  if (inside <= 0) return;
  warnings.push({
    message: `the file has ${(fingerprint.lines - 1).toLocaleString('en-GB')} lines after the headings but ${entry.rowsRead.toLocaleString('en-GB')} rows: ${inside.toLocaleString('en-GB')} line(s) were read as part of a quoted value`,
    where: { file: entry.path },
    hint: 'a value with line breaks in it is fine; if the rejects show "a quote is opened and never closed", the lines after it were read as one value: fix the quote and read the file again',
  });
}

function noDataRows(entry: FileRead, errors: Problem[]): void {
  errors.push({
    message: 'the file has column headings but no data rows',
    where: { file: entry.path },
    hint: 'export the data again, or remove the file from the folder',
  });
  entry.error = 'no data rows';
}

function problemsOf(e: unknown): Problem[] {
  if (e instanceof CspError) return e.problems;
  throw e;
}

function firstMessage(e: unknown): string {
  return e instanceof CspError ? e.problems[0]!.message : String(e);
}
