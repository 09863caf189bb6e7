// Issue 21: hostile configs, paths, browsers, streams and environment variables. Each ends as the
// README promises: exit 2 naming the file or key, exit 3 with the cause, the previous outputs
// as they were, and no terminal control from the data printed.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { binCsp, cli, minimalConfig, ROOT, spawnBinCsp } from './helpers.js';
import { CLEAR_LINE, cleanIo, jsonText, processIo, terminalText } from '../src/core/io.js';
import { findBrowser } from '../src/render/browser.js';

const tmp = (prefix: string) => mkdtempSync(path.join(tmpdir(), prefix));
const HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n';
const MONTHS = ['2023', '2024'].flatMap((y) => Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`));
const row = (month: string, category: string, lsoa = 'E01024500,Thanet 001A') =>
  `,${month},Kent Police,Kent Police,1.4,51.3,On or near B Road,${lsoa},${category},,\n`;

const CONFIG = minimalConfig(
  `  crime:
    kind: police-uk-street
    files: "crime/*.csv"
  population:
    kind: population
    files: population.csv
    columns: {area: Area, level: Level, year: Year, population: Population}`,
  `themes:
  - {id: asb, name: Anti-social behaviour, categories: {crime: [Anti-social behaviour]}}
output:
  date: 2025-01-15
`,
);

/** A small workspace that assess and render-plan take (24 months of police rows, a plan from csp init). */
async function tiny(config = CONFIG): Promise<string> {
  const ws = tmp('csp-hostile-');
  mkdirSync(path.join(ws, 'crime'));
  for (const m of MONTHS) {
    writeFileSync(
      path.join(ws, 'crime', `${m}-kent-street.csv`),
      HEADER +
        [
          ...Array.from({ length: 10 }, () => row(m, 'Anti-social behaviour') + row(m, 'Anti-social behaviour', 'E01024200,Dover 001A') + row(m, 'Burglary')),
        ].join(''),
    );
  }
  writeFileSync(path.join(ws, 'population.csv'), 'Area,Level,Year,Population\nThanet,district,2023,140000\nDover,district,2023,110000\n');
  writeFileSync(path.join(ws, 'csp.yaml'), config);
  const init = path.join(tmp('csp-hostile-init-'), 'ws');
  expect((await cli(['init', init, '--quiet'])).code).toBe(0);
  const plan = readFileSync(path.join(init, 'plan.yaml'), 'utf8');
  const from = plan.indexOf('\npriorities:') + 1;
  const to = plan.indexOf('\ndemographics:') + 1;
  writeFileSync(
    path.join(ws, 'plan.yaml'),
    `${plan.slice(0, from)}priorities:
  - name: Safer places
    themes: [asb]
    lead: The ASB sub-group
    whatWeWillDo: Work together on anti-social behaviour.
    actions:
      - {action: Patrols, lead: Police, measure: Incidents, target: Monitor}
${plan.slice(to)}`,
  );
  return ws;
}

/** A tiny workspace with its assessment (and HTML plan) written: the previous outputs. */
async function assessed(): Promise<{ ws: string; config: string; out: string }> {
  const ws = await tiny();
  const config = path.join(ws, 'csp.yaml');
  expect((await cli(['assess', '--config', config, '--format', 'html', '--quiet'])).code).toBe(0);
  expect((await cli(['render-plan', '--config', config, '--format', 'html', '--quiet'])).code).toBe(0);
  return { ws, config, out: path.join(ws, 'out') };
}

function digest(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile())
      out[path.relative(dir, path.join(e.parentPath, e.name))] = createHash('sha256')
        .update(readFileSync(path.join(e.parentPath, e.name)))
        .digest('hex');
  }
  return out;
}

/** Ten aliases of ten aliases, nine deep: 10^9 values once expanded. */
const laughs = (indent: string) =>
  [
    `${indent}a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]`,
    ...Array.from({ length: 9 }, (_, i) => `${indent}a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`),
  ].join('\n');

/** A fake browser: a script in the test's folder. */
function script(dir: string, name: string, body: string, mode = 0o755): string {
  const file = path.join(dir, name);
  writeFileSync(file, body, { mode });
  return file;
}
const nodeScript = (code: string) => `#!${process.execPath}\n${code}\n`;

