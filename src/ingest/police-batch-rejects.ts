import { Database, sqlCase, sqlString } from './database.js';
import type { Check } from './map.js';
import { parserReject } from './parser-rejects.js';
import { firstFailure, lineOf, same, type BatchScan } from './police-batch-scan.js';

// The rows of a batch of police files that are rejected: found, and written at their lines.

/**
 * Repeated Crime IDs, within a file or across the batch's files, into the repeats table: the
 * first row is kept, the others rejected. Only rows that pass their own checks hold an ID: a row
 * refused for its Month does not make the good row with its ID a repeat (the crime would be
 * counted nowhere). Returns whether any month × category fails a check, and the SQL condition
 * (on the rows table) of a row that passes them, empty when none fails.
 */
export async function findRepeats(db: Database, s: BatchScan): Promise<{ passing: string; anyFailing: boolean }> {
  const { t } = s;
  const [found] = await db.all<{ failing: bigint }>(`SELECT count(*) AS failing FROM ${t.kinds} WHERE _check IS NOT NULL`);
  const anyFailing = found!.failing > 0n;
  const passing = anyFailing
    ? `AND NOT EXISTS (SELECT 1 FROM ${t.kinds} k WHERE k._check IS NOT NULL AND ${same('k', t.rows, ['month', 'crime_type', '_shape'])})`
    : '';
  // Grouping a million 64-character IDs costs twice grouping their 64-bit hashes, so the hashes
  // find the candidates and the IDs themselves decide (a hash collision is only a candidate).
  await db.run(`CREATE OR REPLACE TEMP TABLE ${t.repeats} AS
      WITH candidates AS (SELECT hash(crime_id) AS h FROM ${t.rows} WHERE crime_id IS NOT NULL ${passing} GROUP BY h HAVING count(*) > 1)
      SELECT crime_id, min(rowid) AS first_row, arg_min(_f, rowid) AS first_f FROM ${t.rows}
      WHERE crime_id IS NOT NULL ${passing} AND hash(crime_id) IN (SELECT h FROM candidates) GROUP BY ALL HAVING count(*) > 1`);
  return { passing, anyFailing };
}

/**
 * The rejected rows with their positions, each with the first check it fails: rows failing their
 * own checks (looked for only when a month or category fails one), and repeats.
 */
export async function collectRejected(db: Database, s: BatchScan, o: { rowOf: (f: string) => string; anyFailing: boolean }): Promise<void> {
  const { t, fields } = s;
  const failingRows = `SELECT * FROM (SELECT rowid AS _pos, *, NULL::INTEGER AS f_repeat, ${fields} FROM ${t.rows}) WHERE ${firstFailure(s, s.rowChecks)} IS NOT NULL`;
  // IDs kept by an earlier batch are known by their 64-bit hash only (ten million IDs as text
  // would not fit in memory): two different IDs share one with odds of about 1 in 10^6 a run.
  const earlier = s.o.earlier;
  const across = earlier
    ? `across AS MATERIALIZED (SELECT r.*, 3 AS f_repeat, NULL::INTEGER AS first_f, NULL::BIGINT AS first_k, e.file_id AS first_fid, e.line AS first_line
         FROM (SELECT rowid AS _pos, * FROM ${t.rows} WHERE crime_id IS NOT NULL AND hash(crime_id) IN (SELECT h FROM ${earlier})) r
         JOIN ${earlier} e ON hash(r.crime_id) = e.h)`
    : '';
  // A semi-join first: the repeated IDs are few, the rows many. A row whose ID an earlier batch
  // kept is a repeat of that batch's row, where the ID was first read, even where it also
  // repeats this batch's first row with the ID (itself a repeat of the earlier batch's).
  const withinBatch = `SELECT r.*, CASE WHEN r._f = p.first_f THEN 2 ELSE 3 END AS f_repeat, p.first_f,
        p.first_row - ${o.rowOf('p.first_f')} + 1 AS first_k, ${s.fileOf('p.first_f')} AS first_fid, NULL::BIGINT AS first_line
      FROM (SELECT rowid AS _pos, * FROM ${t.rows} WHERE crime_id IN (SELECT crime_id FROM ${t.repeats})) r
      JOIN ${t.repeats} p USING (crime_id) WHERE r._pos > p.first_row${earlier ? ' AND r._pos NOT IN (SELECT _pos FROM across)' : ''}`;
  const repeatRows = earlier ? `${withinBatch} UNION ALL BY NAME SELECT * FROM across` : withinBatch;
  // (Every row here fails a check; a filter on _check would be pushed down to all the rows.)
  await db.run(`CREATE OR REPLACE TEMP TABLE ${t.rejected} AS
      ${earlier ? `WITH ${across}` : ''}
      SELECT *, ${firstFailure(s, s.checks)} AS _check FROM (SELECT *, crime_id AS f_id FROM (
        ${o.anyFailing ? `${failingRows} UNION ALL BY NAME` : ''} SELECT *, ${fields} FROM (${repeatRows})))
      QUALIFY row_number() OVER (PARTITION BY _pos ORDER BY _check) = 1`);
}

