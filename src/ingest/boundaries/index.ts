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
  const read = (level: BoundaryLevel): BoundaryLayer[] => {
    const value = b[level];
    const entries = boundaryEntries(value);
    return entries.flatMap((entry, i) => {
      const base = `geography.boundaries.${level}${Array.isArray(value) ? `.${i}` : ''}`;
      const key = typeof (Array.isArray(value) ? value[i] : value) === 'string' ? base : `${base}.file`;
      const shown = entry.file;
      try {
        return [
          readBoundaryFile(path.resolve(config.baseDir, entry.file), {
            level,
            where: { file: shown, key },
            codeProperty: entry.codeProperty,
            nameProperty: entry.nameProperty,
            object: entry.object,
            keep: o.keep?.[level],
          }),
        ];
      } catch (e) {
        if (!(e instanceof CspError) || e.exitCode !== 2) throw e;
        problems.push(...e.problems);
        return [];
      }
    });
  };
  const boundaries = { lsoa: read('lsoa'), ward: read('ward'), attribution: b.attribution ?? null };
  if (problems.length > 0) throw invalidInput(problems);
  return boundaries;
}
