import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { cli, minimalConfig, workspace, type ValidationJson } from './helpers.js';
import { loadConfig } from '../src/config/load.js';
import { Database } from '../src/ingest/database.js';
import { ingest } from '../src/ingest/index.js';

/**
 * A force's monthly files are read together in one scan (src/ingest/police-batch.ts); a single
 * file is read on its own (src/ingest/kinds/police.ts). The two must agree row for row: the
 * same counts, the same rejects at the same lines, the same incidents.
 */
const HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const row = (id: string, month: string, code: string, name: string, type: string) =>
  `${id},${month},Kent Police,Kent Police,1.38,51.38,On or near High Street,${code},${name},${type},Under investigation,`;

const JAN = [
  HEADER,
  row('aaa1', '2024-01', 'E01024661', 'Thanet 004A', 'Burglary'),
  row('', '2024-01', 'E01024661', 'Thanet 004A', 'Anti-social behaviour'),
  row('', '2024-01', 'E01024661', 'Thanet 004A', 'Anti-social behaviour'), // ASB rows share the empty ID: not repeats
  row('aaa2', '2024-01', 'E01024662', 'Thanet 004B', 'Drugs'),
  row('aaa1', '2024-01', 'E01024100', 'Dover 001A', 'Burglary'), // repeat, elsewhere: rejected, line 6
  row('aaa3', '2024-1', 'E01024661', 'Thanet 004A', 'Drugs'), // bad month, line 7
  row('aaa4', '2024-01', 'E01024661', 'Thanet 004A', ''), // no crime type, line 8
  'aaa5,2024-01,Kent Police,Kent Police,1.38', // ragged, line 9
  row('aaa2', '2024-13', 'E01024662', 'Thanet 004B', 'Drugs'), // repeat and bad month: the month is the reason, line 10
  row(' aaa6 ', ' 2024-01 ', 'E01024661', ' Thanet 004A ', ' Robbery '), // padded values are trimmed
  row('aaa6', '2024-01', 'E01024661', 'Thanet 004A', 'Robbery'), // a repeat of the padded ID, line 12
  row('aaa7', '2024-01', '', '', 'Public order'), // no location
  row('aaa1', '2024-01', 'E01024661', 'Thanet 004A', 'Burglary'), // a second repeat of aaa1, line 14
  row('aaa8', '2024-01', 'E01024662', 'Thanet 004B ', 'Drugs'), // padded, and counted with aaa2's Drugs
].join('\n');
const FEB = [
  HEADER,
  row('aaa1', '2024-02', 'E01024661', 'Shepway 001A', 'Burglary'), // the same ID in another month's file: a repeat across files, line 2
  'bbb1,2024-02,"Kent Police,Kent Police,1.38,51.38,x,E01024661,Thanet 004A,Drugs,,', // an unclosed quote, line 3
].join('\n');
const MAR = [HEADER, row('ccc1', '2024-03', 'E01024661', 'Thanet 004A', 'Shoplifting'), row('ccc1', '2024-03', 'E01024661', 'Thanet 004A', 'Shoplifting')].join(
  '\n',
);

const FILES = { 'police/2024-01-kent-street.csv': JAN, 'police/2024-02-kent-street.csv': FEB, 'police/2024-03-kent-street.csv': MAR };
const police = (id: string, files: string) => `  ${id}:\n    kind: police-uk-street\n    files: ${files}`;
const districts = '\n'; // Thanet and Dover, from minimalConfig
// March 2024 against February: windows inside the files' months.
const yamlFor = (sources: string) => minimalConfig(sources, districts).replace('end: 2024-12', 'end: 2024-03\n  months: 1');

async function read(sources: string) {
  const dir = workspace({ 'csp.yaml': yamlFor(sources), ...FILES });
  const db = path.join(dir, 'kept.duckdb');
  const r = await cli(['validate', '--config', path.join(dir, 'csp.yaml'), '--json', '--quiet', '--db', db]);
  const con = await (await DuckDBInstance.create(db)).connect();
  const q = async (sql: string) =>
    (await con.runAndReadAll(sql)).getRowObjectsJS().map((o) => JSON.stringify(o, (_, v) => (typeof v === 'bigint' ? Number(v) : v)));
  const files = await q(`SELECT regexp_extract(path, '[^/]+$') AS file, rows_read, rows_accepted, rows_rejected FROM files ORDER BY file`);
  const rejects = await q(
    `SELECT regexp_extract(f.path, '[^/]+$') AS file, line, "column", value, reason FROM rejects JOIN files f USING (file_id) ORDER BY file, line`,
  );
  const incidents = await q(`SELECT month, category, area_code, area_name, district, in_force, sum(n)::BIGINT AS n FROM incidents GROUP BY ALL ORDER BY ALL`);
  // One row per file and place (the padded " Thanet 004A" counted with "Thanet 004A", not beside it).
  const [twice] = await q(`SELECT count(*) AS n FROM (SELECT file_id, month, category, area_code, area_name FROM incidents GROUP BY ALL HAVING count(*) > 1)`);
  con.closeSync();
  return { code: r.code, json: JSON.parse(r.stdout), files, rejects, incidents, twice: JSON.parse(twice!).n };
}

