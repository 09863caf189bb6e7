import type { SourceConfig } from '../config/sources.js';
import type { Problem } from '../core/errors.js';
import { forgetFiles, type Database } from './database.js';
import type { SourcePlan } from './find-files.js';
import { noDataRows, unreadableNow } from './file-problems.js';
import { damagedGzips, refuseDamagedGzip } from './gzip.js';
import type { FileContext } from './kinds/context.js';
import type { BatchCounts } from './police-batch.js';
import { readPoliceBatches, readTogether } from './police-batches.js';
import { readOneFile } from './read-file.js';
import { fileIdentity, type IngestRun } from './run.js';
import type { FileRead, SourceRead } from './types.js';

export interface SourceResult {
  read: SourceRead;
  errors: Problem[];
  warnings: Problem[];
}

/**
 * Reads one source's files on `db`: a force's police files together in batches, any other file
 * (and a police file a batch could not take) on its own. Every file, read either way, is
 * counted the same way; the byte-identical copies left unread are listed after them.
 */
export async function readSource(plan: SourcePlan, db: Database, run: IngestRun): Promise<SourceResult> {
  const { id, source, paths, duplicates, ids, problems } = plan;
  const read: SourceRead = { id, kind: source.kind, files: [], rowsRead: 0, rowsAccepted: 0, rowsRejected: 0 };
  const errors = [...problems];
  const warnings: Problem[] = [];
  const damaged = await damagedGzips(paths, run.fingerprints);
  const together = readTogether({ source, paths }) ? await readPoliceBatches(paths, run, { db, sourceId: id, firstFileId: ids[0]!, skip: damaged }) : undefined;
  // References kept by the source's earlier files, so that a repeat in a later file (a CSV and
  // an XLSX of the same months) is rejected like a repeat within one.
  const earlierIds = hasReferences(source) ? `earlier_ids_${run.scratch.next()}` : undefined;
  if (earlierIds) await db.run(`CREATE OR REPLACE TEMP TABLE ${earlierIds} (id VARCHAR, file VARCHAR, line BIGINT)`);
  try {
    for (const [index, file] of paths.entries()) {
      const fileId = ids[index]!;
      const shownPath = run.names.shown(file);
      run.opts.onFileStart?.(id, shownPath, index, paths.length);
      let entry: FileRead;
      try {
        const ctx: FileContext = { db, config: run.config, sourceId: id, fileId, shownPath, key: `sources.${id}`, today: run.opts.today, earlierIds };
        entry = await readInTurn(file, { source, ctx, counts: together?.get(fileId), gzipProblem: damaged.get(file) }, { run, errors, warnings });
      } catch (e) {
        // A file that went (moved, deleted) or became unreadable between listing and reading
        // is that file's problem, named; any other failure is a bug and goes on up.
        const cause = unreadableNow(file);
        if (!cause) throw e;
        await forgetFiles(db, id, [fileId]);
        entry = {
          path: shownPath,
          fullPath: run.names.full(file),
          sha256: '',
          bytes: 0,
          rowsRead: 0,
          rowsAccepted: 0,
          rowsRejected: 0,
          error: `cannot be read: ${cause}`,
        };
        errors.push({
          message: `the file cannot be read: ${cause}`,
          where: { file: shownPath, key: `sources.${id}.files` },
          hint: 'put the file back (or let csp read it) and run again, or correct the files: of the source in csp.yaml',
        });
      }
      read.files.push(entry);
      read.rowsRead += entry.rowsRead;
      read.rowsAccepted += entry.rowsAccepted;
      read.rowsRejected += entry.rowsRejected;
    }
  } finally {
    if (earlierIds) await db.run(`DROP TABLE IF EXISTS ${earlierIds}`);
  }
  for (const d of duplicates) {
    read.files.push({ ...(await fileIdentity(d.file, run)), rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, duplicateOf: run.names.shown(d.duplicateOf) });
  }
  return { read, errors, warnings };
}

/** One file in its turn: refused (a damaged .gz), counted as its batch read it, or read on its own. */
async function readInTurn(
  file: string,
  f: { source: SourceConfig; ctx: FileContext; counts: BatchCounts | undefined; gzipProblem: string | undefined },
  out: { run: IngestRun; errors: Problem[]; warnings: Problem[] },
): Promise<FileRead> {
  if (f.gzipProblem) {
    const entry: FileRead = { ...(await fileIdentity(file, out.run)), rowsRead: 0, rowsAccepted: 0, rowsRejected: 0 };
    refuseDamagedGzip(entry, f.gzipProblem, out.errors);
    return entry;
  }
  if (f.counts) {
    const entry: FileRead = { ...(await fileIdentity(file, out.run)), ...f.counts };
    if (f.counts.rowsRead === 0) noDataRows(entry, out.errors);
    return entry;
  }
  return readOneFile(file, f.source, f.ctx, out);
}

/** Sources whose rows carry a reference to deduplicate by: records' `columns.id`, a survey's `columns.id`. */
const hasReferences = (source: SourceConfig) => (source.kind === 'records' || source.kind === 'survey') && source.columns.id !== undefined;
