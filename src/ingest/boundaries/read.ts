import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { invalidInput, type Where } from '../../core/errors.js';
import { readInputFile } from '../../util/input-file.js';
import { cleanGeometry, DETAIL_PX, simplifyAreas } from './geometry.js';
import { findProperties, levelOfCode, levelWords, otherLevelOfCodes, type FoundProperties } from './properties.js';
import type { BoundaryArea, BoundaryLayer, BoundaryLevel } from './types.js';

/**
 * The ONS generalised (20 m) LSOAs of England and Wales are about 100 MB as GeoJSON; a file
 * ten times that is the full-resolution one, too detailed for a map and too large for memory.
 */
export const MAX_BOUNDARY_BYTES = 512 * 1024 * 1024;

export interface BoundaryFileOptions {
  level: BoundaryLevel;
  /** The file as csp.yaml names it, and the key that names it (geography.boundaries.lsoa.0): every problem says both. */
  where: Where & { file: string; key: string };
  codeProperty?: string;
  nameProperty?: string;
  /** TopoJSON: the object to read. */
  object?: string;
  /**
   * The areas to keep (the partnership's), chosen before the rest of the work: a national file
   * is read for one district. Given each feature's code, name, properties (e.g. LAD25NM) and
   * shape as the file has it (wards can be kept by whether they overlap the area's LSOAs).
   */
  keep?: (area: { code: string; name: string | null; properties: Readonly<Record<string, unknown>>; geometry: Polygon | MultiPolygon }) => boolean;
  detailPx?: number;
}

/** Reads a boundary file (GeoJSON or TopoJSON): see `parseBoundaries`. */
export function readBoundaryFile(path: string, o: BoundaryFileOptions): BoundaryLayer {
  const bytes = readInputFile(
    path,
    o.where,
    { message: 'the boundary file does not exist', where: o.where, hint: 'give its path relative to csp.yaml' },
    MAX_BOUNDARY_BYTES,
  );
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw invalidInput({
      message: `the boundary file is not JSON (${(e as Error).message})`,
      where: o.where,
      hint: 'csp reads GeoJSON or TopoJSON; a shapefile or GeoPackage can be saved as GeoJSON with QGIS, ogr2ogr or mapshaper',
    });
  }
  return parseBoundaries(json, o);
}

/**
 * The areas of a boundary file, ready to draw: each code once, its name, its shape to 5
 * decimals, wound as d3-geo expects and simplified with its neighbours.
 *
 * Which problems stop a run (exit 2, naming the file and key) and which are findings:
 * everything that is wrong with the file itself or with what csp.yaml says of it stops the
 * run: it is not GeoJSON or TopoJSON, it holds no areas, its coordinates are not longitude
 * and latitude, the code property csp.yaml names is not in it or none can be found, or it holds
 * another level (wards named as LSOAs). Each is known before any data is read (`csp validate`
 * says it at once), is fixed by one change to csp.yaml or the file, and would otherwise leave
 * a document without the map its reader expects, for a reason said only in its appendix.
 * A file that is right but whose codes are not the police data's (another district, or 2011
 * LSOAs for 2024 data) is a finding (analyse/maps/lsoa-codes.ts): that is about the data, and
 * the assessment is still worth having, with the density map and tables.
 */
