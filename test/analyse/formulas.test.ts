import { describe, expect, it } from 'vitest';
import { change } from '../../src/analyse/change.js';
import { baselineMonthsAvailable, controlChart, sd } from '../../src/analyse/exceptions.js';
import { definitions } from '../../src/analyse/definitions.js';
import { hotspots } from '../../src/analyse/concentration.js';
import { parsePeriodOption, periodLabel, windowEnding } from '../../src/core/calendar/periods.js';
import { partialMonths } from '../../src/validate/partial-months.js';
import { monthRange } from '../../src/core/calendar/months.js';
import { differencePer1000, forceAverageRate, rankDescending, ratePer1000 } from '../../src/analyse/rates.js';
import { poissonChangeTest, pValueLabel } from '../../src/analyse/significance.js';
import { CspError } from '../../src/core/errors.js';

describe('periods', () => {
  it('a calendar year and the year before it', () => {
    expect(windowEnding('2025-12', 12)).toEqual({
      start: '2025-01',
      end: '2025-12',
      months: 12,
      previousStart: '2024-01',
      previousEnd: '2024-12',
      label: 'Jan–Dec 2025',
      previousLabel: 'Jan–Dec 2024',
    });
  });
  it('a financial year across the year end', () => {
    expect(windowEnding('2025-03', 12)).toMatchObject({ start: '2024-04', previousStart: '2023-04', previousEnd: '2024-03', label: 'Apr 2024–Mar 2025' });
  });
  it('an Oct–Sep year and a 3-month window across a year end', () => {
    expect(windowEnding('2025-09', 12)).toMatchObject({ start: '2024-10', previousStart: '2023-10', previousEnd: '2024-09' });
    expect(windowEnding('2025-01', 3)).toMatchObject({ start: '2024-11', previousStart: '2024-08', previousEnd: '2024-10', label: 'Nov 2024–Jan 2025' });
  });
  it('--period of any length, with a clear error when malformed', () => {
    expect(parsePeriodOption('2024-04..2025-03')).toEqual({ end: '2025-03', months: 12 });
    expect(parsePeriodOption('2025-06..2025-06')).toEqual({ end: '2025-06', months: 1 });
    expect(() => parsePeriodOption('2025-12..2025-01')).toThrow(CspError);
    expect(() => parsePeriodOption('2025-13..2026-01')).toThrow('is not a range of months');
    // A calendar year and a financial year, as partnerships name them.
    expect(parsePeriodOption('2024')).toEqual({ end: '2024-12', months: 12 });
    expect(parsePeriodOption('2024/25')).toEqual({ end: '2025-03', months: 12 });
    expect(parsePeriodOption('2024/2025')).toEqual({ end: '2025-03', months: 12 });
    expect(() => parsePeriodOption('2024/26')).toThrow('--period "2024/26" is not a financial year: 26 does not follow 2024');
    expect(periodLabel('2025-06', '2025-06')).toBe('Jun 2025');
  });
});

describe('change with small-base suppression', () => {
  it('"a reduction in all crime of 4.3%": 10,000 → 9,570', () => {
    expect(change(9570, 10000)).toEqual({ current: 9570, previous: 10000, change: -430, changePct: -4.3, changePctLabel: '−4.3%' });
  });
  it('suppresses the percentage on a base below 20, keeps it at 20', () => {
    expect(change(6, 3)).toMatchObject({ change: 3, changePct: null, changePctLabel: 'n/a' });
    expect(change(30, 19).changePct).toBeNull();
    expect(change(30, 20)).toMatchObject({ changePct: 50, changePctLabel: '+50.0%' });
    expect(change(0, 0)).toMatchObject({ change: 0, changePct: null });
    expect(change(25, 25).changePctLabel).toBe('0.0%');
  });
});

