import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { cli, minimalConfig, workspace } from '../helpers.js';

/**
 * police_points: the partnership area's accepted police rows with a point, n rows at each
 * (month × category × LSOA code × longitude × latitude), from both read paths: a source of many
 * files (police-batch*.ts) and a source of one file (kinds/police.ts). Every expected figure
 * below was counted by hand from the rows.
 */
const HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const row = (o: { id: string; month: string; lon: string; lat: string; code: string; name: string; type: string }) =>
  `${o.id},${o.month},Kent Police,Kent Police,${o.lon},${o.lat},On or near High Street,${o.code},${o.name},${o.type},Under investigation,`;
const jan = (id: string, lon: string, lat: string, code: string, name: string, type: string) => row({ id, month: '2024-01', lon, lat, code, name, type });
const feb = (id: string, lon: string, lat: string, code: string, name: string, type: string) => row({ id, month: '2024-02', lon, lat, code, name, type });

const JAN = [
  HEADER,
  jan('a1', '1.40', '51.30', 'E01000001', 'Thanet 001A', 'Burglary'), // point A
  jan('a2', '1.40', '51.30', 'E01000001', 'Thanet 001A', 'Burglary'), // point A again
  jan('a3', '1.41', '51.31', 'E01000001', 'Thanet 001A', 'Burglary'), // point B
  jan('a1', '1.40', '51.30', 'E01000001', 'Thanet 001A', 'Burglary'), // a repeat of a1 at point A: rejected, not counted
  jan('', '', '', 'E01000001', 'Thanet 001A', 'Anti-social behaviour'), // no point: in incidents only
  jan('a4', '1.30', '51.10', 'E01000100', 'Dover 001A', 'Burglary'), // another district: no point
  jan('a5', ' 1.42 ', '51.32', 'E01000002', 'Isle of Thanet 002B', 'Drugs'), // the area's old name, padded longitude: point C
  jan('a6', 'abc', '51.30', 'E01000001', 'Thanet 001A', 'Burglary'), // a longitude that is no number: in incidents only
  row({ id: 'a7', month: '2024-13', lon: '1.40', lat: '51.30', code: 'E01000001', name: 'Thanet 001A', type: 'Burglary' }), // bad month: rejected
  jan('a8', '1.40', '51.30', ' E01000001 ', 'Thanet 001A', 'Burglary'), // padded LSOA code, point A: counted with a1 and a2
  jan('a9', '1.50', '51.50', 'E01000009', 'Thanetside 001A', 'Burglary'), // a district whose name starts with the area's: no point
].join('\n');
const FEB = [
  HEADER,
  feb('b1', '1.43', '51.33', 'E01000001', 'Thanet 001A', 'Shoplifting'), // point D
  feb('b2', '1.43', '51.33', 'E01000001', 'Thanet 001A', 'Shoplifting'), // point D again
  feb('b2', '1.43', '51.33', 'E01000001', 'Thanet 001A', 'Shoplifting'), // a repeat within the file: rejected
  feb('b3', ' ', ' ', 'E01000003', 'Thanet 003C', 'Robbery'), // blank (spaces) point: in incidents only
].join('\n');
// An older export without Longitude and Latitude: read as before, no points.
const OLD_HEADER = 'Crime ID,Month,Reported by,Falls within,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const MAR = [
  OLD_HEADER,
  'c1,2024-03,Kent Police,Kent Police,On or near High Street,E01000001,Thanet 001A,Burglary,Under investigation,',
  'c2,2024-03,Kent Police,Kent Police,On or near High Street,E01000001,Thanet 001A,Burglary,Under investigation,',
].join('\n');

/** By hand: month, category, LSOA code, longitude, latitude, rows. */
const EXPECTED_POINTS = [
  ['2024-01', 'Burglary', 'E01000001', 1.4, 51.3, 3], // a1, a2, a8
  ['2024-01', 'Burglary', 'E01000001', 1.41, 51.31, 1], // a3
  ['2024-01', 'Drugs', 'E01000002', 1.42, 51.32, 1], // a5
  ['2024-02', 'Shoplifting', 'E01000001', 1.43, 51.33, 2], // b1, b2
];
/** By hand: the area's incidents, month, category, LSOA code, rows. */
const EXPECTED_AREA_INCIDENTS = [
  ['2024-01', 'Anti-social behaviour', 'E01000001', 1],
  ['2024-01', 'Burglary', 'E01000001', 5], // a1, a2, a3, a6, a8: 4 at a point, a6 without
  ['2024-01', 'Drugs', 'E01000002', 1],
  ['2024-02', 'Robbery', 'E01000003', 1],
  ['2024-02', 'Shoplifting', 'E01000001', 2],
  ['2024-03', 'Burglary', 'E01000001', 2],
];

