import type { SourceConfig } from '../config/sources.js';
import type { Problem } from '../core/errors.js';

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
  /** After each file is read. */
  onFile?: (sourceId: string, file: FileRead) => void;
  /** The most text one scan of police files takes (600 MB); tests set it small to read a few files as several batches. */
  policeBatchBytes?: number;
}
