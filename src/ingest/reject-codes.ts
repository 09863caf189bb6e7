/**
 * Why a row was rejected, as a stable code beside the reason a person reads (the `code` column
 * of the rejects table). Code that treats one kind of reject apart branches on the code: the
 * reason's words may be reworded, the code may not. The same code is shared across source kinds
 * where the fault is the same (`empty-category` for a records file's category and a police
 * file's Crime type); the source says which kind it was.
 */
export const REJECT_CODES = [
  // Rows as the parser reads them (any file).
  'blank-row',
  'too-few-fields',
  'too-many-fields',
  'unclosed-quote',
  'line-too-long',
  'invalid-text',
  'unreadable-line',
  /** Every row of a file that could not be mapped (a missing column): the file is not read. */
  'file-not-read',
  // Dates, months and periods.
  'empty-date',
  'date-two-digit-year',
  'date-not-a-date',
  'date-in-future',
  'month-not-a-month',
  'month-in-future',
  'period-not-a-period',
  'period-in-future',
  'year-not-a-year',
  // What a row is about and where.
  'empty-category',
  'empty-area',
  'unknown-level',
  'empty-theme',
  'unknown-theme',
  'empty-action',
  'unknown-status',
  'empty-response',
  // Numbers.
  'count-too-large',
  'count-not-a-whole-number',
  'count-negative',
  'population-too-large',
  'population-not-a-whole-number',
  'population-not-positive',
  'score-not-a-number',
  'score-off-scale',
  'baseline-not-a-number',
  'latest-not-a-number',
  // References read twice: in one file, or in an earlier file of the source.
  'repeated-id',
  'id-in-earlier-file',
] as const;

export type RejectCode = (typeof REJECT_CODES)[number];
