import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Every test's temporary files in one folder of their own, removed when the run ends: tests make
 * workspaces, outputs and copies in the temporary folder (and csp, run by them, its own), and
 * a run used to leave hundreds behind in /tmp. TMPDIR is set before the test workers start,
 * so they, and every csp and browser they run, inherit it. Each project (unit, e2e) calls this;
 * the first makes the folder and both use it.
 */
export function setup(): void {
  process.env.CSP_TEST_TMPDIR ??= mkdtempSync(path.join(tmpdir(), 'csp-tests-'));
  process.env.TMPDIR = process.env.CSP_TEST_TMPDIR;
}

export function teardown(): void {
  const dir = process.env.CSP_TEST_TMPDIR;
  if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
}