describe('police files read together give what they give read one by one', () => {
  it('the same counts, rejects at the same lines and the same incidents', async () => {
    const together = await read(police('police', 'police/*-kent-street.csv'));
    const alone = await read(['2024-01', '2024-02', '2024-03'].map((m) => police(`p${m.slice(5)}`, `police/${m}-kent-street.csv`)).join('\n'));
    expect(together.code).toBe(0);
    // Read as one source, aaa1 in February's file repeats January's; read as three sources it cannot.
    const acrossFiles =
      '{"file":"2024-02-kent-street.csv","line":2,"column":"Crime ID","value":"aaa1 (first read in police/2024-01-kent-street.csv line 2)","reason":"Crime ID already read in an earlier file: the first row with this ID is kept"}';
    expect(together.rejects.filter((r) => r !== acrossFiles)).toEqual(alone.rejects);
    expect(together.rejects).toContain(acrossFiles);
    const shepway = (i: string) => i.includes('Shepway');
    expect(together.incidents).toEqual(alone.incidents.filter((i) => !shepway(i)));
    expect(alone.incidents.filter(shepway)).toHaveLength(1);
    expect([together.twice, alone.twice]).toEqual([0, 0]);

    // And what they agree on is right, counted by hand from the rows above.
    expect(together.files.map((f) => JSON.parse(f))).toEqual([
      { file: '2024-01-kent-street.csv', rows_read: 14, rows_accepted: 7, rows_rejected: 7 },
      { file: '2024-02-kent-street.csv', rows_read: 2, rows_accepted: 0, rows_rejected: 2 },
      { file: '2024-03-kent-street.csv', rows_read: 2, rows_accepted: 1, rows_rejected: 1 },
    ]);
    const rejects = together.rejects.map((r) => JSON.parse(r));
    expect(rejects.map((r) => [r.file.slice(0, 7), r.line, r.column, r.value])).toEqual([
      ['2024-01', 6, 'Crime ID', 'aaa1'],
      ['2024-01', 7, 'Month', '2024-1'],
      ['2024-01', 8, 'Crime type', null],
      ['2024-01', 9, 'Latitude', null], // of a line that cannot be read, no value is kept (a shifted row may put an address in any column)
      ['2024-01', 10, 'Month', '2024-13'],
      ['2024-01', 12, 'Crime ID', 'aaa6'],
      ['2024-01', 14, 'Crime ID', 'aaa1'],
      ['2024-02', 2, 'Crime ID', 'aaa1 (first read in police/2024-01-kent-street.csv line 2)'],
      ['2024-02', 3, 'Reported by', null],
      ['2024-03', 3, 'Crime ID', 'ccc1'],
    ]);
    const incidents = together.incidents.map((r) => JSON.parse(r));
    expect(incidents.find((i) => i.category === 'Robbery')).toMatchObject({ month: '2024-01', area_name: 'Thanet 004A', district: 'Thanet', n: 1 });
    expect(incidents.find((i) => i.category === 'Anti-social behaviour')).toMatchObject({ n: 2 });
    expect(incidents.filter((i) => i.category === 'Burglary')).toEqual([expect.objectContaining({ month: '2024-01', district: 'Thanet', n: 1 })]);
    expect(incidents.filter((i) => i.category === 'Drugs')).toEqual([expect.objectContaining({ area_name: 'Thanet 004B', n: 2 })]);
    expect(incidents.find((i) => i.category === 'Public order')).toMatchObject({ area_name: null, district: null, n: 1 });
  });
});

