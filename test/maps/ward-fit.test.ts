import { geoBounds, geoContains } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import { bestFitWards, placeName } from '../../src/analyse/maps/index.js';
import type { BoundaryArea } from '../../src/ingest/boundaries/index.js';
import { FILES, layer } from './helpers.js';

const lsoas = () => layer(FILES.thanetLsoa21, 'lsoa').areas;
const wards = () => layer(FILES.thanetWards, 'ward').areas;

/** The ward holding most of an LSOA's area, measured independently: a 40 × 40 grid over the LSOA, each point inside it given the ward it lies in. */
function largestShare(lsoa: BoundaryArea, all: readonly BoundaryArea[]): { ward: string; share: number } {
  const [[x0, y0], [x1, y1]] = geoBounds(lsoa.geometry);
  const near = all.filter((w) => {
    const [[a, b], [c, d]] = geoBounds(w.geometry);
    return a! <= x1! && c! >= x0! && b! <= y1! && d! >= y0!;
  });
  const votes = new Map<string, number>();
  let inside = 0;
  for (let i = 0; i < 40; i++)
    for (let j = 0; j < 40; j++) {
      const p: [number, number] = [x0! + ((i + 0.5) * (x1! - x0!)) / 40, y0! + ((j + 0.5) * (y1! - y0!)) / 40];
      if (!geoContains(lsoa.geometry, p)) continue;
      inside++;
      const w = near.find((w) => geoContains(w.geometry, p));
      if (w) votes.set(w.name!, (votes.get(w.name!) ?? 0) + 1);
    }
  const [best] = [...votes].sort((a, b) => b[1] - a[1]);
  return { ward: best![0], share: best![1] / inside };
}

describe("each LSOA's best-fit ward, from the real Thanet boundaries (2021 LSOAs, 2025 wards)", () => {
  it('every one of the 86 LSOAs gets one of the 23 wards; every ward gets at least one LSOA', () => {
    const fits = bestFitWards(lsoas(), wards());
    expect(fits.size).toBe(86);
    const names = new Set(wards().map((w) => w.name));
    for (const f of fits.values()) expect(names.has(f.wardName)).toBe(true);
    expect(new Set([...fits.values()].map((f) => f.wardName)).size).toBe(23);
  });

  it('by the centroid, or, for the four LSOAs whose centroid lies outside them, by the largest share of their area', () => {
    const fits = bestFitWards(lsoas(), wards());
    const byShare = lsoas()
      .filter((a) => fits.get(a.code)!.method === 'share')
      .map((a) => `${a.name} → ${fits.get(a.code)!.wardName}`)
      .sort();
    expect(byShare).toEqual(['Thanet 008B → Birchington North', 'Thanet 010D → Viking', 'Thanet 011C → St Peters', 'Thanet 017B → Cliffsend and Pegwell']);
  });

  it('the ward given holds the largest share of every LSOA (measured on a finer grid): LSOAs nearly nest in the wards', () => {
    const fits = bestFitWards(lsoas(), wards());
    const shares = lsoas().map((a) => ({ a, ...largestShare(a, wards()) }));
    for (const { a, ward } of shares) expect(fits.get(a.code)!.wardName, a.name!).toBe(ward);
    // The least-nested LSOA still has most of its area in its ward.
    expect(Math.min(...shares.map((s) => s.share))).toBeGreaterThan(0.9);
  });

  it('names the place as the hotspot tables print it', () => {
    const fits = bestFitWards(lsoas(), wards());
    const byName = new Map(lsoas().map((a) => [a.name, placeName(a.name!, fits.get(a.code)?.wardName)]));
    expect(byName.get('Thanet 001A')).toBe('Thanet 001A (Cliftonville West)');
    expect(byName.get('Thanet 016A')).toBe('Thanet 016A (Central Harbour)');
    expect(byName.get('Thanet 003A')).toBe('Thanet 003A (Margate Central)');
    expect(placeName('Thanet 001A', null)).toBe('Thanet 001A');
  });

  it('an LSOA outside every ward of the file gets none (no guess from the nearest)', () => {
    const swale = layer(FILES.swaleLsoa21, 'lsoa').areas.slice(0, 3);
    expect(bestFitWards(swale, wards()).size).toBe(0);
  });
});
