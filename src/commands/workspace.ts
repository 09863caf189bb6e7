import path from 'node:path';
import { today } from '../clock.js';
import { loadConfig, type Config } from '../config/load.js';
import { Database } from '../ingest/database.js';
import { ingest } from '../ingest/index.js';
import { describeIngest, type ValidationReport } from '../ingest/report.js';
import type { Io } from '../io.js';
import { windowEnding, type Period } from '../analyse/periods.js';

export interface Workspace {
  config: Config;
  db: Database;
  report: ValidationReport;
  /** The assessment window: --period, else csp.yaml's period. */
  period: Period;
}

/** config → ingest → what was read: the first steps of validate and assess. The caller closes db. */
/**
 * `loaded`: the config when the caller has already read it (assess checks its ranking first).
 * `meanwhile`: work for this thread while DuckDB reads (see IngestOptions).
 */
export async function readWorkspace(
  opts: { config: string; db?: string; verbose?: boolean; quiet?: boolean },
  io: Io,
  loaded?: Config,
  meanwhile?: () => void,
  window?: { end: string; months: number },
): Promise<Workspace> {
  const config = loaded ?? loadConfig(path.resolve(io.cwd, opts.config));
  const period = windowEnding(window?.end ?? config.period.end, window?.months ?? config.period.months);
  const db = await Database.open(opts.db ? path.resolve(io.cwd, opts.db) : undefined);
  try {
    const bar = progressBar(io, opts.quiet ?? false);
    const ingested = await ingest(config, db, {
      today: today(io.env),
      onFileStart: (id, file, index, total) => bar(`reading ${id}`, index, total, file),
      meanwhile,
      onFile: (id, f) => {
        if (opts.verbose && !io.interactive) io.err(io.color.dim(`  read ${id}: ${f.path} (${f.rowsRead.toLocaleString('en-GB')} rows)\n`));
      },
    });
    bar.done();
    const report = await describeIngest(db, config, ingested, { period, key: window ? '--period' : 'period' });
    return { config, db, period, report };
  } catch (e) {
    db.close();
    throw e;
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
    io.err(`\r\x1b[2K${line.slice(0, (process.stderr.columns || 100) - 1)}`);
  };
  return Object.assign(draw, { done: () => show && io.err('\r\x1b[2K') });
}