describe('the exact test for two Poisson counts', () => {
  // Expected p-values from scipy.stats.binomtest(current, current + previous, 0.5) (= R's poisson.test).
  it.each([
    [60, 40, 0.05689, 'no significant change'],
    [7, 13, 0.2632, 'no significant change'],
    [0, 10, 0.001953, 'significant decrease'],
    [15, 5, 0.04139, 'significant increase'],
    [3312, 3045, 0.0008479, 'significant increase'],
    [1200, 1180, 0.6969, 'no significant change'],
    [100, 100, 1, 'no significant change'],
    [5, 0, 0.0625, 'no significant change'],
  ] as const)('%i vs %i → p = %f', (current, previous, p, label) => {
    const t = poissonChangeTest(current, previous);
    expect(t.pValue).toBeCloseTo(p, 4);
    expect(Math.abs(t.pValue - p) / p).toBeLessThan(1e-3);
    expect(t.significance).toBe(label);
  });
  it('computes each tail directly, so a tiny p-value is not written as 0 (900 vs 400: exact sum 1.201346e-44)', () => {
    const up = poissonChangeTest(900, 400);
    expect(up.pValue).toBe(1.201e-44);
    expect(up.significance).toBe('significant increase');
    expect(poissonChangeTest(400, 900)).toEqual({ pValue: 1.201e-44, significance: 'significant decrease' });
  });
  it('no counts at all is no change', () => {
    expect(poissonChangeTest(0, 0)).toEqual({ pValue: 1, significance: 'no significant change' });
  });
  it('labels p-values as documents print them', () => {
    expect(pValueLabel(0.0008479)).toBe('p < 0.001');
    expect(pValueLabel(0.04139)).toBe('p = 0.041');
  });
});

describe('rates, ranks and the force average', () => {
  it('rate per 1,000 residents', () => {
    expect(ratePer1000(1500, 136809)).toBe(10.96); // 1500 / 136809 × 1000 = 10.964
    expect(ratePer1000(10, 0)).toBeNull();
    expect(ratePer1000(10, null)).toBeNull();
  });
  it('ranks highest first, ties share a rank, unknowns are unranked', () => {
    const areas = [
      { n: 'A', r: 80 },
      { n: 'B', r: 95 },
      { n: 'C', r: 80 },
      { n: 'D', r: 60 },
      { n: 'E', r: null },
    ];
    const rank = rankDescending(areas, (a) => a.r);
    expect(areas.map((a) => rank.get(a) ?? null)).toEqual([2, 1, 2, 4, null]);
  });
  it('the force average weights by population: (100 + 300) / (10,000 + 20,000) × 1,000 = 13.33', () => {
    expect(
      forceAverageRate([
        { count: 100, population: 10000 },
        { count: 300, population: 20000 },
        { count: 50, population: null },
      ]),
    ).toBe(13.33);
  });

  it('the difference from the force average is the difference of the rates as printed (1 decimal place)', () => {
    // 103.0 and 88.8 printed: the difference printed beside them is 14.2, whatever the third decimals.
    expect(differencePer1000(103_04, 100_000, { count: 88_756, population: 1_000_000 })).toBe(14.2); // 103.04 − 88.76 = 14.28 exact, 103.0 − 88.8 printed
    // Both print as 121.5: "about the same" (0, never −0), not "0.1 fewer".
    expect(differencePer1000(1215, 10000, { count: 121_520, population: 1_000_000 })).toBe(0);
    expect(Object.is(differencePer1000(1215, 10000, { count: 121_520, population: 1_000_000 }), -0)).toBe(false);
    expect(differencePer1000(1215, 10000, { count: 120500, population: 1000000 })).toBe(1);
    // Whatever the inputs, the difference is that of the two rates as the documents print them.
    const print = (x: number) => x.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    for (let i = 1; i < 400; i++) {
      const [count, population, forceCount] = [1000 + 37 * i, 9000 + 13 * i, 95_000 + 211 * i];
      const d = differencePer1000(count, population, { count: forceCount, population: 1_000_000 })!;
      const [a, f] = [print(ratePer1000(count, population)!), print(ratePer1000(forceCount, 1_000_000)!)].map((x) => Number(x.replaceAll(',', '')));
      expect(print(Math.abs(d)), `${a} − ${f}`).toBe(print(Math.abs(Math.round(10 * (a! - f!)) / 10)));
    }
    expect(differencePer1000(5, null, { count: 10, population: 100 })).toBeNull();
  });
});

