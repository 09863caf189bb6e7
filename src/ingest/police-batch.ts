import type { Config } from '../config/load.js';
import { Database, sqlString } from './database.js';
import { sniffFile, splitHeader } from './files.js';
import { POLICE_COLUMNS, policeMapping } from './kinds/police.js';
import { firstLine, parserReason } from './staging.js';

export interface BatchFile {
  path: string;
  fileId: number;
}

export interface BatchCounts {
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
}

let batchCounter = 0;

/**
 * Reads many data.police.uk files in one DuckDB scan (a force's three years in one pass,
 * where one query per file would pay the per-query cost 36 times). Same checks and rejects as
 * the one-file path. Returns null, having changed nothing, when the files are not all plain
 * UTF-8 with the same header, or when the scan did not keep the files' order (line numbers
 * need it): the caller then reads them one by one.
 */
export async function ingestPoliceBatch(db: Database, files: BatchFile[], config: Config, sourceId: string): Promise<Map<number, BatchCounts> | null> {
  let header: string[] | undefined;
  for (const f of files) {
    const sniffed = sniffFile(f.path, 'auto');
    if (sniffed.unreadable || sniffed.encoding !== 'utf-8') return null;
    const h = splitHeader(firstLine(f.path), ',');
    if (header && h.join('\u0000') !== header.join('\u0000')) return null;
    header = h;
  }
  if (!header) return null;
  const index = Object.fromEntries(Object.entries(POLICE_COLUMNS).map(([k, heading]) => [k, header!.indexOf(heading)]));
  if (Object.values(index).some((i) => i < 0)) return null;
  const col = Object.fromEntries(Object.entries(index).map(([k, i]) => [k, `"c${i}"`])) as Record<keyof typeof POLICE_COLUMNS, string>;
  // Repeated Crime IDs are rare: found by a grouping (cheap) rather than a window over every row.
  const m = policeMapping(col, config, 'CASE WHEN _first_of_id IS NOT NULL AND _row > _first_of_id THEN 2 END');

  const n = ++batchCounter;
  const [rows, repeats, t, rej, scan, offsets, skips] = [`pbrows_${n}`, `pbrep_${n}`, `pb_${n}`, `pbrej_${n}`, `pbscan_${n}`, `pboff_${n}`, `pbskip_${n}`];
  const fileCase = (expr: string) => `CASE ${expr} ${files.map((f) => `WHEN ${sqlString(f.path)} THEN ${f.fileId}`).join(' ')} END`;
  const columns = header.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  // The district is worked out per group at the end (a regular expression per LSOA, not per row).
  const { f_repeat: repeatSql, f_district: _perRow, ...rowFields } = m.fields;
  const districtSql = policeMapping({ ...col, lsoaName: 'f_lsoa_name' }, config).fields.f_district;
  const fields = Object.entries(rowFields).map(([name, sql]) => `${sql} AS ${name}`).join(', ');
  const firstFailure = `CASE ${m.checks.map((c, i) => `WHEN ${c.when} THEN ${i}`).join(' ')} END`;
  try {
    // One pass over the CSVs: only the mapped columns are kept.
    await db.run(`CREATE OR REPLACE TEMP TABLE ${rows} AS
      SELECT _row, _file, ${fields} FROM (
        SELECT row_number() OVER () AS _row, filename AS _file, *
        FROM read_csv([${files.map((f) => sqlString(f.path)).join(', ')}], auto_detect=false, header=false, skip=1,
          delim=',', quote='"', escape='"', columns={${columns}}, filename=true,
          store_rejects=true, rejects_table='${rej}', rejects_scan='${scan}', max_line_size=1048576))`);
    await db.run(`CREATE OR REPLACE TEMP TABLE ${repeats} AS
      SELECT _file, f_id, min(_row) AS _first_of_id FROM ${rows} WHERE f_id IS NOT NULL GROUP BY ALL HAVING count(*) > 1`);
    await db.run(`CREATE OR REPLACE TEMP VIEW ${t} AS
      SELECT *, ${firstFailure} AS _check FROM (
        SELECT r.*, ${repeatSql} AS f_repeat FROM ${rows} r LEFT JOIN ${repeats} USING (_file, f_id))`);
    // The scan must have kept the files, and the lines within them, in order.
    const spans = await db.all<{ file: string; first: bigint; last: bigint; rows: bigint }>(
      `SELECT _file AS file, min(_row) AS first, max(_row) AS last, count(*) AS rows FROM ${rows} GROUP BY _file`,
    );
    const byFile = new Map(spans.map((s) => [s.file, s]));
    let expected = 1n;
    for (const f of files) {
      const s = byFile.get(f.path);
      if (!s) continue;
      if (s.first !== expected || s.last - s.first + 1n !== s.rows) return null;
      expected = s.last + 1n;
    }
    await db.run(`CREATE OR REPLACE TEMP TABLE ${offsets} AS
      SELECT _file, min(_row) - 1 AS offset FROM ${rows} GROUP BY _file`);
    const hasRejects = (await db.all(`SELECT 1 FROM duckdb_tables() WHERE table_name = '${rej}'`)).length > 0;
    const parserRejects = hasRejects
      ? `(SELECT s.file_path AS _file, e.line, any_value(e.column_name ORDER BY e.column_idx) AS column_name,
           any_value(e.error_type ORDER BY e.column_idx) AS error_type, any_value(e.csv_line) AS csv_line
         FROM ${rej} e JOIN ${scan} s USING (scan_id, file_id) GROUP BY s.file_path, e.line)`
      : `(SELECT NULL::VARCHAR AS _file, NULL::BIGINT AS line, NULL::VARCHAR AS column_name, NULL::VARCHAR AS error_type, NULL::VARCHAR AS csv_line WHERE false)`;
    // As in the one-file path: the k-th data row of a file is on line k + 1 + #{i : r_i - i <= k}.
    await db.run(`CREATE OR REPLACE TEMP TABLE ${skips} AS
      SELECT _file, line - row_number() OVER (PARTITION BY _file ORDER BY line) AS k FROM ${parserRejects}`);
    const pick = (f: (c: (typeof m.checks)[number]) => string) => `CASE _check ${m.checks.map((c, i) => `WHEN ${i} THEN ${f(c)}`).join(' ')} END`;
    await db.run(`INSERT INTO rejects
      SELECT ${sqlString(sourceId)}, ${fileCase('b._file')}, (b._row - o.offset) + 1 + (SELECT count(*) FROM ${skips} s WHERE s._file = b._file AND s.k <= b._row - o.offset),
        ${pick((c) => (c.column === null ? 'NULL' : sqlString(c.column)))}, left(${pick((c) => `CAST(${c.value} AS VARCHAR)`)}, 200), ${pick((c) => sqlString(c.reason))}
      FROM ${t} b JOIN ${offsets} o USING (_file) WHERE _check IS NOT NULL ORDER BY b._row`);
    const unreadable = await db.all<{ _file: string; line: bigint; column_name: string | null; error_type: string; csv_line: string | null }>(
      `SELECT * FROM ${parserRejects} ORDER BY _file, line`,
    );
    if (unreadable.length > 0) {
      const appender = await db.connection.createAppender('rejects');
      for (const r of unreadable) {
        const column = r.column_name && /^c\d+$/.test(r.column_name) ? header[Number(r.column_name.slice(1))] ?? null : null;
        appender.appendVarchar(sourceId);
        appender.appendInteger(files.find((f) => f.path === r._file)!.fileId);
        appender.appendBigInt(r.line);
        column === null ? appender.appendNull() : appender.appendVarchar(column);
        r.csv_line === null ? appender.appendNull() : appender.appendVarchar(r.csv_line.slice(0, 200));
        appender.appendVarchar(parserReason(r.error_type, header.length));
        appender.endRow();
      }
      appender.closeSync();
    }
    const insert = m.insert;
    await db.run(`INSERT INTO incidents (source, file_id, ${Object.keys(insert).join(', ')}, n)
      SELECT ${sqlString(sourceId)}, ${fileCase('_file')}, ${Object.values(insert).join(', ')}, n FROM (
        SELECT *, ${districtSql} AS f_district FROM (
          SELECT _file, f_month, f_category, f_lsoa_code, f_lsoa_name, count(*) AS n FROM ${t} WHERE _check IS NULL GROUP BY ALL))`);
    const counts = await db.all<{ file: string; accepted: bigint; rejected: bigint; parser: bigint }>(
      `SELECT b._file AS file, b.accepted, b.rejected, coalesce(p.n, 0) AS parser FROM
         (SELECT _file, count(*) FILTER (WHERE _check IS NULL) AS accepted, count(*) FILTER (WHERE _check IS NOT NULL) AS rejected FROM ${t} GROUP BY _file) b
         FULL JOIN (SELECT _file, count(*) AS n FROM ${parserRejects} GROUP BY _file) p USING (_file)`,
    );
    const out = new Map<number, BatchCounts>(files.map((f) => [f.fileId, { rowsRead: 0, rowsAccepted: 0, rowsRejected: 0 }]));
    for (const c of counts) {
      const f = files.find((x) => x.path === c.file);
      if (!f) continue;
      const accepted = Number(c.accepted ?? 0);
      const rejected = Number(c.rejected ?? 0) + Number(c.parser);
      out.set(f.fileId, { rowsRead: accepted + rejected, rowsAccepted: accepted, rowsRejected: rejected });
    }
    return out;
  } finally {
    await db.run(`DROP VIEW IF EXISTS ${t}; DROP TABLE IF EXISTS ${rows}; DROP TABLE IF EXISTS ${repeats}; DROP TABLE IF EXISTS ${rej}; DROP TABLE IF EXISTS ${scan}; DROP TABLE IF EXISTS ${offsets}; DROP TABLE IF EXISTS ${skips}`);
  }
}
