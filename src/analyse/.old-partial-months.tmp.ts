import poissonCdf from '@stdlib/stats-base-dists-poisson-cdf';
import { monthFromIndex, monthIndex } from '/work/main/src/analyse/months.js';

export interface PartialMonth {
  month: string;
  count: number;
  /** What a complete month would hold: the median of the baseline months (see `basis`). */
  expected: number;
  /** count / expected. */
  share: number;
  /**
   * 'same month last year and the 12 months before': the lower of the same month a year
   * earlier and the median of the 12 months before, leaving out months already found partial
   * (a month must be low against both: a seasonal low is not low against last year's);
   * 'neighbouring months': the median of up to three months either side, where there is no
   * whole same month a year earlier or fewer than 6 of the 12 months before.
   */
  basis: 'same month last year and the 12 months before' | 'neighbouring months';
  /** Found as one of a run of low months (a multi-month dip), not on its own. */
  inRun: boolean;
}

export interface PartialMonthOptions {
  /** A month on its own is partial below this share of its expected count (default 0.7). */
  threshold?: number;
  /** Each month of a run of two or more is below this share (default 0.8). */
  runThreshold?: number;
  /** And chance cannot explain it: Poisson lower tail below this (default 0.001). */
  pLimit?: number;
  /**
   * A run's total must be further below than chance explains (default 1e-5): many runs are
   * tried over a series, and a small partner's months of a hundred swing by a tenth.
   */
  runPLimit?: number;
}

/**
 * Months whose count is far below what a complete month would hold: the sign of a partially
 * published month (real Kent Nov–Dec 2018 crime rows were at 40–70% of neighbouring months).
 *
 * The baseline is robust to partial months around it and to seasons: a month must be low against
 * the same month a year earlier and against the median of the 12 months before, leaving out
 * months already found partial, so two partial months side by side do not hide each other, as a
 * median of neighbours would, and a winter low is not mistaken for a partial month. The search
 * repeats until no new month is found. A run of two or more months each below
 * `runThreshold`, whose total chance cannot explain, is a multi-month dip: each of its months
 * is flagged. Small counts swing a lot: nothing is flagged that a Poisson count could give.
 */
export function partialMonths(counts: ReadonlyMap<string, number>, o: PartialMonthOptions = {}): PartialMonth[] {
  const { threshold = 0.7, runThreshold = 0.8, pLimit = 0.001, runPLimit = 1e-5 } = o;
  const months = [...counts.keys()].sort();
  let flagged = new Map<string, PartialMonth>();
  for (let round = 0; round < 12; round++) {
    const found = new Map<string, PartialMonth>();
    const baselines = new Map(months.map((m) => [m, baselineFor(m, counts, flagged)] as const));
    for (const month of months) {
      const b = baselines.get(month);
      const count = counts.get(month)!;
      if (b && b.expected > 0 && count < threshold * b.expected && poissonCdf(count, b.expected) < pLimit) {
        found.set(month, { month, count, ...b, share: count / b.expected, inRun: false });
      }
    }
    for (const run of lowRuns(months, counts, baselines, found, runThreshold)) {
      const total = run.reduce((s, m) => s + counts.get(m)!, 0);
      const expected = run.reduce((s, m) => s + baselines.get(m)!.expected, 0);
      if (poissonCdf(total, expected) >= runPLimit) continue;
      for (const month of run) {
        const b = baselines.get(month)!;
        found.set(month, { month, count: counts.get(month)!, ...b, share: counts.get(month)! / b.expected, inRun: true });
      }
    }
    const same = found.size === flagged.size && [...found.keys()].every((m) => flagged.has(m));
    flagged = found;
    if (same) break;
  }
  return [...flagged.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
}

function baselineFor(month: string, counts: ReadonlyMap<string, number>, flagged: ReadonlyMap<string, PartialMonth>): Pick<PartialMonth, 'expected' | 'basis'> | null {
  const i = monthIndex(month);
  const usable = (k: number) => {
    const m = monthFromIndex(k);
    return counts.has(m) && !flagged.has(m) ? counts.get(m)! : undefined;
  };
  const earlier = range(i - 12, i - 1).map(usable).filter((x): x is number => x !== undefined);
  const lastYear = usable(i - 12);
  if (lastYear !== undefined && earlier.length >= 6) {
    return { expected: Math.min(lastYear, median(earlier)), basis: 'same month last year and the 12 months before' };
  }
  const around = [...range(i - 3, i - 1), ...range(i + 1, i + 3)].map(usable).filter((x): x is number => x !== undefined);
  return around.length >= 2 ? { expected: median(around), basis: 'neighbouring months' } : null;
}

/** Runs of two or more consecutive months, none flagged on its own, each below `share` of its baseline. */
function lowRuns(
  months: string[],
  counts: ReadonlyMap<string, number>,
  baselines: ReadonlyMap<string, Pick<PartialMonth, 'expected'> | null>,
  alone: ReadonlyMap<string, PartialMonth>,
  share: number,
): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  const close = () => {
    if (run.length >= 2) runs.push(run);
    run = [];
  };
  for (const month of months) {
    const b = baselines.get(month);
    const low = !alone.has(month) && b && b.expected > 0 && counts.get(month)! < share * b.expected;
    const adjacent = run.length > 0 && monthIndex(month) === monthIndex(run.at(-1)!) + 1;
    if (!low || (run.length > 0 && !adjacent)) close();
    if (low) run.push(month);
  }
  close();
  return runs;
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, k) => from + k);

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
