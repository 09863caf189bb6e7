import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { environmentError } from '../core/errors.js';
import { cause } from './errno.js';

/**
 * The output folder and the temporary folder must take files, checked before any data is read:
 * a full disk or a folder csp may not write to is exit 3 with its cause and the fix, not an
 * error at the end of a long run. `shown` names the folder in messages.
 */
export function checkWritable(dir: string, shown: string, what = 'the output folder'): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw environmentError({
      message: `${what} ${shown} is a file, not a folder`,
      hint: 'give --out a folder (it is created if need be), or move the file away',
    });
  }
  const probe = path.join(dir, `.csp-write-test-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    // 64 KB, so that a disk with no room at all says so now (writeFileSync writes it all or fails).
    writeFileSync(probe, Buffer.alloc(64 * 1024));
  } catch (e) {
    throw environmentError({
      message: `csp cannot write to ${what} ${shown}: ${cause(e)}`,
      hint:
        what === 'the output folder'
          ? 'choose another folder with --out (or output.dir in csp.yaml), or free space or give write permission there'
          : 'set TMPDIR (TEMP on Windows) to a folder with space that csp may write to',
    });
  } finally {
    // Where the folder could not be made (its parent is a file: ENOTDIR) removing the probe fails
    // too; that must not replace the error above with "a bug in csp".
    try {
      rmSync(probe, { force: true });
    } catch {
      // Nothing was written.
    }
  }
}
