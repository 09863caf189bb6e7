import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { cli, minimalConfig, workspace, type ErrorsJson, type SourceJson, type ValidationJson } from './helpers.js';

/**
 * Issue 21, the ingest cases: hostile files end as the README promises (exit 2 naming the file,
 * line or key, or rows rejected with their reasons), never exit 1; for every file rows read =
 * accepted + rejected, and the reasons' rows add up to the rows rejected.
 */
const POLICE_HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const police = (...rows: string[]) => `${POLICE_HEADER}\n${rows.join('\n')}\n`;
const crime = (id: string, month: string, code = 'E01024000', lsoa = 'Thanet 001A', type = 'Burglary') =>
  `${id},${month},Kent Police,Kent Police,1.4,51.4,On or near High Street,${code},${lsoa},${type},Under investigation,`;
const POLICE = `  police:\n    kind: police-uk-street\n    files: "police/*.csv*"`;
const COUNTS = `  fire:\n    kind: counts\n    files: fire.csv\n    columns: {period: Month, category: Type, area: Ward, count: Count}`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** What validate --json printed: the report, or only the errors where it stopped before reading. */
  json: ValidationJson | ErrorsJson;
  dir: string;
  /** "file:line, key: message" of each error, as the terminal prints them. */
  errors: string[];
}

/** csp validate --json on a workspace: the JSON on stdout, the text report on stderr. */
async function validate(
  files: Record<string, string | Buffer>,
  sources: string,
  o: { extra?: string; config?: (t: string) => string; args?: string[] } = {},
): Promise<Run> {
  const text = minimalConfig(sources, o.extra ?? '');
  const dir = workspace({ 'csp.yaml': o.config ? o.config(text) : text, ...files });
  return validateAt(dir, o.args);
}

async function validateAt(dir: string, args: string[] = []): Promise<Run> {
  const r = await cli(['validate', '--config', path.join(dir, 'csp.yaml'), '--json', ...args]);
  expect(r.stderr).not.toMatch(/Unexpected error|\n\s+at /);
  const json = JSON.parse(r.stdout) as ValidationJson | ErrorsJson;
  accountingHolds(json);
  const errors = json.errors.map((e) => `${e.file ?? ''}${e.line ? `:${e.line}` : ''}${e.key ? `${e.file ? ', ' : ''}${e.key}` : ''}: ${e.message}`);
  return { ...r, json, dir, errors };
}

/** Rows read = accepted + rejected, for every file and source, and the reasons account for every rejected row. */
function accountingHolds(json: ValidationJson | ErrorsJson): void {
  for (const s of 'sources' in json ? json.sources : []) {
    for (const f of s.files) expect(f.rowsAccepted + f.rowsRejected, f.path).toBe(f.rowsRead);
    expect(s.rowsAccepted + s.rowsRejected).toBe(s.rowsRead);
    expect(
      s.rejects.reduce((n, x) => n + x.rows, 0),
      `reasons of ${s.id}`,
    ).toBe(s.rowsRejected);
  }
}

/** The sources read: the run must have got as far as reading them. */
function sourcesOf(json: ValidationJson | ErrorsJson): SourceJson[] {
  if (!('sources' in json)) throw new Error(`validate stopped before reading the sources: ${JSON.stringify(json.errors)}`);
  return json.sources;
}
function source(json: ValidationJson | ErrorsJson, id: string): SourceJson {
  const s = sourcesOf(json).find((x) => x.id === id);
  if (!s) throw new Error(`no source ${id}`);
  return s;
}
const reasons = (json: ValidationJson | ErrorsJson, id: string) => Object.fromEntries(source(json, id).rejects.map((x) => [x.reason, x.rows]));

