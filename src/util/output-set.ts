import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { onInterrupt } from './cleanup.js';

/**
 * The outputs of one run, written into a hidden staging folder inside the output folder and
 * moved into place together at the end. A run that fails or is interrupted leaves the
 * previous outputs as they were and no temporary files behind.
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
  static async filled<T>(dir: string, fill: (out: OutputSet) => Promise<T>): Promise<T> {
    const out = new OutputSet(dir);
    try {
      const result = await fill(out);
      out.commit();
      return result;
    } catch (e) {
      out.abort();
      throw e;
    }
  }

  write(relative: string, data: string | Uint8Array): string {
    const file = path.join(this.staging, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, data);
    this.files.push(relative);
    return path.join(this.dir, relative);
  }

  /** Moves every staged file into place (a rename each: the old file is replaced whole). */
  commit(): string[] {
    const moved: string[] = [];
    for (const relative of this.files) {
      const target = path.join(this.dir, relative);
      mkdirSync(path.dirname(target), { recursive: true });
      renameSync(path.join(this.staging, relative), target);
      moved.push(target);
    }
    this.files.length = 0;
    this.abort();
    return moved;
  }

  /** Drops whatever was staged. */
  abort(): void {
    rmSync(this.staging, { recursive: true, force: true });
    this.release();
  }

  static leftovers(dir: string): string[] {
    try {
      return readdirSync(dir).filter((f) => f.startsWith('.csp-staging-') || f.endsWith('.tmp'));
    } catch {
      return [];
    }
  }
}
