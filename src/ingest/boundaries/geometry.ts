import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import rewind from '@turf/rewind';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify, sphericalTriangleArea } from 'topojson-simplify';
import type { GeometryCollection } from 'topojson-specification';
import type { BoundaryArea } from './types.js';

/** 5 decimals of a degree are about a metre at British latitudes: finer is noise on a map, and bytes. */
const DECIMALS = 5;
const SCALE = 10 ** DECIMALS;

/**
 * Maps are drawn about this many pixels across the areas a layer holds: a vertex whose
 * triangle with its neighbours is under half a square pixel at that size is taken out
 * (Visvalingam's method, on the sphere, as topojson-simplify does it).
 */
export const DETAIL_PX = 800;

const round = (x: number): number => Math.round(x * SCALE) / SCALE;

/** A ring to 5 decimals without repeated positions, closed; null when it no longer encloses anything. */
function cleanRing(ring: readonly Position[]): Position[] | null {
  const out: Position[] = [];
  for (const p of ring) {
    const q = [round(p[0]!), round(p[1]!)];
    const last = out.at(-1);
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  if (out.length > 1 && out[0]![0] === out.at(-1)![0] && out[0]![1] === out.at(-1)![1]) out.pop();
  if (out.length < 3 || planarArea(out) === 0) return null;
  out.push([...out[0]!]);
  return out;
}

/** Twice the signed area of a ring in longitude/latitude (positive: anticlockwise); 0 for a ring with no area. */
function planarArea(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    s += a[0]! * b[1]! - b[0]! * a[1]!;
  }
  return s;
}

/**
 * A polygon or multipolygon to 5 decimals, rings that enclose nothing left out, and every ring
 * wound as d3-geo (and vega) expect: outer rings clockwise, holes anticlockwise. RFC 7946 asks
 * for the reverse, and files mix the two (a part of Swale 008C in the ONS 2021 LSOAs is wound
 * against the rest of its file): d3 draws a ring wound the other way as the whole globe
 * outside it, so every ring is wound here rather than trusting the file. Null when nothing is left.
 */
export function cleanGeometry(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon | null {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const kept: Position[][][] = [];
  for (const rings of polygons) {
    const outer = rings[0] ? cleanRing(rings[0]) : null;
    if (!outer) continue; // a hole without its outer ring is nothing
    const holes = rings.slice(1).map(cleanRing);
    kept.push([outer, ...holes.filter((r): r is Position[] => r !== null)]);
  }
  if (kept.length === 0) return null;
  const out: Polygon | MultiPolygon = kept.length === 1 ? { type: 'Polygon', coordinates: kept[0]! } : { type: 'MultiPolygon', coordinates: kept };
  // reverse: outer rings clockwise (turf's default is RFC 7946's anticlockwise).
  return rewind(out, { reverse: true, mutate: true }) as Polygon | MultiPolygon;
}

/**
 * The areas simplified together, as one topology, so that neighbours keep one shared border
 * (simplified once) and no gaps or overlaps open between them. The threshold is half a square
 * pixel on a map `detailPx` across the areas' extent. An area that simplification would
 * reduce to nothing (a speck of an island) keeps its shape as read.
 */
export function simplifyAreas(areas: readonly BoundaryArea[], detailPx = DETAIL_PX): BoundaryArea[] {
  if (areas.length === 0) return [];
  const collection: FeatureCollection<Polygon | MultiPolygon, { i: number }> = {
    type: 'FeatureCollection',
    features: areas.map((a, i) => ({ type: 'Feature', properties: { i }, geometry: a.geometry })),
  };
  // No quantization: the coordinates are already on a 1e-5° grid, where shared borders meet exactly.
  const topo = topology({ areas: collection }) as Parameters<typeof presimplify>[0];
  const simplified = simplify(presimplify(topo, sphericalTriangleArea), minWeight(areas, detailPx));
  const out = feature(simplified, simplified.objects.areas as GeometryCollection<{ i: number }>) as FeatureCollection<Polygon | MultiPolygon, { i: number }>;
  const byIndex = new Map<number, Feature<Polygon | MultiPolygon, { i: number }>>(out.features.map((f) => [f.properties.i, f]));
  return areas.map((a, i) => {
    const f = byIndex.get(i);
    const geometry = f?.geometry ? cleanGeometry(f.geometry) : null;
    return { ...a, geometry: geometry ?? a.geometry };
  });
}

/** Half a square pixel, in steradians, on a map `detailPx` across the larger side of the areas' extent. */
function minWeight(areas: readonly BoundaryArea[], detailPx: number): number {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const a of areas) {
    const polygons = a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : a.geometry.coordinates;
    for (const [x, y] of polygons.flatMap((rings) => rings[0] ?? [])) {
      x0 = Math.min(x0, x!);
      x1 = Math.max(x1, x!);
      y0 = Math.min(y0, y!);
      y1 = Math.max(y1, y!);
    }
  }
  const radians = Math.PI / 180;
  const width = (x1 - x0) * radians * Math.cos(((y0 + y1) / 2) * radians);
  const height = (y1 - y0) * radians;
  const pixel = Math.max(width, height) / detailPx;
  return (pixel * pixel) / 2;
}