const FILES = { 'police/2024-01-kent-street.csv': JAN, 'police/2024-02-kent-street.csv': FEB, 'police/2024-03-kent-street.csv': MAR };
const police = (id: string, files: string) => `  ${id}:\n    kind: police-uk-street\n    files: ${files}`;
const yamlFor = (sources: string) =>
  minimalConfig(sources)
    .replace('    - name: Thanet\n', '    - name: Thanet\n      aliases: [Isle of Thanet]\n')
    .replace('end: 2024-12', 'end: 2024-03\n  months: 1');

async function read(sources: string) {
  const dir = workspace({ 'csp.yaml': yamlFor(sources), ...FILES });
  const db = path.join(dir, 'kept.duckdb');
  const r = await cli(['validate', '--config', path.join(dir, 'csp.yaml'), '--json', '--quiet', '--db', db]);
  const con = await (await DuckDBInstance.create(db)).connect();
  const q = async (sql: string) => (await con.runAndReadAll(sql)).getRows().map((row) => row.map((v) => (typeof v === 'bigint' ? Number(v) : v)));
  const points = await q(`SELECT month, category, area_code, lon, lat, sum(n)::BIGINT FROM police_points GROUP BY ALL ORDER BY ALL`);
  const rows = await q(`SELECT count(*) FROM police_points`);
  const area = await q(
    `SELECT month, category, area_code, sum(n)::BIGINT FROM incidents WHERE district = 'Thanet' AND source LIKE 'p%' GROUP BY ALL ORDER BY ALL`,
  );
  const rejects = await q(`SELECT regexp_extract(f.path, '[^/]+$'), line, code FROM rejects JOIN files f USING (file_id) ORDER BY ALL`);
  // One incidents row per file and place, however many points its rows are at.
  const twice = await q(`SELECT count(*) FROM (SELECT file_id, month, category, area_code, area_name FROM incidents GROUP BY ALL HAVING count(*) > 1)`);
  con.closeSync();
  return { code: r.code, points, rows: rows[0]![0], area, rejects, twice: twice[0]![0] };
}

describe('police_points', () => {
  it('holds the area’s accepted rows with a point, counted as by hand, the same read together and one file at a time', async () => {
    const together = await read(police('police', 'police/*-kent-street.csv'));
    const alone = await read(['01', '02', '03'].map((m) => police(`p${m}`, `police/2024-${m}-kent-street.csv`)).join('\n'));
    expect(together.code).toBe(0);
    // (Read alone, each source covers one month, fewer than the window needs: validate says so with exit 2, after reading.)
    expect(together.points).toEqual(EXPECTED_POINTS);
    expect(alone.points).toEqual(EXPECTED_POINTS);
    // One row a file and point: the padded " E01000001" is not a point beside "E01000001".
    expect(together.rows).toBe(4);
    expect(alone.rows).toBe(4);
    expect(together.area).toEqual(EXPECTED_AREA_INCIDENTS);
    expect(together.twice).toBe(0);
    expect(alone.twice).toBe(0);
    expect(alone.area).toEqual(EXPECTED_AREA_INCIDENTS);
    // The rows not counted were rejected: the repeats and the bad month.
    const rejected = [
      ['2024-01-kent-street.csv', 5, 'repeated-id'],
      ['2024-01-kent-street.csv', 10, 'month-not-a-month'],
      ['2024-02-kent-street.csv', 4, 'repeated-id'],
    ];
    expect(together.rejects).toEqual(rejected);
    expect(alone.rejects).toEqual(rejected);
  });

  it('has no points of a source whose files have no Longitude and Latitude, read together or alone', async () => {
    const month = (i: number) => `2024-0${i + 1}`;
    const file = (i: number) => MAR.replaceAll('2024-03', month(i)).replace(/^c(\d),/gm, `c$1-${i},`);
    const files = (n: number) => Object.fromEntries([...Array(n).keys()].map((i) => [`old/${month(i)}-kent-street.csv`, file(i)]));
    for (const n of [1, 3]) {
      const dir = workspace({ 'csp.yaml': yamlFor(police('police', 'old/*-kent-street.csv')), ...files(n) });
      const db = path.join(dir, 'kept.duckdb');
      const r = await cli(['validate', '--config', path.join(dir, 'csp.yaml'), '--json', '--quiet', '--db', db]);
      // (One month of data is fewer than the window needs: exit 2, after reading.)
      expect(JSON.parse(r.stdout).sources[0].rowsRead).toBe(2 * n);
      const con = await (await DuckDBInstance.create(db)).connect();
      const [points, incidents] = (
        await con.runAndReadAll(`SELECT (SELECT count(*) FROM police_points), (SELECT sum(n) FROM incidents WHERE district = 'Thanet')`)
      ).getRows()[0]!;
      con.closeSync();
      expect(Number(points)).toBe(0);
      expect(Number(incidents)).toBe(2 * n);
    }
  });
});

