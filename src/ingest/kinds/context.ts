import type { Config } from '../../config/load.js';
import type { Database } from '../database.js';
import type { StagedFile } from '../staging.js';
import type { Mapped } from '../map.js';

export interface FileContext {
  db: Database;
  config: Config;
  sourceId: string;
  fileId: number;
  /** The path as shown to the user (relative to csp.yaml). */
  shownPath: string;
  /** Config key of the source, e.g. sources.council-asb, for messages. */
  key: string;
  /** Dates after this day are rejected as in the future (YYYY-MM-DD). */
  today: string;
  /**
   * A table (id, file, line) of the references the source's earlier files kept (records'
   * columns.id, a survey's id): a reference found there is a repeat across files.
   */
  earlierIds?: string;
}

export type KindMapper<S> = (staged: StagedFile, source: S, ctx: FileContext) => Promise<Mapped>;
