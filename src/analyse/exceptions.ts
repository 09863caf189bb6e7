import { round2 } from './change.js';
import { monthIndex } from '../core/calendar/months.js';

/** A control chart's baseline: up to this many months before the window. */
export const BASELINE_MONTHS = 24;
/** Fewer baseline months than this give no control limits, and no month is flagged. */
export const MIN_BASELINE_MONTHS = 12;

/**
 * The most baseline months a run's figures can have: up to 24, but no more than the monthly
 * series (period.seriesMonths) holds before the window. A source with fewer months of data, or
 * with months not wholly published, has fewer (each figure's `variability.baselineMonths`).
 */
export function baselineMonthsAvailable(period: { start: string; seriesStart: string }): number {
  return Math.max(0, Math.min(BASELINE_MONTHS, monthIndex(period.start) - monthIndex(period.seriesStart)));
}

export interface MonthCount {
  month: string;
  count: number;
}

export interface Exception {
  month: string;
  count: number;
  direction: 'above' | 'below';
  /** The control limits: mean ± 2 standard deviations of the baseline months. */
  mean: number;
  lower: number;
  upper: number;
}

export interface Variability {
  /** Coefficient of variation of the monthly counts (SD / mean); high means seasonal or erratic. */
  cv: number | null;
  baselineMonths: number;
  mean: number | null;
  sd: number | null;
  exceptions: Exception[];
}

/**
 * Control-chart exceptions: months of the current window outside the mean ± 2 SD of the
 * baseline (the up to 24 months of `series` before the window). Needs at least 12 baseline months.
 * Months that are not whole (`leaveOut`: partly published, no data) are left out of the
 * coefficient of variation, the baseline and the exceptions: a half-published month is not a
 * season nor a fall.
 */
export function controlChart(
  series: readonly MonthCount[],
  windowStart: string,
  o: { baselineMonths?: number; leaveOut?: ReadonlySet<string> } = {},
): Variability {
  const { baselineMonths = BASELINE_MONTHS, leaveOut = new Set() } = o;
  const whole = series.filter((m) => !leaveOut.has(m.month));
  const baseline = whole
    .filter((m) => m.month < windowStart)
    .slice(-baselineMonths)
    .map((m) => m.count);
  const current = whole.filter((m) => m.month >= windowStart);
  const all = whole.map((m) => m.count);
  const cv = all.length >= 2 && mean(all) > 0 ? round2(sd(all) / mean(all)) : null;
  if (baseline.length < MIN_BASELINE_MONTHS) return { cv, baselineMonths: baseline.length, mean: null, sd: null, exceptions: [] };
  const m = mean(baseline);
  const s = sd(baseline);
  const lower = m - 2 * s;
  const upper = m + 2 * s;
  const exceptions = current
    .filter((c) => c.count > upper || c.count < lower)
    .map((c) => ({
      month: c.month,
      count: c.count,
      direction: c.count > upper ? ('above' as const) : ('below' as const),
      mean: round2(m),
      lower: round2(lower),
      upper: round2(upper),
    }));
  return { cv, baselineMonths: baseline.length, mean: round2(m), sd: round2(s), exceptions };
}

export function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Sample standard deviation (n − 1). */
export function sd(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}