describe('1. SQL built from what was read always parses', () => {
  it('a police file whose only row has an unclosed quote, read alone: exit 2, the row rejected with its line', async () => {
    const r = await validate(
      { 'police/2024-06-kent-street.csv': `${POLICE_HEADER}\nx1,"2024-06,Kent Police,Kent Police,1.4,51.4,On or near,E01024000,Thanet 001A,Burglary,,\n` },
      POLICE,
    );
    expect(r.code).toBe(2);
    expect(source(r.json, 'police').rejects).toEqual([
      expect.objectContaining({
        reason: 'a quote is opened and never closed (the rest of the file was read as one value)',
        rows: 1,
        examples: [{ file: 'police/2024-06-kent-street.csv', line: 2, value: null }],
      }),
    ]);
    expect(r.errors).toContain('sources.police: source "police" has no usable rows: its only row was rejected');
  });

  it('two police files read together, each whose only row has an unclosed quote (no row parsed at all): exit 2, not "syntax error at or near END"', async () => {
    const broken = (m: string) => `${POLICE_HEADER}\nx1,"${m},Kent Police,Kent Police,1.4,51.4,On or near,E01024000,Thanet 001A,Burglary,,\n`;
    const r = await validate({ 'police/2024-05-kent-street.csv': broken('2024-05'), 'police/2024-06-kent-street.csv': broken('2024-06') }, POLICE);
    expect(r.code).toBe(2);
    expect(source(r.json, 'police').files.map((f) => [f.path, f.rowsRead, f.rowsRejected])).toEqual([
      ['police/2024-05-kent-street.csv', 1, 1],
      ['police/2024-06-kent-street.csv', 1, 1],
    ]);
    expect(reasons(r.json, 'police')).toEqual({ 'a quote is opened and never closed (the rest of the file was read as one value)': 2 });
  });

  it('a 200 MB police file that is one line, beside a good one: exit 2 naming it (written in chunks, never held in memory)', async () => {
    const dir = workspace({
      'csp.yaml': minimalConfig(POLICE).replace('end: 2024-12', 'end: 2024-05\n  months: 1'),
      'police/2024-04-kent-street.csv': police(crime('a0', '2024-04')),
      'police/2024-05-kent-street.csv': police(crime('a1', '2024-05')),
    });
    const { openSync, writeSync, closeSync } = await import('node:fs');
    const fd = openSync(path.join(dir, 'police', '2024-06-kent-street.csv'), 'w');
    const chunk = Buffer.alloc(1 << 20, 'x');
    writeSync(fd, POLICE_HEADER);
    for (let i = 0; i < 200; i++) writeSync(fd, chunk);
    closeSync(fd);
    const r = await validateAt(dir);
    expect(r.code).toBe(2);
    const big = source(r.json, 'police').files.find((f) => f.path === 'police/2024-06-kent-street.csv');
    expect(big).toMatchObject({ rowsRead: 0, bytes: 200 * (1 << 20) + POLICE_HEADER.length });
    expect(r.errors.join('\n')).toMatch(/^police\/2024-06-kent-street\.csv.*: (the file has column headings but no data rows|column "Context" not found)/m);
    expect(source(r.json, 'police').rowsAccepted).toBe(2);
  });

  it('wards: [] (no ward is the area\'s) with a ward-level export: every row outside the area, not "IN ()"', async () => {
    const r = await validate(
      { 'asb.csv': 'Ref,Date,Type,Ward\nA1,01/06/2024,Noise,Viking\n' },
      `  asb:\n    kind: records\n    files: asb.csv\n    areaLevel: ward\n    columns: {date: Date, category: Type, area: Ward}`,
      {
        config: (t) => t.replace('    - name: Dover\n', '    - name: Dover\n  wards: []\n'),
      },
    );
    expect(r.code).toBe(0);
    expect(source(r.json, 'asb').placement!.unplaced.rows).toBe(1);
  });
});

