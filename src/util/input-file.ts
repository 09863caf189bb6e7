import { readFileSync, statSync } from 'node:fs';
import { environmentError, invalidInput, type Problem, type Where } from '../core/errors.js';
import { cause } from './errno.js';

/**
 * What is wrong with a path the user gave for a file csp reads (csp.yaml, plan.yaml, the
 * assessment, a logo, an annex, a browser), in words, or undefined when it is a regular file.
 * A folder, a FIFO or a device would fail later as "a bug" (EISDIR), block for ever (a FIFO)
 * or never end (/dev/zero): each is refused here, before it is opened.
 */
export function notAFile(file: string): string | undefined {
  let stat;
  try {
    stat = statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'it does not exist';
    if (code === 'ENOTDIR') return 'part of its path is a file, not a folder';
    return `it cannot be opened: ${cause(e)}`;
  }
  if (stat.isDirectory()) return 'it is a folder, not a file';
  if (!stat.isFile()) return 'it is not a regular file (a device, a pipe or a socket)';
  return undefined;
}

/**
 * Reads a file the user named: a problem naming it (exit 2) when it is missing, a folder or no
 * regular file, or over `maxBytes` (a file too large to be what it should be, which would
 * otherwise exhaust memory); exit 3 when the machine will not let csp read it. `missing` is the
 * problem said when it does not exist (each caller has its own words and fix for that).
 */
export function readInputFile(file: string, where: Where, missing: Problem, maxBytes: number): Buffer {
  const wrong = notAFile(file);
  if (wrong === 'it does not exist') throw invalidInput(missing);
  if (wrong) throw invalidInput({ message: `cannot be read: ${wrong}`, where, hint: 'give the path of the file itself' });
  const size = statSync(file).size;
  if (size > maxBytes) {
    throw invalidInput({
      message: `the file is ${Math.round(size / 1e6).toLocaleString('en-GB')} MB, far larger than such a file can be`,
      where,
      hint: 'check that the path names the right file',
    });
  }
  try {
    return readFileSync(file);
  } catch (e) {
    throw environmentError({ message: `csp cannot read the file: ${cause(e)}`, where, hint: 'check that the account csp runs as may read it' });
  }
}