describe('control-chart exceptions and seasonality', () => {
  const baseline = Array.from({ length: 24 }, (_, i) => ({
    month: `20${23 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
    count: i % 2 ? 110 : 90,
  }));
  it('flags months outside mean ± 2 SD of the 24 months before the window', () => {
    // Baseline alternates 90/110: mean 100, SD = sqrt(24 × 100 / 23) = 10.2151; limits 79.57 and 120.43.
    const current = [
      { month: '2025-01', count: 121 },
      { month: '2025-02', count: 120 },
      { month: '2025-03', count: 79 },
      { month: '2025-04', count: 80 },
    ];
    const v = controlChart([...baseline, ...current], '2025-01');
    expect(v.mean).toBe(100);
    expect(v.sd).toBe(10.22);
    expect(v.exceptions.map((e) => [e.month, e.direction])).toEqual([
      ['2025-01', 'above'],
      ['2025-03', 'below'],
    ]);
    expect(v.exceptions[0]).toMatchObject({ lower: 79.57, upper: 120.43 });
  });
  it('leaves months that are not whole out of the coefficient of variation, the baseline and the exceptions', () => {
    // 24 months of 100 and 110 in turn, then a window of 12 at 105; November 2024 half published (50).
    const months = Array.from({ length: 36 }, (_, i) => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    const series = months.map((month, i) => ({ month, count: month === '2024-11' ? 50 : i < 24 ? (i % 2 ? 110 : 100) : 105 }));
    const whole = controlChart(series, '2025-01', { leaveOut: new Set(['2024-11']) });
    // Without November: 35 months, mean 3,680 / 35 = 105.14, SD 4.11: CV 0.04 (with it 0.10).
    expect(whole.cv).toBe(0.04);
    expect(whole.baselineMonths).toBe(23);
    // With it, the half month inflates the spread and widens the control limits.
    const naive = controlChart(series, '2025-01');
    expect(naive.cv).toBe(0.1);
    expect(naive.sd! > whole.sd!).toBe(true);
  });

  it('needs 12 baseline months; the coefficient of variation is SD / mean', () => {
    const v = controlChart(baseline.slice(0, 11), '2025-01');
    expect(v.exceptions).toEqual([]);
    expect(v.mean).toBeNull();
    expect(controlChart(baseline, '2025-01').cv).toBe(0.1); // 10.2151 / 100, to 2 places
    expect(sd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138, 3);
  });
});

describe('hotspots and concentration', () => {
  it('areas with no population are said (how many, their incidents), not dropped silently from the rates', () => {
    const h = hotspots([
      { area: 'A', count: 10, population: 1000 },
      { area: 'B', count: 7, population: null },
      { area: 'C', count: 3 },
    ]);
    expect(h.byRate.map((x) => x.area)).toEqual(['A']);
    expect(h.unrated).toEqual({ areas: 2, count: 10, examples: ['B', 'C'] });
    expect(hotspots([{ area: 'A', count: 1 }]).unrated).toBeNull(); // no populations at all: no rates to miss
  });

  it('top areas by count and rate; share in the top 10% of areas', () => {
    const areas = Array.from({ length: 20 }, (_, i) => ({
      area: `Ward ${String(i + 1).padStart(2, '0')}`,
      count: i < 2 ? 50 : 5,
      population: i === 19 ? 100 : 5000,
    }));
    const h = hotspots(areas, 3);
    expect(h.total).toBe(190);
    expect(h.byCount).toEqual([
      { area: 'Ward 01', count: 50, sharePct: 26.3 },
      { area: 'Ward 02', count: 50, sharePct: 26.3 },
      { area: 'Ward 03', count: 5, sharePct: 2.6 },
    ]);
    expect(h.top10PctAreas).toBe(2);
    expect(h.top10PctSharePct).toBe(52.6); // 100 / 190
    expect(h.byRate[0]).toEqual({ area: 'Ward 20', count: 5, population: 100, ratePer1000: 50 });
  });
});

describe('partially published months', () => {
  it('flags a month far below its neighbours, not ordinary noise or small counts', () => {
    const counts = new Map([
      ['2018-08', 12000],
      ['2018-09', 12100],
      ['2018-10', 11900],
      ['2018-11', 6500],
      ['2018-12', 8000],
      ['2019-01', 11800],
      ['2019-02', 12050],
    ]);
    // Nov: 6,500 / median(12,000 12,100 11,900 8,000 11,800 12,050) = 6,500 / 11,950 = 54%.
    // Dec: 8,000 / median(12,100 11,900 6,500 11,800 12,050) = 8,000 / 11,900 = 67%.
    expect(partialMonths(counts).map((p) => [p.month, Math.round(p.share * 100)])).toEqual([
      ['2018-11', 54],
      ['2018-12', 67],
    ]);
    const small = new Map([
      ['2024-01', 10],
      ['2024-02', 9],
      ['2024-03', 4],
      ['2024-04', 11],
      ['2024-05', 10],
    ]);
    expect(partialMonths(small)).toEqual([]);
  });

  // 2017-01 to 2018-09 at 12,000 a month, then three partial months at the end of the download.
  const normal = (last: string) => monthRange('2017-01', last).map((m) => [m, 12000] as [string, number]);
  it('finds partial months side by side at the end of the data, which a median of neighbours misses', () => {
    const counts = new Map([...normal('2018-09'), ['2018-10', 7440], ['2018-11', 5400], ['2018-12', 7920]]);
    // Dec's neighbours (Sep, Oct, Nov) have the median 7,440: Dec looked like 106% of normal.
    // Against the 12 months before, leaving out Oct and Nov once found: 7,920 / 12,000 = 66%.
    expect(partialMonths(counts)).toEqual([
      { month: '2018-10', count: 7440, expected: 12000, share: 0.62, basis: 'same month last year and the 12 months before', inRun: false },
      { month: '2018-11', count: 5400, expected: 12000, share: 0.45, basis: 'same month last year and the 12 months before', inRun: false },
      { month: '2018-12', count: 7920, expected: 12000, share: 0.66, basis: 'same month last year and the 12 months before', inRun: false },
    ]);
  });

  it('finds a multi-month dip: three months at 78%, none low enough alone', () => {
    const counts = new Map([...normal('2018-06'), ['2018-07', 9360], ['2018-08', 9360], ['2018-09', 9360], ['2018-10', 12000], ['2018-11', 12000]]);
    expect(partialMonths(counts).map((p) => [p.month, p.share, p.inRun])).toEqual([
      ['2018-07', 0.78, true],
      ['2018-08', 0.78, true],
      ['2018-09', 0.78, true],
    ]);
    // One month at 78% is not a dip.
    expect(partialMonths(new Map([...normal('2018-06'), ['2018-07', 9360], ['2018-08', 12000]]))).toEqual([]);
  });

  it("does not take seasons for partial months: ASB at ±25% a year, winter months at 75% of the year's median", () => {
    const summer = (m: string) => 1 + 0.25 * Math.cos((2 * Math.PI * (Number(m.slice(5)) - 7)) / 12);
    const seasonal = new Map(monthRange('2016-01', '2018-12').map((m) => [m, Math.round(3000 * summer(m))]));
    expect(partialMonths(seasonal)).toEqual([]);
    // A partial January in the trough is still found: low against January a year earlier too.
    seasonal.set('2018-01', 1200);
    expect(partialMonths(seasonal).map((p) => [p.month, p.expected, p.basis])).toEqual([['2018-01', 2250, 'same month last year and the 12 months before']]);
  });
});

describe('the definition of exceptions follows the run', () => {
  it('says how many months the baseline has at most, and none looked for below 12', () => {
    expect(definitions({ baselineMonths: 24 }).exceptions).toContain('outside the mean ± 2 standard deviations of the up to 24 months before the window');
    expect(definitions({ baselineMonths: 12 }).exceptions).toContain('of the up to 12 months before the window');
    expect(definitions({ baselineMonths: 12 }).exceptions).not.toContain('24');
    expect(definitions({ baselineMonths: 6 }).exceptions).toBe(
      'Months outside the control limits are not looked for: the monthly series (period.seriesMonths) holds 6 months before the window, and the limits need at least 12.',
    );
    // As many as the series holds before the window, up to 24.
    expect([
      baselineMonthsAvailable({ start: '2025-01', seriesStart: '2023-01' }),
      baselineMonthsAvailable({ start: '2025-01', seriesStart: '2022-01' }),
      baselineMonthsAvailable({ start: '2025-01', seriesStart: '2024-01' }),
      baselineMonthsAvailable({ start: '2025-01', seriesStart: '2025-06' }),
    ]).toEqual([24, 24, 12, 0]);
  });
});
