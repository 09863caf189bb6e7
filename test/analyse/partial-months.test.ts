import { describe, expect, it } from 'vitest';
import { partialMonths } from '../../src/validate/partial-months.js';
import { addMonths, monthRange } from '../../src/core/calendar/months.js';

// Synthetic monthly series, the same on every run: a level (10,000 a month unless said) with a
// mild season (±5%, high in July), a straight-line trend, fixed pseudo-noise (±1.5%, or Poisson
// counts for small series), and chosen months published only in part. Jan 2019 – Dec 2022.

/** mulberry32: a small seeded generator. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Knuth's method on the seeded generator, in parts of at most 30 (e^-mean underflows past 700). */
function poissonDraw(mean: number, random: () => number): number {
  if (mean > 30) return poissonDraw(30, random) + poissonDraw(mean - 30, random);
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k++;
  return k;
}

interface Shape {
  first?: string;
  last?: string;
  level?: number;
  /** Seasonal swing either side, highest in July. */
  season?: number;
  /** Uniform noise either side; unused with `poisson`. */
  noise?: number;
  poisson?: boolean;
  /** Change over the whole series (-0.1: a 10% decline from first month to last). */
  trend?: number;
  /** Months published in part: month → share of the whole month. */
  partial?: ReadonlyMap<string, number>;
  seed?: number;
}

function series(s: Shape = {}): Map<string, number> {
  const { first = '2019-01', last = '2022-12', level = 10_000, season = 0.05, noise = 0.015, poisson = false, trend = 0, partial = new Map(), seed = 1 } = s;
  const random = seeded(seed);
  const months = monthRange(first, last);
  return new Map(
    months.map((m, k) => {
      const whole = level * (1 + season * Math.cos((2 * Math.PI * (Number(m.slice(5)) - 7)) / 12)) * (1 + (trend * k) / (months.length - 1));
      const mean = whole * (partial.get(m) ?? 1);
      return [m, poisson ? poissonDraw(mean, random) : Math.round(mean * (1 + noise * (2 * random() - 1)))];
    }),
  );
}

/** Consecutive months from `start` published at the given shares. */
const dip = (start: string, shares: readonly number[]) => new Map(shares.map((share, k) => [addMonths(start, k), share]));
/** From `start` to the end of the data at `share`: a real fall that stays. */
const fallFrom = (start: string, share: number) => new Map(monthRange(start, '2022-12').map((m) => [m, share]));
/** What is flagged: month, share in whole percent, found only in a run. */
const flagged = (s: Shape) => partialMonths(series(s)).map((p) => [p.month, Math.round(100 * p.share), p.inRun]);
const months = (start: string, n: number) => monthRange(start, addMonths(start, n - 1));

describe('partially published months: a partial month and the low months beside it are one episode', () => {
  // A 41% month is found on its own; the month beside it, below 80% but not below 70%, is found
  // as one of a run with it (inRun), the 41% month keeping its own finding (inRun false). A month
  // below 70% is found on its own as before. Mid-series (Mar 2021) and at the end of the data.
  it.each([
    [
      '41% + 67%, mid-series',
      dip('2021-03', [0.41, 0.67]),
      [
        ['2021-03', 41, false],
        ['2021-04', 67, false],
      ],
    ],
    [
      '41% + 75%, mid-series',
      dip('2021-03', [0.41, 0.75]),
      [
        ['2021-03', 41, false],
        ['2021-04', 75, true],
      ],
    ],
    [
      '75% + 41%, mid-series',
      dip('2021-03', [0.75, 0.41]),
      [
        ['2021-03', 75, true],
        ['2021-04', 41, false],
      ],
    ],
    [
      '41% + 70% + 75%, mid-series',
      dip('2021-03', [0.41, 0.7, 0.75]),
      [
        ['2021-03', 41, false],
        ['2021-04', 70, true],
        ['2021-05', 75, true],
      ],
    ],
    [
      '41% + 67%, at the end',
      dip('2022-11', [0.41, 0.67]),
      [
        ['2022-11', 40, false],
        ['2022-12', 65, false],
      ],
    ],
    [
      '41% + 75%, at the end',
      dip('2022-11', [0.41, 0.75]),
      [
        ['2022-11', 40, false],
        ['2022-12', 74, true],
      ],
    ],
    [
      '75% + 41%, at the end',
      dip('2022-11', [0.75, 0.41]),
      [
        ['2022-11', 76, true],
        ['2022-12', 40, false],
      ],
    ],
    [
      '41% + 70% + 75%, at the end',
      dip('2022-10', [0.41, 0.7, 0.75]),
      [
        ['2022-10', 41, false],
        ['2022-11', 69, false],
        ['2022-12', 74, true],
      ],
    ],
  ] as const)('%s', (_, partial, expected) => {
    expect(flagged({ partial })).toEqual(expected);
  });

  it('a 41% month beside an 85% month: only the 41% month', () => {
    expect(flagged({ partial: dip('2021-03', [0.41, 0.85]) })).toEqual([['2021-03', 41, false]]);
    expect(flagged({ partial: dip('2022-11', [0.41, 0.85]) })).toEqual([['2022-11', 40, false]]);
  });
});

