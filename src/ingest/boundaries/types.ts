import type { MultiPolygon, Polygon } from 'geojson';

/** What a boundary file holds: LSOAs (2011 or 2021) or wards. */
export type BoundaryLevel = 'lsoa' | 'ward';

/** One area of a boundary file: its code, its name where the file has one, and its shape. */
export interface BoundaryArea {
  code: string;
  name: string | null;
  /**
   * Longitude and latitude to 5 decimals (about a metre), simplified for a map, every ring wound
   * as d3-geo expects: outer rings clockwise, holes anticlockwise (the reverse of RFC 7946).
   */
  geometry: Polygon | MultiPolygon;
}

/** A boundary file as read: its areas by code, and what was found in it. */
export interface BoundaryLayer {
  level: BoundaryLevel;
  /** The file as csp.yaml names it, and the key that names it, for messages and findings. */
  file: string;
  key: string;
  codeProperty: string;
  nameProperty: string | null;
  /** The year of the boundaries, from the property (LSOA21CD → 2021, WD25CD → 2025); null when the property does not say. */
  year: number | null;
  /** Sorted by code; an area whose code the file gives twice (in two parts) is one area. */
  areas: BoundaryArea[];
  /** Features that are not areas (no geometry, points or lines, or rings that enclose nothing), areas left out by `keep`, features without a code. */
  skipped: { notPolygons: number; notKept: number; noCode: number };
}
