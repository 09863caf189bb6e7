import type { Config } from '../config/load.js';
import { onTwoConnections } from './connections.js';
import type { Database } from './database.js';
import { FileNames } from './file-names.js';
import { recordFiles } from './files-table.js';
import { findSourceFiles, planSources } from './find-files.js';
import { Fingerprints } from './fingerprints.js';
import { placePartnerRows } from './place.js';
import { readTogether } from './police-batches.js';
import { readSource } from './read-source.js';
import { Scratch } from './scratch.js';
import { readWorkbook, type Workbook } from './staging.js';
import type { IngestOptions, IngestResult } from './types.js';

export type { FileRead, IngestOptions, IngestResult, SourceRead } from './types.js';

/**
 * Reads every source into the database. Problems with one file do not stop the others:
 * every problem is collected and returned, so one run reports them all.
 */
export async function ingest(config: Config, db: Database, opts: IngestOptions): Promise<IngestResult> {
  const scratch = Scratch.create();
  const names = new FileNames(config.baseDir);
  const found = await findSourceFiles(config, { scratch, names });
  // Fingerprints are taken on a worker thread, and partners' workbooks parsed, from the start.
  const fingerprints = new Fingerprints();
  const paths = found.found.flatMap((f) => f.paths);
  for (const p of paths) fingerprints.of(p);
  const workbooks = parseWorkbooks(paths);
  const { plans, warnings } = await planSources(found.found, { fingerprints, names });
  const run = { config, opts, scratch, fingerprints, workbooks, names };
  try {
    // A force's police files (one long DuckDB scan per batch) are read on this connection; the
    // partners' small files, each a dozen short queries, meanwhile on a second one.
    const results = await onTwoConnections(db, plans, readTogether, (p, on) => readSource(p, on, run));
    // Partners' rows placed in their districts, now that the police rows name every LSOA's.
    await placePartnerRows(db, config);
    await recordFiles(
      db,
      results.map((r, i) => ({ read: r.read, ids: plans[i]!.ids })),
      opts.onFile,
    );
    return {
      sources: results.map((r) => r.read),
      errors: results.flatMap((r) => r.errors),
      warnings: [...found.warnings, ...warnings, ...results.flatMap((r) => r.warnings)],
    };
  } finally {
    await fingerprints.close();
    scratch.remove();
  }
}

/** Each workbook parsed once, starting now (a failure is reported when its file is read). */
function parseWorkbooks(paths: string[]): Map<string, Promise<Workbook>> {
  const workbooks = new Map<string, Promise<Workbook>>();
  for (const p of paths) {
    if (/\.xlsx$/i.test(p) && !workbooks.has(p)) {
      const parsing = readWorkbook(p);
      parsing.catch(() => undefined);
      workbooks.set(p, parsing);
    }
  }
  return workbooks;
}
