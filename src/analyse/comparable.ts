import type { SourceReport } from '../validate/types.js';
import { change } from './change.js';
import { addMonths, monthRange, monthRanges } from '../core/calendar/months.js';
import { periodLabel, within, type Period } from '../core/calendar/periods.js';
import { poissonChangeTest } from './significance.js';

/** A month of the two windows whose count is not a whole month's. */
export interface GapMonth {
  month: string;
  why: 'partly published' | 'no data' | 'not covered by the source';
}

/** A source's gap months in the windows: for police, crime rows and ASB rows apart. */
export interface SourceGaps {
  crime: GapMonth[];
  asb: GapMonth[];
}

/**
 * Which months of the two windows (and of the series before them, from `from`) a source's
 * figures cannot be compared on: months partly published, months with no data between its
 * first and last, and months outside them.
 */
export function sourceGaps(s: SourceReport, period: Period, from = period.previousStart): SourceGaps {
  const months = monthRange(from < period.previousStart ? from : period.previousStart, period.end);
  const [first, last] = [s.months[0], s.months.at(-1)];
  const missing = new Set(s.missingMonths);
  const of = (partial: readonly { month: string }[]): GapMonth[] => {
    const partly = new Set(partial.map((p) => p.month));
    return months.flatMap((month): GapMonth[] => {
      if (partly.has(month)) return [{ month, why: 'partly published' }];
      if (missing.has(month)) return [{ month, why: 'no data' }];
      if (first === undefined || month < first || month > last!) return [{ month, why: 'not covered by the source' }];
      return [];
    });
  };
  // Partial for the whole source or for the partnership area alone: either way not a whole month of the area's.
  const crime = of([...s.partialMonths, ...s.areaPartialMonths]);
  return { crime, asb: s.kind === 'police-uk-street' ? of([...s.asbPartialMonths, ...s.areaAsbPartialMonths]) : crime };
}

export interface Comparable {
  /** The gap months, in either window, that make the windows unlike. */
  gaps: GapMonth[];
  /** Every month left out of the comparison: each gap month and its counterpart in the other window. */
  excludedMonths: string[];
  /** Months compared in each window. */
  months: number;
  current: number;
  previous: number;
  change: number;
  changePct: number | null;
  changePctLabel: string;
  /** Null when no month can be compared. */
  pValue: number | null;
  significance: ReturnType<typeof poissonChangeTest>['significance'] | 'cannot be compared';
  /** Fewer than half of the window's months are compared: any verdict says so beside it. */
  fewMonths: boolean;
  /** "compared on the 11 months both windows have, leaving out November 2024 (partly published) and November 2025". */
  note: string;
}

/**
 * The change on comparable months: a gap month in one window is left out of both, with the
 * month N months away in the other, so a partly published November does not read as a fall or
 * a rise. Null when the windows have no gap. `monthly` holds the figure's counts by month.
 */
export function comparableChange(monthly: ReadonlyMap<string, number>, gaps: readonly GapMonth[], period: Period): Comparable | null {
  const inWindows = gaps.filter((g) => within(g.month, period.previousStart, period.end));
  if (inWindows.length === 0) return null;
  const excluded = new Set<string>();
  for (const g of inWindows) {
    const other = addMonths(g.month, within(g.month, period.start, period.end) ? -period.months : period.months);
    excluded.add(g.month).add(other);
  }
  const sum = (start: string, end: string) =>
    monthRange(start, end)
      .filter((m) => !excluded.has(m))
      .reduce((s, m) => s + (monthly.get(m) ?? 0), 0);
  const current = sum(period.start, period.end);
  const previous = sum(period.previousStart, period.previousEnd);
  const months = period.months - excluded.size / 2;
  const left = leftOut(inWindows, [...excluded]);
  const fewMonths = months < period.months / 2;
  const note =
    months > 0
      ? fewMonths
        ? `compared on only ${months} of the ${period.months} months, those both windows have, leaving out ${left}`
        : `compared on the ${months} month${months === 1 ? '' : 's'} both windows have, leaving out ${left}`
      : `no month of the two windows can be compared: ${left}`;
  const base = { gaps: inWindows, excludedMonths: [...excluded].sort(), months, fewMonths, note };
  // Nothing left to compare is not "no change": the verdict is that there is none.
  if (months === 0)
    return { ...base, current: 0, previous: 0, change: 0, changePct: null, changePctLabel: 'n/a', pValue: null, significance: 'cannot be compared' };
  return { ...base, ...change(current, previous), ...poissonChangeTest(current, previous) };
}

/**
 * "November 2024 (partly published) and November 2025", "Feb–May 2024 (no data), … and the same
 * months of the other window": the gap months by why, then their counterparts.
 */
function leftOut(gaps: readonly GapMonth[], excluded: readonly string[]): string {
  const whys = [...new Set(gaps.map((g) => g.why))];
  const said = whys.map((why) => `${listed(ranges(gaps.filter((g) => g.why === why).map((g) => g.month)))} (${why})`);
  const gapMonths = new Set(gaps.map((g) => g.month));
  const others = ranges(excluded.filter((m) => !gapMonths.has(m)));
  if (others.length === 0) return listed(said);
  return others.length <= 2 ? listed([...said, ...others]) : `${listed(said)} and the same months of the other window`;
}

const ranges = (months: readonly string[]) => monthRanges(months, periodLabel);

/** "a, b and c". */
export function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
