import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { onInterrupt } from './cleanup.js';
import { environmentError } from '../core/errors.js';
import { cause, isEnvironmentFault } from './errno.js';
import { lockFolder } from './folder-lock.js';
import { removeLeftovers } from './leftovers.js';
import { settingsOf } from './env.js';

/** The commit in progress: what was moved where, so that a commit cut short can be undone. */
const JOURNAL = '.csp-commit.json';

interface Journal {
  staging: string;
  backup: string;
  files: string[];
}

export interface FilledOptions {
  /** How long to wait for another run writing the same folder (default 10 minutes). */
  waitMs?: number;
  /** Said once when this run waits for another, and when an earlier run's leftovers are cleared. */
  onNote?: (what: string) => void;
}

/**
 * The outputs of one run, written into a hidden staging folder inside the output folder and
 * moved into place as one set at the end. A run that fails or is interrupted leaves the
 * previous outputs as they were and no temporary files behind. Only one run writes a folder at
 * a time (a lock file), and a commit cut short (a crash, a full disk, a kill mid-way) is rolled
 * back by the next run, so the folder never holds a mix of two runs.
 */
export class OutputSet {
  readonly staging: string;
  private readonly files: string[] = [];
  private readonly release: () => void;

  constructor(readonly dir: string) {
    this.staging = path.join(dir, `.csp-staging-${process.pid}-${Date.now()}`);
    this.release = onInterrupt(() => this.abort());
  }

  /** Runs `fill`, then moves everything it wrote into place; if it fails, drops it all. */
  static async filled<T>(dir: string, fill: (out: OutputSet) => Promise<T>, o: FilledOptions = {}): Promise<T> {
    mkdirSync(dir, { recursive: true });
    const { unlock, unlockOnInterrupt } = await lockAndRollBack(dir, o);
    try {
      const cleared = removeLeftovers(dir);
      if (cleared.length > 0) o.onNote?.(`removed ${cleared.length} temporary folder(s) left by runs that were stopped`);
      const out = new OutputSet(dir);
      try {
        const result = await fill(out);
        out.commit();
        return result;
      } catch (e) {
        out.abort();
        throw e;
      }
    } finally {
      unlock();
      unlockOnInterrupt();
    }
  }

  /**
   * Puts back the previous set where a commit was cut short, and returns: for a command that
   * reads the folder's outputs (render-plan reads assessment.json) before it writes, so that it
   * never reads a file of the run that was cut short.
   */
  static async settled(dir: string, o: FilledOptions = {}): Promise<void> {
    if (!existsSync(path.join(dir, JOURNAL))) return;
    const { unlock, unlockOnInterrupt } = await lockAndRollBack(dir, o);
    unlock();
    unlockOnInterrupt();
  }

  write(relative: string, data: string | Uint8Array): string {
    const file = path.join(this.staging, relative);
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, data);
    } catch (e) {
      if (!isEnvironmentFault(e)) throw e;
      throw environmentError({
        message: `csp could not write ${relative} in the output folder ${this.dir}: ${cause(e)}`,
        hint: 'free space there or choose another folder with --out; the previous outputs are as they were',
      });
    }
    this.files.push(relative);
    return path.join(this.dir, relative);
  }

  /**
   * Moves every staged file into place, the files it replaces aside first, with a journal of
   * both: if the commit stops part-way, `rollBack` puts the previous set back.
   */
  commit(): string[] {
    const backup = this.staging.replace('.csp-staging-', '.csp-previous-');
    const journal: Journal = { staging: path.basename(this.staging), backup: path.basename(backup), files: [...this.files] };
    writeFileSync(path.join(this.dir, JOURNAL), JSON.stringify(journal));
    const moved: string[] = [];
    for (const relative of this.files) {
      const target = path.join(this.dir, relative);
      mkdirSync(path.dirname(target), { recursive: true });
      if (existsSync(target)) {
        mkdirSync(path.dirname(path.join(backup, relative)), { recursive: true });
        renameSync(target, path.join(backup, relative));
      }
      renameSync(path.join(this.staging, relative), target);
      moved.push(target);
    }
    // The new set is whole: the journal goes first, then what it would have restored.
    rmSync(path.join(this.dir, JOURNAL), { force: true });
    rmSync(backup, { recursive: true, force: true });
    this.files.length = 0;
    this.abort();
    return moved;
  }

  /** Drops whatever was staged. */
  abort(): void {
    rmSync(this.staging, { recursive: true, force: true });
    this.release();
  }
}

/** Takes the folder's lock (waiting for another run), then rolls back a commit cut short. */
async function lockAndRollBack(dir: string, o: FilledOptions) {
  const unlock = await lockFolder(dir, {
    waitMs: o.waitMs ?? settingsOf(process.env).lockWaitMs,
    onWait: (pid) => o.onNote?.(`waiting for another csp run (process ${pid}) to finish writing ${dir}`),
  });
  const unlockOnInterrupt = onInterrupt(unlock);
  try {
    if (rollBack(dir)) o.onNote?.('an earlier run was stopped while replacing its outputs: the outputs before it were put back');
  } catch (e) {
    unlock();
    unlockOnInterrupt();
    throw e;
  }
  return { unlock, unlockOnInterrupt };
}

/**
 * Undoes a commit that was cut short (the journal is still there): each file already replaced
 * gets its previous version back, each file that is new is removed. Returns whether there was
 * one. Called with the folder locked.
 */
export function rollBack(dir: string): boolean {
  const file = path.join(dir, JOURNAL);
  if (!existsSync(file)) return false;
  let journal: Journal;
  try {
    journal = JSON.parse(readFileSync(file, 'utf8')) as Journal;
  } catch {
    rmSync(file, { force: true });
    return false;
  }
  const staging = path.join(dir, path.basename(journal.staging));
  const backup = path.join(dir, path.basename(journal.backup));
  for (const relative of journal.files) {
    const target = path.join(dir, relative);
    const previous = path.join(backup, relative);
    if (existsSync(previous)) renameSync(previous, target);
    else if (!existsSync(path.join(staging, relative))) rmSync(target, { force: true }); // moved in, had no previous version
  }
  rmSync(staging, { recursive: true, force: true });
  rmSync(backup, { recursive: true, force: true });
  rmSync(file, { force: true });
  return true;
}
