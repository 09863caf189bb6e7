import { openSync, readSync, closeSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { invalidInput } from '../core/errors.js';

/**
 * Expands a source's `files` (paths or globs, relative to csp.yaml or absolute) into sorted
 * absolute paths. Files are read wherever csp.yaml points: partnerships keep exports on shared
 * drives and reuse one police download across years. Links are followed. Every file read is
 * listed with its full path and SHA-256 (FileRead.fullPath), so the workspace need not hold it.
 */
export function resolveFiles(files: string | string[], baseDir: string, key: string): string[] {
  const patterns = Array.isArray(files) ? files : [files];
  const found = new Set<string>();
  for (const pattern of patterns) {
    const normalised = pattern.replaceAll('\\', '/');
    const absolute = path.resolve(baseDir, normalised);
    const matches = isDynamicPattern(normalised) ? globFrom(normalised, baseDir) : safeIsFile(absolute) ? [absolute] : [];
    if (matches.length === 0) {
      throw invalidInput({
        message: isDynamicPattern(normalised) ? `no file matches "${pattern}"` : `file not found: ${pattern}`,
        where: { key },
        hint: `put the export in ${path.dirname(absolute)} or correct the path (relative to csp.yaml, or absolute)`,
      });
    }
    for (const m of matches) found.add(path.normalize(m));
  }
  return [...found].sort();
}

/**
 * A glob matched from the folder its fixed part names ("../shared/police/*.csv",
 * "/mnt/exports/*.csv", "C:/exports/*.csv"), so that a path out of csp.yaml's folder works as
 * one inside it does, and only that folder is searched.
 */
function globFrom(pattern: string, baseDir: string): string[] {
  const parts = pattern.split('/');
  const firstDynamic = parts.findIndex((p) => isDynamicPattern(p));
  const root = path.resolve(baseDir, parts.slice(0, firstDynamic).join('/') || '.');
  if (!safeIsDir(root)) return [];
  return globSync(parts.slice(firstDynamic).join('/'), { cwd: root, absolute: true, onlyFiles: true, expandDirectories: false, followSymbolicLinks: true });
}

function safeIsDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The file's absolute path with every link followed: where its bytes were read from. */
export function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

function safeIsFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface Sniffed {
  bytes: number;
  encoding: Encoding;
  bom: boolean;
  /** Why the file cannot be read as text, if it cannot. */
  unreadable?: string;
  /** The line endings of the first 64 KB: 'cr' (old Mac Excel), 'mixed' (CR CR LF, or LF and CR LF). */
  lineEnds?: 'lf' | 'crlf' | 'cr' | 'mixed';
}

const SAMPLE = 1 << 16;

export const isGzip = (file: string) => /\.gz$/i.test(file);

/**
 * About how many bytes of text a file holds, to size what DuckDB reads at once: its size, or
 * for a .csv.gz the uncompressed size its gzip trailer records (a police file compresses
 * about 10:1, so batching by the compressed size would put ten times the rows in memory).
 */
export function textBytes(file: string): number {
  const size = statSync(file).size;
  if (!isGzip(file) || size < 18) return size;
  const trailer = Buffer.alloc(4);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, trailer, 0, 4, size - 4);
  } finally {
    closeSync(fd);
  }
  // The trailer holds the size modulo 4 GiB (and only the last part's, for a file of parts).
  const recorded = trailer.readUInt32LE(0);
  return recorded >= size ? recorded : size * 10;
}

/**
 * The first bytes of a file as text bytes: a gzipped file (a .csv.gz) is decompressed
 * as far as the sample goes, so it is sniffed like the CSV inside it.
 */
