import { Database, sqlCase } from './database.js';
import { sniffFile, splitHeader } from './files.js';
import { countsByFile, insertAccepted } from './police-batch-accepted.js';
import { appendUnreadableLines, collectRejected, findRepeats, insertRejects, parserRejectsOf, rememberIds } from './police-batch-rejects.js';
import {
  MIXED_LINE_ENDS,
  batchScan,
  crimeIdSql,
  csvSource,
  type BatchCounts,
  type BatchFile,
  type BatchOptions,
  type BatchScan,
  type Span,
} from './police-batch-scan.js';
import { kindsOf, quickScan } from './police-batch-quick.js';
import { firstLine } from './staging.js';

export type { BatchCounts, BatchFile, BatchOptions } from './police-batch-scan.js';

export { MIXED_LINE_ENDS } from './police-batch-scan.js';

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
 * Where the time goes (profiled on 1,000,000 rows): parsing the CSV, then copying rows. So a
 * first scan (quickScan) copies no row: it groups them as the bare query does and finds, in the
 * same pass, the files with anything to reject. Only those are read again with positions
 * (readPositioned: one ordered copy of the columns read, a row's rowid its position), where
 * the checks, repeated Crime IDs and line numbers of the rows rejected are worked out.
 */
export async function readPoliceBatch(db: Database, files: BatchFile[], o: BatchOptions): Promise<BatchRead> {
  const header = sharedHeader(files);
  const scan = header && batchScan(header, files, o);
  if (!scan) return NOT_BATCHABLE;
  // A batch whose IDs the batches after it must find at their lines is read with positions.
  if (o.remember) return readPositioned(db, scan);
  const { t } = scan;
  try {
    const quick = await quickScan(db, scan);
    if (!quick) return { kind: 'mixed-line-endings' };
    const counts = new Map<number, BatchCounts>();
    if (quick.positioned.length > 0) {
      // The files with something to reject, read again with every row's position: a Crime ID
      // held twice is only in them (each file holding it is), so they are read as a batch of
      // their own. (The batch's other files hold no ID of theirs.)
      const again = batchScan(
        header,
        quick.positioned.map((f) => files[f]!),
        o,
      );
      const read = again && (await readPositioned(db, again));
      if (!read || read.kind !== 'read') return read ?? NOT_BATCHABLE;
      for (const [k, v] of read.counts) counts.set(k, v);
    }
    await insertAccepted(db, scan);
    const rows = await db.all<{ f: number; n: bigint }>(`SELECT _f AS f, sum(n) AS n FROM ${t.groups} GROUP BY _f`);
    const rowsOf = new Map(rows.map((r) => [Number(r.f), Number(r.n)]));
    files.forEach((f, i) => {
      if (quick.positioned.includes(i)) return;
      const n = rowsOf.get(i) ?? 0;
      counts.set(f.fileId, { rowsRead: n, rowsAccepted: n, rowsRejected: 0 });
    });
    return { kind: 'read', counts };
  } finally {
    await dropTables(db, scan);
  }
}

/**
 * Reads a batch keeping every row's position: one ordered copy of the columns read, then its
 * groups, its repeated IDs, and line numbers for the rows rejected.
 */
async function readPositioned(db: Database, scan: BatchScan): Promise<BatchRead> {
  const { o } = scan;
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
    await dropTables(db, scan);
  }
}

async function dropTables(db: Database, s: BatchScan): Promise<void> {
  await db.run(
    Object.values(s.t)
      .map((table) => `DROP TABLE IF EXISTS ${table};`)
      .join(' '),
  );
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
  const { raw, t } = s;
  // See csvSource: a row with a field too many has c_extra set, one cut short its last column NULL.
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
  try {
    await db.run(`CREATE OR REPLACE TEMP TABLE ${t.rows} AS
      SELECT file_index::INTEGER AS _f, ${crimeIdSql(raw('crimeId'))} AS crime_id, nullif(${raw('month')}, '') AS month, nullif(${raw('crimeType')}, '') AS crime_type,
        nullif(${raw('lsoaCode')}, '') AS lsoa_code, nullif(${raw('lsoaName')}, '') AS lsoa_name, ${shape} AS _shape,
        ${s.point.lon} AS lon, ${s.point.lat} AS lat
      FROM ${csvSource(s)}`);
    return true;
  } catch (e) {
    // Mixed line endings past the first 64 KB: the caller reads LF copies instead.
    if (MIXED_LINE_ENDS.test(String(e))) return false;
    throw e;
  }
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
  await db.run(`CREATE OR REPLACE TEMP TABLE ${s.t.groups} AS
      SELECT _f, month, crime_type, lsoa_code, lsoa_name, _shape, lon, lat, count(*) AS n FROM ${s.t.rows} GROUP BY ALL`);
  await kindsOf(db, s);
}
