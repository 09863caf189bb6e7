import { closeSync, fstatSync, openSync } from 'node:fs';
import { CspError, type Problem } from '../core/errors.js';
import type { FileRead } from './types.js';

/** The problems of an expected failure (a CspError); anything else is a bug and goes on up. */
export function problemsOf(e: unknown): Problem[] {
  if (e instanceof CspError) return e.problems;
  throw e;
}

/** What a file's `error` says: the first problem of an expected failure. */
export function firstMessage(e: unknown): string {
  return e instanceof CspError ? e.problems[0]!.message : String(e);
}

/** A file with headings and nothing under them: an error, since no month of it can be counted. */
export function noDataRows(entry: FileRead, errors: Problem[]): void {
  errors.push({
    message: 'the file has column headings but no data rows',
    where: { file: entry.path },
    hint: 'export the data again, or remove the file from the folder',
  });
  entry.error = 'no data rows';
}

/**
 * Why a file cannot be opened now (gone, not allowed, a folder), or null when it can: a file
 * listed may go (moved, deleted) or become unreadable before it is read.
 */
export function unreadableNow(file: string): string | null {
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