describe('2. every number read is range-checked', () => {
  it('counts of 1e20, 99999999999999999999 and a billion and one: rejected as too large, not "out of range for INT64"', async () => {
    const rows = [
      '2024-06,Fire,Viking,2',
      '2024-07,Fire,Viking,99999999999999999999',
      '2024-08,Fire,Viking,"100,000,000,000,000,000,000"',
      '2024-09,Fire,Viking,1000000001',
      '2024-10,Fire,Viking,1000000000',
      '2024-11,Fire,Viking,-99999999999999999999',
      '2024-12,Fire,Viking,1e20',
      '2024-05,Fire,Viking,0000000000000000000000012',
    ];
    const r = await validate({ 'fire.csv': `Month,Type,Ward,Count\n${rows.join('\n')}\n` }, COUNTS);
    expect(r.code).toBe(0);
    const tooLarge = 'the count is too large (more than 1,000,000,000): a reference or a total in the count column?';
    expect(reasons(r.json, 'fire')).toEqual({ [tooLarge]: 4, 'the count is not a whole number': 1 });
    const example = source(r.json, 'fire').rejects.find((x) => x.reason === tooLarge)!.examples[0];
    expect(example).toEqual({ file: 'fire.csv', line: 3, value: '99999999999999999999' });
    expect(source(r.json, 'fire').rowsAccepted).toBe(3); // 2, a billion, and 12 written with leading zeros
  });

  it('a population of 10^20, a score and a baseline of 400 digits: rejected with their reasons', async () => {
    const big = '9'.repeat(400);
    const r = await validate(
      {
        'population.csv': 'Area,Level,Population\nThanet,district,137000\nDover,district,100000000000000000000\n',
        'judgements.csv': `Theme,Influence\nasb,4\nasb,${big}\n`,
        'actions.csv': `Action,Status,Baseline,Latest\nPatrols,Completed,4,9\nCCTV,ongoing,${big},1\n`,
      },
      [
        `  population:\n    kind: population\n    files: population.csv\n    columns: {area: Area, level: Level, population: Population}`,
        `  judgements:\n    kind: judgements\n    files: judgements.csv\n    columns: {theme: Theme, scores: {influence: Influence}}`,
        `  actions:\n    kind: actions\n    files: actions.csv\n    columns: {action: Action, status: Status, baseline: Baseline, latest: Latest}`,
      ].join('\n'),
      { extra: 'themes:\n  - {id: asb, name: Anti-social behaviour, categories: {crime: [Anti-social behaviour]}}\n' },
    );
    expect(reasons(r.json, 'population')).toEqual({ 'the population is too large (more than 1,000,000,000)': 1 });
    expect(reasons(r.json, 'judgements')).toEqual({ 'the influence score is not a number (decimals are written with a point: 3.5)': 1 });
    expect(reasons(r.json, 'actions')).toEqual({ 'the baseline is not a number': 1 });
  });
});

describe('3. gzip files with something after their end', () => {
  const gz = gzipSync(police(crime('a1', '2024-06')));
  it.each([
    [
      'text after the compressed data',
      Buffer.from('garbage here\n'),
      'something other than gzip data where gzip data should be, as after the end of the compressed data (incorrect header check)',
    ],
    ['zero bytes after it (zlib skips them, DuckDB stops on them)', Buffer.alloc(100), '100 bytes follow the end of the compressed data'],
    ['the start of a second gzip member, cut', Buffer.from([0x1f, 0x8b, 8, 0]), 'unexpected end of file'],
  ])('%s: exit 2 naming the file, none of it used', async (_name, tail, why) => {
    // Refused, not read with a warning: data.police.uk never publishes bytes after the data, so
    // they are a damaged or mixed-up download, and only a new download says what the file holds.
    const r = await validate(
      {
        'police/2024-05-kent-street.csv': police(crime('a0', '2024-05')),
        'police/2024-06-kent-street.csv.gz': Buffer.concat([gz, tail]),
      },
      POLICE,
      { config: (t) => t.replace('end: 2024-12', 'end: 2024-06\n  months: 1') },
    );
    expect(r.code).toBe(2);
    expect(r.errors.find((e) => e.startsWith('police/2024-06-kent-street.csv.gz: the gzip file is damaged'))).toContain(why);
    expect(r.errors.filter((e) => e.startsWith('police/2024-06-kent-street.csv.gz'))).toHaveLength(1);
    const file = source(r.json, 'police').files.find((f) => f.path.endsWith('.gz'));
    expect(file).toMatchObject({ rowsRead: 0, error: expect.stringContaining('damaged gzip file') });
  });

  it('a CR-only .csv.gz is read through a streamed LF copy (line numbers as an editor shows them)', async () => {
    const text = ['Ref,Date,Type,Ward', 'A1,01/06/2024,Noise,Viking', 'A2,31/06/2024,Noise,Viking', 'A3,01/06/2024,Noise,Viking'].join('\r') + '\r';
    const r = await validate(
      { 'asb.csv.gz': gzipSync(text) },
      `  asb:\n    kind: records\n    files: asb.csv.gz\n    columns: {date: Date, category: Type, area: Ward, id: Ref}`,
    );
    expect(r.code).toBe(0);
    expect(source(r.json, 'asb').rejects[0]!.examples[0]).toMatchObject({ line: 3 });
  });
});

