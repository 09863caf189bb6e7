import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readBoundaryFile } from '../../src/ingest/boundaries/index.js';
import type { BoundaryLayer, BoundaryLevel } from '../../src/ingest/boundaries/index.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/boundaries');

/** The real boundary files of test/fixtures/boundaries (see its PROVENANCE.md). */
export const FILES = {
  thanetLsoa21: 'lsoa-E07000114.geojson',
  thanetLsoa11: 'lsoa11-E07000114.geojson',
  thanetWards: 'ward-E07000114.geojson',
  swaleLsoa21: 'lsoa-E07000113-from-E10000016.geojson',
} as const;

const cache = new Map<string, BoundaryLayer>();

/** A fixture read as csp reads it (cached: the tests read the same files many times). */
export function layer(file: string, level: BoundaryLevel): BoundaryLayer {
  const key = `${level}:${file}`;
  if (!cache.has(key)) cache.set(key, readBoundaryFile(path.join(FIXTURES, file), { level, where: { file, key: `geography.boundaries.${level}` } }));
  return cache.get(key)!;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The sample workspace's police rows of Thanet in the months given, by LSOA and by point (the generator's own files, data-samples/police). */
export function samplePolice(months: readonly string[]): {
  lsoas: Map<string, { name: string; crimes: number; rows: number }>;
  points: { lon: number; lat: number; count: number; code: string }[];
} {
  const lsoas = new Map<string, { name: string; crimes: number; rows: number }>();
  const points = new Map<string, { lon: number; lat: number; count: number; code: string }>();
  for (const month of months) {
    const text = gunzipSync(readFileSync(path.join(ROOT, 'data-samples/police', `${month}-kent-street.csv.gz`))).toString('utf8');
    for (const line of text.split('\n').slice(1)) {
      const c = line.split(',');
      if (!c[8]?.startsWith('Thanet ')) continue;
      const a = lsoas.get(c[7]!) ?? { name: c[8], crimes: 0, rows: 0 };
      a.rows++;
      if (c[9] !== 'Anti-social behaviour') a.crimes++;
      lsoas.set(c[7]!, a);
      const key = `${c[4]},${c[5]}`;
      const p = points.get(key) ?? { lon: Number(c[4]), lat: Number(c[5]), count: 0, code: c[7]! };
      p.count++;
      points.set(key, p);
    }
  }
  return { lsoas, points: [...points.values()] };
}

/** The sample's LSOA populations by name (data-samples/population/population-by-lsoa.csv: ONS mid-2017, 2011 LSOAs). */
export function samplePopulation(): Map<string, number> {
  const lines = readFileSync(path.join(ROOT, 'data-samples/population/population-by-lsoa.csv'), 'utf8').trim().split('\n').slice(1);
  return new Map(lines.map((l) => l.split(',')).map((c) => [c[0]!, Number(c[3])]));
}

/** The twelve months of a year, as YYYY-MM. */
export const monthsOf = (year: number) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
