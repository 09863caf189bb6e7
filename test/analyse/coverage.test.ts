import { describe, expect, it } from 'vitest';
import { windowOutsideData } from '../../src/validate/coverage.js';
import { windowEnding } from '../../src/core/calendar/periods.js';
import { monthRange } from '../../src/core/calendar/months.js';

const months = monthRange('2022-01', '2024-04'); // 28 months
const check = (end: string, length: number, key = 'period') => windowOutsideData(windowEnding(end, length), months, { sourceId: 'police', periodKey: key });

describe('the windows must lie inside the police data', () => {
  it('windows inside the data pass, to the first and the last month', () => {
    expect(check('2024-04', 12)).toBeNull(); // May 2023–Apr 2024 against May 2022–Apr 2023
    expect(check('2023-12', 12)).toBeNull(); // previous window starts at the first month
  });

  it('a window after the data (period.end left at today) names the months covered and a window that fits', () => {
    expect(check('2026-12', 12)).toEqual({
      message:
        'the window Jan–Dec 2026, compared with Jan–Dec 2025, is after the last month of police data; the data of source "police" covers Jan 2022–Apr 2024',
      where: { key: 'period' },
      hint: 'choose windows inside the data (two windows of 12 months fit in Jan 2022–Apr 2024): set period.end to 2024-04 in csp.yaml, or pass --period 2023-05..2024-04; or add the police files of the months missing',
    });
  });

  it('a window that runs past the data says how many months would count as zero', () => {
    expect(check('2024-06', 12, '--period')!.message).toBe(
      'the window Jul 2023–Jun 2024, compared with Jul 2022–Jun 2023, runs past the last month of police data (April 2024): 2 months would count as zero; the data of source "police" covers Jan 2022–Apr 2024',
    );
    expect(check('2024-06', 12, '--period')!.hint).toContain('e.g. --period 2023-05..2024-04');
  });

  it('a previous window before the data, and a window wholly before it', () => {
    expect(check('2022-12', 12)!.message).toMatch(/^the previous window \(Jan–Dec 2021\) starts before the first month of police data \(January 2022\)/);
    expect(check('2019-12', 12)!.message).toMatch(/^the window Jan–Dec 2019, compared with Jan–Dec 2018, is before the first month of police data/);
  });

  it('windows too long for the data suggest the longest that fit', () => {
    expect(check('2024-04', 24)!.hint).toBe(
      'choose windows inside the data (two windows of 14 months fit in Jan 2022–Apr 2024): set period.end to 2024-04 and period.months to 14 in csp.yaml, or pass --period 2023-03..2024-04; or add the police files of the months missing',
    );
  });
});