describe('5. a district renamed part-way through the police data', () => {
  // Five Thanet LSOAs and two Dover ones, ten months; from March 2025 data.police.uk names Thanet's "Isle of Thanet".
  const months = ['2024-09', '2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06'];
  const files = (rename: (m: string) => string) =>
    Object.fromEntries(
      months.map((m) => [
        `police/${m}-kent-street.csv`,
        police(
          ...[0, 1, 2, 3, 4].flatMap((k) => [0, 1].map((j) => crime(`${m}-t${k}-${j}`, m, `E0102400${k}`, `${rename(m)} 00${k}A`))),
          ...[0, 1].map((k) => crime(`${m}-d${k}`, m, `E0102410${k}`, `Dover 00${k}A`)),
        ),
      ]),
    );
  const window = (t: string) => t.replace('end: 2024-12', 'end: 2025-06\n  months: 3');

  it('without an alias: exit 2 naming the first file with the new name, the month, and the alias to add', async () => {
    const r = await validate(
      files((m) => (m >= '2025-03' ? 'Isle of Thanet' : 'Thanet')),
      POLICE,
      { config: window },
    );
    expect(r.code).toBe(2);
    expect(r.json.errors).toContainEqual({
      message:
        '5 LSOA codes of Thanet (e.g. E01024000, E01024001, E01024002) are named "Isle of Thanet" from March 2025: "Isle of Thanet" is not in geography.districts, so Thanet\'s figures would miss their 40 rows from then on',
      file: 'police/2025-03-kent-street.csv',
      key: 'geography.districts',
      hint: 'a district renamed: add the other name to its aliases in geography.districts (- {name: Thanet, aliases: [Isle of Thanet]}), so both names count as Thanet',
    });
  });

  it('with the alias the hint gives: read, the rename reported with its rows', async () => {
    const r = await validate(
      files((m) => (m >= '2025-03' ? 'Isle of Thanet' : 'Thanet')),
      POLICE,
      {
        config: (t) => window(t).replace('    - name: Thanet\n', '    - name: Thanet\n      aliases: [Isle of Thanet]\n'),
      },
    );
    expect(r.code).toBe(0);
    expect(source(r.json, 'police').renamedDistricts).toEqual([
      { from: 'Isle of Thanet', to: 'Thanet', rows: 40, firstMonth: '2025-03', lastMonth: '2025-06' },
    ]);
  });

  it('the other way round (csp.yaml has the new name, older files the old one): exit 2, the old name to add as an alias', async () => {
    const r = await validate(
      files((m) => (m >= '2025-03' ? 'Isle of Thanet' : 'Thanet')),
      POLICE,
      {
        config: (t) => window(t).replace('area: Thanet', 'area: Isle of Thanet').replace('    - name: Thanet\n', '    - name: Isle of Thanet\n'),
      },
    );
    expect(r.code).toBe(2);
    expect(r.json.errors).toContainEqual(
      expect.objectContaining({
        message: expect.stringContaining('"Thanet" is not in geography.districts, so Isle of Thanet\'s figures would miss their 60 rows before then'),
        hint: expect.stringContaining('(- {name: Isle of Thanet, aliases: [Thanet]})'),
      }),
    );
  });

  it('one LSOA under another name for a month is a slip, not a rename: no error', async () => {
    const f = files(() => 'Thanet');
    f['police/2025-06-kent-street.csv'] = f['police/2025-06-kent-street.csv']!.replaceAll('Thanet 004A', 'Margate 004A');
    const r = await validate(f, POLICE, { config: window });
    expect(r.errors.filter((e) => e.includes('geography.districts'))).toEqual([]);
  });
});

