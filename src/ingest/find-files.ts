import type { Config } from '../config/load.js';
import type { SourceConfig } from '../config/sources.js';
import type { Problem } from '../core/errors.js';
import { expandPoliceArchives } from './archives.js';
import { findDuplicateFiles, type DuplicateFile } from './duplicates.js';
import type { FileNames } from './file-names.js';
import { problemsOf } from './file-problems.js';
import { resolveFiles } from './files.js';
import type { Fingerprints } from './fingerprints.js';
import type { Scratch } from './scratch.js';

/** A source's files as found: its paths (an archive's street files in its place), and why some could not be. */
export interface FoundSource {
  id: string;
  source: SourceConfig;
  paths: string[];
  problems: Problem[];
}

/** A source ready to read: which of its files to read, which to leave, and their file ids. */
export interface SourcePlan extends FoundSource {
  /** Byte-identical copies of files in paths, left unread. */
  duplicates: DuplicateFile[];
  /** The file ids of the paths, then of the duplicates, numbered across all sources in the order of csp.yaml. */
  ids: number[];
}

/**
 * Every source's files, found before any is read; a source's problems are reported in its turn.
 * data.police.uk's archive is read as it is downloaded: its street files are extracted and
 * named after it (`names`). The warnings are what each archive held that is not read.
 */
export async function findSourceFiles(config: Config, o: { scratch: Scratch; names: FileNames }): Promise<{ found: FoundSource[]; warnings: Problem[] }> {
  const warnings: Problem[] = [];
  const found: FoundSource[] = [];
  for (const [id, source] of Object.entries(config.sources)) {
    let paths: string[] = [];
    let problems: Problem[] = [];
    try {
      paths = resolveFiles(source.files, config.baseDir, `sources.${id}.files`);
    } catch (e) {
      problems = problemsOf(e);
    }
    if (source.kind === 'police-uk-street') {
      const archives = await expandPoliceArchives(paths, { workDir: o.scratch.dir, shown: o.names.shown, full: o.names.full, key: `sources.${id}.files` });
      o.names.addExtracted(archives);
      paths = archives.paths;
      problems.push(...archives.problems);
      warnings.push(...archives.notes);
    }
    found.push({ id, source, paths, problems });
  }
  return { found, warnings };
}

/**
 * The sources with their byte-identical copies set aside (a warning each) and their files
 * numbered in order across all sources: those read, then the copies left unread.
 */
export async function planSources(
  found: FoundSource[],
  o: { fingerprints: Fingerprints; names: FileNames },
): Promise<{ plans: SourcePlan[]; warnings: Problem[] }> {
  const warnings: Problem[] = [];
  let fileId = 0;
  const plans: SourcePlan[] = [];
  for (const f of found) {
    const dup = await findDuplicateFiles(f.paths, {
      police: f.source.kind === 'police-uk-street',
      fingerprints: o.fingerprints,
      shown: o.names.shown,
      key: `sources.${f.id}.files`,
    });
    warnings.push(...dup.warnings);
    const ids = [...dup.keep, ...dup.duplicates].map(() => ++fileId);
    plans.push({ ...f, paths: dup.keep, duplicates: dup.duplicates, ids, problems: [...f.problems, ...dup.errors] });
  }
  return { plans, warnings };
}
