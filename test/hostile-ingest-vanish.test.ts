import { describe, expect, it, vi } from 'vitest';
import { mkdirSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { cli, minimalConfig, workspace, type ValidationJson } from './helpers.js';

/**
 * Issue 21 case 4: a source file that goes between listing and reading. How the test provokes
 * it: ingest() is wrapped (vi.mock) so that its onFileStart hook, which csp calls just before it
 * reads a file (or a batch of police files), first runs `hooks.onFileStart`, which deletes the
 * file (or puts a folder in its place). Everything else is the real CLI: the same exit code,
 * JSON and messages a user gets.
 */
const hooks = vi.hoisted(() => ({ onFileStart: undefined as undefined | ((sourceId: string, file: string) => void) }));
vi.mock('../src/ingest/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/ingest/index.js')>();
  return {
    ...real,
    ingest: (config: Parameters<typeof real.ingest>[0], db: Parameters<typeof real.ingest>[1], opts: Parameters<typeof real.ingest>[2]) =>
      real.ingest(config, db, {
        ...opts,
        onFileStart: (id, file, index, total) => {
          hooks.onFileStart?.(id, file);
          opts.onFileStart?.(id, file, index, total);
        },
      }),
  };
});

const POLICE_HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const crime = (id: string, month: string) =>
  `${POLICE_HEADER}\n${id},${month},Kent Police,Kent Police,1.4,51.4,On or near High Street,E01024000,Thanet 001A,Burglary,,\n`;
const RECORDS = `  asb:\n    kind: records\n    files: "council/*.csv"\n    columns: {date: Date, category: Type, area: Ward, id: Ref}`;

async function validate(dir: string) {
  const r = await cli(['validate', '--config', path.join(dir, 'csp.yaml'), '--json']);
  hooks.onFileStart = undefined;
  expect(r.stderr).not.toMatch(/Unexpected error|\n\s+at /);
  const json = JSON.parse(r.stdout) as ValidationJson;
  for (const s of json.sources) {
    for (const f of s.files) expect(f.rowsAccepted + f.rowsRejected).toBe(f.rowsRead);
    expect(s.rejects.reduce((n, x) => n + x.rows, 0)).toBe(s.rowsRejected);
  }
  return { ...r, json };
}

describe('4. a source file that goes between listing and reading', () => {
  it('a partner file deleted just before it is read: exit 2 naming it; the other file is read', async () => {
    const dir = workspace({
      'csp.yaml': minimalConfig(RECORDS),
      'council/a.csv': 'Ref,Date,Type,Ward\nA1,01/06/2024,Noise,Viking\n',
      'council/b.csv': 'Ref,Date,Type,Ward\nB1,01/06/2024,Noise,Viking\n',
    });
    hooks.onFileStart = (_id, file) => file === 'council/b.csv' && unlinkSync(path.join(dir, file));
    const r = await validate(dir);
    expect(r.code).toBe(2);
    expect(r.json.errors).toEqual([
      {
        message: 'the file cannot be read: it is no longer there: it was moved or deleted while csp was reading (ENOENT)',
        file: 'council/b.csv',
        key: 'sources.asb.files',
        hint: 'put the file back (or let csp read it) and run again, or correct the files: of the source in csp.yaml',
      },
    ]);
    const asb = r.json.sources.find((s) => s.id === 'asb')!;
    expect(asb.files.map((f) => [f.path, f.rowsRead, f.error ?? null])).toEqual([
      ['council/a.csv', 1, null],
      ['council/b.csv', 0, expect.stringContaining('cannot be read')],
    ]);
  });

  it('a police file deleted as its batch starts: exit 2 naming it; the others are read one by one', async () => {
    const dir = workspace({
      'csp.yaml': minimalConfig(`  police:\n    kind: police-uk-street\n    files: "police/*.csv"`).replace('end: 2024-12', 'end: 2024-06\n  months: 1'),
      'police/2024-04-kent-street.csv': crime('a4', '2024-04'),
      'police/2024-05-kent-street.csv': crime('a5', '2024-05'),
      'police/2024-06-kent-street.csv': crime('a6', '2024-06'),
    });
    hooks.onFileStart = (_id, file) => file === '3 files' && unlinkSync(path.join(dir, 'police', '2024-05-kent-street.csv'));
    const r = await validate(dir);
    expect(r.code).toBe(2);
    expect(r.json.errors).toContainEqual(expect.objectContaining({ file: 'police/2024-05-kent-street.csv', message: expect.stringContaining('(ENOENT)') }));
    expect(r.json.sources[0]!.files.map((f) => f.rowsRead)).toEqual([1, 0, 1]);
  });

  it('a file replaced by a folder of the same name: exit 2 naming it', async () => {
    const dir = workspace({ 'csp.yaml': minimalConfig(RECORDS), 'council/a.csv': 'Ref,Date,Type,Ward\nA1,01/06/2024,Noise,Viking\n' });
    hooks.onFileStart = (_id, file) => {
      if (file !== 'council/a.csv') return;
      unlinkSync(path.join(dir, file));
      mkdirSync(path.join(dir, file));
    };
    const r = await validate(dir);
    expect(r.code).toBe(2);
    expect(r.json.errors).toContainEqual(
      expect.objectContaining({ file: 'council/a.csv', message: 'the file cannot be read: it is not a file any more (a folder of that name is there)' }),
    );
  });
});
