import { Database, sqlCase, sqlString } from './database.js';
import { sniffFile, splitHeader } from './files.js';
import { text } from './map.js';
import { countsByFile, insertAccepted } from './police-batch-accepted.js';
import { appendUnreadableLines, collectRejected, findRepeats, insertRejects, parserRejectsOf, rememberIds } from './police-batch-rejects.js';
import { batchScan, firstFailure, type BatchCounts, type BatchFile, type BatchOptions, type BatchScan, type Span } from './police-batch-scan.js';
import { firstLine } from './staging.js';

export type { BatchCounts, BatchFile, BatchOptions } from './police-batch-scan.js';

/** Thrown by DuckDB's CSV reader on mixed line endings (CR CR LF, a lone CR in an LF file). */
export const MIXED_LINE_ENDS = /CSV Parser state machine reached an invalid state/;

/** What came of reading a batch. In the last two nothing was written, so the caller can read the files another way. */
export type BatchRead =
  /** Every file of the batch read: its rows, accepted and rejected, by file id. */
  | { kind: 'read'; counts: Map<number, BatchCounts> }
  /** The files are not all plain UTF-8 with one header, or the scan did not keep their order (line numbers need it): read them one by one. */
  | { kind: 'not-batchable' }
  /** DuckDB's reader stopped on mixed line endings: read LF copies (BatchFile.readPath). */
  | { kind: 'mixed-line-endings' };

const NOT_BATCHABLE: BatchRead = { kind: 'not-batchable' };

/**
 * Reads many data.police.uk files in one DuckDB scan (a force's three years in one pass,
 * where one query per file would pay the per-query cost 36 times). Same checks, rejects and
 * line numbers as the one-file path.
 *
 * Where the time goes (profiled on 1,000,000 rows): parsing the CSV, then copying rows. So the
 * scan copies only the five columns read, untrimmed, in file order (a row's rowid is its
 * position); everything after works on that copy or on its groups (month × category × LSOA
 * per file, about one row in four; the partnership area's rows also by their point): trimming and checks once per group, repeated Crime IDs by
 * one grouping, line numbers only for the rows rejected.
 */