describe('partially published months: a dip of several months in mid-series', () => {
  // Each month of a run is judged against the same month a year earlier and a year later, which
  // the dip cannot drag down as it did the rolling median of the 12 months before.
  it('6 months at 55%: every month, each low enough on its own', () => {
    expect(flagged({ partial: dip('2020-09', Array(6).fill(0.55)) })).toEqual([
      ['2020-09', 56, false],
      ['2020-10', 55, false],
      ['2020-11', 54, false],
      ['2020-12', 55, false],
      ['2021-01', 56, false],
      ['2021-02', 56, false],
    ]);
  });

  it('8 months at 70%: every month, as a run or (a little below 70% with the noise) on its own', () => {
    expect(flagged({ partial: dip('2020-09', Array(8).fill(0.7)) })).toEqual([
      ['2020-09', 69, true],
      ['2020-10', 69, true],
      ['2020-11', 69, false],
      ['2020-12', 70, false],
      ['2021-01', 71, true],
      ['2021-02', 70, true],
      ['2021-03', 70, true],
      ['2021-04', 66, false],
    ]);
  });

  it('7 months easing from 60% to 78%', () => {
    expect(flagged({ partial: dip('2020-09', [0.6, 0.63, 0.66, 0.69, 0.72, 0.75, 0.78]) })).toEqual([
      ['2020-09', 61, false],
      ['2020-10', 63, false],
      ['2020-11', 65, false],
      ['2020-12', 69, false],
      ['2021-01', 73, true],
      ['2021-02', 75, true],
      ['2021-03', 78, true],
    ]);
  });

  it('6 months at 75%, with the year after', () => {
    const found = partialMonths(series({ partial: dip('2021-03', Array(6).fill(0.75)) }));
    expect(found.map((p) => [p.month, Math.round(100 * p.share), p.inRun])).toEqual([
      ['2021-03', 75, true],
      ['2021-04', 75, true],
      ['2021-05', 75, true],
      ['2021-06', 76, true],
      ['2021-07', 76, true],
      ['2021-08', 74, true],
    ]);
    expect(new Set(found.map((p) => p.basis))).toEqual(new Set(['same month a year before or after']));
  });

  it('6 months at 75% ending two months before the end of the data: no year after, the months after recover', () => {
    expect(flagged({ partial: dip('2022-05', Array(6).fill(0.75)) })).toEqual([
      ['2022-05', 75, true],
      ['2022-06', 75, true],
      ['2022-07', 74, true],
      ['2022-08', 76, true],
      ['2022-09', 76, true],
      ['2022-10', 75, true],
    ]);
  });

  it("6 months at 72% in the series' first year: no year before, judged against the year after", () => {
    expect(flagged({ partial: dip('2019-04', Array(6).fill(0.72)) })).toEqual([
      ['2019-04', 74, true],
      ['2019-05', 73, true],
      ['2019-06', 72, true],
      ['2019-07', 72, true],
      ['2019-08', 73, true],
      ['2019-09', 72, true],
    ]);
  });
});

