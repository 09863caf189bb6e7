import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isRunning } from './live-process.js';
import { shortTemporaryFolder } from './temporary-folder.js';

/** Folders and files of earlier runs that were killed: staging and backup folders in `dir`, browser profiles and work folders in the temporary folder. */
export function removeLeftovers(dir: string): string[] {
  const removed: string[] = [];
  // Each is named with the process id of the run that made it: only a run that is gone left it.
  const dead = (name: string) => {
    const pid = Number(/^(?:\.csp-(?:staging|previous)|csp-(?:browser|ingest))-(\d+)-/.exec(name)?.[1]);
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isRunning(pid);
  };
  const temporary = [...new Set([tmpdir(), shortTemporaryFolder()])].map((folder) => [folder, /^csp-(browser|ingest)-\d+-/] as const);
  for (const [folder, pattern] of [[dir, /^\.csp-(staging|previous)-/] as const, ...temporary]) {
    let names: string[];
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
