import type { Problem } from '../core/errors.js';
import { isGzip, startsWithGzipMagic } from './files.js';
import type { Fingerprints } from './fingerprints.js';
import type { FileRead } from './types.js';

/**
 * The .gz files that do not decompress whole (cut short, or bytes after its end), each with what
 * is wrong. They are refused before DuckDB reads them: DuckDB reads a cut file as far as it goes
 * without a word (half a month counted as a month) and stops with an error on trailing bytes.
 */
export async function damagedGzips(paths: string[], fingerprints: Fingerprints): Promise<Map<string, string>> {
  const damaged = new Map<string, string>();
  for (const file of paths.filter(isGzip)) {
    const problem = (await fingerprints.fingerprint(file).catch(() => null))?.gzipProblem;
    // (A plain file named .gz is said to be one when it is sniffed.)
    if (problem && isGzipData(file)) damaged.set(file, problem);
  }
  return damaged;
}

/** Whether a file starts as gzip data does; false for one that cannot be opened (reported when it is read). */
function isGzipData(file: string): boolean {
  try {
    return startsWithGzipMagic(file);
  } catch {
    return false;
  }
}

/** A damaged .gz is an error of its own and none of it is used: part of a month would be counted as a month. */
export function refuseDamagedGzip(entry: FileRead, gzipProblem: string, errors: Problem[]): void {
  const trailing = /end of the compressed data/.test(gzipProblem);
  errors.push({
    message: trailing
      ? `the gzip file is damaged: ${gzipProblem}, so it is not one whole gzip file; none of it is used`
      : `the gzip file is damaged or cut short (${gzipProblem}), so only part of it could be read; none of it is used`,
    where: { file: entry.path },
    hint: 'download the file again (gzip -t checks a .gz file), or use the uncompressed .csv',
  });
  entry.error = `damaged gzip file: ${gzipProblem}`;
}
