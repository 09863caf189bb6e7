import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { geoArea, geoBounds } from 'd3-geo';
import rewind from '@turf/rewind';
import { topology } from 'topojson-server';
import { describe, expect, it } from 'vitest';
import { CspError } from '../../src/core/errors.js';
import { parseBoundaries, readBoundaryFile, type BoundaryLayer, type BoundaryLevel } from '../../src/ingest/boundaries/index.js';
import { FILES, FIXTURES, layer } from './helpers.js';

type Collection = FeatureCollection<Polygon | MultiPolygon>;
const raw = (file: string): Collection => JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8'));
const parse = (json: unknown, level: BoundaryLevel, extra: Partial<Parameters<typeof parseBoundaries>[1]> = {}): BoundaryLayer =>
  parseBoundaries(json, { level, where: { file: 'areas.geojson', key: `geography.boundaries.${level}` }, ...extra });

/** The problem a parse throws, as the user sees it (exit code, message, where). */
function problem(run: () => unknown): { exit: number; message: string; file?: string; key?: string; hint?: string } {
  try {
    run();
  } catch (e) {
    if (!(e instanceof CspError)) throw e;
    const p = e.problems[0]!;
    return { exit: e.exitCode, message: p.message, file: p.where?.file, key: p.where?.key, hint: p.hint };
  }
  throw new Error('no problem was thrown');
}

const rings = (g: Polygon | MultiPolygon): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
/** Twice the signed planar area of a ring in longitude/latitude: negative is clockwise. */
const signed = (ring: Position[]) => ring.slice(1).reduce((s, b, i) => s + (ring[i]![0]! * b[1]! - b[0]! * ring[i]![1]!), 0);
const positions = (g: Polygon | MultiPolygon) => rings(g).flat(2);
/** Kent and Medway, generously: every Kent LSOA lies inside it. */
const KENT = { west: -0.1, east: 1.5, south: 50.85, north: 51.6 };

