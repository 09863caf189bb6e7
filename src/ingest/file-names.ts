import path from 'node:path';
import { realPath } from './files.js';

/**
 * How each file is named in reports: relative to csp.yaml, or absolute outside its folder, or
 * inside the archive it came from; and its full name (links followed), listed beside it. One
 * per run: a file extracted from an archive is named after the archive, not its temporary copy.
 */
export class FileNames {
  private readonly shownNames = new Map<string, string>();
  private readonly fullNames = new Map<string, string>();
  private readonly baseDir: string;

  constructor(baseDir: string) {
    this.baseDir = baseDir;
  }

  /** How a file is named in reports (FileRead.path). */
  readonly shown = (file: string): string => this.shownNames.get(file) ?? shownPath(this.baseDir, file);

  /** The file's full name (FileRead.fullPath). */
  readonly full = (file: string): string => this.fullNames.get(file) ?? realPath(file).replaceAll('\\', '/');

  /** The names of files extracted from archives (expandPoliceArchives), by the extracted file. */
  addExtracted(names: { shown: ReadonlyMap<string, string>; full: ReadonlyMap<string, string> }): void {
    for (const [file, name] of names.shown) this.shownNames.set(file, name);
    for (const [file, name] of names.full) this.fullNames.set(file, name);
  }
}

/** The file as reports name it: relative to csp.yaml's folder when inside it, else absolute. */
function shownPath(baseDir: string, file: string): string {
  const relative = path.relative(baseDir, file);
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return (outside ? path.resolve(file) : relative).replaceAll('\\', '/');
}
