import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Config } from '../config/load.js';
import type { SourceConfig } from '../config/sources.js';
import { CspError, type Problem } from '../errors.js';
import { Database, sqlString } from './database.js';
import { resolveFiles, textBytes } from './files.js';
import { Fingerprints } from './fingerprints.js';
import type { FileContext, KindMapper } from './kinds/context.js';
import { mapActions } from './kinds/actions.js';
import { mapCounts } from './kinds/counts.js';
import { mapJudgements } from './kinds/judgements.js';
import { mapPolice } from './kinds/police.js';
import { mapPopulation } from './kinds/population.js';
import { mapRecords } from './kinds/records.js';
import { mapSurvey } from './kinds/survey.js';
import { dropStaged, readWorkbook, stageFile } from './staging.js';
import { onInterrupt } from '../util/cleanup.js';
import { ingestPoliceBatch, type BatchCounts, type BatchFile } from './police-batch.js';

type Workbook = import('exceljs').Workbook;

export interface FileRead {
  /** Relative to csp.yaml. */
  path: string;
  sha256: string;
  bytes: number;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  /** Set when the file could not be read at all. */
  error?: string;
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
}

export interface IngestOptions {
  /** Dates after this day (YYYY-MM-DD) are rejected as in the future. */
  today: string;
  /** Before each file is read, for progress. */
  onFileStart?: (sourceId: string, file: string, index: number, total: number) => void;
  /**
   * Called once, while DuckDB reads the largest files on its own threads (or at the end when
   * there are none): this thread is idle then, so the caller can load what it needs next.
   */
  meanwhile?: () => void;
  /** After each file is read. */
  onFile?: (sourceId: string, file: FileRead) => void;
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
  const errors: Problem[] = [];
  const sources: SourceRead[] = [];
  const workDir = mkdtempSync(path.join(tmpdir(), 'csp-ingest-'));
  const release = onInterrupt(() => rmSync(workDir, { recursive: true, force: true }));
  let fileId = 0;
  let idle = opts.meanwhile;
  const meanwhile = () => {
    idle?.();
    idle = undefined;
  };
  // Every source's files are found first, so that partners' workbooks can be parsed while
  // DuckDB reads the police files; a source's problems are reported in its turn.
  const found = Object.entries(config.sources).map(([id, source]) => {
    try {
      return { id, source, paths: resolveFiles(source.files, config.baseDir, `sources.${id}.files`), problems: [] };
    } catch (e) {
      return { id, source, paths: [], problems: problemsOf(e) };
    }
  });
  // Fingerprints are taken on a worker thread from the start, in the order the files are read.
  const fingerprints = new Fingerprints();
  for (const f of found) for (const p of f.paths) fingerprints.of(p);
  const workbooks = new Map<string, Promise<Workbook>>();
  const parseWorkbooks = () => {
    for (const f of found) {
      for (const p of f.paths.filter((x) => /\.xlsx$/i.test(x) && !workbooks.has(x))) {
        const parsing = readWorkbook(p);
        parsing.catch(() => undefined);
        workbooks.set(p, parsing);
      }
    }
  };
  try {
    for (const { id, source, paths, problems } of found) {
      const key = `sources.${id}`;
      const read: SourceRead = { id, kind: source.kind, files: [], rowsRead: 0, rowsAccepted: 0, rowsRejected: 0 };
      sources.push(read);
      errors.push(...problems);
      // A force's monthly police files are read together, one batch at a time; this thread
      // is free meanwhile.
      const batched = source.kind === 'police-uk-street' && paths.length > 1
        ? readPoliceBatches(paths, { db, config, sourceId: id, firstFileId: fileId + 1, onFileStart: opts.onFileStart })
        : undefined;
      if (batched) {
        parseWorkbooks();
        meanwhile();
      }
      const done = await batched;
      // Every file, read either way, is recorded the same way.
      const record = async (entry: FileRead, id_: number) => {
        read.files.push(entry);
        read.rowsRead += entry.rowsRead;
        read.rowsAccepted += entry.rowsAccepted;
        read.rowsRejected += entry.rowsRejected;
        await db.run(`INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [
          id, id_, entry.path, entry.sha256, entry.bytes, entry.rowsRead, entry.rowsAccepted, entry.rowsRejected,
        ]);
        opts.onFile?.(id, entry);
      };
      for (const [index, file] of paths.entries()) {
        const shownPath = path.relative(config.baseDir, file).replaceAll('\\', '/');
        opts.onFileStart?.(id, shownPath, index, paths.length);
        fileId++;
        const together = done?.get(fileId);
        if (together) {
          const entry: FileRead = { path: shownPath, sha256: await fingerprints.of(file), bytes: statSync(file).size, ...together };
          if (together.rowsRead === 0) noDataRows(entry, errors);
          await record(entry, fileId);
          continue;
        }
        const ctx: FileContext = { db, config, sourceId: id, fileId, shownPath, key, today: opts.today };
        await record(await readOne(file, source, ctx, workDir, errors, fingerprints.of(file), workbooks.get(file)), fileId);
      }
    }
    meanwhile();
  } finally {
    await fingerprints.close();
    rmSync(workDir, { recursive: true, force: true });
    release();
  }
  return { sources, errors };
}

/** Police files in batches of up to ~250 MB of text; a batch that cannot be read together is left to the one-by-one path. */
async function readPoliceBatches(
  paths: string[],
  o: { db: Database; config: Config; sourceId: string; firstFileId: number; onFileStart?: IngestOptions['onFileStart'] },
): Promise<Map<number, BatchCounts>> {
  const done = new Map<number, BatchCounts>();
  const limit = 250 * 1024 * 1024;
  let batch: BatchFile[] = [];
  let bytes = 0;
  const flush = async () => {
    if (batch.length > 0) {
      o.onFileStart?.(o.sourceId, `${batch.length} files`, batch[0]!.fileId - o.firstFileId, paths.length);
      const counts = await ingestPoliceBatch(o.db, batch, o.config, o.sourceId);
      for (const [k, v] of counts ?? []) done.set(k, v);
    }
    batch = [];
    bytes = 0;
  };
  for (const [i, p] of paths.entries()) {
    const size = textBytes(p);
    if (bytes + size > limit && batch.length > 0) await flush();
    batch.push({ path: p, fileId: o.firstFileId + i });
    bytes += size;
  }
  await flush();
  return done;
}

async function readOne(
  file: string,
  source: SourceConfig,
  ctx: FileContext,
  workDir: string,
  errors: Problem[],
  hash: Promise<string>,
  workbook?: Promise<Workbook>,
): Promise<FileRead> {
  const entry: FileRead = { path: ctx.shownPath, sha256: await hash, bytes: statSync(file).size, rowsRead: 0, rowsAccepted: 0, rowsRejected: 0 };
  const staged = await stageFile(ctx.db, file, {
    encoding: source.encoding,
    delimiter: source.delimiter,
    sheet: source.sheet,
    workDir,
    shownPath: ctx.shownPath,
    workbook,
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
  } catch (e) {
    // A file that cannot be mapped (e.g. a missing column) is not read at all: every row is
    // counted as read and rejected, so the accounting still holds.
    errors.push(...problemsOf(e));
    entry.error = firstMessage(e);
    entry.rowsRead = await staged.rowsRead();
    entry.rowsRejected = entry.rowsRead;
    await ctx.db.run(`DELETE FROM rejects WHERE source = ${sqlString(ctx.sourceId)} AND file_id = ${ctx.fileId}`);
    await ctx.db.run(`INSERT INTO rejects VALUES (?, ?, NULL, NULL, NULL, ?)`, [
      ctx.sourceId, ctx.fileId, `file not read: ${entry.error}`,
    ]);
  } finally {
    await dropStaged(ctx.db, staged);
  }
  return entry;
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
