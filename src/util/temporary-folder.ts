import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { environmentError } from '../core/errors.js';
import { cause } from './errno.js';
import { checkWritable } from './writable.js';

/** The temporary folder (TMPDIR, TEMP): DuckDB's copies, staged files, the browser's profile. */
export function checkTemporaryFolder(): void {
  const dir = tmpdir();
  let made: string | undefined;
  try {
    made = mkdtempSync(path.join(dir, 'csp-check-'));
  } catch (e) {
    throw environmentError({
      message: `csp cannot write to the temporary folder ${dir}: ${cause(e)}`,
      hint: 'set TMPDIR (TEMP on Windows) to a folder with space that csp may write to',
    });
  }
  try {
    checkWritable(made, dir, 'the temporary folder');
  } finally {
    rmSync(made, { recursive: true, force: true });
  }
}

/**
 * A temporary folder with a short path, for the browser's profile and its own temporary files.
 * Chromium makes a socket inside its temporary folder (TMPDIR/org.chromium.Chromium.XXXXXX/
 * SingletonSocket), and a socket's path may be at most 107 bytes: under a long TMPDIR (a
 * Windows-style roaming profile, a CI workspace) it will not start at all. The temporary folder
 * is used when short enough, else /tmp where it may be written.
 */
export function shortTemporaryFolder(): string {
  const dir = tmpdir();
  // "csp-browser-<pid>-XXXXXX" (up to 26) and "/org.chromium.Chromium.XXXXXX/SingletonSocket" (46).
  if (process.platform === 'win32' || Buffer.byteLength(dir) + 26 + 46 < 100) return dir;
  try {
    accessSync('/tmp', constants.W_OK);
    return '/tmp';
  } catch {
    return dir;
  }
}
