import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { binCsp, cli, ROOT, SAMPLE_CONFIG } from './helpers.js';
import { rollBack } from '../src/util/output-set.js';

const tmp = (prefix: string) => mkdtempSync(path.join(tmpdir(), prefix));
const REAL = path.join(ROOT, 'test', 'fixtures', 'realdata', 'csp.yaml');

/** A tiny disk: a 16 KB tmpfs in a mount namespace of our own (root is not needed for unshare -rm). */
const canMount = (() => {
  try {
    execFileSync('unshare', ['-rm', 'sh', '-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=16k tmpfs "$d"'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Runs a shell script in a mount namespace of its own (for a tmpfs); its exit code and stderr. */
function unshared(script: string): { code: number; stderr: string } {
  try {
    execFileSync('unshare', ['-rm', 'sh', '-c', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stderr: '' };
  } catch (e) {
    return { code: (e as { status: number }).status, stderr: (e as { stderr: string }).stderr };
  }
}

describe('an output folder csp cannot use: exit 3 with the cause and the fix, before any data is read', () => {
  it('--out naming a file', async () => {
    const file = path.join(tmp('csp-outfile-'), 'out.txt');
    writeFileSync(file, 'not a folder');
    const r = await cli(['assess', '--config', REAL, '--out', file, '--format', 'html']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`the output folder ${path.relative(ROOT, file)} is a file, not a folder`);
    expect(r.stderr).not.toContain('read 2 sources'); // checked before the data
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
  });

  it('a folder csp may not write to', async () => {
    const r = await cli(['render-plan', '--config', SAMPLE_CONFIG, '--out', '/sys/csp-out', '--format', 'html']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('csp cannot write to the output folder');
    expect(r.stderr).toContain('permission denied');
    expect(r.stderr).toContain('choose another folder with --out');
  });

  it('a temporary folder csp cannot write to (TMPDIR)', async () => {
    const r = await binCsp(['assess', '--config', REAL, '--out', tmp('csp-out-'), '--format', 'html'], { env: { TMPDIR: '/sys/csp-tmp' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('csp cannot write to the temporary folder /sys/csp-tmp');
    expect(r.stderr).toContain('set TMPDIR');
  });

  // A disk with no room at all is found before the data is read; one that fills part-way, as the
  // outputs are written, is exit 3 too, and the previous outputs are untouched.
  it.runIf(canMount).each([
    ['16k', 'csp cannot write to the output folder'],
    // (which output it fills on depends on their sizes: any of them, said by name)
    ['200k', 'csp could not write '],
  ])('a full disk (%s free)', (size, said) => {
    const out = tmp('csp-full-');
    const { code, stderr } = unshared(
      `mount -t tmpfs -o size=${size} tmpfs "${out}" && exec "${process.execPath}" "${path.join(ROOT, 'bin', 'csp.js')}" assess --config "${REAL}" --out "${out}" --format html`,
    );
    expect(code, stderr).toBe(3);
    expect(stderr).toContain(said);
    expect(stderr).toContain('the disk is full');
  });
});

describe('a temporary folder that fills during the run', () => {
  it.runIf(canMount)('is exit 3 naming the cause, not "a bug in csp"', () => {
    // CR-only police files are read from LF copies in the temporary folder: 200 KB cannot hold them.
    const ws = tmp('csp-crtmp-');
    cpSync(path.join(ROOT, 'test', 'fixtures', 'realdata'), ws, { recursive: true });
    const month = path.join(ws, 'kent-street-2024-01_2024-04', '2024-01-kent-street.csv');
    writeFileSync(month, readFileSync(month, 'latin1').replaceAll('\r\n', '\r'), 'latin1');
    const small = tmp('csp-smalltmp-');
    const { code, stderr } = unshared(
      `mount -t tmpfs -o size=200k tmpfs "${small}" && TMPDIR="${small}" exec "${process.execPath}" "${path.join(ROOT, 'bin', 'csp.js')}" validate --config "${path.join(ws, 'csp.yaml')}"`,
    );
    expect(code, stderr).toBe(3);
    expect(stderr).toContain('csp could not write a file: the disk is full');
    expect(stderr).not.toContain('bug in csp');
  });
});

describe('a database file whose disk fills', () => {
  it.runIf(canMount)('is exit 3, the disk is full: DuckDB says it in words, csp gives it its errno (ingest/database.ts)', () => {
    const small = tmp('csp-smalldb-');
    const { code, stderr } = unshared(
      `mount -t tmpfs -o size=300k tmpfs "${small}" && exec "${process.execPath}" "${path.join(ROOT, 'bin', 'csp.js')}" validate --config "${REAL}" --db "${small}/work.duckdb" --quiet`,
    );
    expect(code, stderr).toBe(3);
    expect(stderr).toContain('csp could not write a file: the disk is full');
    expect(stderr).not.toContain('bug in csp');
  });
});

describe('outputs replaced as one set', () => {
  it('two runs at once into one folder: each waits its turn, and the folder holds one whole run', async () => {
    const out = tmp('csp-two-');
    const [a, b] = await Promise.all([
      binCsp(['assess', '--config', 'data-samples/csp.yaml', '--out', out, '--format', 'html', '--period', '2025-01..2025-12']),
      binCsp(['assess', '--config', 'data-samples/csp.yaml', '--out', out, '--format', 'html', '--period', '2024-07..2025-06']),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(`${a.stderr}${b.stderr}`).toMatch(/waiting for another csp run \(process \d+\) to finish writing/);
    const json = JSON.parse(readFileSync(path.join(out, 'assessment.json'), 'utf8'));
    const html = readFileSync(path.join(out, 'assessment.html'), 'utf8');
    const themes = readFileSync(path.join(out, 'tables', 'themes.csv'), 'utf8');
    // Every file from the same run: the period of the JSON is the one the HTML and the tables show.
    expect(html).toContain(json.period.label);
    expect(themes).toContain(`all-crime,All crime (excluding ASB),police,all but Anti-social behaviour,${json.allCrime.current},${json.allCrime.previous},`);
    expect(readdirSync(out).filter((f) => f.startsWith('.csp'))).toEqual([]);
  }, 120_000);

  it('a commit cut short is rolled back by the next run: the previous set comes back whole', () => {
    const dir = tmp('csp-cut-');
    writeFileSync(path.join(dir, 'assessment.json'), 'old json');
    writeFileSync(path.join(dir, 'assessment.html'), 'old html');
    // The state a crash leaves: the JSON replaced, the HTML aside but not yet moved in, a new table moved in.
    mkdirSync(path.join(dir, '.csp-previous-1-1'));
    mkdirSync(path.join(dir, '.csp-staging-1-1', 'tables'), { recursive: true });
    writeFileSync(path.join(dir, '.csp-previous-1-1', 'assessment.json'), 'old json');
    writeFileSync(path.join(dir, 'assessment.json'), 'new json');
    writeFileSync(path.join(dir, '.csp-previous-1-1', 'assessment.html'), 'old html');
    writeFileSync(path.join(dir, '.csp-staging-1-1', 'assessment.html'), 'new html');
    mkdirSync(path.join(dir, 'tables'));
    writeFileSync(path.join(dir, 'tables', 'new.csv'), 'new table');
    writeFileSync(
      path.join(dir, '.csp-commit.json'),
      JSON.stringify({ staging: '.csp-staging-1-1', backup: '.csp-previous-1-1', files: ['assessment.json', 'tables/new.csv', 'assessment.html'] }),
    );
    expect(rollBack(dir)).toBe(true);
    expect(readFileSync(path.join(dir, 'assessment.json'), 'utf8')).toBe('old json');
    expect(readFileSync(path.join(dir, 'assessment.html'), 'utf8')).toBe('old html');
    expect(existsSync(path.join(dir, 'tables', 'new.csv'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('.csp'))).toEqual([]);
    expect(rollBack(dir)).toBe(false);
  });

  it('folders left by a killed run (staging, browser profile, work folder) are removed by the next run', async () => {
    const out = tmp('csp-left-');
    // Process 2^22 + 7 does not exist.
    const dead = 4194311;
    mkdirSync(path.join(out, `.csp-staging-${dead}-1`, 'charts'), { recursive: true });
    // A temporary folder of its own: a csp run of another test, at the same time, would remove
    // leftovers in the shared one first (bin/csp.js in a child process reads this TMPDIR).
    const temporary = tmp('csp-left-tmp-');
    const profile = path.join(temporary, `csp-browser-${dead}-abc`);
    const work = path.join(temporary, `csp-ingest-${dead}-abc`);
    mkdirSync(profile, { recursive: true });
    mkdirSync(work, { recursive: true });
    writeFileSync(path.join(out, '.csp-lock'), `${dead}\n`); // a lock its run never released
    const r = await binCsp(['assess', '--config', REAL, '--out', out, '--format', 'html'], { env: { TMPDIR: temporary } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('removed 3 temporary folder(s) left by runs that were stopped');
    expect([existsSync(profile), existsSync(work)]).toEqual([false, false]);
    expect(readdirSync(out).filter((f) => f.startsWith('.csp'))).toEqual([]);
  });

  it('a failed run leaves the previous outputs as they were', async () => {
    const out = tmp('csp-keep-');
    const ws = tmp('csp-keep-ws-');
    cpSync(path.join(ROOT, 'test', 'fixtures', 'realdata'), ws, { recursive: true });
    expect((await cli(['assess', '--config', path.join(ws, 'csp.yaml'), '--out', out, '--format', 'html', '--quiet'])).code).toBe(0);
    const before = readFileSync(path.join(out, 'assessment.json'), 'utf8');
    const templates = path.join(ws, 'templates');
    cpSync(path.join(ROOT, 'templates'), templates, { recursive: true });
    writeFileSync(path.join(templates, 'assessment', 'document.hbs'), '{{no.such.field}}');
    const r = await cli([
      'assess',
      '--config',
      path.join(ws, 'csp.yaml'),
      '--out',
      out,
      '--format',
      'html',
      '--templates',
      templates,
      '--period',
      '2024-04..2024-04',
    ]);
    expect(r.code).toBe(2);
    expect(readFileSync(path.join(out, 'assessment.json'), 'utf8')).toBe(before);
    expect(readdirSync(out).filter((f) => f.startsWith('.csp'))).toEqual([]);
  });
});
