import { describe, expect, it, beforeAll } from 'vitest';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './helpers.js';

/**
 * csp installed as a user installs it: from the packed tarball into an empty folder, and
 * globally, then run on the sample partnership. The build that `npm test` made is packed
 * (--ignore-scripts); npm installs the two runtime dependencies from its cache.
 */
const run = promisify(execFile);
const npm = (args: string[], cwd: string) =>
  run('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, npm_config_loglevel: 'error' },
  });

describe('the packed package', () => {
  let dir = '';
  let tarball = '';
  let files: string[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'csp-pack-'));
    const { stdout } = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT);
    const [packed] = JSON.parse(stdout);
    tarball = path.join(dir, packed.filename);
    files = packed.files.map((f: { path: string }) => f.path);
  }, 120_000);

  it('ships the built CLI, its templates and schemas, and nothing else of the working folder', () => {
    for (const f of [
      'bin/csp.js',
      'bin/load-bundle.js',
      'dist/bundle/csp.cjs',
      'templates/styles.css',
      'templates/plan/document.hbs',
      'csp.schema.json',
      'plan.schema.json',
      'README.md',
      'package.json',
    ]) {
      expect(files).toContain(f);
    }
    // No tests, fixtures, sources, samples, outputs, caches or kept databases.
    expect(files.filter((f) => /^(test|src|data-samples|out|scripts|\.bench-cache|dist\/(?!bundle\/csp\.cjs$))/.test(f) || /\.duckdb$/.test(f))).toEqual([]);
  });

  it('installs into an empty folder and runs assess and render-plan on the sample partnership', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'csp-install-'));
    await npm(['install', tarball], project);
    const csp = path.join(project, 'node_modules', '.bin', 'csp');
    const ws = path.join(project, 'thanet');
    cpSync(path.join(ROOT, 'data-samples'), ws, { recursive: true });
    const out = path.join(project, 'out');
    await run(csp, ['assess', '--config', path.join(ws, 'csp.yaml'), '--out', out, '--format', 'html', '--quiet'], { cwd: project });
    await run(csp, ['render-plan', '--config', path.join(ws, 'csp.yaml'), '--out', out, '--format', 'html', '--quiet'], { cwd: project });
    expect(readdirSync(out).sort()).toEqual(
      expect.arrayContaining(['assessment.html', 'assessment.json', 'cabinet-report.html', 'plan.html', 'tables', 'tables.xlsx']),
    );
  }, 300_000);

  it('installs globally and runs from its own bin', async () => {
    const prefix = mkdtempSync(path.join(tmpdir(), 'csp-global-'));
    await npm(['install', '--global', '--prefix', prefix, tarball], prefix);
    const csp = process.platform === 'win32' ? path.join(prefix, 'csp.cmd') : path.join(prefix, 'bin', 'csp');
    expect(existsSync(csp)).toBe(true);
    const { stdout } = await run(csp, ['--version']);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    // Run from the workspace's own folder, as a council analyst would.
    const ws = mkdtempSync(path.join(tmpdir(), 'csp-global-ws-'));
    cpSync(path.join(ROOT, 'data-samples'), ws, { recursive: true });
    await run(csp, ['assess', '--config', 'csp.yaml', '--out', 'out', '--format', 'html', '--quiet'], { cwd: ws });
    await run(csp, ['render-plan', '--config', 'csp.yaml', '--out', 'out', '--format', 'html', '--quiet'], { cwd: ws });
    expect(readdirSync(path.join(ws, 'out'))).toEqual(expect.arrayContaining(['assessment.json', 'plan.html', 'cabinet-report.html']));
  }, 300_000);
});
