import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/ingest/database.js';
import { mapsSection, placeOf, type MapsInput } from '../../src/analyse/maps/section.js';
import type { Config } from '../../src/config/load.js';
import type { Period } from '../../src/core/calendar/periods.js';
import type { MonthlyCounts } from '../../src/analyse/monthly.js';
import type { Populations } from '../../src/analyse/population.js';
import { FILES, layer } from './helpers.js';

const period = { start: '2025-01', end: '2025-12', previousStart: '2024-01', previousEnd: '2024-12' } as Period;
const config = {
  partnership: { area: 'Thanet' },
  period: { months: 12 },
  sources: {
    police: { kind: 'police-uk-street' },
    asb: { kind: 'records', areaLevel: 'ward' },
  },
} as unknown as Config;
const pops: Record<string, number> = { E01024633: 1692, E01024634: 1465 };
const populations: Populations = {
  get: (level, area) => (level === 'lsoa' && pops[area] ? { population: pops[area], year: 2022 } : undefined),
  has: () => true,
  unusedLaterYears: [],
};
const counts = {
  countsByArea: () => [
    { area: 'BEACON ROAD', count: 7 },
    { area: 'Nowhere Ward', count: 2 },
  ],
} as unknown as MonthlyCounts;

describe('the maps section of assessment.json', () => {
  let db: Database;
  let input: MapsInput;
  beforeAll(async () => {
    db = await Database.open();
    const rows: [string, string, string, string, number][] = [];
    // E01024633: a hotspot in every window (persistent); E01024634: only now (emerging); E01999999: in no file.
    for (const [month, code, n] of [
      ['2025-03', 'E01024633', 300],
      ['2024-03', 'E01024633', 300],
      ['2023-03', 'E01024633', 300],
      ['2025-04', 'E01024634', 200],
      ['2024-04', 'E01024634', 1],
      ['2025-05', 'E01999999', 4],
    ] as const)
      rows.push([month, 'Violence and sexual offences', code, code === 'E01999999' ? 'Thanet 099Z' : code === 'E01024633' ? 'Thanet 006A' : 'Thanet 006B', n]);
    rows.push(['2025-06', 'Anti-social behaviour', 'E01024633', 'Thanet 006A', 5]);
    for (const [month, category, code, name, n] of rows)
      await db.run(
        `INSERT INTO incidents (source, file_id, month, category, area_code, area_name, district, in_force, n) VALUES ('police', 1, ?, ?, ?, ?, 'Thanet', true, ?)`,
        [month, category, code, name, n],
      );
    input = {
      db,
      config,
      period,
      counts,
      populations,
      coverage: new Map([['police', { first: '2023-01', last: '2025-12' }]]),
      densityMap: true,
      boundaries: { lsoa: [layer(FILES.thanetLsoa21, 'lsoa')], ward: [layer(FILES.thanetWards, 'ward')], attribution: null },
      figures: [
        { figure: 'allCrime', name: 'All crime', selection: { source: 'police', exclude: ['Anti-social behaviour'] } },
        { figure: 'asb', name: 'ASB', selection: { source: 'police', categories: ['Anti-social behaviour'] } },
        { figure: 'asb', name: 'ASB', selection: { source: 'asb' } },
      ],
    };
  });
  afterAll(() => db.close());

  it('gives every LSOA of the file its count, population and rate, its ward and its place', async () => {
    const { maps } = await mapsSection(input);
    expect(maps!.lsoas).toHaveLength(86);
    expect(maps!.attribution).toBe(
      'Contains OS data © Crown copyright and database right 2021. Source: Office for National Statistics licensed under the Open Government Licence v3.0.',
    );
    const all = maps!.byLsoa.find((f) => f.figure === 'allCrime')!;
    expect(all.areas).toHaveLength(86);
    expect(all.areas.find((a) => a.code === 'E01024633')).toEqual({ code: 'E01024633', count: 300, ratePer1000: 177.3 });
    expect(all.areas.find((a) => a.code === 'E01024634')).toEqual({ code: 'E01024634', count: 200, ratePer1000: 136.52 });
    expect(all.areas.find((a) => a.code === 'E01024635')).toEqual({ code: 'E01024635', count: 0, ratePer1000: null });
    expect(maps!.byLsoa.find((f) => f.figure === 'asb')!.areas.find((a) => a.code === 'E01024633')!.count).toBe(5);
    const l = maps!.lsoas.find((x) => x.code === 'E01024633')!;
    expect(l).toMatchObject({ name: 'Thanet 006A', wardName: 'Beacon Road', place: 'Thanet 006A (Beacon Road)', population: 1692 });
    expect(placeOf(maps)('Thanet 006A')).toBe('Thanet 006A (Beacon Road)');
  });

  it('maps the partners by ward, their unknown wards listed; classes hotspots over three windows', async () => {
    const { maps } = await mapsSection(input);
    const asb = maps!.byWard[0]!;
    expect(asb.source).toBe('asb');
    expect(asb.areas).toHaveLength(23);
    expect(asb.areas.find((w) => w.code === 'E05005081')!.count).toBe(7);
    expect(asb.unmatched).toEqual([{ ward: 'Nowhere Ward', count: 2 }]);
    const h = maps!.hotspotsOverTime!;
    expect(h.windows).toBe(3);
    expect(h.spans[2]).toEqual({ start: '2023-01', end: '2023-12' });
    expect(h.areas.slice(0, 2).map((a) => [a.area, a.class])).toEqual([
      ['E01024633', 'persistent'],
      ['E01024634', 'emerging'],
    ]);
  });

  it('says the codes in no file, and what boundaries would add when there are none', async () => {
    const { findings } = await mapsSection(input);
    expect(findings.map((f) => f.id)).toEqual(['maps-lsoas-unmatched']);
    expect(findings[0]!.message).toContain('Thanet 099Z (E01999999): 4 rows');
    const none = await mapsSection({ ...input, boundaries: null });
    expect(none.maps).toBeNull();
    expect(none.findings.map((f) => f.id)).toEqual(['maps-no-boundaries']);
  });
});
