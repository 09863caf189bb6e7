import { describe, expect, it, beforeAll } from 'vitest';
import { cli, REAL_CONFIG, type ValidationJson } from './helpers.js';

/**
 * The real data.police.uk Kent files of Jan–Apr 2024 (test/fixtures/realdata, OGL v3.0).
 * Expected figures are those measured independently in PROVENANCE.md, and by Python's csv module
 * on the raw rows: 8,271 ASB rows (all with an empty Crime ID), 601 rows with no LSOA, and four
 * Crime IDs that appear twice (2024-01 lines 1354/3484, 1403/14367, 11886/12040; 2024-04 lines 8100/9316).
 */
describe('validate on the real Kent files', () => {
  let report: ValidationJson;
  let stdout = '';
  beforeAll(async () => {
    const r = await cli(['validate', '--config', REAL_CONFIG, '--json', '--quiet']);
    expect(r.code).toBe(0);
    stdout = r.stdout;
    report = JSON.parse(r.stdout) as ValidationJson;
  });

  it('reads every row of every month (PROVENANCE: 14,466 / 13,953 / 15,875 / 15,727)', () => {
    const police = report.sources[0]!;
    expect(police.files.map((f) => [f.path, f.rowsRead])).toEqual([
      ['kent-street-2024-01_2024-04/2024-01-kent-street.csv', 14466],
      ['kent-street-2024-01_2024-04/2024-02-kent-street.csv', 13953],
      ['kent-street-2024-01_2024-04/2024-03-kent-street.csv', 15875],
      ['kent-street-2024-01_2024-04/2024-04-kent-street.csv', 15727],
    ]);
    expect(police.months).toEqual(['2024-01', '2024-02', '2024-03', '2024-04']);
    for (const f of police.files) {
      expect(f.rowsAccepted + f.rowsRejected).toBe(f.rowsRead);
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(police.rowsRead).toBe(60021);
  });

  it('keeps the first row of each repeated Crime ID and rejects the 4 repeats, at their lines', () => {
    const police = report.sources[0]!;
    expect(police.rowsRejected).toBe(4);
    expect(police.rowsAccepted).toBe(60017);
    expect(police.rejects).toHaveLength(1);
    expect(police.rejects[0]).toMatchObject({ reason: 'repeated Crime ID: the first row with this ID is kept', column: 'Crime ID', rows: 4 });
    expect(police.rejects[0]!.examples.map((e) => [e.file.slice(-23), e.line, e.value!.slice(0, 12)])).toEqual([
      ['2024-01-kent-street.csv', 3484, 'a25e2f3c9678'],
      ['2024-01-kent-street.csv', 12040, '9db68e1ad8cb'],
      ['2024-01-kent-street.csv', 14367, 'fb5d016101fc'],
    ]);
  });

  it('does not treat the empty Crime ID of ASB rows as a repeat (all 8,271 ASB rows kept)', () => {
    const asb = report.sources[0]!.categories.find((c) => c.category === 'Anti-social behaviour')!;
    expect(asb.rows).toBe(8271);
  });

  it('counts the rows with no location and the LSOAs of districts outside Kent', () => {
    const police = report.sources[0]!;
    // 601 rows have no LSOA; one of them (line 14367) repeats a Crime ID and is rejected.
    expect(police.noLocation).toBe(600);
    expect(police.outsideForce).toEqual([
      { district: 'Bexley', rows: 7 },
      { district: 'Tandridge', rows: 6 },
      { district: 'Bromley', rows: 2 },
      { district: 'Basingstoke and Deane', rows: 1 },
      { district: 'Wealden', rows: 1 },
    ]);
    expect(police.partialMonths).toEqual([]);
    expect(police.renamedDistricts).toEqual([]);
  });

  it('prints nothing but one JSON object on stdout', () => {
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stdout.endsWith('}\n')).toBe(true);
  });
});

describe('the kept database (--db) on the real Kent files', () => {
  it('holds Thanet at 1,149 / 1,218 / 1,460 / 1,476 rows a month (PROVENANCE), less the one repeat', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dbFile = path.join(mkdtempSync(path.join(tmpdir(), 'csp-db-')), 'kent.duckdb');
    const r = await cli(['validate', '--config', REAL_CONFIG, '--db', dbFile, '--quiet']);
    expect(r.code).toBe(0);
    const { Database } = await import('../src/ingest/database.js');
    const db = await Database.open(dbFile, { keepTables: true });
    try {
      const rows = await db.all<{ month: string; n: bigint }>(
        `SELECT month, sum(n) AS n FROM incidents WHERE district = 'Thanet' GROUP BY month ORDER BY month`,
      );
      // January's 1,149 rows include a repeated Crime ID (Thanet 004A, line 12040): 1,148 kept.
      expect(rows.map((x) => [x.month, Number(x.n)])).toEqual([
        ['2024-01', 1148],
        ['2024-02', 1218],
        ['2024-03', 1460],
        ['2024-04', 1476],
      ]);
      const rejected = await db.all<{ line: bigint }>(`SELECT line FROM rejects WHERE value LIKE '9db68e1ad8cb%'`);
      expect(rejected.map((x) => Number(x.line))).toEqual([12040]);
      const lsoas = await db.all<{ n: bigint }>(`SELECT count(DISTINCT area_code) AS n FROM incidents WHERE district = 'Thanet'`);
      expect(Number(lsoas[0]!.n)).toBe(86);
      // No column that was not mapped is kept: the police file's Location and outcome are not read.
      const cols = await db.all<{ column_name: string }>(`SELECT column_name FROM duckdb_columns() WHERE table_name = 'incidents'`);
      expect(cols.map((c) => c.column_name)).not.toContain('Location');
    } finally {
      db.close();
    }
  });
});
