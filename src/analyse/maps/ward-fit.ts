import { geoCentroid, geoContains } from 'd3-geo';
import type { BoundaryArea } from '../../ingest/boundaries/index.js';
import { bbox, gridPoints, inBox } from './points.js';

/** The ward an LSOA is given, and how it was found. */
export interface WardFit {
  ward: string;
  wardName: string | null;
  /**
   * centroid: the ward holds the LSOA's centroid, which lies in the LSOA. share: the LSOA's
   * centroid lies outside it (a crescent, a coastal strip) or in no ward, so the ward is the one
   * that holds most of a grid of points over the LSOA: the ward with the largest share of its area.
   */
  method: 'centroid' | 'share';
}

/** Points per side of the grid the share is measured on: 16 × 16 over the LSOA's box, about 200 inside it. */
const GRID = 16;

/**
 * Each LSOA's best-fit ward, from the boundaries alone: the ward that holds the LSOA's
 * centroid, or, where the centroid is no good (outside the LSOA itself, or outside every ward),
 * the ward that holds most of the LSOA's area. LSOAs do not nest in wards (2021 LSOAs against
 * 2025 wards), so this is a best fit, as the ONS's own lookups are (they use population-weighted
 * centroids, which csp does not have). An LSOA that lies in no ward of the file has none.
 */
export function bestFitWards(lsoas: readonly BoundaryArea[], wards: readonly BoundaryArea[]): Map<string, WardFit> {
  const boxed = wards.map((w) => ({ w, box: bbox(w.geometry) }));
  const wardAt = (p: [number, number]) => boxed.find(({ w, box }) => inBox(box, p) && geoContains(w.geometry, p))?.w;
  const out = new Map<string, WardFit>();
  for (const lsoa of lsoas) {
    const c = geoCentroid(lsoa.geometry);
    const byCentroid = geoContains(lsoa.geometry, c) ? wardAt(c) : undefined;
    if (byCentroid) {
      out.set(lsoa.code, { ward: byCentroid.code, wardName: byCentroid.name, method: 'centroid' });
      continue;
    }
    const votes = new Map<BoundaryArea, number>();
    for (const p of gridPoints(lsoa.geometry, GRID)) {
      const w = wardAt(p);
      if (w) votes.set(w, (votes.get(w) ?? 0) + 1);
    }
    const [best] = [...votes].sort((a, b) => b[1] - a[1] || (a[0].code < b[0].code ? -1 : 1));
    if (best) out.set(lsoa.code, { ward: best[0].code, wardName: best[0].name, method: 'share' });
  }
  return out;
}

/** An area's name with its ward, as the hotspot tables print it: "Thanet 001A (Cliftonville West)"; the name alone without one. */
export const placeName = (name: string, ward: string | null | undefined): string => (ward ? `${name} (${ward})` : name);
