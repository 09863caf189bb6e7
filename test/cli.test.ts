import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Chalk } from 'chalk';
import { run } from '../src/cli.js';
import type { Check } from '../src/commands/doctor.js';
import { cli, minimalConfig, ROOT, workspace } from './helpers.js';

/**
 * The smallest workspace that validates and assesses: the paths (exit codes, --json, errors) are
 * the same on it as on the 535,490-row sample, in a fraction of the time.
 */
const tinyConfig = () => {
  const dir = workspace({
    'csp.yaml': minimalConfig('  asb:\n    kind: records\n    files: asb.csv\n    columns: {date: Date, category: Type}'),
    'asb.csv': 'Date,Type\n05/01/2024,Noise\n07/06/2024,Noise\n',
  });
  return path.join(dir, 'csp.yaml');
};

describe('exit codes', () => {
  it('0 success, 2 invalid input, 3 environment', async () => {
    const config = tinyConfig();
    expect((await cli(['validate', '--config', config, '--quiet'])).code).toBe(0);
    expect((await cli(['validate', '--config', 'nowhere.yaml'])).code).toBe(2);
    expect((await cli(['assess', '--config', config, '--period', 'last year'])).code).toBe(2);
    expect((await cli(['validate', '--no-such-option'])).code).toBe(2);
    // A config named with --config that is not there fails (exit 2); the default csp.yaml only warns.
    const missing = await cli(['doctor', '--config', 'no/such/csp.yaml', '--json']);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout).checks.find((c: Check) => c.check === 'Configuration')).toMatchObject({
      status: 'fail',
      detail: 'no/such/csp.yaml does not exist',
    });
    const here = await cli(['doctor', '--json'], { cwd: tmpdir() });
    expect(JSON.parse(here.stdout).checks.find((c: Check) => c.check === 'Configuration')).toMatchObject({ status: 'warn' });
    const doctor = await cli(['doctor', '--config', config, '--browser', '/no/such/browser', '--json']);
    expect(doctor.code).toBe(3);
    expect(JSON.parse(doctor.stdout).checks.find((c: Check) => c.check === 'Browser for PDF')).toMatchObject({ status: 'fail' });
  });

  it('1 for an unexpected failure: it says so and points to --debug, which prints the stack', async () => {
    const io = (debug: boolean) => {
      let stderr = '';
      return {
        io: {
          out: () => {
            throw new TypeError('stdout went away');
          },
          err: (t: string) => {
            stderr += t;
          },
          color: new Chalk({ level: 0 }),
          env: {},
          cwd: ROOT,
          interactive: false,
        },
        stderr: () => stderr,
        debug,
      };
    };
    const config = tinyConfig();
    const plain = io(false);
    expect(await run(['validate', '--config', config, '--json', '--quiet'], plain.io)).toBe(1);
    expect(plain.stderr()).toContain('Unexpected error: stdout went away');
    expect(plain.stderr()).toContain('Run the same command with --debug');
    expect(plain.stderr()).not.toMatch(/\n\s+at /);
    const debug = io(true);
    expect(await run(['validate', '--config', config, '--json', '--quiet', '--debug'], debug.io)).toBe(1);
    expect(debug.stderr()).toMatch(/TypeError: stdout went away\n\s+at /);
  });
});

describe('errors are said once', () => {
  it('an unusable source is reported in the summary, not again after it; with --quiet it still appears', async () => {
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
});
