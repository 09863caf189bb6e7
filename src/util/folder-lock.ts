import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { environmentError } from '../core/errors.js';
import { isRunning } from './live-process.js';

const LOCK = '.csp-lock';

/**
 * One run at a time writes an output folder: the lock file holds the writer's process id. A
 * second run waits for it (a scheduled job and a person at the keyboard, say); a lock left by a
 * run that was killed is taken over.
 */
export async function lockFolder(dir: string, o: { waitMs: number; onWait?: (pid: number) => void }): Promise<() => void> {
  const file = path.join(dir, LOCK);
  const started = Date.now();
  let told = false;
  for (;;) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    // The holder may release the lock between our attempt and this read (ENOENT): try again.
    let holder: number;
    try {
      holder = Number(readFileSync(file, 'utf8').trim());
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw e;
    }
    if (!Number.isInteger(holder) || holder <= 0 || holder === process.pid || !isRunning(holder)) {
      // A run that was killed (or an unreadable lock): its lock is stale. Another run waiting may
      // take it over first (ENOENT).
      rmSync(file, { force: true });
      continue;
    }
    if (Date.now() - started > o.waitMs) {
      throw environmentError({
        message: `another csp run (process ${holder}) is still writing to this output folder after ${Math.round(o.waitMs / 1000)} s`,
        hint: 'wait for it to finish, or give this run its own folder with --out',
      });
    }
    if (!told) o.onWait?.(holder);
    told = true;
    await new Promise((r) => setTimeout(r, 200));
  }
}
