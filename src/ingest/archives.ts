import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import type { Problem } from '../core/errors.js';

export interface ExpandedArchives {
  /** The source's files, each archive replaced by the street files inside it. */
  paths: string[];
  /** Extracted file → how it is named in reports: "police/kent.zip/2024-01/2024-01-kent-street.csv". */
  shown: Map<string, string>;
  /** Extracted file → its full name: the archive's absolute path, then the entry's. */
  full: Map<string, string>;
  /** What each archive held that is not read: outcomes, stop and search, anything else. */
  notes: Problem[];
  problems: Problem[];
}

/**
 * The archive data.police.uk's custom download gives (a zip of folders YYYY-MM/ holding
 * -street.csv, -outcomes.csv and -stop-and-search.csv files) read as it is: its street files
 * are extracted to `workDir` one entry at a time (a force's three years are 200 MB of text),
 * the others counted and left. Each extracted file is fingerprinted and counted like any other.
 */
export async function expandPoliceArchives(
  paths: string[],
  o: { workDir: string; shown: (file: string) => string; full: (file: string) => string; key: string },
): Promise<ExpandedArchives> {
  const out: ExpandedArchives = { paths: [], shown: new Map(), full: new Map(), notes: [], problems: [] };
  for (const [i, file] of paths.entries()) {
    if (!/\.zip$/i.test(file)) {
      out.paths.push(file);
      continue;
    }
    const folder = path.join(o.workDir, `archive-${i}`);
    mkdirSync(folder, { recursive: true });
    try {
      const { street, others } = await extractStreetFiles(file, folder);
      if (street.length === 0) {
        out.problems.push({
          message: `the archive holds no data.police.uk street files (-street.csv)${others.length ? `, only ${others.length} other file(s) such as ${others[0]}` : ''}`,
          where: { file: o.shown(file), key: o.key },
          hint: 'download the archive again with "Include crime data" ticked, or put the -street.csv files in the folder',
        });
      }
      for (const s of street.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        out.paths.push(s.extracted);
        out.shown.set(s.extracted, `${o.shown(file)}/${s.name}`);
        out.full.set(s.extracted, `${o.full(file)}/${s.name}`);
      }
      if (others.length > 0) {
        out.notes.push({
          message: `${o.shown(file)}: ${street.length} street file(s) read; ${others.length} other file(s) not read (outcomes and stop and search are not part of the assessment)`,
          where: { key: o.key },
        });
      }
    } catch (e) {
      out.problems.push({
        message: `the file cannot be read as a zip archive (${(e as Error).message})`,
        where: { file: o.shown(file), key: o.key },
        hint: 'download the archive again; a cut download is not a whole zip',
      });
    }
  }
  return out;
}

async function extractStreetFiles(file: string, folder: string): Promise<{ street: { name: string; extracted: string }[]; others: string[] }> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, strictFileNames: false });
  const street: { name: string; extracted: string }[] = [];
  const others: string[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      if (!/-street\.csv$/i.test(entry.fileName)) {
        others.push(entry.fileName);
        continue;
      }
      // By its base name only, in a numbered folder: an entry's path never leaves the folder.
      const extracted = path.join(folder, String(street.length), path.basename(entry.fileName));
      mkdirSync(path.dirname(extracted), { recursive: true });
      await pipeline(await zip.openReadStreamPromise(entry), createWriteStream(extracted));
      street.push({ name: entry.fileName, extracted });
    }
  } finally {
    zip.close();
  }
  return { street, others };
}
