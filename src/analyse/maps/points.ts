import type { MultiPolygon, Polygon, Position } from 'geojson';
import { geoArea, geoBounds, geoCentroid, geoContains, geoDistance } from 'd3-geo';

type Shape = Polygon | MultiPolygon;

/**
 * A point inside an area, to place it (in a ward) or label it (on a map): its centroid when
 * that lies inside it, as it does for most LSOAs; otherwise, for a crescent or a coastal strip
 * whose centroid falls outside, the point of a grid over its largest part that lies inside
 * it and nearest the centroid.
 */
export function representativePoint(shape: Shape): [number, number] {
  const centroid = geoCentroid(shape);
  if (geoContains(shape, centroid)) return centroid;
  const largest = largestPart(shape);
  const c = geoCentroid(largest);
  if (geoContains(shape, c)) return c;
  return gridPoints(largest, 16).sort((a, b) => geoDistance(a, centroid) - geoDistance(b, centroid))[0] ?? centroid;
}

/** The part of a multipolygon with the largest area (a polygon is its own). */
export function largestPart(shape: Shape): Polygon {
  if (shape.type === 'Polygon') return shape;
  const parts = shape.coordinates.map((coordinates): Polygon => ({ type: 'Polygon', coordinates }));
  return parts.reduce((best, p) => (geoArea(p) > geoArea(best) ? p : best));
}

/** The points of an n × n grid over an area's bounding box that lie inside it, row by row. */
export function gridPoints(shape: Shape, n: number): [number, number][] {
  const [[x0, y0], [x1, y1]] = geoBounds(shape);
  const out: [number, number][] = [];
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const p: [number, number] = [x0! + ((i + 0.5) * (x1! - x0!)) / n, y0! + ((j + 0.5) * (y1! - y0!)) / n];
      if (geoContains(shape, p)) out.push(p);
    }
  }
  return out;
}

/** The bounding box of a shape in longitude and latitude, [west, south, east, north], for quick rejection before geoContains. */
export function bbox(shape: Shape): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  const rings: Position[][] = shape.type === 'Polygon' ? shape.coordinates : shape.coordinates.flat();
  for (const ring of rings) {
    for (const [x, y] of ring) {
      if (x! < x0) x0 = x!;
      if (x! > x1) x1 = x!;
      if (y! < y0) y0 = y!;
      if (y! > y1) y1 = y!;
    }
  }
  return [x0, y0, x1, y1];
}

export const inBox = (b: readonly number[], p: readonly number[]): boolean => p[0]! >= b[0]! && p[0]! <= b[2]! && p[1]! >= b[1]! && p[1]! <= b[3]!;

/** The area a point lies in, looked up by box first: placing a few thousand police points in 90 LSOAs stays quick. */
export function areaFinder<A extends { geometry: Shape }>(areas: readonly A[]): (lon: number, lat: number) => A | undefined {
  const boxed = areas.map((a) => ({ a, box: bbox(a.geometry) }));
  return (lon, lat) => boxed.find(({ a, box }) => inBox(box, [lon, lat]) && geoContains(a.geometry, [lon, lat]))?.a;
}
