import path from 'node:path';
import { today } from '../clock.js';
import { loadConfig, type Config } from '../config/load.js';
import { Database } from '../ingest/database.js';
import { ingest } from '../ingest/index.js';
import { describeIngest, type ValidationReport } from '../ingest/report.js';
import type { Io } from '../io.js';

export interface Workspace {
  config: Config;
  db: Database;
  report: ValidationReport;
}

/** config → ingest → what was read: the first steps of validate and assess. The caller closes db. */
export async function readWorkspace(opts: { config: string; db?: string; verbose?: boolean }, io: Io): Promise<Workspace> {
  const config = loadConfig(path.resolve(io.cwd, opts.config));
  const db = await Database.open(opts.db ? path.resolve(io.cwd, opts.db) : undefined);
  try {
    const ingested = await ingest(config, db, {
      today: today(io.env),
      onFile: (id, f) => {
        if (opts.verbose) io.err(io.color.dim(`  read ${id}: ${f.path} (${f.rowsRead.toLocaleString('en-GB')} rows)\n`));
      },
    });
    return { config, db, report: await describeIngest(db, config, ingested) };
  } catch (e) {
    db.close();
    throw e;
  }
}
