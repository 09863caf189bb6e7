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

/** Problems with an SVG as XML: tags not closed in order, or text that is not escaped. Empty when well formed. */
export function xmlProblems(svg: string): string[] {
  const stack: string[] = [];
  const problems: string[] = [];
  const text = svg.replaceAll(
    /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<>]*")*)\s*(\/?)>/g,
    (_, close: string, name: string, _attrs: string, self: string) => {
      if (close) {
        if (stack.pop() !== name) problems.push(`</${name}> closes nothing open`);
      } else if (!self) stack.push(name);
      return '';
    },
  );
  if (stack.length > 0) problems.push(`not closed: ${stack.join(', ')}`);
  if (/[<>]/.test(text)) problems.push('a < or > outside a tag');
  if (/&(?!(amp|lt|gt|quot|#\d+);)/.test(text)) problems.push('an unescaped &');
  return problems;
}

/** Every path of a map by its data-code: its fill and its coordinates. */
export function pathsOf(svg: string): Map<string, { fill: string; d: string }> {
  const out = new Map<string, { fill: string; d: string }>();
  for (const m of svg.matchAll(/<path d="([^"]*)" fill="([^"]*)" data-code="([^"]*)"\/>/g)) {
    if (out.has(m[3]!)) throw new Error(`two shapes for ${m[3]}`);
    out.set(m[3]!, { d: m[1]!, fill: m[2]! });
  }
  return out;
}

/** The numbers of a path's d, as [x, y] pairs (the maps write only M, L and Z with absolute coordinates). */
export const pairsOf = (d: string): [number, number][] => {
  const n = d.match(/-?\d+(\.\d+)?/g)!.map(Number);
  return Array.from({ length: n.length / 2 }, (_, i) => [n[2 * i]!, n[2 * i + 1]!]);
};

export const viewBoxOf = (svg: string): [number, number] => {
  const m = /viewBox="0 0 (\d+) (\d+)"/.exec(svg)!;
  return [Number(m[1]), Number(m[2])];
};
