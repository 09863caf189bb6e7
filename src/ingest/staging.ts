import { invalidInput } from '../core/errors.js';
import { Database, sqlIdent, sqlString } from './database.js';
import { detectDelimiter, readHead, sniffFile, splitHeader } from './files.js';
import { lfCopy, needsLfCopy } from './lf-copy.js';
import type { Fingerprint } from './fingerprints.js';
import { parserReject, parserRejectValue } from './parser-rejects.js';
import type { RejectCode } from './reject-codes.js';
import type { Scratch } from './scratch.js';

/** A row the parser could not read, or that failed a check. */
export interface Reject {
  line: number;
  column: string | null;
  value: string | null;
  reason: string;
  code: RejectCode;
}

/**
 * A file loaded as text into a temporary table: `_row` (1-based data row), then one
 * VARCHAR column per header cell named c0, c1, … so odd headings cannot break SQL.
 */
export interface StagedFile {
  /**
   * A view (CSV, read when first queried) or a table (XLSX), with a BOOLEAN column `_shifted`:
   * a row with more fields than the headings that the parser let through (see stageCsv).
   */
  table: string;
  relation: 'VIEW' | 'TABLE';
  header: string[];
  /**
   * The lines the parser could not read, each with its line, reason and code and no value (see
   * parserRejectValue). For CSV the file is parsed when the view is first queried, so call this
   * after the one query that reads it.
   */
  collect(): Promise<{ parserRejects: Reject[] }>;
  /** Data rows the file has (read + rejected by the parser), known after collect(). */
  rowsRead(): Promise<number>;
  /** SQL for the file line (CSV) or sheet row (XLSX) of the data row in `rowSql`. */
  lineSql(rowSql: string): string;
}

export interface ReadOptions {
  encoding: 'auto' | 'utf-8' | 'windows-1252' | 'utf-16';
  delimiter: 'auto' | ',' | ';' | '\t' | '|';
  sheet?: string;
  /** Where transcoded copies of non-UTF-8 files go, and the staging tables' names come from. */
  scratch: Scratch;
  /** Shown in messages instead of the absolute path. */
  shownPath: string;
  /** An XLSX file already being parsed (readWorkbook), e.g. while DuckDB read other files. */
  workbook?: Promise<Workbook>;
  /** The file's fingerprint, being taken: it says whether the line endings are mixed. */
  fingerprint?: Promise<Fingerprint>;
}

export type Workbook = import('exceljs').Workbook;

/** Parses an XLSX file with exceljs (JavaScript work: it can go on while DuckDB reads). */
export async function readWorkbook(file: string): Promise<Workbook> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

export async function stageFile(db: Database, file: string, opts: ReadOptions): Promise<StagedFile> {
  return /\.xlsx$/i.test(file) ? stageXlsx(db, file, opts) : stageCsv(db, file, opts);
}

