import { describe, expect, it } from 'vitest';
import { change } from '../../src/analyse/change.js';
import { windowEnding } from '../../src/core/calendar/periods.js';
import { poissonChangeTest } from '../../src/analyse/significance.js';
import { summaryText } from '../../src/analyse/summary.js';
import { ordinal } from '../../src/core/words.js';

const period = windowEnding('2015-12', 12);
const figure = (current: number, previous: number, rate: number | null = null, force: number | null = null, rank: number | null = null) => ({
  ...change(current, previous),
  ...poissonChangeTest(current, previous),
  ratePer1000: rate,
  forceAverageRatePer1000: force,
  rank,
  rankOf: rank === null ? null : 13,
  differenceFromForcePer1000: rate !== null && force !== null ? Math.round((rate - force) * 100) / 100 : null,
  comparable: null,
});

describe('plain-English summaries', () => {
  it('"a reduction in all crime of 4.3%, Jan–Dec 2015 compared to Jan–Dec 2014", significant because the test says so', () => {
    const text = summaryText({ name: 'All crime', unit: 'crimes', figure: figure(9570, 10000, 71.2, 30.2, 1), period, force: 'Kent', findings: [] });
    expect(text).toBe(
      'All crime: 9,570 crimes in Jan–Dec 2015, 430 fewer than in Jan–Dec 2014 (−4.3%). This is a statistically significant decrease (p = 0.002). ' +
        'That is 71.2 per 1,000 residents, 41.0 more than the Kent average of 30.2; the highest rate of 13 districts.',
    );
  });
  it('never says "significant" when the test does not, and gives n/a on a small base', () => {
    const text = summaryText({ name: 'Robbery', unit: 'crimes', figure: figure(12, 6), period, force: 'Kent', findings: [] });
    expect(text).toBe(
      'Robbery: 12 crimes in Jan–Dec 2015, 6 more than in Jan–Dec 2014 (n/a: fewer than 20 in Jan–Dec 2014). The change is within what chance alone would produce (p = 0.238), so it is not evidence of a real change.',
    );
    expect(text).not.toMatch(/\bsignificant\b/);
  });
  it('unchanged counts, no counts, and ordinals', () => {
    expect(summaryText({ name: 'X', unit: 'incidents', figure: figure(0, 0), period, force: 'Kent', findings: [] })).toBe(
      'X: 0 incidents in Jan–Dec 2015, the same as in Jan–Dec 2014.',
    );
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd']);
  });
});
