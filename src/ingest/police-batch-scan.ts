import type { Config } from '../config/load.js';
import { sqlCase, sqlString } from './database.js';
import type { Check } from './map.js';
import { POLICE_COLUMNS, POLICE_POINT_COLUMNS, areaNames, coordinate, pointColumnIndex, policeMapping } from './kinds/police.js';
import type { Scratch } from './scratch.js';
import { parserReject } from './parser-rejects.js';

// What the steps of reading one batch of police files (police-batch.ts) share.

export interface BatchFile {
  path: string;
  fileId: number;
  /** A copy with every line break as LF, read instead of `path` (see lfCopy). */
  readPath?: string;
}

export interface BatchCounts {
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
}

export interface BatchOptions {
  config: Config;
  sourceId: string;
  /** Where the batch's temporary tables get their names. */
  scratch: Scratch;
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

/** What every step of one batch's reading shares: its files, checks, SQL and temporary tables. */
export interface BatchScan {
  files: BatchFile[];
  header: string[];
  o: BatchOptions;
  /** The staging column holding each police column, as read. */
  raw: (k: keyof typeof POLICE_COLUMNS) => string;
  mapping: ReturnType<typeof policeMapping>;
  /**
   * SQL for the copy: a row's longitude and latitude as numbers, only where its raw LSOA name
   * contains the partnership area's name or an alias (every row of the area does; f_district
   * decides), else NULL, so that the other rows' groups do not grow. NULL when the file has no
   * such column.
   */
  point: Record<keyof typeof POLICE_POINT_COLUMNS, string>;
  /** The checks a row fails on its own values (month, category), as against the repeat checks. */
  rowChecks: Check[];
  /** Every check, in the order a row is tested: its own, then repeats across files, then within. */
  checks: Check[];
  /** The mapped fields a check reads, as `sql AS name`. */
  fields: string;
  /** SQL: the file id of the file at index `f` of the batch. */
  fileOf: (f: string) => string;
  t: Record<'rows' | 'repeats' | 'groups' | 'kinds' | 'places' | 'rejected' | 'accepted' | 'rej' | 'scan' | 'skips', string>;
}

/** The batch's checks and tables; null when a police column is missing (the one-by-one path names it). */
export function batchScan(header: string[], files: BatchFile[], o: BatchOptions): BatchScan | null {
  const index = Object.fromEntries(Object.entries(POLICE_COLUMNS).map(([k, heading]) => [k, header.indexOf(heading)]));
  if (Object.values(index).some((i) => i < 0)) return null;
  // The mapping over the copied columns; f_repeat (2 for a repeat) is set on the rejected rows below.
  const mapping = policeMapping({ crimeId: 'crime_id', month: 'month', lsoaCode: 'lsoa_code', lsoaName: 'lsoa_name', crimeType: 'crime_type' }, o.config, {
    today: o.today,
    repeat: 'f_repeat',
  });
  const { f_month, f_category, f_lsoa_code, f_lsoa_name } = mapping.fields;
  // A row with a field too many or too few (see copyColumns) is refused before any other check:
  // its values are not under their headings, so none is read, kept or shown.
  // A row cut short is named by its first missing column, and an unclosed quote by the column it
  // opens in, as DuckDB's parser names them on the one-file path.
  const shape: Check[] = [
    { when: '_shape = 1', ...parserReject('TOO MANY COLUMNS', header.length), column: null, value: 'NULL' },
    ...header.slice(1).flatMap((heading, i) => [
      { when: `_shape = ${3 + i}`, ...parserReject('MISSING COLUMNS', header.length), column: heading, value: 'NULL' },
      { when: `_shape = ${101 + i}`, ...parserReject('UNQUOTED VALUE', header.length), column: header[i]!, value: 'NULL' },
    ]),
  ];
  const rowChecks = [...shape, ...mapping.checks.filter((c) => !c.when.includes('f_repeat'))];
  // A Crime ID read in an earlier file of the batch (November's crime again in December's
  // file) is rejected where it repeats, naming where it was first read (f_first).
  const crossFile: Check = {
    when: 'f_repeat = 3',
    reason: 'Crime ID already read in an earlier file: the first row with this ID is kept',
    code: 'id-in-earlier-file',
    column: POLICE_COLUMNS.crimeId,
    value: `f_id || ' (first read in ' || f_first || ')'`,
  };
  const n = o.scratch.next();
  const name = `"c${index.lsoaName}"`;
  const inArea = areaNames(o.config)
    .map((a) => `contains(${name}, ${sqlString(a)})`)
    .join(' OR ');
  const point = (heading: string) => {
    const i = pointColumnIndex(header, heading);
    return i < 0 ? 'NULL::DOUBLE' : `CASE WHEN ${inArea} THEN ${coordinate(`"c${i}"`)} END`;
  };
  return {
    files,
    header,
    o,
    raw: (k) => `"c${index[k]}"`,
    mapping,
    point: { lon: point(POLICE_POINT_COLUMNS.lon), lat: point(POLICE_POINT_COLUMNS.lat) },
    rowChecks,
    checks: [...rowChecks, crossFile, ...mapping.checks.filter((c) => c.when.includes('f_repeat'))],
    fields: Object.entries({ f_month, f_category, f_lsoa_code, f_lsoa_name })
      .map(([k, sql]) => `${sql} AS ${k}`)
      .join(', '),
    fileOf: (f) =>
      sqlCase(
        f,
        files.map((file, i) => [String(i), String(file.fileId)]),
      ),
    t: {
      rows: `pbrows_${n}`,
      repeats: `pbrep_${n}`,
      groups: `pbgrp_${n}`,
      kinds: `pbkind_${n}`,
      places: `pbplace_${n}`,
      rejected: `pbrejected_${n}`,
      accepted: `pbaccepted_${n}`,
      rej: `pbrej_${n}`,
      scan: `pbscan_${n}`,
      skips: `pbskip_${n}`,
    },
  };
}

/** SQL: the index in `s.checks` of the first of `list` a row fails, NULL when it passes them all. */
export const firstFailure = (s: BatchScan, list: Check[]) => `CASE ${list.map((c) => `WHEN ${c.when} THEN ${s.checks.indexOf(c)}`).join(' ')} END`;

/** SQL: `a` and `b` agree on every one of `columns`, NULL matching NULL. */
export const same = (a: string, b: string, columns: string[]) => columns.map((c) => `${a}.${c} IS NOT DISTINCT FROM ${b}.${c}`).join(' AND ');

/** SQL: the line of the k-th data row of a file: k + 1 + #{i : r_i - i <= k}, as in the one-file path. */
export const lineOf = (s: BatchScan, file: string, k: string) => `${k} + 1 + (SELECT count(*) FROM ${s.t.skips} s WHERE s._f = ${file} AND s.k <= ${k})`;

/** A file's rows in the scan: rowids first to last, in order (spansInOrder). */
export interface Span {
  f: number;
  first: bigint;
  last: bigint;
  rows: bigint;
}
