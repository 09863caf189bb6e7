import type { Config } from '../config/load.js';
import { Database, sqlCase, sqlString } from './database.js';
import { sniffFile, splitHeader } from './files.js';
import { text, type Check } from './map.js';
import { POLICE_COLUMNS, policeMapping } from './kinds/police.js';
import { firstLine, parserReason } from './staging.js';

export interface BatchFile {
  path: string;
  fileId: number;
  /** A copy with every line break as LF, read instead of `path` (see lfCopy). */
  readPath?: string;
}

/** Thrown by DuckDB's CSV reader on mixed line endings (CR CR LF, a lone CR in an LF file). */
export const MIXED_LINE_ENDS = /CSV Parser state machine reached an invalid state/;

export interface BatchCounts {
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
}

let batchCounter = 0;

/**
 * Reads many data.police.uk files in one DuckDB scan (a force's three years in one pass,
 * where one query per file would pay the per-query cost 36 times). Same checks, rejects and
 * line numbers as the one-file path. Returns null, having changed nothing, when the files are
 * not all plain UTF-8 with the same header, or when the scan did not keep the files' order
 * (line numbers need it): the caller then reads them one by one. Returns 'mixed line endings'
 * when DuckDB's reader stopped on them: the caller reads LF copies (BatchFile.readPath).
 *
 * Where the time goes (profiled on 1,000,000 rows): parsing the CSV, then copying rows. So the
 * scan copies only the five columns read, untrimmed, in file order (a row's rowid is its
 * position); everything after works on that copy or on its groups (month × category × LSOA
 * per file, about one row in four): trimming and checks once per group, repeated Crime IDs by
 * one grouping, line numbers only for the rows rejected.
 */
export interface BatchOptions {
  /**
   * A table (h UBIGINT, file_id INTEGER, line BIGINT) of the Crime IDs that earlier batches of the
   * source kept: a row of this batch with one of them is a repeat across files. Only a source
   * read in several batches has one (a force's three years fit in one).
   */
  earlier?: string;
  /** Add this batch's kept IDs to `earlier`, for the batches after it. */
  remember?: boolean;
  /** How each file of the source is named in reject lists, by file id. */
  shownById: Map<number, string>;
  /** YYYY-MM-DD: months after this one are rejected as in the future. */
  today: string;
}

