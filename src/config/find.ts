import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The csp.yaml a command uses without --config: the one in the current folder, else the
 * nearest folder above that has one (as git finds its repository), so a command run from
 * police/ or out/ works. Relative to `cwd`, or plain "csp.yaml" when there is none.
 */
export function findConfig(cwd: string): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'csp.yaml');
    if (existsSync(file)) return path.relative(cwd, file) || 'csp.yaml';
    if (path.dirname(dir) === dir) return 'csp.yaml';
  }
}
