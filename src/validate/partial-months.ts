import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import poissonCdf from '@stdlib/stats-base-dists-poisson-cdf';
import { monthFromIndex, monthIndex } from '../core/calendar/months.js';

export interface PartialMonth {
  month: string;
  count: number;
  /** What a complete month would hold (see `basis`). */
  expected: number;
  /** count / expected. */
  share: number;
  /**
   * 'same month last year and the 12 months before' (a month found on its own): the lower of
   * the same month a year earlier and the median of the 12 months before, leaving out months
   * already found partial (a month must be low against both: a seasonal low is not low against
   * last year's);
   * 'same month a year before or after' (a month found in a run, `inRun`): the mean of the same
   * month a year earlier and a year later, or where only one exists, the lower of it and the
   * same month a further year away, leaving out the run and months already found partial;
   * 'neighbouring months': the median of up to three months either side, where there is no
   * baseline of the other kind.
   */
  basis: 'same month last year and the 12 months before' | 'same month a year before or after' | 'neighbouring months';
  /**
   * Found only as one of a run of low months (a multi-month dip), not on its own. A month low
   * enough on its own keeps `inRun: false` and its own baseline even when a run is built round it.
   */
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
   * The months a run adds must together be further below their baseline months than chance
   * explains (default 1e-5): many runs are tried over a series, and a small partner's months of
   * a hundred swing by a tenth.
   */
  runPLimit?: number;
}

type Baseline = Pick<PartialMonth, 'expected' | 'basis'>;
/** The months and counts, and the months left out of every baseline (already found partial). */
interface Series {
  months: string[];
  counts: ReadonlyMap<string, number>;
  leftOut: ReadonlySet<string>;
}

/**
 * Months whose count is far below what a complete month would hold: the sign of a partially
 * published month (real Kent Nov–Dec 2018 crime rows were at 40–70% of neighbouring months).
 *
 * A month on its own is partial below `threshold` of the lower of the same month a year earlier
 * and the median of the 12 months before, leaving out months already found partial, so two
 * partial months side by side do not hide each other, as a median of neighbours would, and a
 * winter low is not mistaken for one.
 *
 * A run is two or more consecutive months, each found on its own or below `runThreshold`: a 41%
 * month and the 75% month beside it are one episode. A month of a run is judged against the same
 * month a year earlier and a year later (see `basis`), never against months of the run: a rolling
 * 12-month median falls as a dip's own months enter it, and broke a six-month dip after two or
 * three months. A run is a dip, and the months it adds are flagged (`inRun`), when
 * - those months together are further below than chance explains (`runPLimit`), and
 * - the counts recover after it, or it reaches the last month of the data (partial publication
 *   at the end of a download is the common case). Recovered: within three months after the run,
 *   a month is back at least halfway from the run's share to a whole month, judged against the
 *   highest of its same month one and two years earlier and a year later.
 * So a fall that persists is read as real, not as a dip: once it is a year old, the same month a
 * year earlier is low too, so a run stops there, and the months after it have not recovered. A
 * fall less than a year old at the end of the data cannot be told from partial publication, and
 * is flagged.
 *
 * The search repeats, leaving out the months found, until no new month is found. Small counts
 * swing a lot: nothing is flagged that a Poisson count could give.
 */
