import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Assessment } from '../src/analyse/assessment-schema.js';
import { cli, readAssessment, workspace, type ValidationJson } from './helpers.js';

/**
 * Partners' returns that cover the whole county (issue 20 item 1): each row is placed in its
 * district like a police row, the partnership counts only its own, and the other districts are
 * its comparators. Every expected figure is worked out by hand in the comments.
 */
const HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const LSOAS: [string, string, number][] = [
  // code, name, burglaries a month
  ['E01000001', 'Thanet 001A', 10],
  ['E01000002', 'Dover 001A', 10],
  ['E01000003', 'Canterbury 001A', 5],
  ['E01000004', 'Folkestone and Hythe 001A', 5],
];
const MONTHS = ['2024', '2025'].flatMap((y) => Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`));
const policeFile = (month: string) =>
  [
    HEADER,
    ...LSOAS.flatMap(([code, name, n]) =>
      Array.from({ length: n }, (_, i) => `${code}-${month}-${i},${month},Kent Police,Kent Police,1.4,51.4,On or near A Road,${code},${name},Burglary,,`),
    ),
  ].join('\n') + '\n';

// Deliberate fires by district, a row per district and month, as a county fire service sends them:
// Thanet 4 a month in 2024 and 5 in 2025; Dover 7; CANTERBURY (in capitals) 3; Shepway (the old
// name of Folkestone and Hythe) 2; Medway (not a district of this force) 1; and one row a month
// with no district.
const fireByDistrict = [
  'Month,District,Type,Incidents',
  ...MONTHS.flatMap((m) => [
    `${m},Thanet,Deliberate fire,${m < '2025' ? 4 : 5}`,
    `${m},Dover,Deliberate fire,7`,
    `${m},CANTERBURY,Deliberate fire,3`,
    `${m},Shepway,Deliberate fire,2`,
    `${m},Medway,Deliberate fire,1`,
    `${m},,Deliberate fire,1`,
  ]),
].join('\n');

// The council's complaints, county-wide with a district column: Thanet 10 in 2025 and 6 in 2024, Dover 20 in 2025.
const complaints = [
  'Ref,Date,Type,Ward,Council',
  ...[
    ...Array.from({ length: 10 }, (_, i) => `T${i},0${(i % 9) + 1}/03/2025,Noise,Margate Central,Thanet`),
    ...Array.from({ length: 6 }, (_, i) => `P${i},0${(i % 9) + 1}/03/2024,Noise,Margate Central,Thanet District Council`),
    ...Array.from({ length: 20 }, (_, i) => `D${i},0${(i % 9) + 1}/04/2025,Noise,Town and Castle,Dover`),
  ],
].join('\n');

// A force-wide return by LSOA code: each code's district comes from the police files
// (E01000001 is Thanet 001A). E01999999 is named by no police row.
const byLsoa = ['Month,LSOA,Count', ...MONTHS.flatMap((m) => [`${m},E01000001,2`, `${m},e01000002,3`, `${m},E01999999,1`])].join('\n');

// A return by ward, placed by the area's ward list (geography.wards), in any case.
const byWard = ['Month,Ward,Count', ...MONTHS.flatMap((m) => [`${m},CLIFTONVILLE WEST,2`, `${m},Margate Central,1`, `${m},Town and Castle,9`])].join('\n');

const config = `partnership: {name: Test CSP, area: Thanet, force: Kent Police}
period: {end: 2025-12, months: 12, seriesMonths: 24}
geography:
  districts: [{name: Thanet}, {name: Dover}, {name: Canterbury}, {name: Folkestone and Hythe, aliases: [Shepway]}]
  wards: [Cliftonville West, Margate Central]
sources:
  police: {kind: police-uk-street, files: "police/*.csv"}
  fire:
    kind: counts
    files: fire.csv
    areaLevel: district
    columns: {period: Month, area: District, category: Type, count: Incidents}
  complaints:
    kind: records
    files: complaints.csv
    columns: {date: Date, category: Type, area: Ward, district: Council}
  by-lsoa:
    kind: counts
    files: lsoa.csv
    areaLevel: lsoa
    category: Street drinking
    columns: {period: Month, area: LSOA, count: Count}
  by-ward:
    kind: counts
    files: ward.csv
    areaLevel: ward
    category: Fly-tipping
    columns: {period: Month, area: Ward, count: Count}
  population:
    kind: population
    files: population.csv
    columns: {area: Area, level: Level, population: Population}
themes:
  - {id: burglary, name: Burglary, categories: {police: [Burglary]}}
  - {id: fires, name: Deliberate fires, categories: {fire: [Deliberate fire]}}
  - {id: complaints, name: Complaints, categories: {complaints: [Noise]}}
  - {id: drinking, name: Street drinking, categories: {by-lsoa: [Street drinking]}}
  - {id: tipping, name: Fly-tipping, categories: {by-ward: [Fly-tipping]}}
ranking:
  recommend: 2
  criteria:
    volume: {measure: share, thresholds: [10, 30]}
    trend: {}
output: {date: 2026-01-15}
`;
// Thanet 10,000 and Dover 9,999: both burglary rates round to 12.0 per 1,000 (item 5).
const POPULATION = 'Area,Level,Population\nThanet,district,10000\nDover,district,9999\nCanterbury,district,1500\nFolkestone and Hythe,district,1200\n';

describe('an LSOA given twice in a counts return', () => {
  it('under two names, or twice for one month: reported, with what it does to the figures', async () => {
    const dir = workspace({
      'csp.yaml': config.replace(
        '    columns: {period: Month, area: LSOA, count: Count}',
        '    columns: {period: Month, area: LSOA, areaName: Name, count: Count}',
      ),
      ...Object.fromEntries(MONTHS.map((m) => [`police/${m}-kent-street.csv`, policeFile(m)])),
      'fire.csv': fireByDistrict,
      'complaints.csv': complaints,
      'ward.csv': byWard,
      'population.csv': POPULATION,
      // E01000001 as "Thanet 001A" and again, in March 2025, as "Thanet 001A (old)".
      'lsoa.csv': ['Month,LSOA,Name,Count', ...MONTHS.map((m) => `${m},E01000001,Thanet 001A,2`), '2025-03,E01000001,Thanet 001A (old),2'].join('\n'),
    });
    const v = await cli(['validate', '--config', path.join(dir, 'csp.yaml'), '--json']);
    const s = (JSON.parse(v.stdout) as ValidationJson).sources.find((x) => x.id === 'by-lsoa')!;
    expect(s.repeatedAreas).toEqual({
      keys: 1,
      rows: 2,
      examples: ['E01000001 2025-03 Street drinking'],
      codesWithTwoNames: [{ code: 'E01000001', names: ['Thanet 001A', 'Thanet 001A (old)'] }],
    });
    const r = await cli(['assess', '--config', path.join(dir, 'csp.yaml'), '--quiet', '--format', 'html']);
    expect(r.code).toBe(0);
    const a = readAssessment(path.join(dir, 'out'));
    const f = a.dataQuality.find((x) => x.id === 'repeated-areas-by-lsoa')!;
    expect(f.message).toBe(
      'by-lsoa gives 1 area more than once for one period and category, and 1 area code under two names (e.g. E01000001: Thanet 001A and Thanet 001A (old)) in the files read',
    );
    expect(f.affects).toEqual(['drinking']);
    // Counted as given: 24 + 2 in 2025 (the warning says so; the figure is not changed behind the user's back).
    expect(a.themes.find((t) => t.id === 'drinking')!.current).toBe(26);
  });
});

describe("a county-wide return counts only the partnership's own rows", () => {
  let a: Assessment;
  let validated: ValidationJson;
  let dir = '';
  beforeAll(async () => {
    dir = workspace({
      'csp.yaml': config,
      ...Object.fromEntries(MONTHS.map((m) => [`police/${m}-kent-street.csv`, policeFile(m)])),
      'fire.csv': fireByDistrict,
      'complaints.csv': complaints,
      'lsoa.csv': byLsoa,
      'ward.csv': byWard,
      'population.csv': POPULATION,
    });
    const r = await cli(['assess', '--config', path.join(dir, 'csp.yaml'), '--quiet', '--format', 'html']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    a = readAssessment(path.join(dir, 'out'));
    const v = await cli(['validate', '--config', path.join(dir, 'csp.yaml'), '--json']);
    expect(v.code).toBe(0);
    validated = JSON.parse(v.stdout) as ValidationJson;
  });
  const theme = (id: string) => a.themes.find((t) => t.id === id)!;
  const source = (id: string) => validated.sources.find((s) => s.id === id)!;

  it("fires by district: Thanet 60 against 48, not the county's 408; the other districts are comparators", () => {
    // 12 × 5 = 60 and 12 × 4 = 48; the county's 2025 total is 12 × (5 + 7 + 3 + 2 + 1 + 1) = 228.
    const f = theme('fires');
    expect([f.current, f.previous, f.change]).toEqual([60, 48, 12]);
    // Thanet 60 / 10,000 = 6.0; Dover 84 / 9,999 = 8.40; Canterbury 36 / 1,500 = 24.0; F&H 24 / 1,200 = 20.0.
    expect(f.districts.map((d) => [d.area, d.current, d.previous, d.ratePer1000, d.rank])).toEqual([
      ['Canterbury', 36, 36, 24, 1],
      ['Folkestone and Hythe', 24, 24, 20, 2],
      ['Dover', 84, 84, 8.4, 3],
      ['Thanet', 60, 48, 6, 4],
    ]);
    // (60 + 84 + 36 + 24) / (10,000 + 9,999 + 1,500 + 1,200) × 1,000 = 204 / 22,699 × 1,000 = 8.987…
    expect([f.ratePer1000, f.forceAverageRatePer1000, f.rank, f.rankOf]).toEqual([6, 8.99, 4, 4]);
    expect(f.measures[0]!.series.slice(-2).map((m) => m.count)).toEqual([5, 5]);
    // Its hotspots are its own: no other district is listed as the partnership's.
    expect(f.measures[0]!.hotspots.byCount.map((h) => [h.area, h.count])).toEqual([['Thanet', 60]]);
  });

  it('records with a district column: Thanet 10 against 0 ("Thanet District Council" is not a district name, so its 6 are outside); districts with no rows are no data', () => {
    const c = theme('complaints');
    expect([c.current, c.previous]).toEqual([10, 0]);
    expect(c.districts.map((d) => [d.area, d.current])).toEqual([
      ['Dover', 20],
      ['Thanet', 10],
      ['Canterbury', null],
      ['Folkestone and Hythe', null],
    ]);
  });

  it("counts by LSOA code, placed through the police files' LSOAs: Thanet 24 a year", () => {
    const d = theme('drinking');
    expect([d.current, d.previous]).toEqual([24, 24]);
    expect(d.districts.find((x) => x.area === 'Dover')!.current).toBe(36);
  });

  it('counts by ward, placed by geography.wards in any case: Thanet 36 a year, Town and Castle left out', () => {
    const t = theme('tipping');
    expect([t.current, t.previous]).toEqual([36, 36]);
    expect(t.measures[0]!.hotspots.byCount.map((h) => [h.area, h.count])).toEqual([
      ['CLIFTONVILLE WEST', 24],
      ['Margate Central', 12],
    ]);
  });

  it('ranks on exact rates: Dover 120 / 9,999 is above Thanet 120 / 10,000, though both round to 12.00', () => {
    const b = theme('burglary');
    // Folkestone and Hythe 60 / 1,200 = 50.0 and Canterbury 60 / 1,500 = 40.0 come first.
    expect(b.districts.map((d) => [d.area, d.ratePer1000, d.rank])).toEqual([
      ['Folkestone and Hythe', 50, 1],
      ['Canterbury', 40, 2],
      ['Dover', 12, 3],
      ['Thanet', 12, 4],
    ]);
    expect(b.rank).toBe(4);
    expect(b.summary).toContain('the 4th highest rate of 4 districts');
    expect(a.comparators.filter((c) => c.group === 'force').map((c) => [c.area, c.rank])).toEqual([
      ['Folkestone and Hythe', 1],
      ['Canterbury', 2],
      ['Dover', 3],
      ['Thanet', 4],
    ]);
  });

  it("validate says where each partner's rows went, and the assessment carries it as findings", () => {
    const fire = source('fire');
    expect(fire.placement).toEqual({
      area: { rows: 24, incidents: 108 },
      otherDistricts: [
        { district: 'Canterbury', rows: 24, incidents: 72 },
        { district: 'Dover', rows: 24, incidents: 168 },
        { district: 'Folkestone and Hythe', rows: 24, incidents: 48 },
      ],
      outsideForce: [{ district: 'Medway', rows: 24, incidents: 24 }],
      unplaced: { rows: 24, incidents: 24, examples: ['(empty)'] },
    });
    const messages = validated.warnings.map((w) => w.message);
    expect(messages).toContain(
      '72 rows (288 incidents) are in other districts of the force (Canterbury 72, Dover 168, Folkestone and Hythe 48); 24 rows (108 incidents) are in Thanet',
    );
    expect(messages).toContain('24 rows (24 incidents) name a district that is not in geography.districts: Medway 24');
    expect(messages).toContain('24 rows (24 incidents) have an area that csp cannot place in any district, e.g. "(empty)"');
    expect(source('by-lsoa').placement!.unplaced).toEqual({ rows: 24, incidents: 24, examples: ['E01999999'] });
    expect(source('by-ward').placement!.unplaced).toEqual({ rows: 24, incidents: 216, examples: ['Town and Castle'] });
    expect(source('complaints').placement!.outsideForce).toEqual([{ district: 'Thanet District Council', rows: 6, incidents: 6 }]);
    const unplaced = a.dataQuality.find((f) => f.id === 'unplaced-fire')!;
    expect(unplaced.severity).toBe('warning');
    expect(unplaced.affects).toEqual(['fires']);
    expect(a.dataQuality.find((f) => f.id === 'other-districts-fire')!.message).toContain('108 incidents in Thanet and 288 in the others');
  });
});
