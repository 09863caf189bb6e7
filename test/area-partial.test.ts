import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { cli, readAssessment, workspace, type ValidationJson } from './helpers.js';

/**
 * A month partly published for the partnership area alone (issue 20 item 3): the force's total
 * hides it (Thanet's 40 of a usual 100 beside Dover's 1,000 is 95% of the force's month), so the
 * area's own months are judged too.
 */
const HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const MONTHS = ['2024', '2025'].flatMap((y) => Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`));
const rows = (m: string, lsoa: string, code: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${code}-${m}-${i},${m},Kent Police,Kent Police,1.4,51.4,On or near A Road,${code},${lsoa},Burglary,,`);
const police = (m: string) =>
  [HEADER, ...rows(m, 'Thanet 001A', 'E01000001', m === '2025-03' ? 40 : 100), ...rows(m, 'Dover 001A', 'E01000002', 1000)].join('\n') + '\n';

describe('a month partial for the area alone', () => {
  it("is found, said for the area, and left out of the area's change", async () => {
    const dir = workspace({
      'csp.yaml': `partnership: {name: Test CSP, area: Thanet, force: Kent Police}
period: {end: 2025-12, months: 12}
geography: {districts: [{name: Thanet}, {name: Dover}]}
sources:
  police: {kind: police-uk-street, files: "police/*.csv"}
output: {date: 2026-01-15}
`,
      ...Object.fromEntries(MONTHS.map((m) => [`police/${m}-kent-street.csv`, police(m)])),
    });
    const v = JSON.parse((await cli(['validate', '--config', path.join(dir, 'csp.yaml'), '--json'])).stdout) as ValidationJson;
    const p = v.sources[0]!;
    expect(p.partialMonths).toEqual([]); // 1,040 of the force's usual 1,100: 95%
    expect(p.areaPartialMonths.map((m) => [m.month, m.count, m.expected])).toEqual([['2025-03', 40, 100]]);
    expect(v.warnings.map((w) => w.message)).toContain(
      'March 2025 looks partially published for Thanet: 40 crimes, 40% of a whole month (100: the lower of the same month a year earlier and the median of the 12 months before)',
    );
    expect((await cli(['assess', '--config', path.join(dir, 'csp.yaml'), '--quiet', '--format', 'html'])).code).toBe(0);
    const a = readAssessment(path.join(dir, 'out'));
    // 11 × 100 + 40 = 1,140 against 1,200; compared on the 11 other months: 1,100 against 1,100.
    expect([a.allCrime.current, a.allCrime.previous]).toEqual([1140, 1200]);
    expect(a.allCrime.comparable).toMatchObject({
      excludedMonths: ['2024-03', '2025-03'],
      months: 11,
      current: 1100,
      previous: 1100,
      significance: 'no significant change',
    });
    const f = a.dataQuality.find((x) => x.id === 'partial-month-police-2025-03')!;
    expect(f.message).toBe(
      'March 2025 looks partially published in the police data for Thanet: 40 crimes, 40% of a whole month (100: the lower of the same month a year earlier and the median of the 12 months before)',
    );
    expect(f.effect).toContain("the current window's total (Jan–Dec 2025) is understated by about 60 in Thanet");
  });
});