describe('6. a reference in two files of one source is counted once', () => {
  it('a CSV and an XLSX of the same complaints: the XLSX repeat rejected naming where it was first read', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Sheet1');
    sheet.addRows([
      ['Ref', 'Date', 'Type', 'Ward'],
      ['A2', '05/06/2024', 'Noise', 'Viking'],
      ['A9', '06/06/2024', 'Noise', 'Viking'],
      ['A9', '06/06/2024', 'Noise', 'Viking'],
    ]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await validate(
      {
        'council/asb.csv': 'Ref,Date,Type,Ward\nA1,01/06/2024,Noise,Viking\nA2,02/06/2024,Noise,Viking\nA3,31/06/2024,Noise,Viking\n',
        'council/asb.xlsx': xlsx,
      },
      `  asb:\n    kind: records\n    files: "council/asb.*"\n    columns: {date: Date, category: Type, area: Ward, id: Ref}`,
    );
    expect(r.code).toBe(0);
    const s = source(r.json, 'asb');
    expect(s.files.map((f) => [f.path, f.rowsRead, f.rowsAccepted, f.rowsRejected])).toEqual([
      ['council/asb.csv', 3, 2, 1],
      ['council/asb.xlsx', 3, 1, 2],
    ]);
    expect(s.rejects.find((x) => x.reason.startsWith('reference already read in an earlier file'))).toEqual({
      reason: 'reference already read in an earlier file of the source: the first row with it is kept',
      code: 'id-in-earlier-file',
      column: 'Ref',
      rows: 1,
      examples: [{ file: 'council/asb.xlsx', line: 2, value: 'A2 (first read in council/asb.csv line 3)' }],
    });
    expect(reasons(r.json, 'asb')['repeated reference: the first row with this reference is kept']).toBe(1);
  });

  it("a row refused for its date in the first file holds no reference: the later file's good row is kept", async () => {
    const r = await validate(
      {
        'council/a.csv': 'Ref,Date,Type,Ward\nA1,31/06/2024,Noise,Viking\n',
        'council/b.csv': 'Ref,Date,Type,Ward\nA1,01/06/2024,Noise,Viking\n',
      },
      `  asb:\n    kind: records\n    files: "council/*.csv"\n    columns: {date: Date, category: Type, area: Ward, id: Ref}`,
    );
    expect(source(r.json, 'asb').files.map((f) => f.rowsAccepted)).toEqual([0, 1]);
  });

  it('a survey response id in two exports: counted once', async () => {
    const r = await validate(
      {
        'survey/a.csv': 'Id,Problems,Agree\nR1,ASB,Agree\nR2,Drugs,Agree\n',
        'survey/b.csv': 'Id,Problems,Agree\nR2,Drugs,Agree\nR3,ASB,Agree\n',
      },
      `  survey:\n    kind: survey\n    files: "survey/*.csv"\n    columns: {id: Id, problems: Problems, agreement: Agree}`,
    );
    expect(reasons(r.json, 'survey')).toEqual({ 'response id already read in an earlier file of the source: the first row with it is kept': 1 });
    expect(source(r.json, 'survey').rowsAccepted).toBe(3);
  });
});