export function parseBoundaries(json: unknown, o: BoundaryFileOptions): BoundaryLayer {
  const features = featuresOf(json, o);
  const present = propertyNames(features);
  // Feature ids are the codes only when they look like the level's codes (ogr2ogr numbers its features 0, 1, 2…).
  const idsAreCodes = features.length > 0 && features.every((f) => typeof f.id === 'string' && levelOfCode(f.id.trim()) === o.level);
  const found = findProperties(present, { level: o.level, codeProperty: o.codeProperty, nameProperty: o.nameProperty, idsAreCodes });
  if (!('code' in found)) throw propertyProblem(found, o);
  const areas = new Map<string, { name: string | null; polygons: Position[][][] }>();
  const skipped = { notPolygons: 0, notKept: 0, noCode: 0 };
  features.forEach((f, i) => {
    const geometry = f.geometry;
    if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) return void skipped.notPolygons++;
    const code = codeOf(f, found);
    if (!code) return void skipped.noCode++;
    checkCoordinates(geometry, { ...o, feature: `${i + 1} (${code})` });
    const name = found.name ? textOf(f.properties?.[found.name]) : null;
    if (o.keep && !o.keep({ code, name, properties: f.properties ?? {}, geometry })) return void skipped.notKept++;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    const seen = areas.get(code);
    if (seen) seen.polygons.push(...polygons);
    else areas.set(code, { name, polygons: [...polygons] });
  });
  const codes = [...areas.keys()];
  if (areas.size === 0 && skipped.notKept === 0) {
    throw invalidInput({ message: `the boundary file holds no areas: none of its ${features.length} features is a polygon with a code`, where: o.where });
  }
  const other = otherLevelOfCodes(codes, o.level);
  if (other) {
    throw invalidInput({
      message: `the boundary file holds ${levelWords(other)}, not ${levelWords(o.level)}: its codes (${found.code}) are ${levelWords(other)}' codes, e.g. ${codes[0]}`,
      where: o.where,
      hint: hintForLevel(other, o),
    });
  }
  const cleaned: BoundaryArea[] = [];
  for (const code of codes.sort()) {
    const a = areas.get(code)!;
    const geometry = cleanGeometry({ type: 'MultiPolygon', coordinates: a.polygons });
    if (geometry) cleaned.push({ code, name: a.name, geometry });
    else skipped.notPolygons++;
  }
  return {
    level: o.level,
    file: o.where.file,
    key: o.where.key,
    codeProperty: found.code,
    nameProperty: found.name,
    year: found.year,
    areas: simplifyAreas(cleaned, o.detailPx ?? DETAIL_PX),
    skipped,
  };
}

/** The features of GeoJSON (a FeatureCollection or one Feature) or of a TopoJSON object. */
function featuresOf(json: unknown, o: BoundaryFileOptions): Feature<Geometry | null>[] {
  const type = json && typeof json === 'object' ? (json as { type?: unknown }).type : undefined;
  if (type === 'FeatureCollection') {
    const features = (json as FeatureCollection).features;
    if (!Array.isArray(features)) throw invalidInput({ message: 'the boundary file is a FeatureCollection without a list of features', where: o.where });
    return features.filter((f) => f && typeof f === 'object');
  }
  if (type === 'Feature') return [json as Feature];
  if (type === 'Topology') return topologyFeatures(json as Topology, o);
  throw invalidInput({
    message: `the boundary file is neither GeoJSON (a FeatureCollection) nor TopoJSON (a Topology)${typeof type === 'string' ? `: it is a ${type}` : ''}`,
    where: o.where,
    hint: 'download the boundaries from the ONS Open Geography portal as GeoJSON (geoportal.statistics.gov.uk)',
  });
}

/** A TopoJSON object as features: the one csp.yaml names, the only one, or the one whose geometries have the code property. */
function topologyFeatures(topology: Topology, o: BoundaryFileOptions): Feature<Geometry | null>[] {
  const names = Object.keys(topology.objects ?? {});
  let name = o.object;
  if (name !== undefined && !names.includes(name)) {
    throw invalidInput({ message: `the TopoJSON file has no object "${name}"; its objects are ${names.join(', ') || 'none'}`, where: o.where });
  }
  if (name === undefined && names.length === 1) name = names[0];
  if (name === undefined) {
    const withCodes = names.filter((n) => {
      const g = topology.objects[n]!;
      const first = g.type === 'GeometryCollection' ? g.geometries[0] : g;
      return 'code' in findProperties(Object.keys(first?.properties ?? {}), { level: o.level, codeProperty: o.codeProperty });
    });
    if (withCodes.length !== 1) {
      throw invalidInput({
        message: `the TopoJSON file has ${names.length} objects (${names.join(', ')}) and csp cannot tell which holds the ${levelWords(o.level)}`,
        where: o.where,
        hint: `name it: {file: ${o.where.file}, object: ${withCodes[0] ?? names[0]}}`,
      });
    }
    name = withCodes[0];
  }
  const out = feature(topology, topology.objects[name!]!) as Feature<Geometry | null> | FeatureCollection<Geometry | null>;
  return out.type === 'FeatureCollection' ? out.features : [out];
}

