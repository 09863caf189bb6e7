import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Chalk } from 'chalk';
import { run } from '../src/cli.js';
import { binCsp, cli, ROOT, SAMPLE_CONFIG } from './helpers.js';

const tmp = (p: string) => mkdtempSync(path.join(tmpdir(), p));

describe('a new user, from csp init to the published plan', () => {
  it('init, put the exports in place, validate, assess, render-plan', async () => {
    const dir = tmp('csp-newuser-');
    const ws = path.join(dir, 'thanet');
    const init = await binCsp(['init', ws]);
    expect(init.code).toBe(0);
    expect(init.stderr).toContain('created a workspace');
    for (const f of ['csp.yaml', 'plan.yaml', 'csp.schema.json', 'police/README.txt']) expect(existsSync(path.join(ws, f)), f).toBe(true);
    // Before the exports are in place, validate says which are missing.
    const empty = await binCsp(['validate', '--config', path.join(ws, 'csp.yaml')]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('no file matches "police/*-kent-street.csv*"');
    for (const folder of ['police', 'council', 'fire', 'population', 'survey', 'judgements', 'actions']) {
      cpSync(path.join(ROOT, 'data-samples', folder), path.join(ws, folder), { recursive: true });
    }
    // The sample data end in December 2025; the new workspace's period is set from today.
    writeFileSync(path.join(ws, 'csp.yaml'), readFileSync(path.join(ws, 'csp.yaml'), 'utf8').replace(/end: \d{4}-\d{2}/, 'end: 2025-12'));
    const validate = await binCsp(['validate', '--config', path.join(ws, 'csp.yaml'), '--json'], { cwd: dir });
    expect(validate.code).toBe(0);
    expect(JSON.parse(validate.stdout).sources).toHaveLength(7);
    const assess = await binCsp(['assess', '--config', 'thanet/csp.yaml', '--format', 'html'], { cwd: dir });
    expect(assess.code).toBe(0);
    expect(assess.stderr).toMatch(/✔ read 7 sources, [\d,]+ rows \(\d+\.\ds\)/);
    expect(existsSync(path.join(ws, 'out', 'assessment.json'))).toBe(true);
    expect(existsSync(path.join(ws, 'out', 'assessment.html'))).toBe(true);
    const render = await binCsp(['render-plan', '--config', 'thanet/csp.yaml', '--format', 'html,pdf'], { cwd: dir });
    expect(render.stderr).toContain('printed plan.pdf, cabinet-report.pdf');
    expect(render.code).toBe(0);
    for (const f of ['plan.html', 'plan.pdf', 'cabinet-report.html', 'cabinet-report.pdf']) expect(existsSync(path.join(ws, 'out', f)), f).toBe(true);
    // The new workspace's documents carry no sample watermark.
    expect(readFileSync(path.join(ws, 'out', 'plan.html'), 'utf8')).not.toContain('SAMPLE DATA');
  });

  it('init refuses to overwrite, unless --force; --templates copies the templates', async () => {
    const ws = tmp('csp-init-');
    expect((await cli(['init', ws, '--quiet'])).code).toBe(0);
    const again = await cli(['init', ws]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already has csp.yaml, plan.yaml');
    expect(again.stderr).toContain('add --force');
    const forced = await cli(['init', ws, '--force', '--templates', '--json']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout).files).toContain(path.join(ws, 'templates'));
    expect(existsSync(path.join(ws, 'templates', 'plan', 'document.hbs'))).toBe(true);
  });
});

describe('exit codes', () => {
  it('0 success, 2 invalid input, 3 environment', async () => {
    expect((await cli(['validate', '--config', SAMPLE_CONFIG, '--quiet'])).code).toBe(0);
    expect((await cli(['validate', '--config', 'nowhere.yaml'])).code).toBe(2);
    expect((await cli(['assess', '--config', SAMPLE_CONFIG, '--period', 'last year'])).code).toBe(2);
    expect((await cli(['validate', '--no-such-option'])).code).toBe(2);
    // A config named with --config that is not there fails (exit 2); the default csp.yaml only warns.
    const missing = await cli(['doctor', '--config', 'no/such/csp.yaml', '--json']);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout).checks.find((c: any) => c.check === 'Configuration')).toMatchObject({ status: 'fail', detail: 'no/such/csp.yaml does not exist' });
    const here = await cli(['doctor', '--json'], { cwd: tmpdir() });
    expect(JSON.parse(here.stdout).checks.find((c: any) => c.check === 'Configuration')).toMatchObject({ status: 'warn' });
    const doctor = await cli(['doctor', '--config', SAMPLE_CONFIG, '--browser', '/no/such/browser', '--json']);
    expect(doctor.code).toBe(3);
    expect(JSON.parse(doctor.stdout).checks.find((c: any) => c.check === 'Browser for PDF')).toMatchObject({ status: 'fail' });
  });

  it('1 for an unexpected failure: it says so and points to --debug, which prints the stack', async () => {
    const io = (debug: boolean) => {
      let stderr = '';
      return {
        io: {
          out: () => { throw new TypeError('stdout went away'); },
          err: (t: string) => { stderr += t; },
          color: new Chalk({ level: 0 }), env: {}, cwd: ROOT, interactive: false,
        },
        stderr: () => stderr,
        debug,
      };
    };
    const plain = io(false);
    expect(await run(['validate', '--config', SAMPLE_CONFIG, '--json', '--quiet'], plain.io)).toBe(1);
    expect(plain.stderr()).toContain('Unexpected error: stdout went away');
    expect(plain.stderr()).toContain('Run the same command with --debug');
    expect(plain.stderr()).not.toMatch(/\n\s+at /);
    const debug = io(true);
    expect(await run(['validate', '--config', SAMPLE_CONFIG, '--json', '--quiet', '--debug'], debug.io)).toBe(1);
    expect(debug.stderr()).toMatch(/TypeError: stdout went away\n\s+at /);
  });
});