/** CSV through DuckDB's reader: malformed lines become counted rejects, not failures. */
async function stageCsv(db: Database, file: string, opts: ReadOptions): Promise<StagedFile> {
  const sniffed = sniffFile(file, opts.encoding);
  if (sniffed.unreadable) {
    throw invalidInput({ message: sniffed.unreadable, where: { file: opts.shownPath }, hint: 'export the data again as CSV (comma separated values) or XLSX' });
  }
  // DuckDB reads UTF-8 with LF or CR LF: partner exports in Windows-1252 or UTF-16, and files
  // with mixed line endings (on which DuckDB stops with "the CSV Parser state machine reached
  // an invalid state") or CR-only ones (minutes to read), are read from a UTF-8 LF copy.
  const mixed = needsLfCopy(sniffed) || ((await opts.fingerprint)?.mixedLineEnds ?? false);
  const readable = sniffed.encoding !== 'utf-8' || mixed ? await lfCopy(file, opts.scratch, sniffed.encoding) : file;
  const headerLine = firstLine(readable);
  if (headerLine.trim() === '') {
    throw invalidInput({
      message: 'the first line (the column headings) is empty',
      where: { file: opts.shownPath, line: 1 },
      hint: 'the first line must hold the column headings',
    });
  }
  const delimiter = opts.delimiter === 'auto' ? detectDelimiter(headerLine) : opts.delimiter;
  const header = splitHeader(headerLine, delimiter);
  const n = opts.scratch.next();
  const table = `stg_${n}`;
  const columns = header.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  // A view: the file is parsed once, by the query that maps it (no copy of every column).
  const csv = (cols: string, extra: string) => `read_csv(${sqlString(readable)}, auto_detect=false, header=false, skip=1,
      delim=${sqlString(delimiter)}, quote='"', escape='"', columns={${cols}}, ${extra} max_line_size=1048576)`;
  // DuckDB silently drops empty fields past the last heading ("…,Margate,Viking," with one
  // field too many): such a row is shifted (an unquoted comma in an address moves the address
  // into a mapped column) and must be refused as one with too many fields. A second reading with
  // one more column finds them: the rows it accepts have more fields than the headings.
  const cells = header.map((_, i) => `c${i}`);
  const shifted = `${table}_shifted`;
  await db.run(`CREATE OR REPLACE TEMP TABLE ${shifted} AS
    SELECT DISTINCT ${cells.join(', ')} FROM ${csv(`${columns}, 'c_extra': 'VARCHAR'`, 'ignore_errors=true,')}`);
  const [found] = await db.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${shifted}`);
  const hasShifted = Number(found!.n) > 0;
  if (!hasShifted) await db.run(`DROP TABLE ${shifted}`);
  // The row numbers are fixed first, so that the test for shifted rows cannot reorder them.
  const flag = hasShifted
    ? `EXISTS (SELECT 1 FROM ${shifted} s WHERE ${cells.map((c) => `s.${c} IS NOT DISTINCT FROM r.${c}`).join(' AND ')}) AS _shifted`
    : 'false AS _shifted';
  await db.run(`CREATE OR REPLACE TEMP VIEW ${table} AS
    SELECT *, ${flag} FROM (SELECT row_number() OVER () AS _row, *
    FROM ${csv(columns, `store_rejects=true, rejects_table='rej_${n}', rejects_scan='rejscan_${n}',`)}) r`);
  let collected: { parserRejects: Reject[] } | undefined;
  const collect = async () => {
    if (collected) return collected;
    const exists = await db.all(`SELECT 1 FROM duckdb_tables() WHERE table_name = 'rej_${n}'`);
    const rows =
      exists.length === 0
        ? []
        : await db.all<{ line: bigint; column_name: string | null; error_type: string }>(
            `SELECT line, any_value(column_name ORDER BY column_idx) AS column_name, any_value(error_type ORDER BY column_idx) AS error_type
       FROM rej_${n} GROUP BY line ORDER BY line`,
          );
    // Data rows are numbered without the lines the parser rejected. With those lines
    // r_1 < r_2 < … the k-th data row is on line k + 1 + #{i : r_i - i <= k}.
    const lines = rows.map((r) => String(Number(r.line))).join(', ');
    await db.run(`CREATE OR REPLACE TEMP TABLE ${table}_skips AS
      SELECT line - row_number() OVER (ORDER BY line) AS k FROM (SELECT DISTINCT unnest([${lines}]::BIGINT[]) AS line)`);
    await db.run(`DROP TABLE IF EXISTS rej_${n}; DROP TABLE IF EXISTS rejscan_${n}`);
    collected = {
      parserRejects: rows.map((r) => ({
        line: Number(r.line),
        column: r.column_name && /^c\d+$/.test(r.column_name) ? (header[Number(r.column_name.slice(1))] ?? null) : null,
        value: parserRejectValue,
        ...parserReject(r.error_type, header.length),
      })),
    };
    return collected;
  };
  return {
    table,
    relation: 'VIEW',
    header,
    collect,
    rowsRead: async () => {
      const { parserRejects } = await collect();
      const [c] = await db.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${table}`);
      return Number(c!.n) + parserRejects.length;
    },
    lineSql: (row) => `(${row} + 1 + (SELECT count(*) FROM ${table}_skips WHERE k <= ${row}))`,
  };
}

/** The first line of a text file (its column headings), without a BOM. */
export function firstLine(file: string): string {
  const text = readHead(file)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const end = text.search(/\r?\n/);
  return end === -1 ? text : text.slice(0, end);
}

