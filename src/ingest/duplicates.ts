import { statSync } from 'node:fs';
import path from 'node:path';
import { monthLabel } from '../core/calendar/months.js';
import type { Problem } from '../core/errors.js';
import type { Fingerprints } from './fingerprints.js';

/** A file left unread because another file of the same source holds exactly the same bytes. */
export interface DuplicateFile {
  file: string;
  duplicateOf: string;
}

export interface DuplicateCheck {
  /** The files to read: each byte-identical group keeps its first file. */
  keep: string[];
  duplicates: DuplicateFile[];
  warnings: Problem[];
  errors: Problem[];
}

/**
 * data.police.uk names each file by month and force: `2024-01-kent-street.csv`, a browser's
 * second download `2024-01-kent-street (1).csv`, gzipped `….csv.gz`. The key is month + force.
 */
export function policeFileMonth(file: string): { month: string; force: string } | null {
  const m = /^(\d{4}-(?:0[1-9]|1[0-2]))-(.+?)-street\b.*\.csv(?:\.gz)?$/i.exec(path.basename(file));
  return m ? { month: m[1]!, force: m[2]!.toLowerCase() } : null;
}

/**
 * The same month delivered twice is counted twice: a byte-identical copy (same SHA-256) is
 * left unread with a warning naming both; two different police files for one force and month
 * (a .csv and its .csv.gz, or a re-download) are an error, since only the user knows which
 * one is right. Only files of equal size are hashed before reading: others cannot be equal.
 */
export async function findDuplicateFiles(
  paths: string[],
  o: { police: boolean; fingerprints: Fingerprints; shown: (file: string) => string; key: string },
): Promise<DuplicateCheck> {
  const bySize = new Map<number, string[]>();
  for (const p of paths) {
    const size = statSync(p).size;
    bySize.set(size, [...(bySize.get(size) ?? []), p]);
  }
  const duplicates: DuplicateFile[] = [];
  for (const group of bySize.values()) {
    if (group.length < 2) continue;
    const first = new Map<string, string>();
    // The plainest name is kept: "2024-02-kent-street.csv" rather than "… (1).csv".
    const plainestFirst = [...group].sort((a, b) => path.basename(a).length - path.basename(b).length || (a < b ? -1 : 1));
    for (const p of plainestFirst) {
      const sha = await o.fingerprints.of(p);
      const earlier = first.get(sha);
      if (earlier) duplicates.push({ file: p, duplicateOf: earlier });
      else first.set(sha, p);
    }
  }
  const dropped = new Set(duplicates.map((d) => d.file));
  const keep = paths.filter((p) => !dropped.has(p));
  const warnings = duplicates.map((d) => ({
    message: `${o.shown(d.file)} is a byte-identical copy of ${o.shown(d.duplicateOf)} (same SHA-256): only ${o.shown(d.duplicateOf)} is read`,
    where: { key: o.key },
    hint: `remove ${o.shown(d.file)} from the folder so that nobody wonders which one was used`,
  }));
  const errors: Problem[] = [];
  if (o.police) {
    const byMonth = new Map<string, string[]>();
    for (const p of keep) {
      const k = policeFileMonth(p);
      if (k) byMonth.set(`${k.month} ${k.force}`, [...(byMonth.get(`${k.month} ${k.force}`) ?? []), p]);
    }
    for (const [k, files] of byMonth) {
      if (files.length < 2) continue;
      const [month, force] = [k.slice(0, 7), k.slice(8).replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => `${dash ? ' ' : ''}${c.toUpperCase()}`)];
      errors.push({
        message: `${files.map(o.shown).join(' and ')} both hold the ${force} street file of ${monthLabel(month)}: read together, ${monthLabel(month)} would be counted twice`,
        where: { key: o.key, file: o.shown(files[1]!) },
        hint: 'keep one file per force and month: remove the other from the folder, or narrow the files: pattern',
      });
    }
  }
  return { keep, duplicates, warnings, errors };
}
