import { forgetFiles, type Database } from './database.js';
import { sniffFile, textBytes } from './files.js';
import { lfCopy, needsLfCopy } from './lf-copy.js';
import { unreadableNow } from './file-problems.js';
import type { Fingerprints } from './fingerprints.js';
import { readPoliceBatch, type BatchCounts, type BatchFile, type BatchRead } from './police-batch.js';
import type { IngestRun } from './run.js';
import { firstLine } from './staging.js';

/**
 * The most text one scan of police files takes. Measured on 10,000,000 rows (2.2 GB): batches
 * of 250 MB took 9.6 s and peaked at 0.7 GB, 600 MB took 7.8 s and peaked at 1.0–1.1 GB, 1.2 GB
 * took no less time and peaked at 1.5 GB; two batches at once on two connections were slower.
 */
const POLICE_BATCH_BYTES = 600 * 1024 * 1024;

/** A force's monthly police files are read together, one batch at a time. */
export const readTogether = (p: { source: { kind: string }; paths: string[] }) => p.source.kind === 'police-uk-street' && p.paths.length > 1;

export interface PoliceSourceFiles {
  db: Database;
  sourceId: string;
  /** The file id of the first path; the others follow in order. */
  firstFileId: number;
  /** Files not to read (damaged .gz): each is reported in its turn. */
  skip: ReadonlyMap<string, string>;
}

/**
 * A police source's files read in batches of up to POLICE_BATCH_BYTES of text: the counts of
 * each file read, by file id. A file or batch that cannot be read together is left out, to be
 * read (and any problem reported) one by one in its turn.
 */
export async function readPoliceBatches(paths: string[], run: IngestRun, o: PoliceSourceFiles): Promise<Map<number, BatchCounts>> {
  const limit = run.opts.policeBatchBytes ?? POLICE_BATCH_BYTES;
  const batches = await planBatches(paths, run, { ...o, limit });
  const shownById = new Map(paths.map((p, i) => [o.firstFileId + i, run.names.shown(p)]));
  // A Crime ID repeated in a later batch is found through the IDs the earlier batches kept.
  let earlier: string | undefined;
  const keepIds = async () => {
    earlier ??= `police_ids_${run.scratch.next()}`;
    await o.db.run(`CREATE TEMP TABLE IF NOT EXISTS ${earlier} (h UBIGINT, file_id INTEGER, line BIGINT)`);
    return earlier;
  };
  if (batches.length > 1) await keepIds();
  // What a batch read is taken back, so that its files can be read again another way.
  const forget = async (batch: BatchFile[]) => {
    const ids = batch.map((f) => f.fileId);
    await forgetFiles(o.db, o.sourceId, ids);
    if (earlier) await o.db.run(`DELETE FROM ${earlier} WHERE file_id IN (${ids.join(', ')})`);
  };
  const batchOptions = { config: run.config, sourceId: o.sourceId, scratch: run.scratch, shownById, today: run.opts.today };
  const done = new Map<number, BatchCounts>();
  try {
    for (const [i, batch] of batches.entries()) {
      run.opts.onFileStart?.(o.sourceId, `${batch.length} file${batch.length === 1 ? '' : 's'}`, batch[0]!.fileId - o.firstFileId, paths.length);
      const options = { ...batchOptions, earlier, remember: i < batches.length - 1 };
      let read: BatchRead;
      try {
        read = await readPoliceBatch(o.db, batch, options);
        if (read.kind === 'mixed-line-endings') {
          // Past the 64 KB sniffed: the fingerprints counted every CR and LF.
          for (const f of batch) if ((await run.fingerprints.fingerprint(f.path)).mixedLineEnds) f.readPath ??= await lfCopy(f.path, run.scratch);
          read = await readPoliceBatch(o.db, batch, options);
        }
      } catch (e) {
        // A file of the batch went (moved, deleted) while it was read: what the batch read is
        // taken back and its files are read one by one, where that file is reported.
        if (!batch.some((f) => unreadableNow(f.path))) throw e;
        await forget(batch);
        continue;
      }
      let counts = read.kind === 'read' ? read.counts : null;
      if (counts && batch.length > 1 && (await linesLost(batch, counts, run.fingerprints))) {
        // DuckDB, scanning five or more files at once, can drop a last line it cannot parse
        // (an unclosed quote) without a reject. Then the batch is read again a file at a time.
        await forget(batch);
        counts = new Map();
        for (const one of batch) {
          const alone = await readPoliceBatch(o.db, [one], { ...batchOptions, earlier: await keepIds(), remember: true });
          for (const [k, v] of alone.kind === 'read' ? alone.counts : []) counts.set(k, v);
        }
      }
      for (const [k, v] of counts ?? []) done.set(k, v);
    }
  } finally {
    if (earlier) await o.db.run(`DROP TABLE IF EXISTS ${earlier}`);
  }
  return done;
}

/**
 * Batches of files with one header, each up to `limit` of text: files of another header (an
 * older export) start a batch of their own, so that their Crime IDs are still compared. A file
 * that cannot be sniffed is left out, to be read alone and reported in its turn.
 */
async function planBatches(paths: string[], run: IngestRun, o: PoliceSourceFiles & { limit: number }): Promise<BatchFile[][]> {
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
      readPath = sniffed.encoding !== 'utf-8' || needsLfCopy(sniffed) ? await lfCopy(p, run.scratch, sniffed.encoding) : undefined;
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
  return batches;
}

/** Whether a file of the batch has more data lines than rows read (parsed or rejected). */
async function linesLost(batch: BatchFile[], counts: Map<number, BatchCounts>, fingerprints: Fingerprints): Promise<boolean> {
  for (const f of batch) {
    const { lines } = await fingerprints.fingerprint(f.path);
    if (lines - 1 > (counts.get(f.fileId)?.rowsRead ?? 0)) return true;
  }
  return false;
}
