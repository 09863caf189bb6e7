import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { environmentError } from '../core/errors.js';

/** The causes a folder cannot be written, in words a council's IT desk can act on. */
export function cause(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'the disk is read-only';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EDQUOT') return 'the disk quota is used up';
  if (code === 'ENOTDIR') return 'part of the path is a file, not a folder';
  return (e as Error).message;
}

/**
 * The output folder and the temporary folder must take files, checked before any data is read:
 * a full disk or a folder csp may not write to is exit 3 with its cause and the fix, not an
 * error at the end of a long run. `shown` names the folder in messages.
 */
export function checkWritable(dir: string, shown: string, what = 'the output folder'): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw environmentError({ message: `${what} ${shown} is a file, not a folder`, hint: 'give --out a folder (it is created if need be), or move the file away' });
  }
  const probe = path.join(dir, `.csp-write-test-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    // 64 KB, so that a disk with no room at all says so now (writeFileSync writes it all or fails).
    writeFileSync(probe, Buffer.alloc(64 * 1024));
  } catch (e) {
    throw environmentError({
      message: `csp cannot write to ${what} ${shown}: ${cause(e)}`,
      hint: what === 'the output folder' ? 'choose another folder with --out (or output.dir in csp.yaml), or free space or give write permission there' : 'set TMPDIR (TEMP on Windows) to a folder with space that csp may write to',
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

/** The temporary folder (TMPDIR, TEMP): DuckDB's copies, staged files, the browser's profile. */
export function checkTemporaryFolder(): void {
  const dir = tmpdir();
  let made: string | undefined;
  try {
    made = mkdtempSync(path.join(dir, 'csp-check-'));
  } catch (e) {
    throw environmentError({ message: `csp cannot write to the temporary folder ${dir}: ${cause(e)}`, hint: 'set TMPDIR (TEMP on Windows) to a folder with space that csp may write to' });
  }
  try {
    checkWritable(made, dir, 'the temporary folder');
  } finally {
    rmSync(made, { recursive: true, force: true });
  }
}

const LOCK = '.csp-lock';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

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
    if (!Number.isInteger(holder) || holder <= 0 || holder === process.pid || !alive(holder)) {
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

/** Folders and files of earlier runs that were killed: staging and backup folders in `dir`, browser profiles and work folders in the temporary folder. */
export function removeLeftovers(dir: string): string[] {
  const removed: string[] = [];
  const dead = (name: string) => {
    const pid = Number(/^(?:\.csp-(?:staging|previous)|csp-(?:browser|ingest))-(\d+)-/.exec(name)?.[1]);
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid);
  };
  const temporary = [...new Set([tmpdir(), shortTemporaryFolder()])].map((folder) => [folder, /^csp-(browser|ingest)-\d+-/] as const);
  for (const [folder, pattern] of [[dir, /^\.csp-(staging|previous)-/] as const, ...temporary]) {
    let names: string[] = [];
    try {
      names = readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names.filter((n) => pattern.test(n) && dead(n))) {
      rmSync(path.join(folder, name), { recursive: true, force: true });
      removed.push(path.join(folder, name));
    }
  }
  return removed;
}

/** Errors of the machine, not of csp: a full disk, a folder it may not write to. */
export const isEnvironmentFault = (e: unknown) => ['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT'].includes((e as NodeJS.ErrnoException)?.code ?? '');

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
