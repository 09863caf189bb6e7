import path from 'node:path';
import { CspError, invalidInput, type Problem } from '../../core/errors.js';
import { boundaryEntries } from '../../config/boundaries.js';
import type { Config } from '../../config/load.js';
import { readBoundaryFile, type BoundaryFileOptions } from './read.js';
import type { BoundaryLayer, BoundaryLevel } from './types.js';

export type { BoundaryArea, BoundaryLayer, BoundaryLevel } from './types.js';
export { parseBoundaries, readBoundaryFile } from './read.js';

/** The boundary files of csp.yaml, read: LSOA files in the order given, then ward files. */
export interface Boundaries {
  lsoa: BoundaryLayer[];
  ward: BoundaryLayer[];
  /** geography.boundaries.attribution, when csp.yaml gives its own words. */
  attribution: string | null;
}

/**
 * Reads every file of `geography.boundaries`, or null when csp.yaml names none. Every file is
 * read before any problem is thrown, so that one run says all of them (one CspError, exit 2).
 */
export function readBoundaries(config: Config, o: { keep?: Partial<Record<BoundaryLevel, BoundaryFileOptions['keep']>> } = {}): Boundaries | null {
  const b = config.geography.boundaries;
  if (!b || (b.lsoa === undefined && b.ward === undefined)) return null;
  const problems: Problem[] = [];
  const read = (level: BoundaryLevel): BoundaryLayer[] =>
    boundaryEntries(b[level]).flatMap((_, i) => {
      try {
        return [readEntry(config, { level, i, keep: o.keep?.[level] })];
      } catch (e) {
        if (!(e instanceof CspError) || e.exitCode !== 2) throw e;
        problems.push(...e.problems);
        return [];
      }
    });
  const boundaries = { lsoa: read('lsoa'), ward: read('ward'), attribution: b.attribution ?? null };
  if (problems.length > 0) throw invalidInput(problems);
  return boundaries;
}

/**
 * The boundary files as assess and validate read them: of the LSOA files, only the
 * partnership area's LSOAs are kept (a file of all England and Wales is 35,000 areas).
 */
export function readAreaBoundaries(config: Config): Boundaries | null {
  const area = `${config.partnership.area.toLowerCase()} `;
  return readBoundaries(config, { keep: { lsoa: (a) => !a.name || a.name.toLowerCase().startsWith(area) } });
}

/**
 * The one ward file of csp.yaml that an assessment's maps were drawn with (`maps.wardFile`), for
 * render-plan's public map. Null when csp.yaml names no such file (a plan without a map);
 * `missing` when it names it but the file cannot be read here (render-plan warns and leaves the
 * map out: the plan is still made from assessment.json, which holds every other figure).
 */
export function readWardFile(config: Config, wardFile: string | null | undefined): { layer: BoundaryLayer | null; missing: Problem | null } {
  const i = boundaryEntries(config.geography.boundaries?.ward).findIndex((e) => e.file === wardFile);
  if (!wardFile || i < 0) return { layer: null, missing: null };
  try {
    const layer = readEntry(config, { level: 'ward', i });
    return { layer, missing: null };
  } catch (e) {
    if (!(e instanceof CspError) || e.exitCode !== 2) throw e;
    return { layer: null, missing: e.problems[0] ?? null };
  }
}

/** The i-th file of a level of geography.boundaries, read; its key in csp.yaml names it in every message. */
function readEntry(config: Config, o: { level: BoundaryLevel; i: number; keep?: BoundaryFileOptions['keep'] }): BoundaryLayer {
  const value = config.geography.boundaries?.[o.level];
  const entry = boundaryEntries(value)[o.i]!;
  const base = `geography.boundaries.${o.level}${Array.isArray(value) ? `.${o.i}` : ''}`;
  const key = typeof (Array.isArray(value) ? value[o.i] : value) === 'string' ? base : `${base}.file`;
  return readBoundaryFile(path.resolve(config.baseDir, entry.file), {
    level: o.level,
    where: { file: entry.file, key },
    codeProperty: entry.codeProperty,
    nameProperty: entry.nameProperty,
    object: entry.object,
    keep: o.keep,
  });
}