describe('partially published months: no dip where there is none', () => {
  it('a real fall of 25% that stays down to the end of the data, for 13, 18, 24 or 30 months: nothing', () => {
    // Once the fall is a year old, the same month a year earlier is low too; the run before that
    // point is followed by months that have not recovered, so it is not a dip.
    for (const start of ['2021-12', '2021-07', '2021-01', '2020-07']) expect(flagged({ partial: fallFrom(start, 0.75) })).toEqual([]);
  });

  it('a fall of 25% only 6 months old at the end of the data is flagged: it cannot be told from partial publication', () => {
    expect(flagged({ partial: fallFrom('2022-07', 0.75) })).toEqual([
      ['2022-07', 74, true],
      ['2022-08', 76, true],
      ['2022-09', 76, true],
      ['2022-10', 75, true],
      ['2022-11', 76, true],
      ['2022-12', 74, true],
    ]);
  });

  it('ASB at ±25% a year over 4 years: nothing', () => {
    expect(flagged({ level: 3000, season: 0.25 })).toEqual([]);
  });

  it('a real decline of 10% over 3 years: nothing', () => {
    expect(flagged({ first: '2020-01', last: '2022-12', trend: -0.1 })).toEqual([]);
  });

  it('small counts, about 30 a month with Poisson noise: nothing', () => {
    expect(flagged({ level: 30, poisson: true })).toEqual([]);
  });

  it("two months 30% high a year later do not make the first year's months look low", () => {
    expect(flagged({ partial: dip('2020-03', [1.3, 1.3]) })).toEqual([]);
  });
});

describe('partially published months: the same on 20 other noise draws', () => {
  const seeds = Array.from({ length: 20 }, (_, k) => k + 2);
  const found = (s: Shape) => partialMonths(series(s)).map((p) => p.month);
  it.each([
    ['41% + 75%', dip('2021-03', [0.41, 0.75]), months('2021-03', 2)],
    ['75% + 41% at the end', dip('2022-11', [0.75, 0.41]), months('2022-11', 2)],
    ['41% + 70% + 75% at the end', dip('2022-10', [0.41, 0.7, 0.75]), months('2022-10', 3)],
    ['41% + 85%', dip('2021-03', [0.41, 0.85]), ['2021-03']],
    ['8 months at 70%', dip('2020-09', Array(8).fill(0.7)), months('2020-09', 8)],
    ['7 months from 60% to 78%', dip('2020-09', [0.6, 0.63, 0.66, 0.69, 0.72, 0.75, 0.78]), months('2020-09', 7)],
    ['6 months at 75%', dip('2021-03', Array(6).fill(0.75)), months('2021-03', 6)],
    ['6 months at 75%, no year after', dip('2022-05', Array(6).fill(0.75)), months('2022-05', 6)],
    ['6 months at 72% in the first year', dip('2019-04', Array(6).fill(0.72)), months('2019-04', 6)],
    ['a fall of 25% for 18 months', fallFrom('2021-07', 0.75), []],
  ] as const)('%s', (_, partial, expected) => {
    for (const seed of seeds) expect(found({ partial, seed }), `seed ${seed}`).toEqual(expected);
  });

  it('seasons, a decline, and no run of low months at 30 a month', () => {
    for (const seed of seeds) {
      expect(found({ level: 3000, season: 0.25, seed }), `seed ${seed}`).toEqual([]);
      expect(found({ first: '2020-01', trend: -0.1, seed }), `seed ${seed}`).toEqual([]);
      // A month on its own can still be flagged at 30 a month (about one series in thirty: a
      // baseline of one noisy month); no run is.
      expect(
        partialMonths(series({ level: 30, poisson: true, seed })).filter((p) => p.inRun),
        `seed ${seed}`,
      ).toEqual([]);
    }
  });
});
