import { geoContains } from 'd3-geo';
import type { BoundaryArea, BoundaryLayer } from '../../ingest/boundaries/index.js';
import { bbox, gridPoints, inBox } from './points.js';

/** An LSOA as the police data names it, with its rows (those of the partnership area). */
export interface PoliceLsoa {
  code: string;
  name: string | null;
  rows: number;
}

/** Where each police LSOA code was found among the LSOA boundary files. */
export interface LsoaCodeMatch {
  /** Each file: how many of the police codes it holds, and their rows. */
  layers: { file: string; key: string; year: number | null; areas: number; codes: number; rows: number }[];
  /** The file the LSOA maps are drawn with: the one that holds the most police rows; null when none holds any. */
  drawWith: number | null;
  /**
   * Police code → the code of the drawn file's area its rows are shown in: the code itself when
   * the drawn file has it; a code of another file (2011) that lies within one area of the drawn
   * file (two 2011 LSOAs merged in 2021) is shown in that area.
   */
  shownIn: Map<string, string>;
  /** Codes in another file only that cannot be shown on the drawn file's map: split between its areas. */
  notShown: (PoliceLsoa & { file: string })[];
  /** Codes in no file, most rows first: the finding. */
  unmatched: PoliceLsoa[];
}

/** Grid over a 2011 LSOA: it lies within a 2021 one when this share of its points do (generalised borders differ by metres). */
const WITHIN = 0.95;
const GRID = 12;

/**
 * Each police LSOA code looked up in every LSOA boundary file (data.police.uk files name 2011
 * LSOAs before the 2021 ones were adopted, and a window can span the change): the maps are
 * drawn with the file that holds most rows; a code that only another file has is shown in the
 * drawn file's area that holds all of it, or is listed as not shown; a code in no file is
 * unmatched, with its rows, for a finding.
 */
export function matchLsoaCodes(police: readonly PoliceLsoa[], layers: readonly BoundaryLayer[]): LsoaCodeMatch {
  const sets = layers.map((l) => new Map(l.areas.map((a) => [a.code, a])));
  const summary = layers.map((l, i) => {
    const held = police.filter((p) => sets[i]!.has(p.code));
    // areas: all the file holds, those a `keep` left out too (read for the police codes only, a file of another district keeps none).
    return {
      file: l.file,
      key: l.key,
      year: l.year,
      areas: l.areas.length + l.skipped.notKept,
      codes: held.length,
      rows: held.reduce((s, p) => s + p.rows, 0),
    };
  });
  const best = summary.reduce<number | null>((b, s, i) => (s.rows > 0 && (b === null || s.rows > summary[b]!.rows) ? i : b), null);
  const shownIn = new Map<string, string>();
  const notShown: LsoaCodeMatch['notShown'] = [];
  const unmatched: PoliceLsoa[] = [];
  const drawn = best === null ? null : layers[best]!;
  const boxed = drawn ? drawn.areas.map((a) => ({ a, box: bbox(a.geometry) })) : [];
  for (const p of police) {
    if (best !== null && sets[best]!.has(p.code)) {
      shownIn.set(p.code, p.code);
      continue;
    }
    const other = sets.findIndex((s) => s.has(p.code));
    if (other < 0) {
      unmatched.push(p);
      continue;
    }
    const within = drawn ? areaHolding(sets[other]!.get(p.code)!, boxed) : undefined;
    if (within) shownIn.set(p.code, within.code);
    else notShown.push({ ...p, file: layers[other]!.file });
  }
  const byRows = (a: PoliceLsoa, b: PoliceLsoa) => b.rows - a.rows || (a.code < b.code ? -1 : 1);
  return { layers: summary, drawWith: best, shownIn, notShown: notShown.sort(byRows), unmatched: unmatched.sort(byRows) };
}

/** The area that holds (nearly) all of `area`, if one does. */
function areaHolding(area: BoundaryArea, boxed: { a: BoundaryArea; box: number[] }[]): BoundaryArea | undefined {
  const points = gridPoints(area.geometry, GRID);
  const votes = new Map<BoundaryArea, number>();
  for (const p of points) {
    const hit = boxed.find(({ a, box }) => inBox(box, p) && geoContains(a.geometry, p))?.a;
    if (hit) votes.set(hit, (votes.get(hit) ?? 0) + 1);
  }
  const [top] = [...votes].sort((x, y) => y[1] - x[1]);
  return top && points.length > 0 && top[1] >= WITHIN * points.length ? top[0] : undefined;
}