/** Every property name of the features, in order of first appearance. */
function propertyNames(features: readonly Feature<Geometry | null>[]): string[] {
  const names = new Set<string>();
  for (const f of features) for (const k of Object.keys(f.properties ?? {})) names.add(k);
  return [...names];
}

function textOf(v: unknown): string | null {
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

function codeOf(f: Feature<Geometry | null>, found: FoundProperties): string | null {
  return textOf(found.code === 'id' && !(f.properties && 'id' in f.properties) ? f.id : f.properties?.[found.code]);
}

/**
 * Longitude and latitude, as the ONS portal's GeoJSON gives them (CRS84). A file in British
 * National Grid metres (as a shapefile converted without reprojecting is) would draw as nothing.
 */
function checkCoordinates(geometry: Polygon | MultiPolygon, o: BoundaryFileOptions & { feature: string }): void {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const rings of Array.isArray(polygons) ? polygons : []) {
    for (const ring of Array.isArray(rings) ? rings : []) {
      for (const p of Array.isArray(ring) ? ring : []) {
        const ok = Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1]);
        if (ok && Math.abs(p[0]!) <= 180 && Math.abs(p[1]!) <= 90) continue;
        throw invalidInput({
          message: ok
            ? `the coordinates of feature ${o.feature} are not longitude and latitude (e.g. ${p[0]}, ${p[1]}: metres of the British National Grid?)`
            : `feature ${o.feature} has a position that is not a pair of numbers`,
          where: o.where,
          hint: 'save the boundaries in WGS 84 longitude and latitude (EPSG:4326), as the GeoJSON download of the ONS portal is: e.g. ogr2ogr -t_srs EPSG:4326 out.geojson in.shp',
        });
      }
    }
  }
}

function propertyProblem(p: Exclude<ReturnType<typeof findProperties>, FoundProperties>, o: BoundaryFileOptions) {
  const level = levelWords(o.level);
  if (p.kind === 'missing') {
    return invalidInput({
      message: `the boundary file has no property "${p.property}" (named as its ${p.role}Property); its properties are ${listed(p.present)}`,
      where: o.where,
      hint: `set ${p.role}Property to the property that holds the ${level}' ${p.role}s`,
    });
  }
  if (p.kind === 'other-level') {
    return invalidInput({
      message: `the boundary file holds ${levelWords(p.found)}, not ${level}: its code property is ${p.property}`,
      where: o.where,
      hint: hintForLevel(p.found, o),
    });
  }
  return invalidInput({
    message: `csp cannot tell which property of the boundary file holds the ${level}' codes: its properties are ${listed(p.present)}`,
    where: o.where,
    hint: `name it: {file: ${o.where.file}, codeProperty: …} (the ONS names are ${o.level === 'lsoa' ? 'LSOA21CD or LSOA11CD' : 'WD25CD, WD24CD…'})`,
  });
}

function hintForLevel(found: string, o: BoundaryFileOptions): string {
  const other = o.level === 'lsoa' ? 'ward' : 'lsoa';
  if (found === other) return `list it under geography.boundaries.${other} instead, and give the ${levelWords(o.level)} under geography.boundaries.${o.level}`;
  return `give a file of ${levelWords(o.level)} (the ONS portal publishes them as "Lower layer Super Output Areas" and "Wards")`;
}

const listed = (xs: readonly string[]) => (xs.length === 0 ? 'none' : xs.slice(0, 12).join(', ') + (xs.length > 12 ? ` and ${xs.length - 12} more` : ''));
