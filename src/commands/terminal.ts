/**
 * Terminal tables that fit the terminal: the one flexible column (a theme name, a file path)
 * gives up width, down to `min` characters, so that no line wraps. `columns` is the terminal's
 * width; undefined (not a terminal: a log file, a pipe) leaves the cells whole.
 */
export function fitColumn(rows: string[][], flexible: number, columns: number | undefined, o: { min?: number; keep?: 'start' | 'end' } = {}): string[][] {
  if (!columns || rows.length === 0) return rows;
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const total = widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  if (total < columns) return rows;
  const max = Math.max(o.min ?? 10, widths[flexible]! - (total - columns + 1));
  return rows.map((r) => r.map((cell, i) => (i === flexible ? shorten(cell, max, o.keep ?? 'start') : cell)));
}

/** "Violence and sexual off…", or "…/2024-01-kent-street.csv" keeping the end of a path. */
export function shorten(text: string, max: number, keep: 'start' | 'end'): string {
  if (text.length <= max) return text;
  return keep === 'start' ? `${text.slice(0, max - 1)}…` : `…${text.slice(text.length - max + 1)}`;
}