/**
 * A batch whose first scan finds something to reject in some files only: those are read again
 * with positions, the others counted from the first scan. Together or one file at a time (one
 * source each, where no ID can repeat across files), the same rows, rejects and lines.
 */
describe('a batch with files clean and files with rejects', () => {
  const month = (m: string) => (id: string, name: string, type: string) =>
    row({ id, month: `2024-${m}`, lon: '1.40', lat: '51.30', code: 'E01000001', name, type });
  const [m1, m2, m3, m4, m5] = ['01', '02', '03', '04', '05'].map(month);
  const files = {
    'p/2024-01-kent-street.csv': [
      HEADER,
      m1!('x1', 'Thanet 001A', 'Burglary'),
      m1!('x2', 'Dover 001A', 'Drugs'),
      m1!('', 'Thanet 001A', 'Anti-social behaviour'),
    ],
    // a bad month on line 3
    'p/2024-02-kent-street.csv': [
      HEADER,
      m2!('y1', 'Thanet 001A', 'Burglary'),
      row({ id: 'y2', month: '2024-2', lon: '', lat: '', code: 'E01000001', name: 'Thanet 001A', type: 'Drugs' }),
    ],
    'p/2024-03-kent-street.csv': [HEADER, m3!('z1', 'Thanet 001A', 'Burglary'), m3!('z2', 'Thanet 001A', 'Burglary')],
    // a repeat within the file on line 4, and a row cut short on line 5
    'p/2024-04-kent-street.csv': [
      HEADER,
      m4!('w1', 'Thanet 001A', 'Robbery'),
      m4!('w2', 'Dover 001A', 'Robbery'),
      m4!('w1', 'Thanet 001A', 'Robbery'),
      'w3,2024-04,Kent Police',
    ],
    // two points of one place: one incidents row of 2
    'p/2024-05-kent-street.csv': [
      HEADER,
      m5!('v1', 'Thanet 001A', 'Burglary'),
      row({ id: 'v2', month: '2024-05', lon: '1.45', lat: '51.35', code: 'E01000001', name: 'Thanet 001A', type: 'Burglary' }),
    ],
  };
  const text = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.join('\n')]));
  async function readAs(sources: string) {
    const dir = workspace({ 'csp.yaml': yamlFor(sources).replace('end: 2024-03', 'end: 2024-05'), ...text });
    const db = path.join(dir, 'kept.duckdb');
    await cli(['validate', '--config', path.join(dir, 'csp.yaml'), '--json', '--quiet', '--db', db]);
    const con = await (await DuckDBInstance.create(db)).connect();
    const q = async (sql: string) => (await con.runAndReadAll(sql)).getRows().map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v)));
    const out = {
      files: await q(`SELECT regexp_extract(path, '[^/]+$'), rows_read, rows_accepted, rows_rejected FROM files WHERE path LIKE 'p/%' ORDER BY 1`),
      rejects: await q(`SELECT regexp_extract(f.path, '[^/]+$'), line, "column", value, code FROM rejects JOIN files f USING (file_id) ORDER BY ALL`),
      incidents: await q(`SELECT month, category, area_code, district, sum(n)::BIGINT FROM incidents WHERE source LIKE 'p%' GROUP BY ALL ORDER BY ALL`),
      points: await q(`SELECT month, category, area_code, lon, lat, sum(n)::BIGINT FROM police_points GROUP BY ALL ORDER BY ALL`),
      rowsOfPlaces: await q(`SELECT month, category, area_code, n FROM incidents WHERE source LIKE 'p%' AND district = 'Thanet' ORDER BY ALL`),
    };
    con.closeSync();
    return out;
  }

  it('gives the same counts, rejects at the same lines, incidents and points as one file at a time', async () => {
    const together = await readAs(police('police', 'p/*-kent-street.csv'));
    const alone = await readAs(['01', '02', '03', '04', '05'].map((m) => police(`p${m}`, `p/2024-${m}-kent-street.csv`)).join('\n'));
    expect(together).toEqual(alone);
    // Counted by hand.
    expect(together.files).toEqual([
      ['2024-01-kent-street.csv', 3, 3, 0],
      ['2024-02-kent-street.csv', 2, 1, 1],
      ['2024-03-kent-street.csv', 2, 2, 0],
      ['2024-04-kent-street.csv', 4, 2, 2],
      ['2024-05-kent-street.csv', 2, 2, 0],
    ]);
    expect(together.rejects.map((r) => [r[0], r[1], r[4]])).toEqual([
      ['2024-02-kent-street.csv', 3, 'month-not-a-month'],
      ['2024-04-kent-street.csv', 4, 'repeated-id'],
      ['2024-04-kent-street.csv', 5, expect.any(String)],
    ]);
    expect(together.points).toEqual([
      ['2024-01', 'Anti-social behaviour', 'E01000001', 1.4, 51.3, 1],
      ['2024-01', 'Burglary', 'E01000001', 1.4, 51.3, 1],
      ['2024-02', 'Burglary', 'E01000001', 1.4, 51.3, 1],
      ['2024-03', 'Burglary', 'E01000001', 1.4, 51.3, 2],
      ['2024-04', 'Robbery', 'E01000001', 1.4, 51.3, 1],
      ['2024-05', 'Burglary', 'E01000001', 1.4, 51.3, 1],
      ['2024-05', 'Burglary', 'E01000001', 1.45, 51.35, 1],
    ]);
    // One incidents row a file and place, its points added up.
    expect(together.rowsOfPlaces.filter((r) => r[0] === '2024-05')).toEqual([['2024-05', 'Burglary', 'E01000001', 2]]);
  });

  it('finds a Crime ID repeated across two clean-looking files, named at its line', async () => {
    const repeat = {
      ...text,
      'p/2024-05-kent-street.csv': [
        HEADER,
        m5!('v1', 'Thanet 001A', 'Burglary'),
        m5!('v2', 'Thanet 001A', 'Burglary'),
        m5!('z2', 'Thanet 001A', 'Burglary'),
      ].join('\n'),
    };
    const dir = workspace({ 'csp.yaml': yamlFor(police('police', 'p/*-kent-street.csv')).replace('end: 2024-03', 'end: 2024-05'), ...repeat });
    const db = path.join(dir, 'kept.duckdb');
    await cli(['validate', '--config', path.join(dir, 'csp.yaml'), '--json', '--quiet', '--db', db]);
    const con = await (await DuckDBInstance.create(db)).connect();
    const rows = (await con.runAndReadAll(`SELECT line, value, code FROM rejects JOIN files f USING (file_id) WHERE f.path LIKE '%2024-05%'`)).getRows();
    const [total] = (
      await con.runAndReadAll(`SELECT sum(rows_read)::INTEGER, sum(rows_accepted + rows_rejected)::INTEGER FROM files WHERE path LIKE 'p/%'`)
    ).getRows();
    con.closeSync();
    expect(rows.map((r) => r.map(String))).toEqual([['4', 'z2 (first read in p/2024-03-kent-street.csv line 3)', 'id-in-earlier-file']]);
    expect(total).toEqual([14, 14]);
  });
});