/** XLSX through exceljs (DuckDB's Excel extension downloads at run time, so is not available offline). */
async function stageXlsx(db: Database, file: string, opts: ReadOptions): Promise<StagedFile> {
  let workbook: Workbook;
  try {
    workbook = await (opts.workbook ?? readWorkbook(file));
  } catch (e) {
    throw invalidInput({
      message: `cannot be read as an Excel workbook (${(e as Error).message.split('\n')[0]})`,
      where: { file: opts.shownPath },
      hint: 'open it in Excel and save it again as .xlsx, or export it as CSV',
    });
  }
  const sheet = opts.sheet ? workbook.getWorksheet(opts.sheet) : workbook.worksheets[0];
  if (!sheet) {
    const names = workbook.worksheets.map((w) => w.name).join(', ');
    throw invalidInput({
      message: opts.sheet ? `no worksheet named "${opts.sheet}"` : 'the workbook has no worksheets',
      where: { file: opts.shownPath },
      hint: names ? `worksheets in this file: ${names}` : undefined,
    });
  }
  const headerRow = sheet.getRow(1);
  const header: string[] = [];
  for (let c = 1; c <= headerRow.cellCount; c++) header.push(cellText(headerRow.getCell(c).value).trim());
  while (header.length > 0 && header.at(-1) === '') header.pop();
  if (header.length === 0) {
    throw invalidInput({ message: 'the first row (the column headings) is empty', where: { file: opts.shownPath, line: 1 } });
  }
  const n = opts.scratch.next();
  const table = `stg_${n}`;
  await db.run(`CREATE OR REPLACE TEMP TABLE ${table} (_row BIGINT, ${header.map((_, i) => `c${i} VARCHAR`).join(', ')}, _shifted BOOLEAN)`);
  let rowsRead = 0;
  await db.append(
    table,
    (appender) =>
      sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
        if (rowNumber === 1) return;
        rowsRead++;
        appender.appendBigInt(BigInt(rowNumber));
        for (let c = 1; c <= header.length; c++) {
          const text = cellText(row.getCell(c).value);
          if (text === '') appender.appendNull();
          else appender.appendVarchar(text);
        }
        appender.appendBoolean(false); // _shifted: a cell belongs to its heading in a workbook
        appender.endRow();
      }),
    { temp: true },
  );
  return { table, relation: 'TABLE', header, collect: async () => ({ parserRejects: [] }), rowsRead: async () => rowsRead, lineSql: (row) => row };
}

/** A cell as the text a CSV export would hold; dates as ISO yyyy-mm-dd. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if (v.text !== undefined) return String(v.text);
    return '';
  }
  return String(value);
}

/**
 * The staging columns for a source's column mapping, keyed like the mapping.
 * Every missing column is reported at once, with the headings the file does have.
 */
export function resolveColumns<K extends string>(
  staged: StagedFile,
  mapping: Partial<Record<K, string>>,
  shownPath: string,
  keyPrefix: string,
): Record<K, string | undefined> {
  const out = {} as Record<K, string | undefined>;
  const problems = [];
  for (const [name, heading] of Object.entries(mapping) as [K, string | undefined][]) {
    if (heading === undefined) continue;
    const exact = staged.header.indexOf(heading);
    const index = exact >= 0 ? exact : staged.header.findIndex((h) => h.toLowerCase() === heading.toLowerCase());
    if (index < 0) {
      problems.push({
        message: `column "${heading}" not found`,
        where: { file: shownPath, line: 1, key: `${keyPrefix}.${name}` },
        hint: `the columns in this file are: ${staged.header.map((h) => `"${h}"`).join(', ')}`,
      });
    } else out[name] = sqlIdent(`c${index}`);
  }
  if (problems.length > 0) throw invalidInput(problems);
  return out;
}

export async function dropStaged(db: Database, staged: StagedFile): Promise<void> {
  await db.run(`DROP ${staged.relation} IF EXISTS ${staged.table}; DROP TABLE IF EXISTS ${staged.table}_skips; DROP TABLE IF EXISTS ${staged.table}_shifted`);
}
