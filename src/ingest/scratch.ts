import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onInterrupt } from '../util/cleanup.js';

/**
 * What one run of ingest makes along the way: a temporary folder (LF copies, extracted archive
 * entries) and names for its temporary tables and copies. Held per run, not per module, so that
 * two runs in one process (the tests) number their own; the folder is named with the process id
 * so that a later run can clear it if this one is killed (removeLeftovers).
 */
export class Scratch {
  private made = 0;

  private constructor(
    readonly dir: string,
    private readonly release: () => void,
  ) {}

  static create(): Scratch {
    const dir = mkdtempSync(path.join(tmpdir(), `csp-ingest-${process.pid}-`));
    const release = onInterrupt(() => rmSync(dir, { recursive: true, force: true }));
    return new Scratch(dir, release);
  }

  /** A number no earlier call of this run gave: temporary tables on one connection must not share a name. */
  next(): number {
    return ++this.made;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
    this.release();
  }
}
