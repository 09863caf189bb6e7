import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Check } from '../src/commands/doctor.js';
import { cli, ROOT } from './helpers.js';

const tmp = (prefix: string) => mkdtempSync(path.join(tmpdir(), prefix));

/** The real Kent workspace copied, so commands can be run from inside it. */
function realCopy(): string {
  const dir = tmp('csp-opts-');
  cpSync(path.join(ROOT, 'test', 'fixtures', 'realdata'), dir, { recursive: true });
  return dir;
}

describe('csp.yaml found by searching upward', () => {
  it('a command run in a subfolder of the workspace uses the nearest csp.yaml above', async () => {
    const ws = realCopy();
    const r = await cli(['validate', '--json', '--quiet'], { cwd: path.join(ws, 'kent-street-2024-01_2024-04') });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).sources[0].rowsRead).toBe(60021);
  });
  it('none here or above: the message says where csp looked', async () => {
    const r = await cli(['validate'], { cwd: tmp('csp-none-') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('without --config, csp looks for csp.yaml in this folder and the folders above it');
  });
});

describe('csp init', () => {
  it('--area and --police set the partnership, its area and force; an area outside the list is added to it', async () => {
    const dir = path.join(tmp('csp-init-'), 'tyne');
    expect((await cli(['init', dir, '--area', 'Newcastle upon Tyne', '--police', 'Northumbria Police', '--quiet'])).code).toBe(0);
    const yaml = readFileSync(path.join(dir, 'csp.yaml'), 'utf8');
    expect(yaml).toContain('  name: Newcastle upon Tyne Community Safety Partnership\n');
    expect(yaml).toContain('  area: Newcastle upon Tyne\n  force: Northumbria Police\n');
    expect(yaml).toContain('    - name: Newcastle upon Tyne          # list every district of Northumbria Police here\n');
    // The file is valid: doctor reads it.
    const doctor = await cli(['doctor', '--config', path.join(dir, 'csp.yaml'), '--json']);
    expect((JSON.parse(doctor.stdout) as { checks: Check[] }).checks.find((c) => c.check === 'Configuration')!.status).toBe('pass');
  });

  it("--templates in a workspace with an edited csp.yaml adds only the templates; csp.yaml's templates: key is then used", async () => {
    const ws = realCopy();
    const yaml = path.join(ws, 'csp.yaml');
    const edited = readFileSync(yaml, 'utf8');
    const r = await cli(['init', ws, '--templates']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('csp.yaml and plan.yaml were left as they are');
    expect(readFileSync(yaml, 'utf8')).toBe(edited);
    expect(existsSync(path.join(ws, 'plan.yaml'))).toBe(false);
    expect(existsSync(path.join(ws, 'templates', 'assessment', 'document.hbs'))).toBe(true);
    // Again: refused, the templates may have been edited.
    expect((await cli(['init', ws, '--templates'])).code).toBe(2);
    // templates: in csp.yaml points at the copy; a change there shows in the document.
    const doc = path.join(ws, 'templates', 'assessment', 'document.hbs');
    writeFileSync(doc, readFileSync(doc, 'utf8').replace('</body>', '<p>Made with our own template</p></body>'));
    writeFileSync(yaml, `${edited}templates: templates\n`);
    const out = path.join(ws, 'out');
    expect((await cli(['assess', '--config', yaml, '--out', out, '--format', 'html', '--quiet'])).code).toBe(0);
    expect(readFileSync(path.join(out, 'assessment.html'), 'utf8')).toContain('Made with our own template');
  });
});

describe('--quiet and --verbose on every command', () => {
  it.each([
    ['init', (ws: string) => ['init', path.join(ws, 'new')]],
    ['validate', (ws: string) => ['validate', '--config', path.join(ws, 'csp.yaml')]],
    ['assess', (ws: string) => ['assess', '--config', path.join(ws, 'csp.yaml'), '--out', path.join(ws, 'out'), '--format', 'html']],
    ['doctor', (ws: string) => ['doctor', '--config', path.join(ws, 'csp.yaml'), '--browser', '/no/such/browser']],
  ] as const)('%s accepts both; --quiet prints nothing but what fails', async (_name, args) => {
    const ws = realCopy();
    const quiet = await cli([...args(ws), '--quiet']);
    expect(quiet.stderr.replace(/.*FAIL.*\n(.*→.*\n)?/g, '')).toBe('');
    const verbose = await cli([...args(realCopy()), '--verbose']);
    expect(verbose.stderr).not.toContain("unknown option '--verbose'");
    expect(verbose.stderr.length).toBeGreaterThan(0);
  });
});

describe('terminal tables fit the terminal', () => {
  it('on an 80-column terminal no line of the assessment summary or the ranking is wider; theme names give up width', async () => {
    const out = tmp('csp-narrow-');
    const wide = await cli(['assess', '--config', 'data-samples/csp.yaml', '--out', out, '--format', 'html']);
    const narrow = await cli(['assess', '--config', 'data-samples/csp.yaml', '--out', out, '--format', 'html'], { columns: 80 });
    const table = (text: string) => text.split('\n').filter((l) => /^(All crime|Anti-social|Violence|\s+\d+\s{2})/.test(l));
    expect(Math.max(...table(wide.stderr).map((l) => l.length))).toBeGreaterThan(80);
    expect(Math.max(...table(narrow.stderr).map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(narrow.stderr).toMatch(/\n\s+8\s+Criminal[^\n]*…/);
  });

  it('validate keeps the end of a long path (the file name) on a narrow terminal', async () => {
    const r = await cli(['validate', '--config', 'data-samples/csp.yaml'], { columns: 60 });
    const police = r.stderr.split('\n').filter((l) => l.includes('-kent-street.csv') && l.includes(' read '));
    expect(police).toHaveLength(5);
    for (const l of police) expect(l.length).toBeLessThanOrEqual(60);
    expect(police[0]).toMatch(/^ {2}…\S*\/2023-01-kent-street\.csv\.gz +13,987 read +3 rejected$/);
  });
});