export function partialMonths(counts: ReadonlyMap<string, number>, o: PartialMonthOptions = {}): PartialMonth[] {
  const { threshold = 0.7, runThreshold = 0.8, pLimit = 0.001, runPLimit = 1e-5 } = o;
  const months = [...counts.keys()].sort();
  let flagged = new Map<string, PartialMonth>();
  for (let round = 0; round < 12; round++) {
    const found = new Map<string, PartialMonth>();
    for (const month of months) {
      const b = baselineFor(month, counts, flagged);
      const count = counts.get(month)!;
      if (b && b.expected > 0 && count < threshold * b.expected && poissonCdf(count, b.expected) < pLimit) {
        found.set(month, { month, count, ...b, share: count / b.expected, inRun: false });
      }
    }
    const s: Series = { months, counts, leftOut: new Set([...flagged.keys(), ...found.keys()]) };
    for (const run of lowRuns(s, found, runThreshold)) {
      if (isDip(run, s, runPLimit)) for (const p of run) if (p.inRun) found.set(p.month, p);
    }
    const same = found.size === flagged.size && [...found.keys()].every((m) => flagged.has(m));
    flagged = found;
    if (same) break;
  }
  return [...flagged.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
}

/** A month's count where it can serve in a baseline: present and not left out. */
const countAt = (counts: ReadonlyMap<string, number>, leftOut: { has(month: string): boolean }) => (k: number) => {
  const m = monthFromIndex(k);
  return counts.has(m) && !leftOut.has(m) ? counts.get(m)! : undefined;
};
const present = (x: number | undefined): x is number => x !== undefined;

/** The baseline of a month judged on its own. */
function baselineFor(month: string, counts: ReadonlyMap<string, number>, flagged: ReadonlyMap<string, PartialMonth>): Baseline | null {
  const i = monthIndex(month);
  const usable = countAt(counts, flagged);
  const earlier = range(i - 12, i - 1)
    .map(usable)
    .filter(present);
  const lastYear = usable(i - 12);
  if (lastYear !== undefined && earlier.length >= 6) {
    return { expected: Math.min(lastYear, median(earlier)), basis: 'same month last year and the 12 months before' };
  }
  const around = [...range(i - 3, i - 1), ...range(i + 1, i + 3)].map(usable).filter(present);
  return around.length >= 2 ? { expected: median(around), basis: 'neighbouring months' } : null;
}

/** The baseline of a month judged as part of `run` (the months before it in the run), which it leaves out. */
function runBaselineFor(month: string, s: Series, run: readonly PartialMonth[]): Baseline | null {
  const i = monthIndex(month);
  const usable = countAt(s.counts, { has: (m) => m === month || s.leftOut.has(m) || run.some((p) => p.month === m) });
  // Seasons cancel against the same month a year away. With both years, their mean, so one
  // unusual year (a spike, or a fall seen in the year after) counts half; with one, the lower of
  // it and the same month a further year on, so a spike there is not a baseline.
  const [before, after] = [usable(i - 12), usable(i + 12)];
  const oneSide = (near: number, far: number | undefined) => Math.min(near, far ?? near);
  const expected =
    before !== undefined && after !== undefined
      ? (before + after) / 2
      : before !== undefined
        ? oneSide(before, usable(i - 24))
        : after !== undefined
          ? oneSide(after, usable(i + 24))
          : undefined;
  if (expected !== undefined) return { expected, basis: 'same month a year before or after' };
  const around = [...range(i - 3, i - 1), ...range(i + 1, i + 3)].map(usable).filter(present);
  return around.length >= 2 ? { expected: median(around), basis: 'neighbouring months' } : null;
}

/**
 * Runs of consecutive months, each found on its own (in `alone`) or below `share` of its run
 * baseline. A run's months not in `alone` have `inRun: true`.
 */
function lowRuns(s: Series, alone: ReadonlyMap<string, PartialMonth>, share: number): PartialMonth[][] {
  const runs: PartialMonth[][] = [];
  let run: PartialMonth[] = [];
  const close = () => {
    if (run.length) runs.push(run);
    run = [];
  };
  for (const month of s.months) {
    if (run.length && monthIndex(month) !== monthIndex(run.at(-1)!.month) + 1) close();
    const count = s.counts.get(month)!;
    const b = alone.has(month) ? null : runBaselineFor(month, s, run);
    const low = b && b.expected > 0 && count < share * b.expected ? { month, count, ...b, share: count / b.expected, inRun: true } : undefined;
    const p = alone.get(month) ?? low;
    if (p) run.push(p);
    else close();
  }
  close();
  return runs;
}

/** Whether a run of low months is a dip (see `partialMonths`). */
function isDip(run: readonly PartialMonth[], s: Series, runPLimit: number): boolean {
  const added = run.filter((p) => p.inRun);
  if (run.length < 2 || added.length === 0) return false;
  const sum = (ps: readonly PartialMonth[], f: (p: PartialMonth) => number) => ps.reduce((t, p) => t + f(p), 0);
  // Chance, on the months the run adds only (a month found on its own would carry any neighbour):
  // their baseline is a month or two a year away, as noisy as they are, so the exact test for two
  // Poisson counts, not a Poisson tail against a baseline taken as exact (which, at 30 a month,
  // finds a five-month "dip" in one series in fifty).
  const count = sum(added, (p) => p.count);
  if (binomialCdf(count, count + Math.round(sum(added, (p) => p.expected)), 0.5) >= runPLimit) return false;
  // Recovery, against the highest of the same month one and two years earlier and a year later:
  // the month's own season, and for a fall that began before the run (hidden there by a year
  // after that was low too), the level before the fall. Halfway back, not to `runThreshold`: a
  // fall of 25% sits 5 points below 80%, which noise crosses. Within three months: a dip may
  // ease off over a month or two.
  const usable = countAt(s.counts, { has: (m) => s.leftOut.has(m) || run.some((p) => p.month === m) });
  const share = sum(run, (p) => p.count) / sum(run, (p) => p.expected);
  const end = s.months.indexOf(run.at(-1)!.month);
  const after = s.months.slice(end + 1, end + 1 + RECOVERY_MONTHS);
  const fallback = median(run.map((p) => p.expected));
  return (
    after.length === 0 ||
    after.some((m) => {
      const i = monthIndex(m);
      const years = [usable(i - 24), usable(i - 12), usable(i + 12)].filter(present);
      return s.counts.get(m)! >= ((1 + share) / 2) * (years.length ? Math.max(...years) : fallback);
    })
  );
}

/** How many months after a run may pass before the counts are back (see `isDip`). */
const RECOVERY_MONTHS = 3;

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, k) => from + k);

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
