/** Months as YYYY-MM strings: the unit of every series and window. */

export function monthIndex(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return y! * 12 + (m! - 1);
}

export function monthFromIndex(index: number): string {
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

export function addMonths(month: string, n: number): string {
  return monthFromIndex(monthIndex(month) + n);
}

/** Every month from `first` to `last` inclusive. */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(first); i <= monthIndex(last); i++) out.push(monthFromIndex(i));
  return out;
}

/** "2025-06" → "June 2025", for documents and messages. */
export function monthLabel(month: string): string {
  const names = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const [y, m] = month.split('-').map(Number);
  return `${names[m! - 1]} ${y}`;
}

/**
 * Months as few labels as can say them: runs of consecutive months become ranges
 * (["2024-02", "2024-03", "2024-04", "2024-11"] → ["Feb–Apr 2024", "November 2024"]).
 */
export function monthRanges(months: readonly string[], rangeLabel: (start: string, end: string) => string): string[] {
  const sorted = [...new Set(months)].sort();
  const out: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && monthIndex(sorted[j + 1]!) === monthIndex(sorted[j]!) + 1) j++;
    out.push(i === j ? monthLabel(sorted[i]!) : rangeLabel(sorted[i]!, sorted[j]!));
    i = j + 1;
  }
  return out;
}
