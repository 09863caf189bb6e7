import poissonCdf from '@stdlib/stats-base-dists-poisson-cdf';
import { monthIndex } from './months.js';

export interface PartialMonth {
  month: string;
  count: number;
  /** Median of up to three months either side. */
  expected: number;
  /** count / expected. */
  share: number;
}

/**
 * Months whose count is far below their neighbours: the sign of a partially published
 * month (real Kent Nov–Dec 2018 crime rows were at 40–70% of neighbouring months).
 * A month is partial when its count is below `threshold` × the median of up to three
 * months on each side (at least two neighbours), and so far below that chance cannot
 * explain it (Poisson lower tail below `pLimit`): small monthly counts swing a lot.
 */
export function partialMonths(counts: ReadonlyMap<string, number>, threshold = 0.7, pLimit = 0.001): PartialMonth[] {
  const months = [...counts.keys()].sort();
  const out: PartialMonth[] = [];
  for (const month of months) {
    const i = monthIndex(month);
    const neighbours = months
      .filter((m) => m !== month && Math.abs(monthIndex(m) - i) <= 3)
      .map((m) => counts.get(m)!);
    if (neighbours.length < 2) continue;
    const expected = median(neighbours);
    const count = counts.get(month)!;
    if (expected > 0 && count < threshold * expected && poissonCdf(count, expected) < pLimit) {
      out.push({ month, count, expected, share: count / expected });
    }
  }
  return out;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
