import { geoDistance } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import { areaFinder, bestFitWards, placeName } from '../../src/analyse/maps/index.js';
import { drawDensity, oglAttribution, policeAttribution, type DensityOptions, type DensityPoint } from '../../src/render/maps/index.js';
import { FILES, layer, monthsOf, pairsOf, samplePolice, viewBoxOf, xmlProblems } from './helpers.js';

const EARTH_M = 6_371_008.8;
let cached: DensityPoint[] | undefined;
/** The sample's Thanet rows of 2025 by point, each named by its LSOA and ward. */
function points(): DensityPoint[] {
  if (cached) return cached;
  const lsoas = layer(FILES.thanetLsoa21, 'lsoa').areas;
  const fits = bestFitWards(lsoas, layer(FILES.thanetWards, 'ward').areas);
  const names = new Map(lsoas.map((a) => [a.code, placeName(a.name!, fits.get(a.code)?.wardName)]));
  return (cached = samplePolice(monthsOf(2025)).points.map((p) => ({ lon: p.lon, lat: p.lat, count: p.count, place: names.get(p.code) })));
}

const options = (o: Partial<DensityOptions> = {}): DensityOptions => ({
  id: 'map-density',
  title: 'Where crime and ASB happen in Thanet',
  points: points(),
  areas: layer(FILES.thanetWards, 'ward').areas,
  measure: 'Crimes and ASB, January to December 2025',
  attribution: oglAttribution(2025),
  ...o,
});

/** Hexagon paths (the ones with six corners). */
const hexagons = (svg: string) =>
  [...svg.matchAll(/<path d="(M[^"]*Z)" fill="(#[0-9a-f]{6})"\/>/g)]
    .map((m) => ({ corners: pairsOf(m[1]!), fill: m[2]! }))
    .filter((h) => h.corners.length === 6);

describe('the density map from the police coordinates', () => {
  it('every row of the sample is in one hexagon: the hexagons add up to the rows', () => {
    const map = drawDensity(options());
    const total = points().reduce((s, p) => s + p.count, 0);
    expect(total).toBe(15_758);
    expect(map.rows.reduce((s, r) => s + r.value!, 0)).toBe(total);
    expect(hexagons(map.svg)).toHaveLength(map.rows.length);
  });

  it('hexagons are 250 m from centre to corner (500 m across) and never smaller, measured on the ground between neighbours', () => {
    for (const asked of [undefined, 100]) {
      const map = drawDensity(options({ radiusMetres: asked }));
      expect(map.legend.length).toBeGreaterThan(0);
      expect(map.svg).toContain('in hexagons 500 m across</text>');
      // Neighbouring centres of a row of hexagons are r√3 apart: 433 m for r = 250 m.
      const centres = map.rows.map((r) => r.code.split(',').map(Number).reverse() as [number, number]);
      const nearest = centres.map((c, i) => Math.min(...centres.filter((_, j) => j !== i).map((d) => geoDistance(c, d) * EARTH_M)));
      const spacing = Math.min(...nearest);
      expect(spacing).toBeGreaterThan(250 * Math.sqrt(3) * 0.97);
      expect(spacing).toBeLessThan(250 * Math.sqrt(3) * 1.03);
    }
    const wider = drawDensity(options({ radiusMetres: 400 }));
    expect(wider.svg).toContain('in hexagons 800 m across</text>');
  });

  it('names the densest hexagons by the place most of their rows are at, in the key and the text alternative', () => {
    const map = drawDensity(options());
    expect(map.rows[0]!.place).toMatch(/^Thanet \d{3}[A-Z] \(.+\)$/);
    const top = map.rows.slice(0, 5).map((r) => `mostly in ${r.place}: ${r.shown}`);
    expect(map.description).toBe(
      `Map of 15,758 crimes and ASB, January to December 2025 in ${map.rows.length} hexagons 500 m across, from ${map.rows.at(-1)!.shown} to ${map.rows[0]!.shown} in a hexagon. Densest: ${top.join('; ')}. The table after the map gives every hexagon.`,
    );
    for (const line of top) expect(map.svg).toContain(`>${line}</text>`);
    expect(xmlProblems(map.svg)).toEqual([]);
  });

  it('the same points give the same bytes in any order', () => {
    expect(drawDensity(options({ points: [...points()].reverse() })).svg).toBe(drawDensity(options()).svg);
  });

  it('without boundaries: fitted to the points, every hexagon inside the map, places from the rows', () => {
    const map = drawDensity(options({ areas: undefined, attribution: policeAttribution() }));
    const [width] = viewBoxOf(map.svg);
    const mapHeight = Math.max(...hexagons(map.svg).flatMap((h) => h.corners.map(([, y]) => y)));
    for (const h of hexagons(map.svg)) {
      for (const [x, y] of h.corners) {
        expect(x).toBeGreaterThanOrEqual(7.5);
        expect(x).toBeLessThanOrEqual(width - 7.5);
        expect(y).toBeGreaterThanOrEqual(7.5);
      }
    }
    expect(mapHeight).toBeLessThan(viewBoxOf(map.svg)[1]);
    expect(map.svg).toContain('Contains public sector information licensed under the Open Government Licence v3.0 (data.police.uk).');
    expect(map.rows[0]!.place).toMatch(/^Thanet /);
  });

  it('without places: a hexagon is named by the LSOA at its centre, or by its coordinates', () => {
    const bare = points().map(({ lon, lat, count }) => ({ lon, lat, count }));
    const find = areaFinder(layer(FILES.thanetLsoa21, 'lsoa').areas);
    const named = drawDensity(options({ points: bare, placeAt: (lon, lat) => find(lon, lat)?.name ?? undefined }));
    expect(named.rows[0]!.place).toMatch(/^Thanet \d{3}[A-Z]$/);
    const unnamed = drawDensity(options({ points: bare, areas: undefined, attribution: policeAttribution() }));
    expect(unnamed.rows[0]!.place).toMatch(/^around 51\.\d{3}° N, 1\.\d{3}° E$/);
  });
});