describe('7. two different populations for one area and year', () => {
  const POP = `  population:\n    kind: population\n    files: "population/*.csv"\n    columns: {area: Area, level: Level, population: Population, year: Year}`;
  it('in two files: exit 2 naming both rows (file:line), the values and the key', async () => {
    const r = await validate(
      {
        'population/a.csv': 'Area,Level,Year,Population\nThanet,district,2024,137000\nDover,district,2024,118000\n',
        'population/b.csv': 'Area,Level,Year,Population\nDover,district,2023,117000\nTHANET,district,2024,140000\n',
      },
      POP,
    );
    expect(r.code).toBe(2);
    expect(r.json.errors).toEqual([
      {
        message:
          'the population of Thanet (district) for 2024 is given 2 times with different values: population/a.csv:2 (137,000), population/b.csv:3 (140,000)',
        file: 'population/a.csv',
        line: 2,
        key: 'sources.population',
        hint: 'keep one row for Thanet and 2024: remove the wrong one (csp cannot tell which is right, and every rate per 1,000 of Thanet depends on it)',
      },
    ]);
  });

  it('the same value twice, and different years: no error; two values for an LSOA: exit 2', async () => {
    const same = await validate(
      {
        'population/a.csv':
          'Area,Level,Year,Population\nThanet,district,2024,137000\nThanet,district,2024,137000\nThanet,district,2023,136000\nDover,district,2024,118000\n',
      },
      POP,
    );
    expect(same.code).toBe(0);
    const lsoa = await validate(
      {
        'population/a.csv':
          'Area,Level,Year,Population\nThanet,district,2024,137000\nDover,district,2024,118000\nE01024000,lsoa,2024,1500\nE01024000,lsoa,2024,1600\n',
      },
      POP,
    );
    expect(lsoa.code).toBe(2);
    expect(lsoa.errors).toEqual([
      'population/a.csv:4, sources.population: the population of E01024000 (lsoa) for 2024 is given 2 times with different values: population/a.csv:4 (1,500), population/a.csv:5 (1,600)',
    ]);
  });
});

describe('8. every rejected row has a reason', () => {
  it('a police file with a misspelt heading ("Crime Typ"): all 2,862 rows rejected, each with its line, in JSON and text', async () => {
    const rows = Array.from({ length: 2862 }, (_, i) => crime(`x${i}`, '2024-06'));
    const r = await validate({ 'police/2024-06-kent-street.csv': `${POLICE_HEADER.replace('Crime type', 'Crime Typ')}\n${rows.join('\n')}\n` }, POLICE);
    expect(r.code).toBe(2);
    const s = source(r.json, 'police');
    expect(s.rejects).toEqual([
      {
        reason: 'file not read: column "Crime type" not found',
        code: 'file-not-read',
        column: null,
        rows: 2862,
        examples: [2, 3, 4].map((line) => ({ file: 'police/2024-06-kent-street.csv', line, value: null })),
      },
    ]);
    expect(r.stderr).toContain('rejected 2,862: file not read: column "Crime type" not found');
    expect(r.json.warnings.map((w) => w.message)).toContain('2,862 of 2,862 rows rejected: 2,862 file not read: column "Crime type" not found');
  });

  it('a partner file not read that also has a ragged line: that line keeps its own reason, the rest are "file not read"', async () => {
    const r = await validate(
      { 'asb.csv': 'Ref,Date,Kind,Ward\nA1,01/06/2024,Noise,Viking\nA2,01/06/2024\nA3,01/06/2024,Noise,Viking\n' },
      `  asb:\n    kind: records\n    files: asb.csv\n    columns: {date: Date, category: Type, area: Ward, id: Ref}`,
    );
    expect(r.code).toBe(2);
    expect(source(r.json, 'asb').rejects.map((x) => [x.reason.split(' (')[0], x.rows, x.examples.map((e) => e.line)])).toEqual([
      ['file not read: column "Type" not found', 2, [2, 4]],
      ['too few fields', 1, [3]],
    ]);
  });
});

