import { Database, sqlString } from './database.js';
import type { StagedFile } from './staging.js';

/** A reason to reject a row: `when` is SQL over the mapped fields, true for a bad row. */
export interface Check {
  when: string;
  reason: string;
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
  const firstFailure = m.checks.length
    ? `CASE ${m.checks.map((c, i) => `WHEN ${c.when} THEN ${i}`).join(' ')} END`
    : 'NULL::INTEGER';
  // Keep only what the inserts and rejects use: a file's other columns (names, addresses,
  // free text) are never copied, and the table stays small.
  const used = [...m.inserts.flatMap((i) => Object.values(i)), ...m.checks.flatMap((c) => [c.when, c.value])].join(' ');
  const raw = [...new Set(used.match(/"c\d+"/g) ?? [])];
  await db.run(`CREATE OR REPLACE TEMP TABLE ${mapped} AS
    SELECT *, ${firstFailure} AS _check FROM (SELECT _row, ${[...raw, ...fields].join(', ')} FROM ${staged.table})`);
  // Of a line the parser could not read, the values of the columns this mapping reads.
  const mappedColumns = [...new Set([...Object.values(m.fields).join(' ').matchAll(/"c(\d+)"/g)].map((x) => Number(x[1])))];
  const { parserRejects } = await staged.collect(mappedColumns);

  const pick = (f: (c: Check) => string) => `CASE _check ${m.checks.map((c, i) => `WHEN ${i} THEN ${f(c)}`).join(' ')} END`;
  if (m.checks.length > 0) {
    await db.run(`INSERT INTO rejects
      SELECT ${sqlString(m.source)}, ${m.fileId}, ${staged.lineSql('_row')},
        ${pick((c) => (c.column === null ? 'NULL' : sqlString(c.column)))},
        left(${pick((c) => `CAST(${c.value} AS VARCHAR)`)}, 200),
        ${pick((c) => sqlString(c.reason))}
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
  const [counts] = await db.all<{ accepted: bigint; rejected: bigint }>(
    `SELECT count(*) FILTER (WHERE _check IS NULL) AS accepted, count(*) FILTER (WHERE _check IS NOT NULL) AS rejected FROM ${mapped}`,
  );
  await db.run(`DROP TABLE ${mapped}`);

  if (parserRejects.length > 0) {
    const appender = await db.connection.createAppender('rejects');
    for (const r of parserRejects) {
      appender.appendVarchar(m.source);
      appender.appendInteger(m.fileId);
      appender.appendBigInt(BigInt(r.line));
      r.column === null ? appender.appendNull() : appender.appendVarchar(r.column);
      r.value === null ? appender.appendNull() : appender.appendVarchar(r.value);
      appender.appendVarchar(r.reason);
      appender.endRow();
    }
    appender.closeSync();
  }
  return {
    rowsRead: Number(counts!.accepted) + Number(counts!.rejected) + parserRejects.length,
    rowsAccepted: Number(counts!.accepted),
    rowsRejected: Number(counts!.rejected) + parserRejects.length,
  };
}

/** SQL: a trimmed text value, NULL when empty. */
export const text = (column: string): string => `nullif(trim(${column}), '')`;

/**
 * SQL: a count written by a person or a spreadsheet ("1,204", " 12 ", "12.0") as BIGINT; NULL
 * for anything else. DuckDB's own cast reads "2.5" as 3, "1e3" as 1000, "0x10" as 16 and "1,5"
 * (a decimal comma) as 15: none of them is a count, so only plain digits, thousands separated
 * by commas in threes, are read.
 */
export const wholeNumber = (column: string): string =>
  `CASE WHEN regexp_full_match(trim(${column}), '-?([0-9]+|[0-9]{1,3}(,[0-9]{3})+)(\\.0+)?') THEN try_cast(replace(trim(${column}), ',', '') AS DOUBLE)::BIGINT END`;

/** SQL: a score or other decimal as written ("3", "3.5", "-1"); NULL for "1,5", "1e3", "0x10". */
export const number = (column: string): string =>
  `CASE WHEN regexp_full_match(trim(${column}), '-?[0-9]+(\\.[0-9]+)?') THEN try_cast(trim(${column}) AS DOUBLE) END`;

/** SQL: yes/no markers as partners write them. */
export const yes = (column: string): string => `lower(trim(${column})) IN ('y', 'yes', 'true', '1', 'x')`;

/** SQL: a month YYYY-MM from a DATE expression. */
export const monthOf = (date: string): string => `strftime(${date}, '%Y-%m')`;