export function readHead(file: string, max = SAMPLE): Buffer {
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  const raw = Buffer.alloc(Math.min(size, max));
  try {
    readSync(fd, raw, 0, raw.length, 0);
  } finally {
    closeSync(fd);
  }
  if (!isGzip(file) || raw.length === 0) return raw;
  try {
    // Deflate expands up to ~1,000 times: the compressed head is taken a little at a time, so
    // that a small .gz of a huge file never becomes a huge buffer here.
    let out = Buffer.alloc(0);
    for (const take of [1 << 10, 1 << 13, raw.length]) {
      out = gunzipSync(raw.subarray(0, Math.min(take, raw.length)), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
      if (out.length >= max || take >= raw.length) break;
    }
    return out.subarray(0, max);
  } catch {
    return Buffer.from([0]); // not really gzip: reported as binary
  }
}

/** Every gzip file starts with the bytes 1f 8b. */
export function startsWithGzipMagic(file: string): boolean {
  const head = Buffer.alloc(2);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 2, 0);
  } finally {
    closeSync(fd);
  }
  return head[0] === 0x1f && head[1] === 0x8b;
}

/** Looks at the start of a file: empty, binary, which text encoding, which line endings. */
export function sniffFile(file: string, declared: 'auto' | 'utf-8' | 'windows-1252' | 'utf-16'): Sniffed {
  const head = readHead(file);
  const sniffed = sniffText(file, declared, head);
  if (sniffed.unreadable || sniffed.encoding.startsWith('utf-16')) return sniffed;
  return { ...sniffed, lineEnds: lineEndsOf(head) };
}

function lineEndsOf(head: Buffer): NonNullable<Sniffed['lineEnds']> {
  let [lf, crlf, cr] = [0, 0, 0];
  for (let i = 0; i < head.length; i++) {
    if (head[i] === 0x0a) {
      lf++;
      if (head[i - 1] === 0x0d) crlf++;
    } else if (head[i] === 0x0d) cr++;
  }
  if (cr === 0) return 'lf';
  if (lf === 0) return 'cr';
  // A CR at the very end of the sample may be followed by its LF just past it.
  const strayCr = cr - crlf - (head.at(-1) === 0x0d ? 1 : 0);
  return crlf === lf && strayCr === 0 ? 'crlf' : 'mixed';
}

function sniffText(file: string, declared: 'auto' | 'utf-8' | 'windows-1252' | 'utf-16', head: Buffer): Sniffed {
  const bytes = statSync(file).size;
  if (bytes === 0) return { bytes, encoding: 'utf-8', bom: false, unreadable: 'the file is empty (0 bytes)' };
  if (isGzip(file) && !startsWithGzipMagic(file)) {
    return {
      bytes,
      encoding: 'utf-8',
      bom: false,
      unreadable: 'the file is named .gz but is not gzip-compressed: rename it without .gz if it is a plain CSV, or compress it with gzip',
    };
  }
  if (head[0] === 0xff && head[1] === 0xfe) return { bytes, encoding: 'utf-16le', bom: true };
  if (head[0] === 0xfe && head[1] === 0xff) return { bytes, encoding: 'utf-16be', bom: true };
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  if (declared === 'utf-16') return { bytes, encoding: 'utf-16le', bom: false };
  if (head.includes(0)) {
    return {
      bytes,
      encoding: 'utf-8',
      bom,
      unreadable: 'this is not a text file (it contains binary data); is it a spreadsheet or archive saved with a .csv name?',
    };
  }
  if (declared === 'windows-1252') return { bytes, encoding: 'windows-1252', bom: false };
  if (declared === 'utf-8' || bom) return { bytes, encoding: 'utf-8', bom };
  // A multi-byte character may be cut at the sample's end: judge whole lines only.
  const lastNewline = head.lastIndexOf(0x0a);
  const sample = bytes > SAMPLE && lastNewline > 0 ? head.subarray(0, lastNewline) : head;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
    return { bytes, encoding: 'utf-8', bom };
  } catch {
    return { bytes, encoding: 'windows-1252', bom: false };
  }
}

/** Splits one CSV header line on a delimiter, honouring double quotes. */
export function splitHeader(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

/** The delimiter that splits the header line into the most columns. */
export function detectDelimiter(headerLine: string): string {
  const candidates = [',', ';', '\t', '|'];
  let best = ',';
  let bestCount = 1;
  for (const d of candidates) {
    const n = splitHeader(headerLine, d).length;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}