describe('9. nothing of a row that cannot be parsed is kept or printed', () => {
  const HEADER = 'Case Ref,Date Received,Complaint Type,Complainant,Address,Ward,Notes';
  const RECORDS = `  asb:\n    kind: records\n    files: asb.csv\n    columns: {date: Date Received, category: Complaint Type, area: Ward, id: Case Ref}`;
  const PERSONAL = /Bloggs|Acacia|Margate|Smith|Elm Road|shouting|Jones/;

  it('an unquoted comma in an address, a row cut short and an unclosed quote: line and reason only, nothing in stdout, stderr or the work database', async () => {
    const csv =
      [
        HEADER,
        'ASB-1,02/01/2024,Noise,Ann Other,1 High St,Viking,none',
        'ASB-2,02/01/2024,Noise,Jo Bloggs,12 Acacia Avenue, Margate,Viking,Loud party', // the address shifts into Ward
        'ASB-3,03/01/2024,Noise,Sam Smith,4 Elm Road', // cut short
        'ASB-4,04/01/2024,Noise,Jim Jones,"9 Elm Road,Viking,shouting', // an unclosed quote runs on
      ].join('\n') + '\n';
    const dir = workspace({ 'csp.yaml': minimalConfig(RECORDS), 'asb.csv': csv });
    const db = path.join(dir, 'kept.duckdb');
    const r = await validateAt(dir, ['--db', db]);
    expect(r.code).toBe(0);
    expect(source(r.json, 'asb').rejects.map((x) => [x.reason.split(' (')[0], x.examples.map((e) => [e.line, e.value])])).toEqual([
      ['a quote is opened and never closed', [[5, null]]],
      ['too few fields', [[4, null]]],
      ['too many fields', [[3, null]]],
    ]);
    expect(r.stdout + r.stderr).not.toMatch(PERSONAL);
    const con = await (await DuckDBInstance.create(db)).connect();
    for (const table of ['rejects', 'incidents', 'files']) {
      const rows = (await con.runAndReadAll(`SELECT * FROM ${table}`)).getRowObjectsJS();
      expect(
        JSON.stringify(rows, (_, v) => (typeof v === 'bigint' ? Number(v) : v)),
        table,
      ).not.toMatch(PERSONAL);
    }
    const values = (await con.runAndReadAll(`SELECT line, value FROM rejects WHERE source = 'asb' ORDER BY line`)).getRowObjectsJS();
    expect(values.map((v) => [Number(v.line), v.value])).toEqual([
      [3, null],
      [4, null],
      [5, null],
    ]);
    con.closeSync();
  });

  it('the shift DuckDB lets through (the field after the last heading is empty): refused all the same, naming its line only', async () => {
    const csv =
      [
        HEADER,
        'ASB-1,02/01/2024,Noise,Ann Other,1 High St,Viking,',
        'ASB-2,02/01/2024,Noise,Jo Bloggs,12 Acacia Avenue, Margate,Viking,',
        'ASB-2,03/01/2024,Noise,Ann Other,1 High St,Viking,',
      ].join('\n') + '\n';
    const r = await validate({ 'asb.csv': csv }, RECORDS);
    expect(r.code).toBe(0);
    expect(source(r.json, 'asb').rejects).toEqual([
      {
        reason: 'too many fields (expected 7): an unquoted delimiter inside a value?',
        code: 'too-many-fields',
        column: null,
        rows: 1,
        examples: [{ file: 'asb.csv', line: 3, value: null }],
      },
    ]);
    // The refused row holds no reference: the later good ASB-2 is kept, not taken for a repeat.
    expect(source(r.json, 'asb').rowsAccepted).toBe(2);
    expect(r.stdout + r.stderr).not.toMatch(PERSONAL);
  });

  it('police files: a ragged line read with others keeps no value; a shifted line in a file read alone is refused', async () => {
    const shifted = 'a3,2024-06,Kent Police,Kent Police,1.4,51.4,On or near 12 Acacia Avenue, Margate,E01024000,Thanet 001A,Burglary,,';
    const together = await validate(
      {
        'police/2024-05-kent-street.csv': police(crime('a1', '2024-05')),
        'police/2024-06-kent-street.csv': police(crime('a2', '2024-06'), 'a4,2024-06,Kent Police,Kent Police,1.4,51.4,On or near 12 Acacia Avenue'),
      },
      POLICE,
      { config: (t) => t.replace('end: 2024-12', 'end: 2024-06\n  months: 1') },
    );
    expect(source(together.json, 'police').rejects).toEqual([
      expect.objectContaining({ rows: 1, examples: [{ file: 'police/2024-06-kent-street.csv', line: 3, value: null }] }),
    ]);
    expect(together.stdout + together.stderr).not.toMatch(PERSONAL);
    const alone = await validate({ 'police/2024-06-kent-street.csv': police(crime('a2', '2024-06'), shifted) }, POLICE);
    expect(source(alone.json, 'police').rejects).toEqual([
      expect.objectContaining({
        reason: 'too many fields (expected 12): an unquoted delimiter inside a value?',
        examples: [{ file: 'police/2024-06-kent-street.csv', line: 3, value: null }],
      }),
    ]);
    expect(alone.stdout + alone.stderr).not.toMatch(PERSONAL);
  });
});