export async function readPoliceBatch(db: Database, files: BatchFile[], o: BatchOptions): Promise<BatchRead> {
  const header = sharedHeader(files);
  const scan = header && batchScan(header, files, o);
  if (!scan) return NOT_BATCHABLE;
  const { t } = scan;
  try {
    if (!(await copyColumns(db, scan))) return { kind: 'mixed-line-endings' };
    const spans = await spansInOrder(db, scan);
    if (!spans) return NOT_BATCHABLE;
    // Every CASE below is built from what was read, which may be nothing (a batch whose only
    // line has an unclosed quote): sqlCase keeps each one valid SQL then.
    const rowOf = (f: string) =>
      sqlCase(
        f,
        spans.map((s) => [String(s.f), String(s.first)]),
        'NULL::BIGINT',
      );
    await groupRows(db, scan);
    const { passing, anyFailing } = await findRepeats(db, scan);
    await collectRejected(db, scan, { rowOf, anyFailing });
    const parserRejects = await parserRejectsOf(db, scan);
    await insertRejects(db, scan, rowOf('_f'));
    if (o.earlier && o.remember) await rememberIds(db, scan, { earlier: o.earlier, rowCase: rowOf('_f'), passing });
    await appendUnreadableLines(db, scan, parserRejects);
    await insertAccepted(db, scan);
    return { kind: 'read', counts: await countsByFile(db, scan, { parserRejects, spans }) };
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${t.rows}; DROP TABLE IF EXISTS ${t.repeats}; DROP TABLE IF EXISTS ${t.groups}; DROP TABLE IF EXISTS ${t.kinds}; DROP TABLE IF EXISTS ${t.places}; DROP TABLE IF EXISTS ${t.rejected}; DROP TABLE IF EXISTS ${t.accepted};
      DROP TABLE IF EXISTS ${t.rej}; DROP TABLE IF EXISTS ${t.scan}; DROP TABLE IF EXISTS ${t.skips}`);
  }
}

/** The header every file of the batch has, or null when they differ or one is not plain UTF-8. */
function sharedHeader(files: BatchFile[]): string[] | null {
  let header: string[] | undefined;
  for (const f of files) {
    const sniffed = sniffFile(f.readPath ?? f.path, 'auto');
    if (sniffed.unreadable || sniffed.encoding !== 'utf-8') return null;
    const h = splitHeader(firstLine(f.readPath ?? f.path), ',');
    if (header && h.join('\u0000') !== header.join('\u0000')) return null;
    header = h;
  }
  return header ?? null;
}

/** The one scan of every file, copying the five columns read; false when DuckDB stopped on mixed line endings. */
async function copyColumns(db: Database, s: BatchScan): Promise<boolean> {
  try {
    await db.run(`CREATE OR REPLACE TEMP TABLE ${s.t.rows} AS ${copyQuery(s)}`);
    return true;
  } catch (e) {
    // Mixed line endings past the first 64 KB: the caller reads LF copies instead.
    if (MIXED_LINE_ENDS.test(String(e))) return false;
    throw e;
  }
}

/**
 * SQL: the columns read from every file of the batch, in file order, with each row's shape
 * (exported for scripts/bench-scan.mjs, which times it against the bare query).
 */
export function copyQuery(s: BatchScan): string {
  const { raw, t } = s;
  // One column more than the headings, padded: DuckDB drops an empty field past the last heading
  // without a word ("…,Thanet 001A,Burglary,," with an unquoted comma in Location, Context empty
  // as it nearly always is), so a shifted row would be read under the wrong headings. Padded,
  // with empty fields read as '' (nullstr is a character no export holds), a row with a field
  // too many has c_extra set and one cut short has its last column NULL: both are refused.
  const columns = [...s.header.map((_, i) => `'c${i}': 'VARCHAR'`), `'c_extra': 'VARCHAR'`].join(', ');
  const last = `"c${s.header.length - 1}"`;
  // 1: a field too many; 2 + i: cut short, column i the first missing (as the parser names it);
  // 100 + i: cut short where column i − 1 holds a delimiter or a line break, which is a quote
  // opened in it and never closed (padded, the parser no longer says so: the rest of the file
  // is that one value).
  const firstMissing = s.header
    .map((_, i) =>
      i === 0
        ? ''
        : `WHEN "c${i}" IS NULL THEN CASE WHEN contains("c${i - 1}", ',') OR contains("c${i - 1}", chr(10)) THEN ${100 + i} ELSE ${2 + i} END::UTINYINT`,
    )
    .join(' ');
  const shape = `CASE WHEN c_extra IS NOT NULL THEN 1::UTINYINT WHEN ${last} IS NULL THEN CASE ${firstMissing} END END`;
  // Trimming a 64-character ID on every row costs as much as the rest of the copy: only IDs
  // with a space at either end are trimmed (the same result as text()).
  const id = raw('crimeId');
  const crimeId = `CASE WHEN starts_with(${id}, ' ') OR ends_with(${id}, ' ') THEN ${text(id)} ELSE nullif(${id}, '') END`;
  return `SELECT file_index::INTEGER AS _f, ${crimeId} AS crime_id, nullif(${raw('month')}, '') AS month, nullif(${raw('crimeType')}, '') AS crime_type,
        nullif(${raw('lsoaCode')}, '') AS lsoa_code, nullif(${raw('lsoaName')}, '') AS lsoa_name, ${shape} AS _shape,
        ${s.point.lon} AS lon, ${s.point.lat} AS lat
      FROM read_csv([${s.files.map((f) => sqlString(f.readPath ?? f.path)).join(', ')}], auto_detect=false, header=false, skip=1,
        delim=',', quote='"', escape='"', columns={${columns}}, null_padding=true, nullstr='\u0001',
        store_rejects=true, rejects_table='${t.rej}', rejects_scan='${t.scan}', max_line_size=1048576)`;
}

/** Each file's rows (their first and last rowid), or null when the scan did not keep the files, and the lines within them, in order. */
async function spansInOrder(db: Database, s: BatchScan): Promise<Span[] | null> {
  const spans = await db.all<Span>(`SELECT _f AS f, min(rowid) AS first, max(rowid) AS last, count(*) AS rows FROM ${s.t.rows} GROUP BY _f ORDER BY _f`);
  let expected = 0n;
  for (const span of spans) {
    if (span.first !== expected || span.last - span.first + 1n !== span.rows) return null;
    expected = span.last + 1n;
  }
  return spans;
}

/**
 * The rows grouped as read (month × category × LSOA per file, about one row in four). The
 * checks and the trimming are worked out once per distinct month × category (a few hundred),
 * not once per row or group.
 */
async function groupRows(db: Database, s: BatchScan): Promise<void> {
  const { t } = s;
  const { f_month, f_category } = s.mapping.fields;
  await db.run(`CREATE OR REPLACE TEMP TABLE ${t.groups} AS
      SELECT _f, month, crime_type, lsoa_code, lsoa_name, _shape, lon, lat, count(*) AS n FROM ${t.rows} GROUP BY ALL`);
  await db.run(`CREATE OR REPLACE TEMP TABLE ${t.kinds} AS
      SELECT *, ${firstFailure(s, s.rowChecks)} AS _check FROM (
        SELECT month, crime_type, _shape, ${f_month} AS f_month, ${f_category} AS f_category FROM (SELECT DISTINCT month, crime_type, _shape FROM ${t.groups}))`);
}
