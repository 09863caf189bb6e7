import type { RejectCode } from './reject-codes.js';

/**
 * Of a line the parser could not read, no value is kept: its fields cannot be matched to the
 * headings (an unquoted comma in an address shifts the address into a mapped column, an
 * unclosed quote runs the next columns into one value), so any "value" of it might be a name,
 * an address or a complaint's words. Its line and reason say where to look.
 */
export const parserRejectValue = null;

/** Why DuckDB's CSV reader refused a line (its `error_type`), for a file with `columns` headings. */
export function parserReject(errorType: string, columns: number): { code: RejectCode; reason: string } {
  switch (errorType) {
    case 'MISSING COLUMNS':
      return { code: 'too-few-fields', reason: `too few fields (expected ${columns}): the row is cut short or a delimiter is missing` };
    case 'TOO MANY COLUMNS':
      return { code: 'too-many-fields', reason: `too many fields (expected ${columns}): an unquoted delimiter inside a value?` };
    case 'UNQUOTED VALUE':
      return { code: 'unclosed-quote', reason: 'a quote is opened and never closed (the rest of the file was read as one value)' };
    case 'LINE SIZE OVER MAXIMUM':
      return { code: 'line-too-long', reason: 'the line is longer than 1 MB' };
    case 'INVALID UNICODE':
      return { code: 'invalid-text', reason: 'characters that are not valid text in this encoding (set `encoding` on the source)' };
    default:
      return { code: 'unreadable-line', reason: `the line cannot be read as CSV (${errorType.toLowerCase()})` };
  }
}
