import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, SAMPLE_CONFIG } from './helpers.js';

// bin/load-bundle.js keeps the code V8 compiled for the bundle between runs. Each case runs a
// copy of the bundle in its own folder, in a child process, as bin/csp.js does.
const RUN = `
import { commandOf, loadBundle } from ${JSON.stringify(path.join(ROOT, 'bin', 'load-bundle.js'))};
const [bundlePath, ...args] = process.argv.slice(2);
const bundle = loadBundle(bundlePath, commandOf(args));
const code = await bundle.exports.run(args);
if (code === 0) bundle.keepCompiledCode();
console.log(JSON.stringify({ fromCache: bundle.fromCache, code }));
`;

/** A copy of the bundle in a folder of its own, inside the project so that it finds node_modules. */
const copies: string[] = [];
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function bundleCopy(): string {
  const dir = mkdtempSync(path.join(ROOT, 'dist', 'bundle-test-'));
  copies.push(dir);
  copyFileSync(path.join(ROOT, 'dist', 'bundle', 'csp.cjs'), path.join(dir, 'csp.cjs'));
  return path.join(dir, 'csp.cjs');
}

function runBundle(bundle: string, args: string[]): { fromCache: boolean; code: number; out: string } {
  const script = path.join(path.dirname(bundle), 'run.mjs');
  writeFileSync(script, RUN);
  const stdout = execFileSync(process.execPath, [script, bundle, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  // What the command printed, then the line RUN adds.
  const lines = stdout.trimEnd().split('\n');
  return { ...JSON.parse(lines.pop()!), out: lines.join('\n') };
}

const caches = (bundle: string) => readdirSync(path.join(path.dirname(bundle), 'v8-cache')).sort();
const validate = ['validate', '--config', SAMPLE_CONFIG, '--json'];

describe('the compiled-code cache of the bundle', () => {
  it("is written by a command's first successful run, used by the next, and the results are the same", () => {
    const bundle = bundleCopy();
    const first = runBundle(bundle, validate);
    expect(first).toMatchObject({ fromCache: false, code: 0 });
    const [file] = caches(bundle);
    expect(file).toMatch(/^validate-[0-9a-f]{16}-.+\.bin$/);
    const written = statSync(path.join(path.dirname(bundle), 'v8-cache', file!));
    expect(written.size).toBeGreaterThan(100_000);

    const second = runBundle(bundle, validate);
    expect(second.fromCache).toBe(true);
    expect(second.out).toBe(first.out);
    expect(JSON.parse(second.out).sources.length).toBe(7);
    // Used, not written again.
    expect(statSync(path.join(path.dirname(bundle), 'v8-cache', file!)).mtimeMs).toBe(written.mtimeMs);
    // Another command keeps its own.
    expect(runBundle(bundle, ['--version']).out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(caches(bundle)).toEqual([expect.stringMatching(/^csp-/), file]);
  }, 60_000);

  it('is not used for another build of the bundle, even one of the same length', () => {
    const bundle = bundleCopy();
    appendFileSync(bundle, '\n//a');
    expect(runBundle(bundle, ['--version'])).toMatchObject({ fromCache: false, code: 0 });
    expect(runBundle(bundle, ['--version'])).toMatchObject({ fromCache: true, code: 0 });
    // V8 checks only the source's length: the cache is named by the bundle's content.
    const sameLength = bundleCopy();
    appendFileSync(sameLength, '\n//b');
    copyFileSync(sameLength, bundle);
    const again = runBundle(bundle, ['--version']);
    expect(again).toMatchObject({ fromCache: false, code: 0 });
    expect(caches(bundle)).toHaveLength(2);
  }, 60_000);

  it('a folder it cannot write leaves the run as it would be without a cache', () => {
    const bundle = bundleCopy();
    // A file where the cache folder would be: the cache cannot be written.
    writeFileSync(path.join(path.dirname(bundle), 'v8-cache'), 'not a folder');
    const first = runBundle(bundle, validate);
    const second = runBundle(bundle, validate);
    expect(first).toMatchObject({ fromCache: false, code: 0 });
    expect(second).toMatchObject({ fromCache: false, code: 0 });
    expect(second.out).toBe(first.out);
  }, 60_000);

  it('is not written after a failed run', () => {
    const bundle = bundleCopy();
    const failed = runBundle(bundle, ['validate', '--config', path.join(ROOT, 'no-such-csp.yaml'), '--quiet']);
    expect(failed.code).toBe(2);
    expect(() => caches(bundle)).toThrow(/ENOENT/);
  }, 60_000);
});