export async function ingestPoliceBatch(db: Database, files: BatchFile[], config: Config, sourceId: string, o: BatchOptions): Promise<Map<number, BatchCounts> | null | 'mixed line endings'> {
  let header: string[] | undefined;
  for (const f of files) {
    const sniffed = sniffFile(f.readPath ?? f.path, 'auto');
    if (sniffed.unreadable || sniffed.encoding !== 'utf-8') return null;
    const h = splitHeader(firstLine(f.readPath ?? f.path), ',');
    if (header && h.join('\u0000') !== header.join('\u0000')) return null;
    header = h;
  }
  if (!header) return null;
  const index = Object.fromEntries(Object.entries(POLICE_COLUMNS).map(([k, heading]) => [k, header!.indexOf(heading)]));
  if (Object.values(index).some((i) => i < 0)) return null;
  const raw = (k: keyof typeof POLICE_COLUMNS) => `"c${index[k]}"`;
  // The mapping over the copied columns; f_repeat (2 for a repeat) is set on the rejected rows below.
  const m = policeMapping({ crimeId: 'crime_id', month: 'month', lsoaCode: 'lsoa_code', lsoaName: 'lsoa_name', crimeType: 'crime_type' }, config, { today: o.today, repeat: 'f_repeat' });
  const { f_month, f_category, f_lsoa_code, f_lsoa_name } = m.fields;
  const fields = Object.entries({ f_month, f_category, f_lsoa_code, f_lsoa_name }).map(([k, sql]) => `${sql} AS ${k}`).join(', ');
  // The checks a row fails on its own values (month, category), as against the repeat check.
  const rowChecks = m.checks.filter((c) => !c.when.includes('f_repeat'));
  // A Crime ID read in an earlier file of the batch (November's crime again in December's
  // file) is rejected where it repeats, naming where it was first read (f_first).
  const crossFile: Check = {
    when: 'f_repeat = 3',
    reason: 'Crime ID already read in an earlier file: the first row with this ID is kept',
    column: POLICE_COLUMNS.crimeId,
    value: `f_id || ' (first read in ' || f_first || ')'`,
  };
  const checks = [...rowChecks, crossFile, ...m.checks.filter((c) => c.when.includes('f_repeat'))];
  const firstFailure = (list: Check[]) => `CASE ${list.map((c) => `WHEN ${c.when} THEN ${checks.indexOf(c)}`).join(' ')} END`;
  const districtSql = policeMapping({ crimeId: '', month: '', lsoaCode: '', crimeType: '', lsoaName: 'f_lsoa_name' }, config, { today: o.today }).fields.f_district;

  const same = (a: string, b: string, columns: string[]) => columns.map((c) => `${a}.${c} IS NOT DISTINCT FROM ${b}.${c}`).join(' AND ');
  const n = ++batchCounter;
  const [rows, repeats, groups, kinds, places, rejected, rej, scan, skips] = [`pbrows_${n}`, `pbrep_${n}`, `pbgrp_${n}`, `pbkind_${n}`, `pbplace_${n}`, `pbrejected_${n}`, `pbrej_${n}`, `pbscan_${n}`, `pbskip_${n}`];
  const columns = header.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  // Trimming a 64-character ID on every row costs as much as the rest of the copy: only IDs
  // with a space at either end are trimmed (the same result as text()).
  const id = raw('crimeId');
  const crimeId = `CASE WHEN starts_with(${id}, ' ') OR ends_with(${id}, ' ') THEN ${text(id)} ELSE nullif(${id}, '') END`;
  try {
    try {
      await db.run(`CREATE OR REPLACE TEMP TABLE ${rows} AS
      SELECT file_index::INTEGER AS _f, ${crimeId} AS crime_id, ${raw('month')} AS month, ${raw('crimeType')} AS crime_type,
        ${raw('lsoaCode')} AS lsoa_code, ${raw('lsoaName')} AS lsoa_name
      FROM read_csv([${files.map((f) => sqlString(f.readPath ?? f.path)).join(', ')}], auto_detect=false, header=false, skip=1,
        delim=',', quote='"', escape='"', columns={${columns}},
        store_rejects=true, rejects_table='${rej}', rejects_scan='${scan}', max_line_size=1048576)`);
    } catch (e) {
      // Mixed line endings past the first 64 KB: the caller reads LF copies instead.
      if (MIXED_LINE_ENDS.test(String(e))) return 'mixed line endings';
      throw e;
    }
    // The scan must have kept the files, and the lines within them, in order.
    const spans = await db.all<{ f: number; first: bigint; last: bigint; rows: bigint }>(
      `SELECT _f AS f, min(rowid) AS first, max(rowid) AS last, count(*) AS rows FROM ${rows} GROUP BY _f ORDER BY _f`,
    );
    let expected = 0n;
    for (const s of spans) {
      if (s.first !== expected || s.last - s.first + 1n !== s.rows) return null;
      expected = s.last + 1n;
    }
    // Every CASE below is built from what was read, which may be nothing (a batch whose only
    // line has an unclosed quote): sqlCase keeps each one valid SQL then.
    const rowOf = (f: string) => sqlCase(f, spans.map((s) => [String(s.f), String(s.first)]), 'NULL::BIGINT');
    const rowCase = rowOf('_f');

    // The rows grouped as read (month × category × LSOA per file, about one row in four). The
    // checks and the trimming are worked out once per distinct month × category (a few hundred)
    // and once per LSOA (about a thousand), not once per row or group.
    await db.run(`CREATE OR REPLACE TEMP TABLE ${groups} AS
      SELECT _f, month, crime_type, lsoa_code, lsoa_name, count(*) AS n FROM ${rows} GROUP BY ALL`);
    await db.run(`CREATE OR REPLACE TEMP TABLE ${kinds} AS
      SELECT *, ${firstFailure(rowChecks)} AS _check FROM (
        SELECT month, crime_type, ${f_month} AS f_month, ${f_category} AS f_category FROM (SELECT DISTINCT month, crime_type FROM ${groups}))`);
    // The rejected rows with their positions: rows failing a check (looked for only when a
    // month or category fails one), and repeats.
    const [found] = await db.all<{ failing: bigint }>(`SELECT count(*) AS failing FROM ${kinds} WHERE _check IS NOT NULL`);
    // Repeated Crime IDs, within a file or across the batch's files: the first row is kept, the
    // others rejected. Grouping a million 64-character IDs costs twice grouping their 64-bit
    // hashes, so the hashes find the candidates and the IDs themselves decide (a hash collision
    // is only a candidate).
    // Only rows that pass their own checks hold an ID: a row refused for its Month does not make
    // the good row with its ID a repeat (the crime would be counted nowhere).
    const passing = found!.failing > 0n
      ? `AND NOT EXISTS (SELECT 1 FROM ${kinds} k WHERE k._check IS NOT NULL AND ${same('k', rows, ['month', 'crime_type'])})`
      : '';
    await db.run(`CREATE OR REPLACE TEMP TABLE ${repeats} AS
      WITH candidates AS (SELECT hash(crime_id) AS h FROM ${rows} WHERE crime_id IS NOT NULL ${passing} GROUP BY h HAVING count(*) > 1)
      SELECT crime_id, min(rowid) AS first_row, arg_min(_f, rowid) AS first_f FROM ${rows}
      WHERE crime_id IS NOT NULL ${passing} AND hash(crime_id) IN (SELECT h FROM candidates) GROUP BY ALL HAVING count(*) > 1`);

    const failingRows = `SELECT * FROM (SELECT rowid AS _pos, *, NULL::INTEGER AS f_repeat, ${fields} FROM ${rows}) WHERE ${firstFailure(rowChecks)} IS NOT NULL`;
    // A semi-join first: the repeated IDs are few, the rows many.
    const fileOf = (f: string) => sqlCase(f, files.map((file, i) => [String(i), String(file.fileId)]));
    const fileCase = fileOf('_f');
    const withinBatch = `SELECT r.*, CASE WHEN r._f = p.first_f THEN 2 ELSE 3 END AS f_repeat, p.first_f,
        p.first_row - ${rowOf('p.first_f')} + 1 AS first_k, ${fileOf('p.first_f')} AS first_fid, NULL::BIGINT AS first_line
      FROM (SELECT rowid AS _pos, * FROM ${rows} WHERE crime_id IN (SELECT crime_id FROM ${repeats})) r
      JOIN ${repeats} p USING (crime_id) WHERE r._pos > p.first_row`;
    // IDs kept by an earlier batch are known by their 64-bit hash only (ten million IDs as text
    // would not fit in memory): two different IDs share one with odds of about 1 in 10^6 a run.
    const acrossBatches = o.earlier
      ? `UNION ALL BY NAME SELECT r.*, 3 AS f_repeat, NULL::INTEGER AS first_f, NULL::BIGINT AS first_k, e.file_id AS first_fid, e.line AS first_line
         FROM (SELECT rowid AS _pos, * FROM ${rows} WHERE crime_id IS NOT NULL AND hash(crime_id) IN (SELECT h FROM ${o.earlier})) r
         JOIN ${o.earlier} e ON hash(r.crime_id) = e.h`
      : '';
    const repeatRows = `${withinBatch} ${acrossBatches}`;
    // (Every row here fails a check; a filter on _check would be pushed down to all the rows.)
    await db.run(`CREATE OR REPLACE TEMP TABLE ${rejected} AS
      SELECT *, ${firstFailure(checks)} AS _check FROM (SELECT *, crime_id AS f_id FROM (
        ${found!.failing > 0n ? `${failingRows} UNION ALL BY NAME` : ''} SELECT *, ${fields} FROM (${repeatRows})))
      QUALIFY row_number() OVER (PARTITION BY _pos ORDER BY _check) = 1`);

    const hasRejects = (await db.all(`SELECT 1 FROM duckdb_tables() WHERE table_name = '${rej}'`)).length > 0;
    const fileIndex = sqlCase('s.file_path', files.map((f, i) => [sqlString(f.readPath ?? f.path), String(i)]));
    const parserRejects = hasRejects
      ? `(SELECT ${fileIndex} AS _f, e.line, any_value(e.column_name ORDER BY e.column_idx) AS column_name,
           any_value(e.error_type ORDER BY e.column_idx) AS error_type
         FROM ${rej} e JOIN ${scan} s USING (scan_id, file_id) GROUP BY ALL)`
      : `(SELECT NULL::INTEGER AS _f, NULL::BIGINT AS line, NULL::VARCHAR AS column_name, NULL::VARCHAR AS error_type WHERE false)`;
    // As in the one-file path: the k-th data row of a file is on line k + 1 + #{i : r_i - i <= k}.
    await db.run(`CREATE OR REPLACE TEMP TABLE ${skips} AS
      SELECT _f, line - row_number() OVER (PARTITION BY _f ORDER BY line) AS k FROM ${parserRejects}`);
    const pick = (f: (c: Check) => string) => `CASE _check ${checks.map((c, i) => `WHEN ${i} THEN ${f(c)}`).join(' ')} END`;
    const lineOf = (file: string, k: string) => `${k} + 1 + (SELECT count(*) FROM ${skips} s WHERE s._f = ${file} AND s.k <= ${k})`;
    const shownCase = sqlCase('b.first_fid', [...o.shownById].map(([id, shown]) => [String(id), sqlString(shown)]));
    await db.run(`INSERT INTO rejects
      SELECT ${sqlString(sourceId)}, ${fileCase}, ${lineOf('b._f', 'b.k')},
        ${pick((c) => (c.column === null ? 'NULL' : sqlString(c.column)))}, left(${pick((c) => `CAST(${c.value} AS VARCHAR)`)}, 200), ${pick((c) => sqlString(c.reason))}
      FROM (SELECT *, _pos - ${rowCase} + 1 AS k, CASE WHEN first_fid IS NOT NULL THEN ${shownCase} || ' line ' || coalesce(first_line, ${lineOf('b.first_f', 'b.first_k')}) END AS f_first
        FROM ${rejected} b) b ORDER BY _pos`);
    if (o.earlier && o.remember) {
      // Every ID's first row in this batch, with its line, for the batches after it.
      const [skipped] = await db.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${skips}`);
      const k = `_pos - ${rowCase} + 1`;
      await db.run(`INSERT INTO ${o.earlier}
        SELECT hash(crime_id), ${fileCase}, ${skipped!.n > 0n ? lineOf('r._f', k) : `${k} + 1`}
        FROM (SELECT rowid AS _pos, _f, crime_id FROM ${rows} WHERE crime_id IS NOT NULL ${passing}) r
        WHERE NOT EXISTS (SELECT 1 FROM ${repeats} p WHERE p.crime_id = r.crime_id AND r._pos > p.first_row)
          AND hash(crime_id) NOT IN (SELECT h FROM ${o.earlier})`);
    }
    const unreadable = await db.all<{ _f: number; line: bigint; column_name: string | null; error_type: string }>(
      `SELECT * FROM ${parserRejects} ORDER BY _f, line`,
    );
    if (unreadable.length > 0) {
      const appender = await db.connection.createAppender('rejects');
      for (const r of unreadable) {
        const column = r.column_name && /^c\d+$/.test(r.column_name) ? header[Number(r.column_name.slice(1))] ?? null : null;
        appender.appendVarchar(sourceId);
        appender.appendInteger(files[r._f]!.fileId);
        appender.appendBigInt(r.line);
        column === null ? appender.appendNull() : appender.appendVarchar(column);
        appender.appendNull(); // no value of a line that cannot be parsed (parserRejectValue, staging.ts)
        appender.appendVarchar(parserReason(r.error_type, header.length));
        appender.endRow();
      }
      appender.closeSync();
    }

    // Accepted counts: the groups whose month and category pass the checks, less the repeats
    // rejected from them (a row rejected for its month or category is in a group that fails too).
    // Values are matched as read (NULL to NULL) and counted under their trimmed form. The
    // district is worked out once per LSOA.
    await db.run(`CREATE OR REPLACE TEMP TABLE ${places} AS
      SELECT *, ${districtSql} AS f_district FROM (
        SELECT lsoa_code, lsoa_name, ${f_lsoa_code} AS f_lsoa_code, ${f_lsoa_name} AS f_lsoa_name
        FROM (SELECT DISTINCT lsoa_code, lsoa_name FROM ${groups}))`);
    // Only where a value was padded (" Thanet 012B") or an empty "" are two groups as read one
    // group trimmed; then the groups are added up again (on 280,000 groups that doubles the step).
    const [padded] = await db.all<{ any: boolean | null }>(`SELECT bool_or(x) AS any FROM (
      SELECT month IS DISTINCT FROM f_month OR crime_type IS DISTINCT FROM f_category AS x FROM ${kinds} WHERE _check IS NULL
      UNION ALL SELECT lsoa_code IS DISTINCT FROM f_lsoa_code OR lsoa_name IS DISTINCT FROM f_lsoa_name FROM ${places})`);
    const raw5 = ['_f', 'month', 'crime_type', 'lsoa_code', 'lsoa_name'];
    const repeatChecks = checks.flatMap((c, i) => (c.when.includes('f_repeat') ? [i] : [])).join(', ');
    const keys = 'g._f, f_month, f_category, f_lsoa_code, f_lsoa_name, f_district';
    const accepted = `SELECT ${keys}, ${padded?.any ? 'sum(g.n - coalesce(r.r, 0))' : 'g.n - coalesce(r.r, 0)'} AS n
      FROM ${groups} g
        JOIN ${kinds} k ON ${same('g', 'k', ['month', 'crime_type'])}
        JOIN ${places} p ON ${same('g', 'p', ['lsoa_code', 'lsoa_name'])}
        LEFT JOIN (SELECT ${raw5.join(', ')}, count(*) AS r FROM ${rejected} WHERE _check IN (${repeatChecks}) GROUP BY ALL) r ON ${same('g', 'r', raw5)}
      WHERE k._check IS NULL ${padded?.any ? 'GROUP BY ALL' : ''}`;
    const insert = m.insert;
    await db.run(`INSERT INTO incidents (source, file_id, ${Object.keys(insert).join(', ')}, n)
      SELECT ${sqlString(sourceId)}, ${fileCase}, ${Object.values(insert).join(', ')}, n FROM (${accepted}) WHERE n > 0`);
    const counts = await db.all<{ f: number; rejected: bigint; parser: bigint }>(
      `SELECT _f AS f, coalesce(r.n, 0) AS rejected, coalesce(p.n, 0) AS parser FROM
         (SELECT DISTINCT _f FROM (SELECT _f FROM ${rejected} UNION ALL SELECT _f FROM ${parserRejects})) a
         LEFT JOIN (SELECT _f, count(*) AS n FROM ${rejected} GROUP BY _f) r USING (_f)
         LEFT JOIN (SELECT _f, count(*) AS n FROM ${parserRejects} GROUP BY _f) p USING (_f)`,
    );
    const byFile = new Map(counts.map((c) => [c.f, c]));
    const rowsOf = new Map(spans.map((s) => [s.f, Number(s.rows)]));
    return new Map(files.map((f, i) => {
      const c = byFile.get(i);
      const rejectedRows = Number(c?.rejected ?? 0);
      const parsed = rowsOf.get(i) ?? 0;
      const parser = Number(c?.parser ?? 0);
      return [f.fileId, { rowsRead: parsed + parser, rowsAccepted: parsed - rejectedRows, rowsRejected: rejectedRows + parser }];
    }));
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${rows}; DROP TABLE IF EXISTS ${repeats}; DROP TABLE IF EXISTS ${groups}; DROP TABLE IF EXISTS ${kinds}; DROP TABLE IF EXISTS ${places}; DROP TABLE IF EXISTS ${rejected};
      DROP TABLE IF EXISTS ${rej}; DROP TABLE IF EXISTS ${scan}; DROP TABLE IF EXISTS ${skips}`);
  }
}
