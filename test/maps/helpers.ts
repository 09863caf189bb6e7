import path from 'node:path';
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
