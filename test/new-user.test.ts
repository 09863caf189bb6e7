import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { binCsp, cli, minimalConfig, ROOT, workspace } from './helpers.js';

// bin/csp.js as a user runs it (the build's bundle), from csp init to the published plan.

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

describe('bin/csp.js in a child process', () => {
  const tiny = () =>
    path.join(
      workspace({
        'csp.yaml': minimalConfig('  asb:\n    kind: records\n    files: asb.csv\n    columns: {date: Date, category: Type}'),
        'asb.csv': 'Date,Type\n05/01/2024,Noise\n',
      }),
      'csp.yaml',
    );

  describe('--json: one JSON object on stdout and nothing else', () => {
    const config = tiny();
    it.each([
      ['validate', ['validate', '--config', config, '--json']],
      ['validate, invalid config', ['validate', '--config', 'nowhere.yaml', '--json']],
      ['doctor', ['doctor', '--config', config, '--json']],
    ])('%s', async (_name, args) => {
      const r = await binCsp(args as string[]);
      expect(r.stdout.endsWith('}\n')).toBe(true);
      expect(r.stdout.trim().split('\n')).toHaveLength(1);
      expect(() => JSON.parse(r.stdout)).not.toThrow();
    });
  });

  it('messages have no colour codes when NO_COLOR is set or stderr is not a terminal', async () => {
    const r = await binCsp(['validate', '--config', 'nowhere.yaml'], { env: { NO_COLOR: '1', FORCE_COLOR: '' } });
    expect(r.stderr).not.toMatch(/\x1b\[/);
  });
});
