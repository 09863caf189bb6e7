import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { parseConfig } from '../../src/config/load.js';
import { qualityFindings, type RowCounts } from '../../src/analyse/quality.js';
import type { Selection } from '../../src/analyse/monthly.js';
import { windowEnding } from '../../src/core/calendar/periods.js';
import type { SourceReport, ValidationReport } from '../../src/validate/types.js';
import { ROOT } from '../helpers.js';

/**
 * Data-quality findings count what bears on the figures in the months analysed (the series and
 * both windows: here Jan 2024–Dec 2025) and say so; what concerns the files (rows rejected, a
 * return listing an area twice) is counted in the files read and says that. Counts of 1 are singular.
 */
const config = parseConfig(
  `partnership: {name: T, area: Thanet, force: Kent Police}
period: {end: 2025-12, months: 12, seriesMonths: 24}
geography: {districts: [{name: Thanet}, {name: Dover}]}
sources:
  police: {kind: police-uk-street, files: p.csv}
themes:
  - {id: asb, name: ASB, categories: {police: [Anti-social behaviour]}, survey: [ASB]}
`,
  path.join(ROOT, 'csp.yaml'),
);
const period = windowEnding('2025-12', 12);
const seriesStart = '2024-01';

interface Row {
  source: string;
  category: string;
  place: string | null;
  month: string;
  n: number;
}
/** MonthlyCounts.rowsIn over a list of rows. */
const countsOf = (rows: Row[]): RowCounts => ({
  rowsIn: (s: Selection, start: string, end: string, o: { places?: readonly (string | null)[] } = {}) =>
    rows
      .filter((r) => r.source === s.source && (!s.categories || s.categories.includes(r.category)) && r.month >= start && r.month <= end)
      .filter((r) => !o.places || o.places.includes(r.place))
      .reduce((t, r) => t + r.n, 0),
});

const source = (over: Partial<SourceReport>): SourceReport => ({
  id: 'police',
  kind: 'police-uk-street',
  files: [],
  rowsRead: 0,
  rowsAccepted: 0,
  rowsRejected: 0,
  months: ['2023-01', '2025-12'],
  missingMonths: [],
  partialMonths: [],
  asbPartialMonths: [],
  areaPartialMonths: [],
  areaAsbPartialMonths: [],
  rejects: [],
  categories: [],
  unmappedCategories: [],
  outsideForce: [],
  noLocation: 0,
  noLocationByMonth: [],
  boundaryChanges: null,
  categoryChanges: [],
  placement: null,
  repeatedAreas: null,
  renamedDistricts: [],
  ...over,
});
const findings = (sources: SourceReport[], rows: Row[]) => {
  const report: ValidationReport = { sources, errors: [], warnings: [] };
  return qualityFindings({ config, report, period, seriesStart, counts: countsOf(rows) });
};
const message = (f: ReturnType<typeof findings>, id: string) => f.find((x) => x.id === id)?.message;

