import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { cli, readAssessment, workspace } from './helpers.js';

/**
 * All crime from the force's own crime export (issue 20 item 7), and one answer from validate
 * and assess when there is no source for it.
 */
const MONTHS = ['2024', '2025'].flatMap((y) => Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`));

// The force's export, a row per crime with its district: Thanet 8 crimes a month in 2024 and 9 in
// 2025 (one of them "Non-crime incident" each month, which allCrime leaves out), Dover 6 a month.
const forceExport = [
  'Crime Ref,Recorded,Offence,Local Authority',
  ...MONTHS.flatMap((m, k) => {
    const date = `15/${m.slice(5)}/${m.slice(0, 4)}`;
    const thanet = m < '2025' ? 7 : 8;
    return [
      ...Array.from({ length: thanet }, (_, i) => `T${k}-${i},${date},Burglary,Thanet`),
      `N${k},${date},Non-crime incident,Thanet`,
      ...Array.from({ length: 6 }, (_, i) => `D${k}-${i},${date},Violence,Dover`),
    ];
  }),
].join('\n');

const base = (sources: string, extra = '') => `partnership: {name: Test CSP, area: Thanet, force: Kent Police}
period: {end: 2025-12, months: 12}
geography:
  districts: [{name: Thanet}, {name: Dover}]
sources:
${sources}
  population:
    kind: population
    files: population.csv
    columns: {area: Area, level: Level, population: Population}
${extra}
ranking:
  recommend: 1
  criteria:
    volume: {thresholds: [90, 110]}
    trend: {}
output: {date: 2026-01-15}
`;
const POPULATION = 'Area,Level,Population\nThanet,district,1000\nDover,district,2000\n';
const FORCE = `  force-crime:
    kind: records
    files: force.csv
    areaLevel: district
    columns: {date: Recorded, category: Offence, area: Local Authority, id: Crime Ref}`;

describe("all crime from a force's own export", () => {
  it("counts the area's crimes from the source allCrime names, with the force comparison", async () => {
    const dir = workspace({
      'csp.yaml': base(
        FORCE,
        `allCrime: {source: force-crime, exclude: [Non-crime incident]}
themes:
  - {id: burglary, name: Burglary, categories: {force-crime: [Burglary]}}`,
      ),
      'force.csv': forceExport,
      'population.csv': POPULATION,
    });
    const r = await cli(['assess', '--config', path.join(dir, 'csp.yaml'), '--quiet', '--format', 'html']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const a = readAssessment(path.join(dir, 'out'));
    // Thanet: 12 × 8 = 96 against 12 × 7 = 84; Dover 12 × 6 = 72 each year.
    expect([a.allCrime.source, a.allCrime.current, a.allCrime.previous]).toEqual(['force-crime', 96, 84]);
    // 96 / 1,000 = 96.0 per 1,000; Dover 72 / 2,000 = 36.0; force (96 + 72) / 3,000 = 56.0.
    expect([a.allCrime.ratePer1000, a.allCrime.forceAverageRatePer1000, a.allCrime.rank, a.allCrime.rankOf]).toEqual([96, 56, 1, 2]);
    expect(a.comparators.map((c) => [c.area, c.current])).toEqual([
      ['Thanet', 96],
      ['Dover', 72],
    ]);
    // The volume criterion has a force average from a return by district.
    const burglary = a.ranking.themes.find((t) => t.id === 'burglary')!;
    // Burglary: Thanet 96 per 1,000 against the force's 96 / 3,000 = 32.0 (Dover has none): 300%.
    expect(burglary.criteria.find((c) => c.id === 'volume')!.raw).toBe(300);
  });

  it('without a police source or allCrime, validate and assess both refuse, naming the fix', async () => {
    const dir = workspace({ 'csp.yaml': base(FORCE), 'force.csv': forceExport, 'population.csv': POPULATION });
    const config = path.join(dir, 'csp.yaml');
    const v = await cli(['validate', '--config', config]);
    const a = await cli(['assess', '--config', config, '--format', 'html']);
    for (const r of [v, a]) {
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('there is no source for all crime: no police-uk-street source, and allCrime does not name one');
      expect(r.stderr).toContain('allCrime: {source: ID}');
    }
  });

  it('allCrime naming a source that does not exist, or one that holds no crimes', async () => {
    const dir = workspace({ 'csp.yaml': base(FORCE, 'allCrime: {source: force-crim}'), 'force.csv': forceExport, 'population.csv': POPULATION });
    const r = await cli(['validate', '--config', path.join(dir, 'csp.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/allCrime\.source "force-crim" is not in sources[\s\S]*did you mean "force-crime"\?/);
    const dir2 = workspace({ 'csp.yaml': base(FORCE, 'allCrime: {source: population}'), 'force.csv': forceExport, 'population.csv': POPULATION });
    const r2 = await cli(['validate', '--config', path.join(dir2, 'csp.yaml')]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('allCrime.source "population" is a population source, which holds no crimes');
  });
});
