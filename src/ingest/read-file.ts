import type { SourceConfig } from '../config/sources.js';
import type { Problem } from '../core/errors.js';
import { forgetFiles } from './database.js';
import { firstMessage, noDataRows, problemsOf } from './file-problems.js';
import type { Fingerprint } from './fingerprints.js';
import type { FileContext } from './kinds/context.js';
import { appendRejects } from './map.js';
import { mapperFor } from './mappers.js';
import type { RejectCode } from './reject-codes.js';
import { fileIdentity, type IngestRun } from './run.js';
import { dropStaged, stageFile, type StagedFile } from './staging.js';
import type { FileRead } from './types.js';

/**
 * Reads one file on its own: staged, then mapped by its source's kind. A file that cannot be
 * staged or mapped is that file's problem (in `errors`), not the run's: the other files are read.
 */
export async function readOneFile(
  file: string,
  source: SourceConfig,
  ctx: FileContext,
  { run, errors, warnings }: { run: IngestRun; errors: Problem[]; warnings: Problem[] },
): Promise<FileRead> {
  const entry: FileRead = { ...(await fileIdentity(file, run)), rowsRead: 0, rowsAccepted: 0, rowsRejected: 0 };
  const fingerprint = run.fingerprints.fingerprint(file);
  const staged = await stageFile(ctx.db, file, {
    encoding: source.encoding,
    delimiter: source.delimiter,
    sheet: source.sheet,
    scratch: run.scratch,
    shownPath: ctx.shownPath,
    workbook: run.workbooks.get(file),
    fingerprint,
  }).catch((e: unknown) => {
    errors.push(...problemsOf(e));
    entry.error = firstMessage(e);
    return undefined;
  });
  if (!staged) return entry;
  try {
    const mapped = await mapperFor(source)(staged, source, ctx);
    entry.rowsRead = mapped.rowsRead;
    entry.rowsAccepted = mapped.rowsAccepted;
    entry.rowsRejected = mapped.rowsRejected;
    if (mapped.rowsRead === 0) noDataRows(entry, errors);
    if (staged.relation === 'VIEW') linesInValues(entry, await fingerprint, warnings);
  } catch (e) {
    // A file that cannot be mapped (e.g. a missing column) is not read at all: every row is
    // counted as read and rejected, so the accounting still holds.
    errors.push(...problemsOf(e));
    entry.error = firstMessage(e);
    entry.rowsRead = await rejectEveryRow(staged, ctx, `file not read: ${entry.error}`);
    entry.rowsRejected = entry.rowsRead;
  } finally {
    await dropStaged(ctx.db, staged);
  }
  return entry;
}

/**
 * Rejects every row of a file that is not read, each with its line: under `reason`, or the
 * parser's own reason for a line it could not read. One reject per row, so that the reasons
 * validate lists add up to the rows rejected (a misspelt heading refuses all 2,862 rows, not 1).
 * Returns the rows the file has.
 */
async function rejectEveryRow(staged: StagedFile, ctx: FileContext, reason: string): Promise<number> {
  await forgetFiles(ctx.db, ctx.sourceId, [ctx.fileId]);
  // The rows' numbers, parsed once; then the parser's rejects are known, and with them the lines.
  const rows = `${staged.table}_every`;
  await ctx.db.run(`CREATE OR REPLACE TEMP TABLE ${rows} AS SELECT _row FROM ${staged.table}`);
  const { parserRejects } = await staged.collect();
  const code: RejectCode = 'file-not-read';
  await ctx.db.run(`INSERT INTO rejects SELECT ?, ?, ${staged.lineSql('_row')}, NULL, NULL, ?, ? FROM ${rows} ORDER BY _row`, [
    ctx.sourceId,
    ctx.fileId,
    reason,
    code,
  ]);
  await appendRejects(ctx.db, ctx.sourceId, ctx.fileId, parserRejects);
  const [c] = await ctx.db.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${rows}`);
  await ctx.db.run(`DROP TABLE ${rows}`);
  return Number(c!.n) + parserRejects.length;
}

/**
 * A CSV with more lines than rows: some lines were read inside quoted values, either line
 * breaks inside a value (a complaint's text) or an unclosed quote that ran on to the end of
 * the file. Said, so that no line goes unaccounted.
 */
function linesInValues(entry: FileRead, fingerprint: Fingerprint, warnings: Problem[]): void {
  const inside = fingerprint.lines - 1 - entry.rowsRead;
  if (inside <= 0) return;
  warnings.push({
    message: `the file has ${(fingerprint.lines - 1).toLocaleString('en-GB')} lines after the headings but ${entry.rowsRead.toLocaleString('en-GB')} rows: ${inside.toLocaleString('en-GB')} line(s) were read as part of a quoted value`,
    where: { file: entry.path },
    hint: 'a value with line breaks in it is fine; if the rejects show "a quote is opened and never closed", the lines after it were read as one value: fix the quote and read the file again',
  });
}
