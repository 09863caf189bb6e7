import { Database, sqlCase, sqlString } from './database.js';
import { MIXED_LINE_ENDS, csvSource, crimeIdSql, firstFailure, type BatchScan } from './police-batch-scan.js';

// The first scan of a batch of police files: it counts and checks in one pass, keeping no row.

/** What the first scan found: the files that have something to reject (by index in the batch). */
export interface QuickScan {
  /** Files with a row to reject, or that may have one: read again with every row's position. */
  positioned: number[];
}

/**
 * One pass over every file, as the bare query makes one: the rows grouped as read (month ×
 * category × LSOA per file, the area's rows by point too) into the groups table, with whether a
 * group's rows are the wrong shape; and in the same pass every Crime ID's 64-bit hash held
 * twice or more, or held by an earlier batch, with the first and last file holding it. No row is
 * copied and no position kept: a file where anything is to be rejected (a row of the wrong shape,
 * a month or category failing a check, a line the parser could not read, a hash held twice) is
 * read again by the positioned scan, so that every rejected row is reported at its line. A hash
 * held once is an ID read once, so every other file's rows are all accepted, and its groups are
 * its incidents. Null when DuckDB stopped on mixed line endings.
 */
export async function quickScan(db: Database, s: BatchScan): Promise<QuickScan | null> {
  const { t, raw } = s;
  const last = `"c${s.header.length - 1}"`;
  const id = crimeIdSql(raw('crimeId'));
  const earlier = s.o.earlier ? `OR h IN (SELECT h FROM ${s.o.earlier})` : '';
  const keys = '_f, month, crime_type, lsoa_code, lsoa_name, _bad, lon, lat';
  try {
    await db.run(`CREATE OR REPLACE TEMP TABLE ${t.quick} AS
      SELECT ${keys}, h, count(*) AS n, min(_f) AS f0, max(_f) AS f1 FROM (
        SELECT * EXCLUDE (crime_id), CASE WHEN crime_id IS NOT NULL THEN hash(crime_id) END AS h FROM (
        SELECT file_index::INTEGER AS _f, nullif(${raw('month')}, '') AS month, nullif(${raw('crimeType')}, '') AS crime_type,
          nullif(${raw('lsoaCode')}, '') AS lsoa_code, nullif(${raw('lsoaName')}, '') AS lsoa_name,
          c_extra IS NOT NULL OR ${last} IS NULL AS _bad, ${s.point.lon} AS lon, ${s.point.lat} AS lat,
          ${id} AS crime_id
        FROM ${csvSource(s)}))
      GROUP BY GROUPING SETS ((${keys}), (h))
      HAVING grouping(h) = 1 OR (h IS NOT NULL AND (count(*) > 1 ${earlier}))`);
  } catch (e) {
    if (MIXED_LINE_ENDS.test(String(e))) return null;
    throw e;
  }
  // The groups as the positioned path's steps read them (no row of the wrong shape is among them
  // for any file not read again).
  await db.run(`CREATE OR REPLACE TEMP TABLE ${t.groups} AS
      SELECT _f, month, crime_type, lsoa_code, lsoa_name, NULL::UTINYINT AS _shape, lon, lat, n, _bad FROM ${t.quick} WHERE _f IS NOT NULL`);
  await kindsOf(db, s);
  const hasRejects = (await db.all(`SELECT 1 FROM duckdb_tables() WHERE table_name = '${t.rej}'`)).length > 0;
  const fileIndex = sqlCase(
    'sc.file_path',
    s.files.map((f, i) => [sqlString(f.readPath ?? f.path), String(i)]),
    '-1',
  );
  const found = await db.all<{ f: number }>(`
      SELECT DISTINCT _f AS f FROM ${t.groups} WHERE _bad
      UNION SELECT DISTINCT g._f FROM ${t.groups} g JOIN ${t.kinds} k ON k.month IS NOT DISTINCT FROM g.month AND k.crime_type IS NOT DISTINCT FROM g.crime_type
        WHERE k._check IS NOT NULL
      UNION SELECT DISTINCT unnest(range(f0, f1 + 1)) FROM ${t.quick} WHERE _f IS NULL AND h IS NOT NULL
      ${hasRejects ? `UNION SELECT DISTINCT (${fileIndex})::INTEGER FROM ${t.rej} e JOIN ${t.scan} sc USING (scan_id, file_id)` : ''}`);
  const positioned = [...new Set(found.map((r) => Number(r.f)))].sort((a, b) => a - b);
  if (positioned.some((f) => !(f >= 0 && f < s.files.length))) throw new Error(`police batch: a file index out of range in ${positioned.join(', ')}`);
  await db.run(`DELETE FROM ${t.groups} WHERE _f IN (${[-1, ...positioned].join(', ')})`);
  // Nothing of these files is rejected: the table the accepted groups are lessened by is empty.
  await db.run(`CREATE OR REPLACE TEMP TABLE ${t.rejected} AS
      SELECT _f, month, crime_type, lsoa_code, lsoa_name, _shape, lon, lat, NULL::INTEGER AS _check FROM ${t.groups} WHERE false`);
  return { positioned };
}

/** The checks of each month × category as read, worked out once for each (a few hundred). */
export async function kindsOf(db: Database, s: BatchScan): Promise<void> {
  const { t } = s;
  const { f_month, f_category } = s.mapping.fields;
  await db.run(`CREATE OR REPLACE TEMP TABLE ${t.kinds} AS
      SELECT *, ${firstFailure(s, s.rowChecks)} AS _check FROM (
        SELECT month, crime_type, _shape, ${f_month} AS f_month, ${f_category} AS f_category FROM (SELECT DISTINCT month, crime_type, _shape FROM ${t.groups}))`);
}
