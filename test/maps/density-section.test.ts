import { geoDistance } from 'd3-geo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/ingest/database.js';
import { densitySection } from '../../src/analyse/maps/density.js';
import { densityMap } from '../../src/render/views/density-map.js';
import type { Assessment } from '../../src/analyse/assessment-schema.js';
import type { Config } from '../../src/config/load.js';
import type { Period } from '../../src/core/calendar/periods.js';

/**
 * The density section of assessment.json from police_points and incidents, every figure counted
 * by hand from the rows inserted below: the current window's all crime (ASB left out), by point.
 */
const period = { start: '2025-01', end: '2025-12', label: 'Jan–Dec 2025' } as Period;
const config = { partnership: { area: 'Thanet' }, sources: { police: { kind: 'police-uk-street' }, council: { kind: 'records' } } } as unknown as Config;
const allCrime = { figure: 'allCrime', name: 'All crime (excluding ASB)', selection: { source: 'police', exclude: ['Anti-social behaviour'] } };

describe('the density section', () => {
  let db: Database;
  beforeAll(async () => {
    db = await Database.open();
    const points: [string, string, string, number, number, number][] = [
      ['2025-02', 'Burglary', 'E01024633', 1.38, 51.39, 4], // point A
      ['2025-07', 'Robbery', 'E01024633', 1.38, 51.39, 2], // point A again, another month and category: 6 there
      ['2025-07', 'Drugs', 'E01024634', 1.4, 51.38, 3], // point B
      ['2025-07', 'Anti-social behaviour', 'E01024634', 1.4, 51.38, 50], // ASB: not all crime
      ['2024-12', 'Burglary', 'E01024633', 1.38, 51.39, 9], // before the window
    ];
    for (const [month, category, code, lon, lat, n] of points)
      await db.run(`INSERT INTO police_points (source, file_id, month, category, area_code, lon, lat, n) VALUES ('police', 1, ?, ?, ?, ?, ?, ?)`, [
        month,
        category,
        code,
        lon,
        lat,
        n,
      ]);
    // The area's incidents: the rows at points above, and 5 burglaries of E01024633 with no point.
    const incidents: [string, string, string, string, string, number][] = [
      ['2025-02', 'Burglary', 'E01024633', 'Thanet 001A', 'Thanet', 4 + 5],
      ['2025-07', 'Robbery', 'E01024633', 'Thanet 001A', 'Thanet', 2],
      ['2025-07', 'Drugs', 'E01024634', 'Thanet 001B', 'Thanet', 3],
      ['2025-07', 'Anti-social behaviour', 'E01024634', 'Thanet 001B', 'Thanet', 50],
      ['2025-07', 'Drugs', 'E01000100', 'Dover 001A', 'Dover', 7], // another district
    ];
    for (const [month, category, code, name, district, n] of incidents)
      await db.run(
        `INSERT INTO incidents (source, file_id, month, category, area_code, area_name, district, in_force, n) VALUES ('police', 1, ?, ?, ?, ?, ?, true, ?)`,
        [month, category, code, name, district, n],
      );
  });
  afterAll(() => db.close());

  it('gives each point of the window its rows, and counts the rows with no point', async () => {
    const d = (await densitySection({ db, config, period, figure: allCrime }))!;
    expect(d.rows).toBe(14); // 9 + 2 + 3
    expect(d.withoutPoint).toBe(5);
    expect(d.points).toEqual([
      { lon: 1.38, lat: 51.39, lsoa: 'E01024633', count: 6 },
      { lon: 1.4, lat: 51.38, lsoa: 'E01024634', count: 3 },
    ]);
    expect(d.lsoas).toEqual([
      { code: 'E01024633', name: 'Thanet 001A' },
      { code: 'E01024634', name: 'Thanet 001B' },
    ]);
  });

  it('is null for a figure that is not of a police source', async () => {
    expect(await densitySection({ db, config, period, figure: { ...allCrime, selection: { source: 'council' } } })).toBeNull();
  });

  it('drawn without boundaries: the rows with no point said under the map and in its text alternative, places from the police files', async () => {
    const density = (await densitySection({ db, config, period, figure: allCrime }))!;
    const a = { density, maps: null, period, area: { name: 'Thanet' } } as unknown as Assessment;
    const map = densityMap(a, null)!;
    expect(map.description).toContain(
      'Map of 9 crimes, Jan–Dec 2025 in 2 hexagons 500 m across, from 3 to 6 in a hexagon. Densest: mostly in Thanet 001A: 6; mostly in Thanet 001B: 3.',
    );
    expect(map.description).toContain('5 of the 14 crimes (35.7%) have no location in the police data and are not on this map.');
    expect(map.svg).toContain('Contains public sector information licensed under the Open Government Licence v3.0 (data.police.uk).');
    expect(map.svg).not.toContain('Office for National Statistics');
    // Each hexagon's centre is within its 250 m radius of the point in it.
    const rows = map.table!.rows.map((r) => r.cells.map((c) => c.text));
    expect(rows.map((r) => r.slice(0, 2))).toEqual([
      ['Thanet 001A', '6'],
      ['Thanet 001B', '3'],
    ]);
    const centre = (i: number) => rows[i]![2]!.split(',').map(Number).reverse() as [number, number];
    expect(geoDistance(centre(0), [1.38, 51.39]) * 6_371_008.8).toBeLessThan(250);
    expect(geoDistance(centre(1), [1.4, 51.38]) * 6_371_008.8).toBeLessThan(250);
    expect(densityMap({ ...a, density: { ...density, points: [] } }, null)).toBeNull();
  });
});
