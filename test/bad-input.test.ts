import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { cli, minimalConfig, workspace, type ErrorsJson, type ValidationJson } from './helpers.js';

const HEADER = 'Case Ref,Date Received,Complaint Type,Ward';
const records = (files: string, extra = '') => `  asb:
    kind: records
    files: ${files}
    columns:
      date: Date Received
      category: Complaint Type
      area: Ward
      id: Case Ref${extra}`;

async function validateIn(files: Record<string, string | Buffer>, sources: string) {
  const dir = workspace({ 'csp.yaml': minimalConfig(sources), ...files });
  const r = await cli(['validate', '--config', path.join(dir, 'csp.yaml'), '--json']);
  const json = JSON.parse(r.stdout) as ValidationJson;
  for (const s of json.sources) {
    for (const f of s.files) expect(f.rowsAccepted + f.rowsRejected).toBe(f.rowsRead);
  }
  expect(r.stderr).not.toMatch(/\n\s+at /); // never a stack trace
  return { ...r, json };
}

describe('bad input gets a clear error or a counted reject', () => {
  it('a missing column: exit 2, naming the file, the column, the key and the columns there are', async () => {
    const r = await validateIn({ 'asb.csv': 'Case Ref,Date Received,Complaint Type\nA1,01/02/2024,Noise\n' }, records('asb.csv'));
    expect(r.code).toBe(2);
    expect(r.json.errors).toEqual([
      {
        message: 'column "Ward" not found',
        file: 'asb.csv',
        line: 1,
        key: 'sources.asb.columns.area',
        hint: 'the columns in this file are: "Case Ref", "Date Received", "Complaint Type"',
      },
    ]);
    expect(r.json.sources[0]!.files[0]).toMatchObject({ rowsRead: 1, rowsAccepted: 0, rowsRejected: 1, error: 'column "Ward" not found' });
    expect(r.stderr).toContain('asb.csv:1, sources.asb.columns.area: column "Ward" not found');
  });

  it('unparseable, empty and future dates: counted rejects with line and value, the rest kept', async () => {
    const csv = [
      HEADER,
      'A1,01/02/2024,Noise,Dane Valley',
      'A2,32/01/2024,Noise,Dane Valley',
      'A3,,Noise,Dane Valley',
      'A4,03/04/2099,Noise,Viking',
      'A5,2024-03-05,Noise,Viking',
      '',
    ].join('\n');
    const r = await validateIn({ 'asb.csv': csv }, records('asb.csv'));
    expect(r.code).toBe(0);
    const s = r.json.sources[0]!;
    expect([s.rowsRead, s.rowsAccepted, s.rowsRejected]).toEqual([5, 2, 3]);
    expect(s.rejects.map((x) => [x.reason, x.examples[0]!.line, x.examples[0]!.value])).toEqual([
      ['the date cannot be read (expected dd/mm/yyyy, yyyy-mm-dd or an Excel date)', 3, '32/01/2024'],
      ['the date is empty', 4, null],
      ['the date is in the future', 5, '03/04/2099'],
    ]);
    expect(s.months).toEqual(['2024-02', '2024-03']);
  });

  it('an empty file: exit 2, "the file is empty"', async () => {
    const r = await validateIn({ 'asb.csv': '' }, records('asb.csv'));
    expect(r.code).toBe(2);
    expect(r.json.errors[0]).toMatchObject({ message: 'the file is empty (0 bytes)', file: 'asb.csv' });
  });

  it('a header-only file: exit 2, "no data rows"', async () => {
    const r = await validateIn({ 'asb.csv': `${HEADER}\r\n` }, records('asb.csv'));
    expect(r.code).toBe(2);
    expect(r.json.errors[0]).toMatchObject({ message: 'the file has column headings but no data rows', file: 'asb.csv' });
    expect(r.json.sources[0]!.rowsRead).toBe(0);
  });

  it('a binary file named .csv: exit 2, "not a text file"', async () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]);
    const r = await validateIn({ 'asb.csv': zip }, records('asb.csv'));
    expect(r.code).toBe(2);
    expect(r.json.errors[0]!.message).toMatch(/^this is not a text file/);
    expect(r.json.errors[0]!.file).toBe('asb.csv');
  });

  it('a glob that matches nothing: exit 2, naming the key and the folder', async () => {
    const r = await validateIn({}, records('exports/*.csv'));
    expect(r.code).toBe(2);
    expect(r.json.errors[0]).toMatchObject({ message: 'no file matches "exports/*.csv"', key: 'sources.asb.files' });
  });

  it('a path outside the workspace is read, named by its full path', async () => {
    const { mkdtempSync, realpathSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const elsewhere = realpathSync(mkdtempSync(path.join(tmpdir(), 'csp-elsewhere-')));
    writeFileSync(path.join(elsewhere, 'asb.csv'), `${HEADER}\nA1,01/02/2024,Noise,Viking\n`);
    const r = await validateIn({}, records(`../${path.basename(elsewhere)}/asb.csv`));
    expect(r.json.errors).toEqual([]);
    expect(r.json.sources[0]!.files[0]).toMatchObject({ path: `${elsewhere}/asb.csv`, fullPath: `${elsewhere}/asb.csv`, rowsRead: 1, rowsAccepted: 1 });
  });

  it('a wrong-typed config value and an unknown key: exit 2 with keys, before any data is read', async () => {
    const dir = workspace({
      'csp.yaml': minimalConfig(records('asb.csv', '\n    dateFormt: dd/mm/yyyy')).replace('end: 2024-12', 'end: 2024-12\n  months: "12 months"'),
    });
    const r = await cli(['validate', '--config', path.join(dir, 'csp.yaml'), '--json']);
    expect(r.code).toBe(2);
    const json = JSON.parse(r.stdout) as ErrorsJson;
    expect(json.errors.map((e) => [e.key, e.message, e.hint])).toEqual([
      [
        'period.months',
        'Invalid input: expected number, received string',
        'months: Length of the current window; the previous window is the same length before it',
      ],
      ['sources.asb.dateFormt', 'unknown key "dateFormt"', 'did you mean "dateFormat"?'],
    ]);
    expect(r.stderr).toContain('csp.yaml:7, period.months: Invalid input');
  });

  it('ragged rows and an unclosed quote: counted rejects, the accounting holds', async () => {
    const csv = [
      HEADER,
      'A1,01/02/2024,Noise,Viking',
      'A2,01/02/2024,Noise',
      'A3,01/02/2024,Noise,Viking,extra',
      'A4,02/02/2024,Noise,Viking',
      'A5,"03/02/2024,Noise,Viking',
      'A6,04/02/2024,Noise,Viking',
      '',
    ].join('\n');
    const r = await validateIn({ 'asb.csv': csv }, records('asb.csv'));
    expect(r.code).toBe(0);
    const s = r.json.sources[0]!;
    // The unclosed quote swallows the rest of the file into one bad record.
    expect([s.rowsRead, s.rowsAccepted, s.rowsRejected]).toEqual([5, 2, 3]);
    expect(s.rejects.map((x) => [x.examples[0]!.line, x.reason.split(' (')[0]!.split(':')[0]])).toEqual(
      expect.arrayContaining([
        [3, 'too few fields'],
        [4, 'too many fields'],
        [6, 'a quote is opened and never closed'],
      ]),
    );
  });

  it('Windows-1252, a BOM, UTF-16 and semicolons are read without being told', async () => {
    const rows = ['A1;01/02/2024;Noise – loud;Viking', 'A2;02/02/2024;Caf\u00e9 noise;Viking'];
    const text = `${HEADER.replaceAll(',', ';')}\n${rows.join('\n')}\n`;
    const cp1252 = Buffer.from(text.replace('–', '\u0096'), 'latin1');
    // Each file its own references: a reference repeated across files of a source is kept once.
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replaceAll('A', 'B'), 'utf8')]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replaceAll('A', 'C'), 'utf16le')]);
    const r = await validateIn({ 'a.csv': cp1252, 'b.csv': bom, 'c.csv': utf16 }, records('"[abc].csv"'));
    expect(r.code).toBe(0);
    expect(r.json.sources[0]!.files.map((f) => f.rowsAccepted)).toEqual([2, 2, 2]);
    expect(r.json.sources[0]!.categories.map((c) => [c.category, c.rows])).toEqual([
      ['Café noise', 3],
      ['Noise – loud', 3],
    ]);
  });
});