describe('partner workbooks parsed while the police files are read', () => {
  it('a broken workbook is still reported in its turn, with its file, and the police files still counted', async () => {
    const records = `  asb:\n    kind: records\n    files: council/asb.xlsx\n    columns:\n      date: Date\n      category: Type\n      area: Ward`;
    const dir = workspace({
      'csp.yaml': yamlFor(`${police('police', 'police/*-kent-street.csv')}\n${records}`),
      ...FILES,
      'council/asb.xlsx': 'not a zip file',
    });
    const r = await cli(['validate', '--config', path.join(dir, 'csp.yaml'), '--json', '--quiet']);
    expect(r.code).toBe(2);
    const json = JSON.parse(r.stdout) as ValidationJson;
    expect(json.sources.map((s) => [s.id, s.rowsRead])).toEqual([
      ['police', 18],
      ['asb', 0],
    ]);
    expect(json.errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^cannot be read as an Excel workbook/), file: 'council/asb.xlsx' }),
    ]);
  });

  it('files read in several batches give what they give in one (a national run is read 600 MB at a time)', async () => {
    const dir = workspace({ 'csp.yaml': yamlFor(police('police', 'police/*-kent-street.csv')), ...FILES });
    const config = loadConfig(path.join(dir, 'csp.yaml'));
    const readIn = async (policeBatchBytes?: number) => {
      const db = await Database.open();
      const batches: string[] = [];
      const result = await ingest(config, db, { today: '2026-01-01', policeBatchBytes, onFileStart: (_, file) => batches.push(file) });
      const rows = async (sql: string) => (await db.all(sql)).map((o) => JSON.stringify(o, (_, v) => (typeof v === 'bigint' ? Number(v) : v)));
      const tables = {
        files: await rows(`SELECT file_id, rows_read, rows_accepted, rows_rejected FROM files ORDER BY file_id`),
        rejects: await rows(`SELECT * FROM rejects ORDER BY ALL`),
        incidents: await rows(`SELECT * FROM incidents ORDER BY ALL`),
      };
      db.close();
      return { result, batches, tables };
    };
    const one = await readIn();
    const several = await readIn(1); // every file its own batch
    expect(one.batches).toEqual(['3 files', 'police/2024-01-kent-street.csv', 'police/2024-02-kent-street.csv', 'police/2024-03-kent-street.csv']);
    expect(several.batches).toEqual([
      '1 file',
      '1 file',
      '1 file',
      'police/2024-01-kent-street.csv',
      'police/2024-02-kent-street.csv',
      'police/2024-03-kent-street.csv',
    ]);
    expect(several.tables).toEqual(one.tables);
    expect(several.result).toEqual(one.result);
    expect(one.tables.rejects).toHaveLength(10);
    // February's aaa1 repeats January's across two batches, found by the IDs batch one kept.
    expect(several.tables.rejects.filter((r) => r.includes('first read in'))).toEqual([
      expect.stringContaining('"value":"aaa1 (first read in police/2024-01-kent-street.csv line 2)"'),
    ]);
  });
});

describe('repeated Crime IDs across batches: any files, any batch size, the same rejects', () => {
  /** A small deterministic generator (mulberry32), so that a failing seed can be run again. */
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** Four months of rows whose IDs come from a pool of ten, some rows with a bad month, some ASB (no ID). */
  const filesFor = (seed: number) => {
    const next = random(seed);
    const files: Record<string, string> = {};
    // What csp must find, worked out here row by row: a row with a bad month is refused for it
    // and holds no ID; a good row whose ID a good row before it (in file order) held is a repeat,
    // naming that first row when it is in another file.
    const firstRead = new Map<string, { file: string; line: number }>();
    const expected: string[] = [];
    for (const m of ['01', '02', '03', '04']) {
      const name = `police/2024-${m}-kent-street.csv`;
      const lines = [HEADER];
      const rows = 3 + Math.floor(next() * 8);
      for (let i = 0; i < rows; i++) {
        const line = lines.length + 1;
        const asb = next() < 0.15;
        const id = asb ? '' : `id${Math.floor(next() * 10)}`;
        const badMonth = next() < 0.15;
        lines.push(row(id, badMonth ? '2024-13' : `2024-${m}`, 'E01024661', 'Thanet 004A', asb ? 'Anti-social behaviour' : 'Burglary'));
        if (badMonth) expected.push(`${name}:${line}:Month`);
        else if (id && firstRead.get(id)?.file === name) expected.push(`${name}:${line}:Crime ID:${id}`);
        else if (id && firstRead.has(id))
          expected.push(`${name}:${line}:Crime ID:${id} (first read in ${firstRead.get(id)!.file} line ${firstRead.get(id)!.line})`);
        else if (id) firstRead.set(id, { file: name, line });
      }
      files[name] = lines.join('\n') + '\n';
    }
    return { files, expected };
  };
  const rejectsRead = async (files: Record<string, string>, policeBatchBytes?: number) => {
    const dir = workspace({ 'csp.yaml': yamlFor(police('police', 'police/*-kent-street.csv')), ...files });
    const db = await Database.open();
    try {
      await ingest(loadConfig(path.join(dir, 'csp.yaml')), db, { today: '2026-01-01', policeBatchBytes });
      const rows = await db.all<{ file: string; line: bigint; column: string; value: string | null }>(
        `SELECT regexp_extract(f.path, 'police/[^/]+$') AS file, r.line, r."column", r.value FROM rejects r JOIN files f USING (file_id) ORDER BY f.file_id, r.line`,
      );
      return rows.map((r) => [r.file, r.line, r.column, ...(r.column === 'Crime ID' ? [r.value] : [])].join(':'));
    } finally {
      db.close();
    }
  };

  it('20 random sets of four files: one batch, a file a batch and two files a batch find the rejects counted apart', async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { files, expected } = filesFor(seed);
      const twoFiles = Math.max(...Object.values(files).map((f) => f.length)) * 2;
      for (const bytes of [undefined, 1, twoFiles])
        expect({ seed, bytes, rejects: await rejectsRead(files, bytes) }).toEqual({ seed, bytes, rejects: expected });
    }
  });
});

