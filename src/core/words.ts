/**
 * Numbers and words as csp prints them, in every message, table and document: one home, so a
 * figure a reader sees in the terminal, the assessment and the plan is written the same way.
 */

/** 6033 → "6,033"; no figure → "–". */
export const count = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : x.toLocaleString('en-GB'));

/** A rate or other one-decimal figure: 103.04 → "103.0"; no figure → "–". */
export const rate = (x: number | null | undefined): string =>
  x === null || x === undefined ? '–' : x.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 12.34 → "12.3%"; no figure → "n/a". */
export const pct = (x: number | null | undefined): string => (x === null || x === undefined ? 'n/a' : `${rate(x)}%`);

/** A share compared with a bar near it, to two decimals: 2.3256 → "2.33%"; no figure → "n/a". */
export const pct2 = (x: number | null | undefined): string =>
  x === null || x === undefined ? 'n/a' : `${x.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}%`;

/**
 * A one-decimal figure as the reader sees it, as a number: differences of printed rates are
 * taken between these, so that 103.0 − 88.8 reads 14.2 and not the 14.3 of the exact rates.
 */
export const asPrinted = (x: number): number => Number(x.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false }));

/** 33116 → "£33,116"; pence only where there are any. */
export const pounds = (x: number): string => `£${x.toLocaleString('en-GB', { minimumFractionDigits: Number.isInteger(x) ? 0 : 2, maximumFractionDigits: 2 })}`;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-01-15" → "15 January 2026". */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m! - 1]} ${y}`;
}

/** 1 → "1st", 12 → "12th", 22 → "22nd". */
export function ordinal(k: number): string {
  const s = k % 100 >= 11 && k % 100 <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[k % 10] ?? 'th');
  return `${k}${s}`;
}

/** A rank among districts in words: 1 → "the highest", 2 → "the 2nd highest". */
export const nthHighest = (k: number): string => (k === 1 ? 'the highest' : `the ${ordinal(k)} highest`);

/** ["a", "b", "c"] → '"a", "b" or "c"'. */
export const orList = (xs: readonly string[]): string =>
  xs
    .map((x) => `"${x}"`)
    .join(', ')
    .replace(/, ([^,]*)$/, ' or $1');

/**
 * "a, b and c"; where an item has its own "and" or comma ("Violence and sexual offences"), the
 * items are set apart with semicolons, so a reader sees where each ends: "Drugs; Violence and
 * sexual offences; and Anti-social behaviour", and two as "Violence and sexual offences, and Drugs".
 */
export const andList = (xs: readonly string[]): string => {
  if (xs.length <= 1) return xs.join('');
  if (xs.some((x) => / and |,/.test(x))) return xs.length === 2 ? `${xs[0]}, and ${xs[1]}` : `${xs.slice(0, -1).join('; ')}; and ${xs.at(-1)}`;
  return `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`;
};

/** A number as printed, with the minus sign (−), never a hyphen; `plus` adds + to a positive one: −5, +5. */
export const signed = (x: number, o: { plus?: boolean } = {}): string => `${x < 0 ? '−' : o.plus && x > 0 ? '+' : ''}${Math.abs(x)}`;

/** A count with its noun agreeing: (1, "row") → "1 row", (2, "row") → "2 rows", (3, "category", "categories") → "3 categories". */
export const counted = (x: number, noun: string, nouns = `${noun}s`): string => `${count(x)} ${x === 1 ? noun : nouns}`;

/** The word that agrees with a count: (1, "is", "are") → "is", (4, "is", "are") → "are". */
export const agreeing = (x: number, one: string, many: string): string => (x === 1 ? one : many);

/** A figure to two decimal places, as a rate is stored: 1.7 → "1.70", 27.516 → "27.52"; no figure → "–". */
export const rate2 = (x: number | null | undefined): string =>
  x === null || x === undefined ? '–' : x.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "complaints to the council" → "Complaints to the council": a phrase at the start of a label. */
export const upperFirst = (s: string): string => (s === '' ? s : s[0]!.toUpperCase() + s.slice(1));
