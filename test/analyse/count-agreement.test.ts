import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { parseConfig } from '../../src/config/load.js';
import { agreeing, counted } from '../../src/core/words.js';
import { change } from '../../src/analyse/change.js';
import { poissonChangeTest } from '../../src/analyse/significance.js';
import { summaryText } from '../../src/analyse/summary.js';
import { windowEnding } from '../../src/core/calendar/periods.js';
import { windowOutsideData } from '../../src/validate/coverage.js';
import { monthRange } from '../../src/core/calendar/months.js';
import { sourceWarnings } from '../../src/validate/warnings.js';
import type { SourceReport } from '../../src/validate/types.js';
import { rankAssessment } from '../../src/rank/index.js';
import type { Ranking } from '../../src/rank/resolve.js';
import type { Figures } from '../../src/analyse/assess.js';
import { CspError } from '../../src/core/errors.js';
import { ROOT } from '../helpers.js';

/** A count of 1 takes the singular, and its verb agrees: "1 row is", never "1 rows are". */
describe('a count and its noun agree', () => {
  it('core/words: counted and agreeing', () => {
    expect([counted(1, 'row'), counted(2, 'row'), counted(0, 'row'), counted(1234, 'row')]).toEqual(['1 row', '2 rows', '0 rows', '1,234 rows']);
    expect([counted(1, 'category', 'categories'), counted(3, 'category', 'categories')]).toEqual(['1 category', '3 categories']);
    expect([agreeing(1, 'is', 'are'), agreeing(2, 'is', 'are'), agreeing(0, 'is', 'are')]).toEqual(['is', 'are', 'are']);
  });

  const config = parseConfig(
    `partnership: {name: T, area: Thanet, force: Kent Police}
period: {end: 2025-12}
geography: {districts: [{name: Thanet}]}
sources:
  police: {kind: police-uk-street, files: p.csv}
themes:
  - {id: asb, name: ASB, categories: {police: [Anti-social behaviour]}, survey: [ASB]}
`,
    path.join(ROOT, 'csp.yaml'),
  );
  const ones: SourceReport = {
    id: 'police',
    kind: 'police-uk-street',
    files: [],
    rowsRead: 1,
    rowsAccepted: 1,
    rowsRejected: 1,
    months: ['2024-01', '2024-03'],
    missingMonths: ['2024-02'],
    partialMonths: [{ month: '2024-03', count: 1, expected: 100, share: 0.01, basis: 'neighbouring months', inRun: false }],
    asbPartialMonths: [],
    areaPartialMonths: [],
    areaAsbPartialMonths: [],
    rejects: [{ reason: 'with no month', code: 'empty-date', column: 'Month', rows: 1, examples: [] }],
    categories: [{ category: 'Other crime', rows: 1, themes: [] }],
    unmappedCategories: ['Other crime'],
    outsideForce: [{ district: 'Bexley', rows: 1 }],
    noLocation: 1,
    noLocationByMonth: [{ month: '2024-01', rows: 1, total: 1, sharePct: 100 }],
    boundaryChanges: { appeared: 1, disappeared: 1, examples: ['E01 Thanet 001A'] },
    categoryChanges: [],
    placement: null,
    repeatedAreas: { keys: 1, rows: 1, examples: ['A 2024-01 ASB'], codesWithTwoNames: [{ code: 'E01', names: ['A', 'B'] }] },
    renamedDistricts: [{ from: 'Shepway', to: 'Folkestone and Hythe', rows: 1, firstMonth: '2024-01', lastMonth: '2024-01' }],
  };

  it('csp validate: every warning with a count of 1', () => {
    expect(sourceWarnings(config, ones).map((w) => w.message)).toEqual([
      "March 2024 looks partially published: 1 crime, 1% of the neighbouring months' median (100)",
      '1 month missing between 2024-01 and 2024-03: 2024-02',
      '1 category is not in any theme (1 row, 100.0%): Other crime',
      '1 row (100.0%) is in districts outside geography.districts: Bexley (1)',
      'Folkestone and Hythe appears under its old name Shepway in 2024-01 (1 row)',
      '1 LSOA code starts and 1 stops part-way through the months, e.g. E01 Thanet 001A: the LSOA boundaries changed',
      '1 area appears more than once for the same period and category (1 row), e.g. A 2024-01 ASB; 1 area code is given under two names: E01 as "A" and "B"',
      '1 row (100.0%) has no location (empty LSOA)',
      '1 of 1 row rejected: 1 with no month',
    ]);
  });

  it('csp validate: a partner return placed with counts of 1', () => {
    const partner: SourceReport = {
      ...ones,
      id: 'council',
      kind: 'counts',
      partialMonths: [],
      missingMonths: [],
      unmappedCategories: [],
      outsideForce: [],
      noLocation: 0,
      noLocationByMonth: [],
      boundaryChanges: null,
      repeatedAreas: null,
      renamedDistricts: [],
      rowsRejected: 0,
      placement: {
        area: { rows: 1, incidents: 1 },
        otherDistricts: [{ district: 'Dover', rows: 1, incidents: 1 }],
        outsideForce: [{ district: 'Medway', rows: 1, incidents: 1 }],
        unplaced: { rows: 1, incidents: 1, examples: ['Nowhere'] },
      },
    };
    expect(sourceWarnings(config, partner).map((w) => w.message)).toEqual([
      '1 row (1 incident) is in other districts of the force (Dover 1); 1 row (1 incident) is in Thanet',
      '1 row (1 incident) names a district that is not in geography.districts: Medway 1',
      '1 row (1 incident) has an area that csp cannot place in any district, e.g. "Nowhere"',
    ]);
  });

  it('a window one month past the data', () => {
    const w = windowOutsideData(windowEnding('2024-05', 12), monthRange('2022-01', '2024-04'), { sourceId: 'police', periodKey: 'period' });
    expect(w!.message).toContain('(April 2024): 1 month would count as zero;');
  });

  it('a summary of 1 crime in 1 district', () => {
    const figure = {
      ...change(1, 0),
      ...poissonChangeTest(1, 0),
      ratePer1000: 0.1,
      forceAverageRatePer1000: 0.1,
      rank: 1,
      rankOf: 1,
      differenceFromForcePer1000: 0,
      comparable: null,
    };
    const text = summaryText({ name: 'Robbery', unit: 'crimes', figure, period: windowEnding('2025-12', 12), force: 'Kent', findings: [] });
    expect(text).toMatch(/^Robbery: 1 crime in Jan–Dec 2025, /);
    expect(text).toContain('the highest rate of 1 district.');
  });

  it('the ranking: 1 judgement row naming a theme csp.yaml lacks', () => {
    const figures = { area: { force: 'Kent Police', population: 1000 }, allCrime: { current: 10 }, survey: null, themes: [] } as unknown as Figures;
    const ranking: Ranking = {
      method: 'weighted-sum',
      scale: 3,
      recommend: 1,
      criteria: [{ id: 'influence', kind: 'judged', weight: 1, thresholds: [2, 4], step: 0.5 }],
      overrides: [],
    };
    const report = {
      errors: [],
      warnings: [],
      sources: [
        {
          id: 'judgements',
          kind: 'judgements',
          rejects: [{ reason: 'unknown theme', code: 'unknown-theme', column: 'Theme', rows: 1, examples: [{ file: 'j.csv', line: 7, value: 'Road safety' }] }],
        },
      ],
    } as unknown as Parameters<typeof rankAssessment>[2];
    try {
      rankAssessment(figures, ranking, report);
      expect.unreachable();
    } catch (e) {
      expect((e as CspError).problems.map((p) => p.message)).toEqual(['1 judgement row names a theme that is not in csp.yaml, e.g. "Road safety"']);
    }
  });
});