describe('data-quality findings: what they count, and in which months', () => {
  // Police rows: 1 in the months analysed in Bexley (outside the force), 40 in 2023 (before them).
  const rows: Row[] = [
    { source: 'police', category: 'Other crime', place: 'Bexley', month: '2024-03', n: 1 },
    { source: 'police', category: 'Other crime', place: 'Bexley', month: '2023-05', n: 40 },
    { source: 'police', category: 'Anti-social behaviour', place: 'Thanet', month: '2025-02', n: 98 },
    { source: 'police', category: 'Anti-social behaviour', place: null, month: '2025-02', n: 1 },
    { source: 'police', category: 'Anti-social behaviour', place: null, month: '2023-02', n: 30 },
  ];
  const police = source({
    rowsRead: 170,
    rowsAccepted: 169,
    rowsRejected: 1,
    rejects: [{ reason: 'with no month', code: 'empty-date', column: 'Month', rows: 1, examples: [] }],
    categories: [
      { category: 'Anti-social behaviour', rows: 129, themes: ['asb'] },
      { category: 'Other crime', rows: 41, themes: [] },
    ],
    unmappedCategories: ['Other crime'],
    outsideForce: [{ district: 'Bexley', rows: 41 }],
    noLocation: 31,
    noLocationByMonth: [
      { month: '2023-02', rows: 30, total: 30, sharePct: 100 },
      { month: '2025-02', rows: 1, total: 99, sharePct: 1.0101 },
    ],
    missingMonths: ['2023-07', '2024-06'],
  });
  const f = findings([police], rows);

  it('rows outside the force and rows in no theme: those of the months analysed, 1 of them', () => {
    expect(message(f, 'outside-force-police')).toBe('1 row in the months analysed (Jan 2024–Dec 2025) is in LSOAs of districts outside the force: Bexley (1)');
    expect(message(f, 'unmapped-categories-police')).toBe('Other crime is not in any theme: 1 row in the months analysed (Jan 2024–Dec 2025)');
  });
  it('rows with no location: those of the months analysed, against all their rows', () => {
    // 1 of the 100 rows of Jan 2024–Dec 2025; the 30 of February 2023 change no figure.
    expect(message(f, 'no-location-police')).toBe(
      '1 of the 100 rows in the months analysed (Jan 2024–Dec 2025) has no location (1.0%), all in February 2025 (1 of 99, 1.0%)',
    );
    expect(f.find((x) => x.id === 'no-location-police')!.severity).toBe('info'); // 1.0% in its worst month, not February 2023's 100%
  });
  it('rows rejected: in the files read (a rejected row may have no month)', () => {
    expect(message(f, 'rejects-police')).toBe('1 of the 170 rows in the files read was rejected: 1 with no month');
  });
  it('missing months: those of the months analysed, named as such', () => {
    expect(message(f, 'coverage-police')).toBe(
      'the police data covers January 2023 to December 2025; 1 month of the months analysed (Jan 2024–Dec 2025) has no data (June 2024); the windows compared need January 2024 to December 2025',
    );
  });
  it('nothing in the months analysed, no finding (csp validate still reports the files)', () => {
    const old = source({ ...police, noLocation: 30, noLocationByMonth: police.noLocationByMonth.slice(0, 1) });
    const before = findings(
      [old],
      rows.filter((r) => r.month < '2024-01'),
    );
    expect(before.map((x) => x.id)).toEqual(['coverage-police', 'rejects-police']);
  });

  it("a partner's rows in no district: those of the months analysed; its other districts: in the files read", () => {
    const records = source({
      id: 'council',
      kind: 'records',
      months: ['2024-01', '2025-12'],
      placement: {
        area: { rows: 10, incidents: 10 },
        otherDistricts: [{ district: 'Dover', rows: 1, incidents: 1 }],
        outsideForce: [{ district: 'Medway', rows: 3, incidents: 3 }],
        unplaced: { rows: 2, incidents: 2, examples: ['Nowhere'] },
      },
      repeatedAreas: { keys: 1, rows: 2, examples: ['A 2025-01 ASB'], codesWithTwoNames: [] },
    });
    const partner: Row[] = [
      { source: 'council', category: 'ASB', place: 'Medway', month: '2022-06', n: 3 },
      { source: 'council', category: 'ASB', place: null, month: '2025-06', n: 1 },
      { source: 'council', category: 'ASB', place: null, month: '2022-06', n: 1 },
    ];
    const g = findings([records], partner);
    expect(message(g, 'unplaced-council')).toBe(
      '1 incident in council in the months analysed (Jan 2024–Dec 2025) is in no district of the force: 1 in areas csp cannot place (e.g. "Nowhere")',
    );
    expect(message(g, 'other-districts-council')).toBe('council covers 2 districts in the files read: 10 incidents in Thanet and 1 in the others (Dover 1)');
    expect(message(g, 'repeated-areas-council')).toBe('council gives 1 area more than once for one period and category in the files read');
  });

  it('boundary changes and renamed districts: singular and plural', () => {
    const g = findings(
      [
        source({
          boundaryChanges: { appeared: 1, disappeared: 2, examples: ['E01 Thanet 001A'] },
          renamedDistricts: [{ from: 'Shepway', to: 'Folkestone and Hythe', rows: 1, firstMonth: '2024-01', lastMonth: '2024-01' }],
        }),
      ],
      [],
    );
    expect(message(g, 'boundary-change-police')).toBe(
      '1 LSOA code starts and 2 stop part-way through the police data, e.g. E01 Thanet 001A: the LSOA boundaries changed',
    );
    expect(message(g, 'renamed-district-police-shepway')).toBe('Folkestone and Hythe appears under its old name Shepway from 2024-01 to 2024-01 (1 row)');
  });
});