describe('10. files are read wherever csp.yaml points, each listed with its full path and SHA-256', () => {
  it('an absolute path, a ../ glob and a link to a folder on a "shared drive": read, with full paths in validate (JSON, text) and the work database', async () => {
    const shared = realpathSync(mkdtempSync(path.join(tmpdir(), 'csp-shared-')));
    mkdirSync(path.join(shared, 'police'));
    writeFileSync(path.join(shared, 'police', '2024-05-kent-street.csv'), police(crime('a1', '2024-05')));
    writeFileSync(path.join(shared, 'police', '2024-06-kent-street.csv'), police(crime('a2', '2024-06')));
    writeFileSync(path.join(shared, 'asb.csv'), 'Ref,Date,Type,Ward\nA1,01/06/2024,Noise,Viking\n');
    const sources = [
      `  police:\n    kind: police-uk-street\n    files: "${shared}/police/*.csv"`,
      `  asb:\n    kind: records\n    files: ../${path.basename(shared)}/asb.csv\n    columns: {date: Date, category: Type, area: Ward}`,
      `  linked:\n    kind: records\n    files: "exports/*.csv"\n    columns: {date: Date, category: Type, area: Ward}`,
    ].join('\n');
    const dir = workspace({ 'csp.yaml': minimalConfig(sources).replace('end: 2024-12', 'end: 2024-06\n  months: 1') });
    symlinkSync(shared, path.join(dir, 'exports'));
    const db = path.join(dir, 'kept.duckdb');
    const r = await validateAt(dir, ['--db', db]);
    expect(r.code).toBe(0);
    const files = sourcesOf(r.json).flatMap((s) => s.files.map((f) => [s.id, f.path, f.fullPath]));
    expect(files).toEqual([
      ['police', `${shared}/police/2024-05-kent-street.csv`, `${shared}/police/2024-05-kent-street.csv`],
      ['police', `${shared}/police/2024-06-kent-street.csv`, `${shared}/police/2024-06-kent-street.csv`],
      ['asb', `${shared}/asb.csv`, `${shared}/asb.csv`],
      ['linked', 'exports/asb.csv', `${shared}/asb.csv`],
    ]);
    for (const s of sourcesOf(r.json)) for (const f of s.files) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The text report names a file outside the folder by its full path.
    expect(r.stderr).toContain(`${shared}/police/2024-05-kent-street.csv`);
    // The same file through the link and directly is one file: read once, the copy named.
    expect(r.json.warnings.map((w) => w.message).join('\n')).not.toContain('byte-identical');
    const con = await (await DuckDBInstance.create(db)).connect();
    const kept = (await con.runAndReadAll(`SELECT path, full_path FROM files ORDER BY file_id`)).getRowObjectsJS();
    expect(kept.map((k) => k.full_path)).toEqual(files.map((f: string[]) => f[2]));
    con.closeSync();
  });
});