describe('errors are said once', () => {
  it('an unusable source is reported in the summary, not again after it; with --quiet it still appears', async () => {
    const { workspace, minimalConfig } = await import('./helpers.js');
    const dir = workspace({
      'csp.yaml': minimalConfig('  asb:\n    kind: records\n    files: asb.csv\n    columns: {date: Date, category: Type}'),
      'asb.csv': 'Date,Type\n32/01/2024,Noise\n',
    });
    for (const quiet of [false, true]) {
      const r = await cli(['validate', '--config', path.join(dir, 'csp.yaml'), ...(quiet ? ['--quiet'] : [])]);
      expect(r.code).toBe(2);
      expect(r.stderr.split('has no usable rows').length - 1).toBe(1);
    }
  });
});

describe('--json: one JSON object on stdout and nothing else', () => {
  it.each([
    ['validate', ['validate', '--config', SAMPLE_CONFIG, '--json']],
    ['validate, invalid config', ['validate', '--config', 'nowhere.yaml', '--json']],
    ['doctor', ['doctor', '--config', SAMPLE_CONFIG, '--json']],
  ])('%s', async (_name, args) => {
    const r = await binCsp(args as string[]);
    expect(r.stdout.endsWith('}\n')).toBe(true);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
  });
});

describe('help', () => {
  it('every command has help with examples and the exit codes; --version', async () => {
    for (const command of ['init', 'validate', 'assess', 'render-plan', 'doctor']) {
      const r = await cli([command, '--help']);
      expect(r.code, command).toBe(0);
      expect(r.stdout, command).toContain('Examples:');
      expect(r.stdout, command).toContain('2  invalid input');
    }
    const top = await cli(['--help']);
    expect(top.stdout).toMatch(/Commands:\s+init[\s\S]*validate[\s\S]*assess[\s\S]*render-plan[\s\S]*doctor/);
    expect((await cli(['--version'])).stdout.trim()).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('messages have no colour codes when NO_COLOR is set or stderr is not a terminal', async () => {
    const r = await binCsp(['validate', '--config', 'nowhere.yaml'], { env: { NO_COLOR: '1', FORCE_COLOR: '' } });
    expect(r.stderr).not.toMatch(/\x1b\[/);
  });
});
