import { Database, sqlString } from './database.js';
import { parserReject } from './parser-rejects.js';
import type { RejectCode } from './reject-codes.js';
import type { Reject, StagedFile } from './staging.js';

/** A reason to reject a row: `when` is SQL over the mapped fields, true for a bad row. */
export interface Check {
  when: string;
  /** In words, for the person reading the reject list. */
  reason: string;
  /** The same reason for code to branch on: it stays when the words change. */
  code: RejectCode;
  /** The heading of the column at fault, for the reject list. */
  column: string | null;
  /** SQL for the offending value as the file holds it. */
  value: string;
}

export interface Mapping {
  source: string;
  fileId: number;
  /** Field name → SQL over the staging columns (c0, c1, …); computed once per row. */
  fields: Record<string, string>;
  /** In order: a row is rejected for the first check it fails. */
  checks: Check[];
  target: string;
  /** Each entry inserts one target row per accepted row: target column → SQL over the fields. */
  inserts: Record<string, string>[];
  /** Insert one row per distinct value of the insert columns, with their count in column n. */
  aggregate?: boolean;
  /**
   * Counts of some accepted rows into a second table too: one row per distinct value of `values`
   * (column → SQL over the fields and staging columns) among the accepted rows where `where`
   * holds, with their count in column n (police_points: the area's rows with a point).
   */
  also?: { target: string; values: Record<string, string>; where: string };
  /**
   * The references this file keeps (field `id`, of rows accepted), with the file's name and the
   * line, added to `table` (id, file, line): the later files of the source look them up there.
   */
  remember?: { table: string; id: string; file: string };
}

export interface Mapped {
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
}

/**
 * Maps a staged file into a normalised table. Every row ends up in exactly one place:
 * the target table or the rejects table, so rows read = accepted + rejected.
 */
export async function mapStaged(db: Database, staged: StagedFile, m: Mapping): Promise<Mapped> {
  const mapped = `${staged.table}_mapped`;
  const fields = Object.entries(m.fields).map(([name, sql]) => `${sql} AS ${name}`);
  // A row with more fields than the headings is refused before any other check: its values are
  // not under their headings, so none of them is read, kept or shown.
  m = { ...m, checks: [{ when: '_shifted', ...parserReject('TOO MANY COLUMNS', staged.header.length), column: null, value: 'NULL' }, ...m.checks] };
  const firstFailure = m.checks.length ? `CASE ${m.checks.map((c, i) => `WHEN ${c.when} THEN ${i}`).join(' ')} END` : 'NULL::INTEGER';
  // Keep only what the inserts and rejects use: a file's other columns (names, addresses,
  // free text) are never copied, and the table stays small.
  const used = [
    ...m.inserts.flatMap((i) => Object.values(i)),
    ...m.checks.flatMap((c) => [c.when, c.value]),
    ...(m.also ? [...Object.values(m.also.values), m.also.where] : []),
  ].join(' ');
  const raw = [...new Set(used.match(/"c\d+"/g) ?? [])];
  await db.run(`CREATE OR REPLACE TEMP TABLE ${mapped} AS
    SELECT *, ${firstFailure} AS _check FROM (SELECT _row, _shifted, ${[...raw, ...fields].join(', ')} FROM ${staged.table})`);
  const { parserRejects } = await staged.collect();

  const pick = (f: (c: Check) => string) => `CASE _check ${m.checks.map((c, i) => `WHEN ${i} THEN ${f(c)}`).join(' ')} END`;
  if (m.checks.length > 0) {
    await db.run(`INSERT INTO rejects
      SELECT ${sqlString(m.source)}, ${m.fileId}, ${staged.lineSql('_row')},
        ${pick((c) => (c.column === null ? 'NULL' : sqlString(c.column)))},
        left(${pick((c) => `CAST(${c.value} AS VARCHAR)`)}, 200),
        ${pick((c) => sqlString(c.reason))}, ${pick((c) => sqlString(c.code))}
      FROM ${mapped} WHERE _check IS NOT NULL ORDER BY _row`);
  }
  for (const insert of m.inserts) {
    const columns = Object.keys(insert);
    await db.run(
      m.aggregate
        ? `INSERT INTO ${m.target} (source, file_id, ${columns.join(', ')}, n)
           SELECT ${sqlString(m.source)}, ${m.fileId}, ${Object.values(insert).join(', ')}, count(*)
           FROM ${mapped} WHERE _check IS NULL GROUP BY ALL`
        : `INSERT INTO ${m.target} (source, file_id, ${columns.join(', ')})
           SELECT ${sqlString(m.source)}, ${m.fileId}, ${Object.values(insert).join(', ')}
           FROM ${mapped} WHERE _check IS NULL ORDER BY _row`,
    );
  }
  if (m.also) {
    const { target, values, where } = m.also;
    await db.run(`INSERT INTO ${target} (source, file_id, ${Object.keys(values).join(', ')}, n)
      SELECT ${sqlString(m.source)}, ${m.fileId}, ${Object.values(values).join(', ')}, count(*)
      FROM ${mapped} WHERE _check IS NULL AND (${where}) GROUP BY ALL`);
  }
  if (m.remember) {
    await db.run(`INSERT INTO ${m.remember.table} SELECT ${m.remember.id}, ${sqlString(m.remember.file)}, ${staged.lineSql('_row')}
      FROM ${mapped} WHERE _check IS NULL AND ${m.remember.id} IS NOT NULL`);
  }
  const [counts] = await db.all<{ accepted: bigint; rejected: bigint }>(
    `SELECT count(*) FILTER (WHERE _check IS NULL) AS accepted, count(*) FILTER (WHERE _check IS NOT NULL) AS rejected FROM ${mapped}`,
  );
  await db.run(`DROP TABLE ${mapped}`);

  await appendRejects(db, m.source, m.fileId, parserRejects);
  return {
    rowsRead: Number(counts!.accepted) + Number(counts!.rejected) + parserRejects.length,
    rowsAccepted: Number(counts!.accepted),
    rowsRejected: Number(counts!.rejected) + parserRejects.length,
  };
}

