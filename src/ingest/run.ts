import type { Config } from '../config/load.js';
import type { FileNames } from './file-names.js';
import type { Fingerprints } from './fingerprints.js';
import type { Scratch } from './scratch.js';
import type { Workbook } from './staging.js';
import type { FileRead, IngestOptions } from './types.js';

/** What every source's reading shares in one run of ingest. */
export interface IngestRun {
  config: Config;
  opts: IngestOptions;
  scratch: Scratch;
  /** Every file's SHA-256, size and lines, taken on a worker thread from the start. */
  fingerprints: Fingerprints;
  /** Partners' workbooks, parsed from the start (while DuckDB reads the police files). */
  workbooks: Map<string, Promise<Workbook>>;
  names: FileNames;
}

/** How a file is named, and its SHA-256 and size as hashed (not stat'ed again: a file may go once read). */
export async function fileIdentity(file: string, run: IngestRun): Promise<Pick<FileRead, 'path' | 'fullPath' | 'sha256' | 'bytes'>> {
  const { sha256 } = await run.fingerprints.fingerprint(file);
  return { path: run.names.shown(file), fullPath: run.names.full(file), sha256, bytes: await run.fingerprints.size(file) };
}