describe('1. csp.yaml and plan.yaml that cannot be read: exit 2 naming the file', () => {
  it('YAML aliases that expand without bound (billion laughs), at the top level and inside a known key', async () => {
    for (const config of [
      `${CONFIG}x-bomb:\n${laughs('  ')}\n`,
      CONFIG.replace('  name: Test CSP', '  name: &n [lol, lol]\n  x: [*n, *n]').replace('themes:', `bomb:\n${laughs('  ')}\nthemes:`),
    ]) {
      const ws = await tiny(config);
      const r = await cli(['validate', '--config', path.join(ws, 'csp.yaml')], { cwd: ws });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/^✖ \S*csp\.yaml:\d+: the YAML aliases \(\*name\) expand too far to be read/);
      expect(r.stderr).not.toContain('bug in csp');
    }
    // Inside a known key's value: the expansion is refused before the schema looks at it.
    const known = await tiny(
      CONFIG.replace(
        'partnership:\n  name: Test CSP',
        `partnership:\n  name: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n${Array.from({ length: 8 }, (_, i) => `  k${i}: &x${i + 1} [${Array(10).fill(`*x${i}`).join(', ')}]`).join('\n')}`,
      ),
    );
    const r = await cli(['assess', '--config', path.join(known, 'csp.yaml'), '--format', 'html'], { cwd: known });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('csp.yaml:3: the YAML aliases'); // the line of the first alias
  });

  it('csp.yaml that is a folder, or a device', async () => {
    const dir = tmp('csp-hostile-dir-');
    mkdirSync(path.join(dir, 'csp.yaml'));
    const r = await cli(['validate'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('csp.yaml: cannot be read: it is a folder, not a file');
    const dev = await cli(['assess', '--config', '/dev/null', '--format', 'html']);
    expect(dev.code).toBe(2);
    expect(dev.stderr).toContain('cannot be read: it is not a regular file');
    // doctor says so too, as a failed check, rather than failing itself.
    const doctor = await cli(['doctor', '--json'], { cwd: dir });
    expect(JSON.parse(doctor.stdout).checks.find((c: { check: string }) => c.check === 'Configuration').status).toBe('fail');
  });

  it('branding.logo that is a folder: exit 2 naming branding.logo, before any data is read', async () => {
    const ws = await tiny(`${CONFIG}branding:\n  logo: logo.png\n`);
    mkdirSync(path.join(ws, 'logo.png'));
    const r = await cli(['assess', '--config', path.join(ws, 'csp.yaml'), '--format', 'html'], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('logo.png, branding.logo: the logo logo.png cannot be used: it is a folder, not a file');
    expect(r.stderr).not.toContain('✔ read');
  });

  it('plan.yaml with aliases that expand without bound, plan.yaml, --assessment or an annex that is a folder: the previous outputs as they were', async () => {
    const { ws, config, out } = await assessed();
    const before = digest(out);
    const planFile = path.join(ws, 'plan.yaml');
    const plan = readFileSync(planFile, 'utf8');
    writeFileSync(planFile, `${plan}x-bomb:\n${laughs('  ')}\n`);
    let r = await cli(['render-plan', '--config', config, '--format', 'html'], { cwd: ws });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/✖ plan\.yaml:\d+: the YAML aliases/);
    rmSync(planFile);
    mkdirSync(planFile);
    r = await cli(['render-plan', '--config', config, '--format', 'html'], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('plan.yaml: cannot be read: it is a folder, not a file');
    rmSync(planFile, { recursive: true });
    writeFileSync(planFile, plan.replace('  corporateConsultation:', '  annexes:\n    - {title: Data, file: annex}\n  corporateConsultation:'));
    mkdirSync(path.join(ws, 'annex'));
    r = await cli(['render-plan', '--config', config, '--format', 'html'], { cwd: ws });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('cabinet.annexes.0.file: annex "Data" names annex: it is a folder, not a file');
    writeFileSync(planFile, plan);
    r = await cli(['render-plan', '--config', config, '--format', 'html', '--assessment', ws], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot be read: it is a folder, not a file');
    expect(digest(out)).toEqual(before);
  });
});

describe('2. --out and --db that cannot be used', () => {
  it('--out whose parent is a file: exit 3 with the cause, before any data is read', async () => {
    const ws = await tiny();
    const file = path.join(ws, 'a-file');
    writeFileSync(file, 'x');
    for (const command of ['assess', 'render-plan']) {
      const r = await cli([command, '--config', path.join(ws, 'csp.yaml'), '--out', path.join(file, 'out'), '--format', 'html'], { cwd: ws });
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toContain('csp cannot write to the output folder a-file/out: part of the path is a file, not a folder');
      expect(r.stderr).not.toContain('✔ read');
    }
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it('--db in a folder that does not exist, a folder, a file that is not a DuckDB database (never written over)', async () => {
    const ws = await tiny();
    const config = path.join(ws, 'csp.yaml');
    let r = await cli(['validate', '--config', config, '--db', 'no-such-folder/x.duckdb'], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no-such-folder/x.duckdb, --db: the folder for the database, no-such-folder, does not exist');
    r = await cli(['validate', '--config', config, '--db', 'crime'], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('crime, --db: the database cannot be used: it is a folder, not a file');
    // A spreadsheet, a CSV or an empty file named by mistake: refused, its bytes as they were.
    for (const [name, bytes] of [
      ['notes.csv', Buffer.from('Name,Address\nJane Smith,1 High Street\n')],
      ['empty.duckdb', Buffer.alloc(0)],
      ['big.bin', Buffer.alloc(70_000, 7)],
    ] as const) {
      writeFileSync(path.join(ws, name), bytes);
      for (const command of ['validate', 'assess']) {
        r = await cli([command, '--config', config, '--db', name, '--format', 'html'].slice(0, command === 'validate' ? 5 : 7), { cwd: ws });
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toContain(`${name}, --db: the file exists and is not a DuckDB database: csp will not write over it`);
        expect(readFileSync(path.join(ws, name)).equals(bytes)).toBe(true);
        expect(existsSync(path.join(ws, `${name}.wal`))).toBe(false);
      }
    }
    expect(r.stderr).not.toContain('Jane Smith');
    // A database csp kept is used again.
    expect((await cli(['validate', '--config', config, '--db', 'kept.duckdb', '--quiet'], { cwd: ws })).code).toBe(0);
    expect((await cli(['validate', '--config', config, '--db', 'kept.duckdb', '--quiet'], { cwd: ws })).code).toBe(0);
  });
});

describe('3. a browser that is a folder, not executable, not a program, or writes garbage on its pipe: exit 3 naming it, the HTML kept', () => {
  it.each([
    [
      'a folder',
      (d: string) => {
        mkdirSync(path.join(d, 'chrome'));
        return path.join(d, 'chrome');
      },
      'cannot be run: {b}: it is a folder, not a file',
    ],
    ['not executable', (d: string) => script(d, 'chrome.sh', '#!/bin/sh\nexit 0\n', 0o644), 'cannot be run: {b}: it is not executable'],
    [
      'a script whose interpreter does not exist',
      (d: string) => script(d, 'chrome', '#!/no/such/interpreter\n'),
      'the browser at {b} would not start: it could not be run: it, or the interpreter its first line names, was not found',
    ],
    [
      'a program that writes garbage on the pipe',
      (d: string) => script(d, 'garbage.js', nodeScript("require('fs').writeSync(4, 'this is not json\\0'); setTimeout(() => {}, 60000);")),
      'the browser at {b} would not start: it wrote something that is not the DevTools protocol on the DevTools pipe',
    ],
    [
      'a program that sends JSON that is not a message',
      (d: string) => script(d, 'nulls.js', nodeScript("require('fs').writeSync(4, 'null\\0'); setTimeout(() => {}, 60000);")),
      'it wrote something that is not the DevTools protocol',
    ],
    [
      'a program that exits at once',
      (d: string) => script(d, 'fails.sh', '#!/bin/sh\necho "cannot open display" >&2\nexit 1\n'),
      'the browser at {b} would not start: it exited with code 1: cannot open display',
    ],
  ])('%s', async (_, make, said) => {
    const { ws, config, out } = await assessed();
    for (const f of ['plan.html', 'cabinet-report.html']) rmSync(path.join(out, f));
    const browser = make(ws);
    // Run as a user runs it: an unhandled 'error' event or SyntaxError would end the process (exit 1).
    const r = await binCsp(['render-plan', '--config', config, '--format', 'html,pdf', '--browser', browser], { cwd: ws, env: { CSP_BROWSER_TIMEOUT: '20' } });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain(said.replace('{b}', browser));
    expect(r.stderr).toContain('✔ wrote plan.html, cabinet-report.html');
    for (const f of ['plan.html', 'cabinet-report.html']) expect(existsSync(path.join(out, f)), f).toBe(true);
    expect(existsSync(path.join(out, 'plan.pdf'))).toBe(false);
    // No fake browser is left running.
    const left = () => {
      try {
        return execFileSync('pgrep', ['-f', browser], { encoding: 'utf8' });
      } catch {
        return '';
      }
    };
    for (let i = 0; i < 20 && left() !== ''; i++) await new Promise((res) => setTimeout(res, 100));
    expect(left()).toBe('');
  });

  it('CSP_BROWSER naming a folder is said as CSP_BROWSER, for assess as for render-plan', async () => {
    const { ws, config, out } = await assessed();
    const r = await cli(['assess', '--config', config, '--format', 'html,pdf'], { cwd: ws, env: { CSP_BROWSER: ws } });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`the browser in CSP_BROWSER cannot be run: ${ws}: it is a folder, not a file`);
    expect(existsSync(path.join(out, 'assessment.html'))).toBe(true);
    // doctor names the problem rather than "no browser found".
    const doctor = await cli(['doctor', '--config', config, '--json'], { cwd: ws, env: { CSP_BROWSER: ws } });
    expect(JSON.parse(doctor.stdout).checks.find((c: { check: string }) => c.check === 'Browser for PDF').detail).toContain('it is a folder, not a file');
  });
});

describe("4. the messages' pipe closed early (`csp assess 2>&1 | head -1`)", () => {
  /** Runs bin/csp.js with stderr (or stdout) read until its first chunk, then closed. */
  function closedEarly(args: string[], which: 'stderr' | 'stdout', env: NodeJS.ProcessEnv = {}): Promise<number | null> {
    const child = spawnBinCsp(args, env);
    const stream = child[which]!;
    const other = which === 'stderr' ? child.stdout! : child.stderr!;
    other.resume();
    // stderr: read until its first message; stdout: closed before the JSON is written.
    if (which === 'stderr') stream.once('data', () => stream.destroy());
    else stream.destroy();
    return new Promise((res) => child.on('exit', (code) => res(code)));
  }

  it('the run goes on, writes its outputs and ends with its own exit code', async () => {
    const ws = await tiny();
    const config = path.join(ws, 'csp.yaml');
    expect(await closedEarly(['assess', '--config', config, '--format', 'html'], 'stderr')).toBe(0);
    expect(existsSync(path.join(ws, 'out', 'assessment.html'))).toBe(true);
    expect(await closedEarly(['render-plan', '--config', config, '--format', 'html,pdf', '--browser', '/nonexistent'], 'stderr')).toBe(3);
    expect(existsSync(path.join(ws, 'out', 'plan.html'))).toBe(true);
    // stdout closed before the JSON: the run's code, not 0 from an exit before it had one.
    expect(await closedEarly(['render-plan', '--config', config, '--format', 'html,pdf', '--browser', '/nonexistent', '--json'], 'stdout')).toBe(3);
  });
});

describe('5. render-plan after a commit cut short, before any assess', () => {
  it('rolls back first: the plan is made from the previous whole set', async () => {
    const { ws, config, out } = await assessed();
    const previous = readFileSync(path.join(out, 'assessment.json'));
    const planBefore = readFileSync(path.join(out, 'plan.html'), 'utf8');
    // The state a crash leaves: assessment.json of the cut run moved in, the previous one aside.
    const cut = JSON.parse(previous.toString('utf8'));
    cut.area.name = 'Figures Of The Cut Run';
    mkdirSync(path.join(out, '.csp-previous-1-1'));
    mkdirSync(path.join(out, '.csp-staging-1-1'));
    writeFileSync(path.join(out, '.csp-previous-1-1', 'assessment.json'), previous);
    writeFileSync(path.join(out, 'assessment.json'), JSON.stringify(cut));
    writeFileSync(path.join(out, '.csp-commit.json'), JSON.stringify({ staging: '.csp-staging-1-1', backup: '.csp-previous-1-1', files: ['assessment.json'] }));
    const r = await cli(['render-plan', '--config', config, '--format', 'html'], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('an earlier run was stopped while replacing its outputs: the outputs before it were put back');
    expect(readFileSync(path.join(out, 'assessment.json')).equals(previous)).toBe(true);
    expect(readFileSync(path.join(out, 'plan.html'), 'utf8')).toBe(planBefore);
    expect(readdirSync(out).filter((f) => f.startsWith('.csp'))).toEqual([]);
  });
});

describe('6. --json with a browser that fails: stdout is one JSON object', () => {
  it('assess and render-plan, a browser missing and one that will not start', async () => {
    const { ws, config } = await assessed();
    const fails = script(ws, 'fails.sh', '#!/bin/sh\nexit 1\n');
    for (const [command, browser] of [
      ['assess', '/nonexistent'],
      ['render-plan', '/nonexistent'],
      ['assess', fails],
      ['render-plan', fails],
    ]) {
      const r = await cli([command!, '--config', config, '--format', 'html,pdf', '--json', '--browser', browser!], { cwd: ws });
      expect(r.code, r.stderr).toBe(3);
      const json = JSON.parse(r.stdout);
      expect(json.errors).toHaveLength(1);
      expect(json.errors[0].message).toContain(browser);
      expect(command === 'assess' ? json.outputs.assessment : json.outputs).toBeTruthy();
    }
    // A run that fails before any JSON still prints one object, of the errors.
    const r = await cli(['assess', '--config', config, '--json', '--period', 'nonsense'], { cwd: ws });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).errors.length).toBeGreaterThan(0);
  });
});

describe('7. a long TMPDIR', () => {
  // Skipped, and listed as skipped, where no browser is installed (CI installs one).
  it.skipIf(!findBrowser(undefined, process.env))(
    'the browser still starts: its profile and temporary folder are kept short (needs a browser)',
    async () => {
      const { ws, config, out } = await assessed();
      const long = path.join(tmp('csp-longtmp-'), 'x'.repeat(150 - tmpdir().length - 20));
      mkdirSync(long, { recursive: true });
      expect(long.length).toBeGreaterThanOrEqual(140);
      const profiles = () => readdirSync('/tmp').filter((f) => /^csp-browser-\d+-/.test(f));
      const earlier = new Set(profiles());
      const r = await binCsp(['render-plan', '--config', config, '--format', 'pdf'], { cwd: ws, env: { TMPDIR: long } });
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(path.join(out, 'plan.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
      // The profile (and the browser's own temporary files inside it) are gone.
      expect(readdirSync(long)).toEqual([]);
      // ... in /tmp, where it was made: none is left of a run that has ended.
      expect(profiles().filter((f) => !earlier.has(f) && !existsSync(`/proc/${f.split('-')[2]}`))).toEqual([]);
    },
    60_000,
  );
});

describe('8. environment variables that are not what they should be: exit 2 naming them', () => {
  it('CSP_LOCK_WAIT=abc and negative values no longer wait for ever; CSP_BROWSER_TIMEOUT and SOURCE_DATE_EPOCH too', async () => {
    const { ws, config, out } = await assessed();
    const before = digest(out);
    // The folder is held by a live process (this one, as bin/csp.js sees it): NaN seconds would never run out.
    writeFileSync(path.join(out, '.csp-lock'), `${process.pid}\n`);
    for (const value of ['abc', '-5', '1e3', 'Infinity', '90000']) {
      const r = await binCsp(['assess', '--config', config, '--format', 'html'], { cwd: ws, env: { CSP_LOCK_WAIT: value } });
      expect(r.code, `${value}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(`✖ CSP_LOCK_WAIT: the environment variable is "${value}", not a number of seconds from 0 to 86,400`);
      expect(r.stderr).not.toContain('✔ read');
    }
    // 0: no wait at all; the folder held by another run is exit 3.
    const r0 = await binCsp(['render-plan', '--config', config, '--format', 'html'], { cwd: ws, env: { CSP_LOCK_WAIT: '0' } });
    expect(r0.code, r0.stderr).toBe(3);
    expect(r0.stderr).toContain(`another csp run (process ${process.pid}) is still writing to this output folder`);
    rmSync(path.join(out, '.csp-lock'));
    for (const value of ['abc', '-1', '0', '']) {
      const r = await cli(['render-plan', '--config', config, '--format', 'html'], { cwd: ws, env: { CSP_BROWSER_TIMEOUT: value } });
      if (value === '')
        expect(r.code).toBe(0); // empty is unset
      else {
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`CSP_BROWSER_TIMEOUT: the environment variable is "${value}", not a number of seconds from 1 to 86,400`);
      }
    }
    for (const value of ['yesterday', '99999999999999999', '-1']) {
      const r = await cli(['validate', '--config', config], { cwd: ws, env: { SOURCE_DATE_EPOCH: value } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`SOURCE_DATE_EPOCH: the environment variable is "${value}"`);
    }
    expect(digest(out)).toEqual(before); // the one run that wrote gave the same bytes
  });
});

describe('9. a browser that does not exist', () => {
  it('--browser /nonexistent: the HTML is written and said, exit 3 naming the browser', async () => {
    const ws = await tiny();
    const config = path.join(ws, 'csp.yaml');
    const out = path.join(ws, 'out');
    const a = await cli(['assess', '--config', config, '--format', 'html,pdf', '--browser', '/nonexistent'], { cwd: ws });
    expect(a.code).toBe(3);
    expect(a.stderr).toContain('✖ the browser given by --browser does not exist: /nonexistent');
    expect(a.stderr).toContain('✔ wrote assessment.html');
    expect(existsSync(path.join(out, 'assessment.html'))).toBe(true);
    expect(existsSync(path.join(out, 'assessment.json'))).toBe(true);
    const r = await cli(['render-plan', '--config', config, '--format', 'html,pdf', '--browser', '/nonexistent'], { cwd: ws });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('✖ the browser given by --browser does not exist: /nonexistent');
    expect(r.stderr).toContain('✔ wrote plan.html, cabinet-report.html');
    for (const f of ['plan.html', 'cabinet-report.html']) expect(existsSync(path.join(out, f)), f).toBe(true);
  });

  it('a run that fails after staging its files says no "wrote" line for files that are not there', async () => {
    const { ws, config, out } = await assessed();
    const before = digest(out);
    const templates = path.join(ws, 'templates');
    cpSync(path.join(ROOT, 'templates'), templates, { recursive: true });
    writeFileSync(path.join(templates, 'assessment', 'document.hbs'), '{{no.such.field}}');
    const r = await cli(['assess', '--config', config, '--format', 'html', '--templates', templates], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('✔ wrote');
    expect(digest(out)).toEqual(before);
  });
});

describe('10. terminal controls in the data are never printed', () => {
  const HOSTILE = 'Evil\x1b]0;pwned title\x07 \x1b[2J\x1b[31mred\u009b2J\x7f\x08done';

  it('a police category holding ESC ] 0 ; … BEL, ESC [ 2 J, C1 and DEL: validate prints none of them; --json keeps the value, escaped', async () => {
    const ws = await tiny();
    const june = path.join(ws, 'crime', '2024-06-kent-street.csv');
    writeFileSync(june, `${readFileSync(june, 'utf8')}${row('2024-06', `"${HOSTILE}"`)}`);
    const r = await binCsp(['validate', '--config', path.join(ws, 'csp.yaml')], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Evil reddone'); // the sequences whole, not only their ESC bytes
    expect(r.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    const json = await binCsp(['validate', '--config', path.join(ws, 'csp.yaml'), '--json', '--quiet'], { cwd: ws });
    expect(json.stdout).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    const categories = JSON.parse(json.stdout)
      .sources.find((s: { id: string }) => s.id === 'crime')
      .categories.map((c: { category: string }) => c.category);
    expect(categories).toContain(HOSTILE);
  });

  it('in csp.yaml too (a theme name with "\\e[2J"): the assess summary prints none', async () => {
    const ws = await tiny(CONFIG.replace('name: Anti-social behaviour,', 'name: "ASB\\e[2J\\e]0;x\\a theme",'));
    const r = await binCsp(['assess', '--config', path.join(ws, 'csp.yaml'), '--format', 'html'], { cwd: ws });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('ASB theme');
    expect(r.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  });

  it("csp's own colours and progress line survive; the data's controls do not", () => {
    const io = processIo(true);
    expect(terminalText(io.color.red('x'))).toBe('\x1b[31mx\x1b[39m');
    expect(terminalText(io.color.red.bold('x'))).toBe('\x1b[31m\x1b[1mx\x1b[22m\x1b[39m');
    expect(terminalText(`${CLEAR_LINE}reading`)).toBe('\r\x1b[2Kreading');
    expect(terminalText(io.color.dim('a\x1b[2Jb\rc\td'))).toBe('\x1b[2mabc\td\x1b[22m');
    expect(terminalText('\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\')).toBe('link');
    expect(jsonText(JSON.stringify({ v: '\u009b\x7f\x1b' }))).toBe('{"v":"\\u009b\\u007f\\u001b"}');
    let said = '';
    cleanIo({ ...io, err: (t) => (said += t) }).err('a\x1b[2Jb');
    expect(said).toBe('ab');
  });
});
