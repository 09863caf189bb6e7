/** Numbers as a council document prints them, and disclosure control for public documents. */

export const count = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : x.toLocaleString('en-GB'));

export const rate = (x: number | null | undefined): string =>
  x === null || x === undefined ? '–' : x.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const pct = (x: number | null | undefined): string =>
  x === null || x === undefined ? 'n/a' : `${x.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;

/** "2026-01-15" → "15 January 2026". */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${d} ${months[m! - 1]} ${y}`;
}

/**
 * Disclosure control: in public documents a count below the threshold for a sensitive theme
 * is printed as "fewer than N", and so is anything that would let a reader work it out
 * (its change, rate and the percentage change).
 */
export class Disclosure {
  constructor(
    readonly publicDocument: boolean,
    readonly threshold: number,
  ) {}

  /** Whether a count of a sensitive theme must be hidden. */
  hides(value: number | null, sensitive: boolean): boolean {
    return this.publicDocument && sensitive && value !== null && value > 0 && value < this.threshold;
  }

  count(value: number | null, sensitive: boolean): string {
    return this.hides(value, sensitive) ? `fewer than ${this.threshold}` : count(value);
  }
}

/** 33116 → "£33,116"; pence only where there are any. */
export const pounds = (x: number): string =>
  `£${x.toLocaleString('en-GB', { minimumFractionDigits: Number.isInteger(x) ? 0 : 2, maximumFractionDigits: 2 })}`;