/** Adds rejects (the lines the parser could not read) to the rejects table. */
export async function appendRejects(db: Database, source: string, fileId: number, rejects: readonly Reject[]): Promise<void> {
  if (rejects.length === 0) return;
  await db.append('rejects', (appender) => {
    for (const r of rejects) {
      appender.appendVarchar(source);
      appender.appendInteger(fileId);
      appender.appendBigInt(BigInt(r.line));
      r.column === null ? appender.appendNull() : appender.appendVarchar(r.column);
      r.value === null ? appender.appendNull() : appender.appendVarchar(r.value);
      appender.appendVarchar(r.reason);
      appender.appendVarchar(r.code);
      appender.endRow();
    }
  });
}

/**
 * A reference (records' `columns.id`, a survey's response id) that an earlier file of the source
 * kept: the field giving where it was first read, and the check that refuses the row. Placed after
 * the row's own checks, so that a row refused for its date holds no reference.
 */
export function earlierFileCheck(table: string, idSql: string, o: { what: string; column: string | null }): { field: string; check: Check } {
  return {
    field: `(SELECT e.file || ' line ' || e.line FROM ${table} e WHERE e.id = ${idSql})`,
    check: {
      when: 'f_first IS NOT NULL',
      reason: `${o.what} already read in an earlier file of the source: the first row with it is kept`,
      code: 'id-in-earlier-file',
      column: o.column,
      value: `f_id || ' (first read in ' || f_first || ')'`,
    },
  };
}

/** SQL: a trimmed text value, NULL when empty. */
export const text = (column: string): string => `nullif(trim(${column}), '')`;

/**
 * The largest count or population csp takes: a billion. No district, ward or LSOA has more
 * residents, and no return more incidents; a larger figure is a mistake (a reference or a total
 * in the count column), and past about 9.2 × 10^18 no 64-bit integer holds it, so such a row is
 * refused with its own reason rather than counted or cast until the cast fails.
 */
export const MAX_COUNT = 1_000_000_000;

/** SQL: a count as written, "1,204" → "1204", "12.0" → "12"; NULL for anything that is not a whole number. */
const wholeDigits = (column: string): string =>
  `CASE WHEN regexp_full_match(trim(${column}), '-?([0-9]+|[0-9]{1,3}(,[0-9]{3})+)(\\.0+)?') THEN regexp_replace(replace(trim(${column}), ',', ''), '\\.0+$', '') END`;

/**
 * SQL: a count written by a person or a spreadsheet ("1,204", " 12 ", "12.0") as BIGINT; NULL
 * for anything else. DuckDB's own cast reads "2.5" as 3, "1e3" as 1000, "0x10" as 16 and "1,5"
 * (a decimal comma) as 15: none of them is a count, so only plain digits, thousands separated
 * by commas in threes, are read. Digits are cast exactly (never through a DOUBLE), and only up to
 * MAX_COUNT: a larger one is NULL here and refused by `tooLarge`.
 */
export const wholeNumber = (column: string): string => `CASE WHEN ${exact(column)} BETWEEN -${MAX_COUNT} AND ${MAX_COUNT} THEN ${exact(column)} END`;

/**
 * SQL: true for a whole number beyond ±MAX_COUNT, however many digits: its own reason to refuse
 * the row. (try_cast, never CAST: DuckDB may evaluate both sides of an AND, so a guard beside a
 * cast does not stop the cast failing.)
 */
export const tooLarge = (column: string): string =>
  `(${wholeDigits(column)} IS NOT NULL AND coalesce(${exact(column)} NOT BETWEEN -${MAX_COUNT} AND ${MAX_COUNT}, true))`;

/** SQL: the whole number as BIGINT, exactly; NULL past 64 bits. */
const exact = (column: string): string => `try_cast(${wholeDigits(column)} AS BIGINT)`;

/**
 * SQL: a score or other decimal as written ("3", "3.5", "-1"); NULL for "1,5", "1e3", "0x10",
 * and for digits beyond what a DOUBLE holds (a 400-digit "number" is not read as infinity).
 */
export const number = (column: string): string =>
  `CASE WHEN regexp_full_match(trim(${column}), '-?[0-9]+(\\.[0-9]+)?') AND isfinite(try_cast(trim(${column}) AS DOUBLE)) THEN try_cast(trim(${column}) AS DOUBLE) END`;

/** SQL: yes/no markers as partners write them. */
export const yes = (column: string): string => `lower(trim(${column})) IN ('y', 'yes', 'true', '1', 'x')`;

/** SQL: a month YYYY-MM from a DATE expression. */
export const monthOf = (date: string): string => `strftime(${date}, '%Y-%m')`;