describe('what DuckDB gets wrong when it scans many files at once', () => {
  it('an unclosed quote on the last line of one of six files is a counted reject at its line, not lost', async () => {
    const month = (m: string, last = '') =>
      [
        HEADER,
        row(`a${m}`, `2024-${m}`, 'E01024661', 'Thanet 004A', 'Burglary'),
        row(`b${m}`, `2024-${m}`, 'E01024662', 'Thanet 004B', 'Drugs'),
        ...(last ? [last] : []),
      ].join('\n') + '\n';
    const files = Object.fromEntries(
      ['01', '02', '03', '04', '05', '06'].map((m) => [
        `police/2024-${m}-kent-street.csv`,
        month(m, m === '03' ? 'c03,2024-03,Kent Police,"Kent Police,1.38,51.38,x,E01024661,Thanet 004A,Drugs,,' : ''),
      ]),
    );
    const yaml = minimalConfig(police('police', 'police/*-kent-street.csv')).replace('end: 2024-12', 'end: 2024-06\n  months: 3');
    const dir = workspace({ 'csp.yaml': yaml, ...files });
    const r = await cli(['validate', '--config', path.join(dir, 'csp.yaml'), '--json', '--quiet']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout).sources[0];
    expect([s.rowsRead, s.rowsAccepted, s.rowsRejected]).toEqual([13, 12, 1]);
    expect(s.files[2]).toMatchObject({ path: 'police/2024-03-kent-street.csv', rowsRead: 3, rowsAccepted: 2, rowsRejected: 1 });
    // Read padded (to find shifted rows, below), DuckDB sometimes reports an unclosed quote at the
    // end of a file and sometimes pads the line instead, dropping the quoted value: either way
    // the row is refused at its line, for its shape, and counted.
    expect(s.rejects).toEqual([
      expect.objectContaining({
        code: expect.stringMatching(/^(unclosed-quote|too-few-fields)$/),
        examples: [expect.objectContaining({ file: 'police/2024-03-kent-street.csv', line: 4, value: null })],
      }),
    ]);
  });

  it('a shifted row (an unquoted comma in Location, Context empty) is refused at its line, with no value kept', async () => {
    // DuckDB drops an empty field past the last heading without a word: read under 12 headings,
    // this row would count as a crime of type "Thanet 004A" in LSOA "E01024661 ".
    const shifted = `d02,2024-02,Kent Police,Kent Police,1.38,51.38,On or near 12 Acacia Avenue, Margate,E01024661,Thanet 004A,Burglary,Under investigation,`;
    const short = `e02,2024-02,Kent Police,Kent Police,1.38,51.38,On or near High Street,E01024661`;
    const month = (m: string, extra: string[] = []) =>
      [
        HEADER,
        row(`a${m}`, `2024-${m}`, 'E01024661', 'Thanet 004A', 'Burglary'),
        ...extra,
        row(`b${m}`, `2024-${m}`, 'E01024662', 'Thanet 004B', 'Drugs'),
      ].join('\n') + '\n';
    const files = Object.fromEntries(['01', '02', '03'].map((m) => [`police/2024-${m}-kent-street.csv`, month(m, m === '02' ? [shifted, short] : [])]));
    const yaml = minimalConfig(police('police', 'police/*-kent-street.csv')).replace('end: 2024-12', 'end: 2024-03\n  months: 1');
    const dir = workspace({ 'csp.yaml': yaml, ...files });
    const db = path.join(dir, 'kept.duckdb');
    const r = await cli(['validate', '--config', path.join(dir, 'csp.yaml'), '--json', '--quiet', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout).sources[0];
    expect([s.rowsRead, s.rowsAccepted, s.rowsRejected]).toEqual([8, 6, 2]);
    expect(s.rejects).toEqual([
      expect.objectContaining({ code: 'too-few-fields', column: 'LSOA name', examples: [expect.objectContaining({ line: 4, value: null })] }),
      expect.objectContaining({ code: 'too-many-fields', column: null, examples: [expect.objectContaining({ line: 3, value: null })] }),
    ]);
    // Nothing of the shifted row reaches the work database: no incident in its LSOA under a wrong heading.
    expect(r.stdout).not.toContain('Acacia');
    const con = await (await DuckDBInstance.create(db)).connect();
    const categories = (await con.runAndReadAll(`SELECT DISTINCT category FROM incidents ORDER BY 1`)).getRowObjectsJS().map((o) => o.category);
    const dump = JSON.stringify((await con.runAndReadAll(`SELECT * FROM rejects`)).getRowObjectsJS(), (_, v) => (typeof v === 'bigint' ? Number(v) : v));
    con.closeSync();
    expect(categories).toEqual(['Burglary', 'Drugs']);
    expect(dump).not.toContain('Acacia');
    expect(dump).not.toContain('Margate');
  });
});

describe('files that cannot share one scan still have their Crime IDs compared', () => {
  it('a Windows-1252 file and a file with an older header: the repeats across them are found, named by file and line', async () => {
    const jan =
      [HEADER, row('k1', '2024-01', 'E01024661', 'Thanet 004A', 'Burglary'), row('k2', '2024-01', 'E01024661', 'Thanet 004A', 'Drugs')].join('\r\n') + '\r\n';
    // February in Windows-1252 (é is one byte, 0xE9), repeating k1.
    const feb = Buffer.from(
      [
        HEADER,
        row('k1', '2024-02', 'E01024661', 'Thanet 004A', 'Burglary').replace('High Street', 'Café Row'),
        row('k3', '2024-02', 'E01024661', 'Thanet 004A', 'Drugs'),
      ].join('\r\n') + '\r\n',
      'latin1',
    );
    // March with no Context column (an older export), repeating k2 and k3.
    const oldHeader = HEADER.replace(',Context', '');
    const mar =
      [
        oldHeader,
        ...[
          ['k2', 'Drugs'],
          ['k3', 'Drugs'],
          ['k4', 'Robbery'],
        ].map(([id, type]) => row(id!, '2024-03', 'E01024661', 'Thanet 004A', type!).replace(/,$/, '')),
      ].join('\r\n') + '\r\n';
    const yaml = minimalConfig(police('police', 'police/*-kent-street.csv')).replace('end: 2024-12', 'end: 2024-03\n  months: 1');
    const dir = workspace({
      'csp.yaml': yaml,
      'police/2024-01-kent-street.csv': jan,
      'police/2024-02-kent-street.csv': feb,
      'police/2024-03-kent-street.csv': mar,
    });
    const r = await cli(['validate', '--config', path.join(dir, 'csp.yaml'), '--json', '--quiet']);
    expect(r.code).toBe(0);
    const s = (JSON.parse(r.stdout) as ValidationJson).sources[0]!;
    expect(s.files.map((f) => [f.rowsRead, f.rowsAccepted, f.rowsRejected])).toEqual([
      [2, 2, 0],
      [2, 1, 1],
      [3, 1, 2],
    ]);
    expect(s.rejects).toEqual([
      expect.objectContaining({
        reason: 'Crime ID already read in an earlier file: the first row with this ID is kept',
        rows: 3,
        examples: [
          { file: 'police/2024-02-kent-street.csv', line: 2, value: 'k1 (first read in police/2024-01-kent-street.csv line 2)' },
          { file: 'police/2024-03-kent-street.csv', line: 2, value: 'k2 (first read in police/2024-01-kent-street.csv line 3)' },
          { file: 'police/2024-03-kent-street.csv', line: 3, value: 'k3 (first read in police/2024-02-kent-street.csv line 3)' },
        ],
      }),
    ]);
  });
});