/**
 * SQL for the lines the parser could not read (_f, line, column_name, error_type), and the
 * skips table their lines give, from which every other row's line is worked out (lineOf).
 */
export async function parserRejectsOf(db: Database, s: BatchScan): Promise<string> {
  const { t } = s;
  const hasRejects = (await db.all(`SELECT 1 FROM duckdb_tables() WHERE table_name = '${t.rej}'`)).length > 0;
  const fileIndex = sqlCase(
    's.file_path',
    s.files.map((f, i) => [sqlString(f.readPath ?? f.path), String(i)]),
  );
  const parserRejects = hasRejects
    ? `(SELECT ${fileIndex} AS _f, e.line, any_value(e.column_name ORDER BY e.column_idx) AS column_name,
           any_value(e.error_type ORDER BY e.column_idx) AS error_type
         FROM ${t.rej} e JOIN ${t.scan} s USING (scan_id, file_id) GROUP BY ALL)`
    : `(SELECT NULL::INTEGER AS _f, NULL::BIGINT AS line, NULL::VARCHAR AS column_name, NULL::VARCHAR AS error_type WHERE false)`;
  // As in the one-file path: the k-th data row of a file is on line k + 1 + #{i : r_i - i <= k}.
  await db.run(`CREATE OR REPLACE TEMP TABLE ${t.skips} AS
      SELECT _f, line - row_number() OVER (PARTITION BY _f ORDER BY line) AS k FROM ${parserRejects}`);
  return parserRejects;
}

/** The rejected rows into the rejects table, each at its line, a repeat naming where its ID was first read. */
export async function insertRejects(db: Database, s: BatchScan, rowCase: string): Promise<void> {
  const pick = (f: (c: Check) => string) => `CASE _check ${s.checks.map((c, i) => `WHEN ${i} THEN ${f(c)}`).join(' ')} END`;
  const shownCase = sqlCase(
    'b.first_fid',
    [...s.o.shownById].map(([id, shown]) => [String(id), sqlString(shown)]),
  );
  await db.run(`INSERT INTO rejects
      SELECT ${sqlString(s.o.sourceId)}, ${s.fileOf('_f')}, ${lineOf(s, 'b._f', 'b.k')},
        ${pick((c) => (c.column === null ? 'NULL' : sqlString(c.column)))}, left(${pick((c) => `CAST(${c.value} AS VARCHAR)`)}, 200), ${pick((c) => sqlString(c.reason))},
        ${pick((c) => sqlString(c.code))}
      FROM (SELECT *, _pos - ${rowCase} + 1 AS k, CASE WHEN first_fid IS NOT NULL THEN ${shownCase} || ' line ' || coalesce(first_line, ${lineOf(s, 'b.first_f', 'b.first_k')}) END AS f_first
        FROM ${s.t.rejected} b) b ORDER BY _pos`);
}

/**
 * Every ID's first row in this batch, with its line, into `earlier` for the batches after it:
 * the rows passing their own checks that are not rejected as a repeat, within the batch or of
 * an earlier one (collectRejected found both). Left out by position: a correlated NOT EXISTS
 * on the ID groups every row's ID first, and NOT IN `earlier` hashes all the IDs kept so far,
 * each batch again.
 */
export async function rememberIds(db: Database, s: BatchScan, o: { earlier: string; rowCase: string; passing: string }): Promise<void> {
  const { t } = s;
  const [skipped] = await db.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${t.skips}`);
  const k = `_pos - ${o.rowCase} + 1`;
  await db.run(`INSERT INTO ${o.earlier}
        SELECT hash(crime_id), ${s.fileOf('_f')}, ${skipped!.n > 0n ? lineOf(s, 'r._f', k) : `${k} + 1`}
        FROM (SELECT rowid AS _pos, _f, crime_id FROM ${t.rows} WHERE crime_id IS NOT NULL ${o.passing}) r
        WHERE _pos NOT IN (SELECT _pos FROM ${t.rejected})`);
}

/** The lines the parser could not read into the rejects table, with their column and no value (parserRejectValue). */
export async function appendUnreadableLines(db: Database, s: BatchScan, parserRejects: string): Promise<void> {
  const unreadable = await db.all<{ _f: number; line: bigint; column_name: string | null; error_type: string }>(
    `SELECT * FROM ${parserRejects} ORDER BY _f, line`,
  );
  if (unreadable.length === 0) return;
  await db.append('rejects', (appender) => {
    for (const r of unreadable) {
      const column = r.column_name && /^c\d+$/.test(r.column_name) ? (s.header[Number(r.column_name.slice(1))] ?? null) : null;
      const { reason, code } = parserReject(r.error_type, s.header.length);
      appender.appendVarchar(s.o.sourceId);
      appender.appendInteger(s.files[r._f]!.fileId);
      appender.appendBigInt(r.line);
      column === null ? appender.appendNull() : appender.appendVarchar(column);
      appender.appendNull(); // no value of a line that cannot be parsed (parserRejectValue, parser-rejects.ts)
      appender.appendVarchar(reason);
      appender.appendVarchar(code);
      appender.endRow();
    }
  });
}