describe('the real ONS boundary files', () => {
  it.each([
    ['thanetLsoa21', FILES.thanetLsoa21, 'lsoa', 86, 'LSOA21CD', 'LSOA21NM', 2021],
    ['thanetLsoa11', FILES.thanetLsoa11, 'lsoa', 84, 'LSOA11CD', 'LSOA11NM', 2011],
    ['thanetWards', FILES.thanetWards, 'ward', 23, 'WD25CD', 'WD25NM', 2025],
    ['swaleLsoa21', FILES.swaleLsoa21, 'lsoa', 90, 'LSOA21CD', 'LSOA21NM', 2021],
  ] as const)('%s: every feature one area, its properties found by their ONS names', (_, file, level, n, code, name, year) => {
    const l = layer(file, level);
    expect(l.areas).toHaveLength(n);
    expect(raw(file).features).toHaveLength(n);
    expect([l.codeProperty, l.nameProperty, l.year]).toEqual([code, name, year]);
    expect(l.skipped).toEqual({ notPolygons: 0, notKept: 0, noCode: 0 });
    expect(new Set(l.areas.map((a) => a.code)).size).toBe(n);
    expect(l.areas.map((a) => a.code)).toEqual(
      raw(file)
        .features.map((f) => String(f.properties![code]))
        .sort(),
    );
  });

  it('Swale 008C, wound against the rest of its file, is the whole globe as read but Swale once csp has wound it', () => {
    const feature = raw(FILES.swaleLsoa21).features.find((f) => f.properties!.LSOA21CD === 'E01024572')!;
    // As the ONS file has it, d3-geo takes the anticlockwise part for the globe outside it: 4π steradians.
    expect(geoArea(feature)).toBeGreaterThan(4 * Math.PI - 0.01);
    const area = layer(FILES.swaleLsoa21, 'lsoa').areas.find((a) => a.code === 'E01024572')!;
    expect(area.name).toBe('Swale 008C');
    // About 12.9 km² on the ground (3.19e-7 sr × 6,371 km²): small, as an LSOA is.
    expect(geoArea(area.geometry)).toBeGreaterThan(3.1e-7);
    expect(geoArea(area.geometry)).toBeLessThan(3.3e-7);
    const [[west, south], [east, north]] = geoBounds(area.geometry);
    expect(west).toBeGreaterThan(KENT.west);
    expect(east).toBeLessThan(KENT.east);
    expect(south).toBeGreaterThan(KENT.south);
    expect(north).toBeLessThan(KENT.north);
  });

  it.each(Object.entries(FILES))('%s: every ring wound as d3-geo expects, and no area larger than a district', (_, file) => {
    const l = layer(file, file.startsWith('ward') ? 'ward' : 'lsoa');
    for (const a of l.areas) {
      for (const polygon of rings(a.geometry)) {
        expect(signed(polygon[0]!), `${a.code}'s outer ring`).toBeLessThan(0);
        for (const hole of polygon.slice(1)) expect(signed(hole), `${a.code}'s hole`).toBeGreaterThan(0);
      }
      // 1e-5 sr is 406 km², more than Swale (373 km²) or Thanet (103 km²) as a whole; a globe is 12.6 sr.
      expect(geoArea(a.geometry), a.code).toBeLessThan(1e-5);
    }
  });

  it('a file wound as RFC 7946 asks (outer rings anticlockwise) reads to the same areas, byte for byte', () => {
    const rfc = rewind(raw(FILES.thanetLsoa21), { reverse: false }) as Collection;
    expect(signed((rfc.features[0]!.geometry as Polygon).coordinates[0]!)).toBeGreaterThan(0);
    expect(JSON.stringify(parse(rfc, 'lsoa').areas)).toBe(JSON.stringify(layer(FILES.thanetLsoa21, 'lsoa').areas));
  });

  it('coordinates are kept to 5 decimals', () => {
    for (const a of layer(FILES.thanetLsoa21, 'lsoa').areas) {
      for (const [x, y] of positions(a.geometry)) {
        expect(Math.round(x! * 1e5) / 1e5).toBe(x);
        expect(Math.round(y! * 1e5) / 1e5).toBe(y);
      }
    }
  });

  it('simplified with their neighbours: fewer positions, every area within 2% of its area as published, the district within 0.2%', () => {
    for (const [file, level] of [
      [FILES.thanetLsoa21, 'lsoa'],
      [FILES.thanetWards, 'ward'],
      [FILES.swaleLsoa21, 'lsoa'],
    ] as const) {
      const published = raw(file).features.map((f) => rewind(f, { reverse: true }) as Feature<Polygon | MultiPolygon>);
      const before = new Map(published.map((f) => [String(f.properties![layer(file, level).codeProperty]), f]));
      const l = layer(file, level);
      const count = (gs: (Polygon | MultiPolygon)[]) => gs.reduce((s, g) => s + positions(g).length, 0);
      expect(count(l.areas.map((a) => a.geometry))).toBeLessThan(count(published.map((f) => f.geometry)));
      let total = 0;
      let totalBefore = 0;
      for (const a of l.areas) {
        const was = geoArea(before.get(a.code)!);
        expect(Math.abs(geoArea(a.geometry) / was - 1), a.code).toBeLessThan(0.02);
        total += geoArea(a.geometry);
        totalBefore += was;
      }
      expect(Math.abs(total / totalBefore - 1)).toBeLessThan(0.002);
    }
  });

  it('TopoJSON reads to the same areas as the GeoJSON it was made from (codes, names, within 0.5% of each area)', () => {
    const topo = topology({ lsoas: raw(FILES.thanetLsoa21) }, 1e6);
    const fromTopo = parse(JSON.parse(JSON.stringify(topo)), 'lsoa');
    const fromGeo = layer(FILES.thanetLsoa21, 'lsoa');
    expect(fromTopo.areas.map((a) => [a.code, a.name])).toEqual(fromGeo.areas.map((a) => [a.code, a.name]));
    fromTopo.areas.forEach((a, i) => expect(Math.abs(geoArea(a.geometry) / geoArea(fromGeo.areas[i]!.geometry) - 1), a.code).toBeLessThan(0.005));
  });

  it('TopoJSON whose codes are the geometries’ ids (as mapshaper writes them) is read by its ids', () => {
    const bare: Collection = {
      type: 'FeatureCollection',
      features: raw(FILES.thanetWards).features.map((f) => ({ type: 'Feature', id: f.properties!.WD25CD, properties: {}, geometry: f.geometry })),
    };
    const l = parse(JSON.parse(JSON.stringify(topology({ wards: bare }))), 'ward');
    expect(l.codeProperty).toBe('id');
    expect(l.areas.map((a) => a.code)).toEqual(layer(FILES.thanetWards, 'ward').areas.map((a) => a.code));
  });

  it('numbered features (ogr2ogr writes ids 0, 1, 2…) are not taken for codes', () => {
    const numbered = { ...raw(FILES.thanetWards), features: raw(FILES.thanetWards).features.map((f, i) => ({ ...f, id: i, properties: { FID: i } })) };
    expect(problem(() => parse(numbered, 'ward')).message).toBe(
      "csp cannot tell which property of the boundary file holds the wards' codes: its properties are FID",
    );
  });

  it('a TopoJSON file of several objects is read from the one that holds the codes, or the one csp.yaml names', () => {
    const topo = JSON.parse(JSON.stringify(topology({ wards: raw(FILES.thanetWards), lsoas: raw(FILES.thanetLsoa21) })));
    expect(parse(topo, 'ward').areas).toHaveLength(23);
    expect(parse(topo, 'lsoa').areas).toHaveLength(86);
    expect(parse(topo, 'lsoa', { object: 'lsoas', codeProperty: 'LSOA21CD' }).areas).toHaveLength(86);
    expect(problem(() => parse(topo, 'lsoa', { object: 'msoas' })).message).toBe('the TopoJSON file has no object "msoas"; its objects are wards, lsoas');
  });

  it('keep: a larger file read for one district keeps its areas only, and counts the others', () => {
    const l = parse(raw(FILES.swaleLsoa21), 'lsoa', { keep: (a) => a.name?.startsWith('Swale 008') ?? false });
    expect(l.areas.map((a) => a.name).sort()).toEqual(['Swale 008A', 'Swale 008B', 'Swale 008C', 'Swale 008D', 'Swale 008E']);
    expect(l.areas.length + l.skipped.notKept).toBe(90);
    expect(l.areas.find((a) => a.code === 'E01024572')).toBeDefined();
  });

  it('properties named in csp.yaml are used; lower-case ONS names are found', () => {
    const lower: Collection = {
      ...raw(FILES.thanetLsoa11),
      features: raw(FILES.thanetLsoa11).features.map((f) => ({ ...f, properties: { lsoa11cd: f.properties!.LSOA11CD, lsoa11nm: f.properties!.LSOA11NM } })),
    };
    expect([parse(lower, 'lsoa').codeProperty, parse(lower, 'lsoa').nameProperty, parse(lower, 'lsoa').year]).toEqual(['lsoa11cd', 'lsoa11nm', 2011]);
    const named = parse(raw(FILES.thanetLsoa21), 'lsoa', { codeProperty: 'LSOA21CD', nameProperty: 'GlobalID' });
    expect(named.areas[0]!.name).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('a wrong boundary file is refused (exit 2), naming the file and the key', () => {
  it('wards given as LSOAs, and LSOAs as wards', () => {
    const wards = problem(() => parse(raw(FILES.thanetWards), 'lsoa'));
    expect(wards).toMatchObject({ exit: 2, file: 'areas.geojson', key: 'geography.boundaries.lsoa' });
    expect(wards.message).toBe('the boundary file holds wards, not LSOAs: its code property is WD25CD');
    expect(wards.hint).toBe('list it under geography.boundaries.ward instead, and give the LSOAs under geography.boundaries.lsoa');
    expect(problem(() => parse(raw(FILES.thanetLsoa21), 'ward')).message).toBe('the boundary file holds LSOAs, not wards: its code property is LSOA21CD');
  });

  it('a codeProperty of the wrong level: the codes say what the file holds', () => {
    const p = problem(() => parse(raw(FILES.thanetWards), 'lsoa', { codeProperty: 'WD25CD' }));
    expect(p.message).toBe("the boundary file holds wards, not LSOAs: its codes (WD25CD) are wards' codes, e.g. E05005081");
  });

  it('no code property csp can find, or one csp.yaml names that is not there', () => {
    const bare: Collection = { ...raw(FILES.thanetWards), features: raw(FILES.thanetWards).features.map((f) => ({ ...f, properties: { FID: 1, NAME: 'x' } })) };
    const none = problem(() => parse(bare, 'ward'));
    expect(none.message).toBe("csp cannot tell which property of the boundary file holds the wards' codes: its properties are FID, NAME");
    expect(none.hint).toContain('codeProperty');
    expect(problem(() => parse(raw(FILES.thanetWards), 'ward', { codeProperty: 'WD24CD' })).message).toMatch(
      /^the boundary file has no property "WD24CD" \(named as its codeProperty\); its properties are FID, WD25CD, WD25NM/,
    );
  });

  it('not GeoJSON or TopoJSON, no areas, or coordinates in metres', () => {
    expect(problem(() => parse({ type: 'GeometryCollection', geometries: [] }, 'lsoa')).message).toBe(
      'the boundary file is neither GeoJSON (a FeatureCollection) nor TopoJSON (a Topology): it is a GeometryCollection',
    );
    const points = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { LSOA21CD: 'E01024633' }, geometry: { type: 'Point', coordinates: [1.4, 51.3] } }],
    };
    expect(problem(() => parse(points, 'lsoa')).message).toBe('the boundary file holds no areas: none of its 1 features is a polygon with a code');
    const bng = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { LSOA21CD: 'E01024633' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [638431, 169129],
                [638531, 169129],
                [638531, 169229],
                [638431, 169129],
              ],
            ],
          },
        },
      ],
    };
    const metres = problem(() => parse(bng, 'lsoa'));
    expect(metres.message).toBe(
      'the coordinates of feature 1 (E01024633) are not longitude and latitude (e.g. 638431, 169129: metres of the British National Grid?)',
    );
    expect(metres.hint).toContain('EPSG:4326');
  });

  it('a file that is not JSON, read from disk', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'csp-boundaries-'));
    writeFileSync(path.join(dir, 'wards.shp'), Buffer.from([0, 0, 39, 10, 0, 0]));
    const p = problem(() => readBoundaryFile(path.join(dir, 'wards.shp'), { level: 'ward', where: { file: 'wards.shp', key: 'geography.boundaries.ward' } }));
    expect(p).toMatchObject({ exit: 2, file: 'wards.shp', key: 'geography.boundaries.ward' });
    expect(p.message).toMatch(/^the boundary file is not JSON \(/);
    expect(p.hint).toContain('shapefile');
    const missing = problem(() =>
      readBoundaryFile(path.join(dir, 'gone.geojson'), { level: 'ward', where: { file: 'gone.geojson', key: 'geography.boundaries.ward' } }),
    );
    expect(missing).toMatchObject({ exit: 2, message: 'the boundary file does not exist', file: 'gone.geojson' });
  });
});

describe('keep by shape', () => {
  it("wards kept by whether they overlap a box: the wards of Thanet's Isle (east of 1.35° E) only", () => {
    const l = parse(raw(FILES.thanetWards), 'ward', { keep: (a) => rings(a.geometry).some((p) => p[0]!.some(([x]) => x! > 1.35)) });
    expect(l.areas.length).toBeGreaterThan(10);
    expect(l.areas.length + l.skipped.notKept).toBe(23);
    expect(l.areas.map((a) => a.name)).not.toContain('Birchington North');
  });
});
