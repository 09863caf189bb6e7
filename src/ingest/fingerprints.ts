import { Worker } from 'node:worker_threads';

/**
 * The worker: each file it is sent, read synchronously into one reused 1 MB buffer (a third
 * of the CPU of a read stream) and hashed. A .gz file is then decompressed to the end, so a
 * download cut short (which DuckDB reads as far as it goes, without a word) is found.
 * Inline, so the same code runs from src/ in tests, from dist/ and from the bundle.
 */
const WORKER = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync, createReadStream } = require('node:fs');
const { createGunzip } = require('node:zlib');
const chunk = Buffer.allocUnsafe(1 << 20);
// Line feeds and carriage returns in the text, and its last byte: how many lines it has, and
// whether its line endings are mixed (a lone CR, or CR CR LF), which DuckDB cannot parse.
const counter = () => {
  const c = { lf: 0, cr: 0, last: -1 };
  const count = (buf, byte) => { let n = 0; for (let i = buf.indexOf(byte); i >= 0; i = buf.indexOf(byte, i + 1)) n++; return n; };
  c.add = (buf) => { if (buf.length === 0) return; c.lf += count(buf, 10); c.cr += count(buf, 13); c.last = buf[buf.length - 1]; };
  c.result = () => ({ lines: c.lf + (c.last !== -1 && c.last !== 10 ? 1 : 0), lf: c.lf, cr: c.cr });
  return c;
};
// A .gz file decompressed to its end. What follows the compressed data is refused as well as a
// file cut short: zlib reads trailing bytes as another member and fails ("incorrect header
// check"), or skips zero bytes, which DuckDB then cannot read ("Input is not a GZIP stream").
const gunzipped = (file, size) => new Promise((resolve) => {
  const gunzip = createGunzip();
  const lines = counter();
  // The file starts as gzip (checked before): a bad header later is what follows the data.
  const trailing = (why) => /header check|unknown compression method/i.test(why);
  gunzip.on('data', (b) => lines.add(b))
    .on('end', () => resolve({ problem: gunzip.bytesWritten < size ? (size - gunzip.bytesWritten) + ' bytes follow the end of the compressed data' : null, ...lines.result() }))
    .on('error', (e) => { const why = String(e.message || e); resolve({ problem: trailing(why) ? 'something other than gzip data where gzip data should be, as after the end of the compressed data (' + why + ')' : why }); });
  createReadStream(file).on('error', (e) => resolve({ problem: String(e.message || e) })).pipe(gunzip);
});
parentPort.on('message', async (file) => {
  try {
    const hash = createHash('sha256');
    const gz = /\\.gz$/i.test(file);
    const lines = counter();
    let bytes = 0;
    const fd = openSync(file, 'r');
    try {
      for (let n = readSync(fd, chunk, 0, chunk.length, null); n > 0; n = readSync(fd, chunk, 0, chunk.length, null)) {
        bytes += n;
        hash.update(chunk.subarray(0, n));
        if (!gz) lines.add(chunk.subarray(0, n));
      }
    } finally {
      closeSync(fd);
    }
    const text = gz ? await gunzipped(file, bytes) : { problem: null, ...lines.result() };
    parentPort.postMessage({ file, sha256: hash.digest('hex'), bytes, ...text });
  } catch (e) {
    parentPort.postMessage({ file, error: String((e && e.message) || e), code: e && e.code });
  }
});`;

export interface Fingerprint {
  sha256: string;
  /** For a .gz file that does not decompress to its end, or has bytes after it, why ("unexpected end of file"). */
  gzipProblem: string | null;
  /** Lines of text (of a .gz, decompressed), header included; a last line without a line feed counts. */
  lines: number;
  /** Line endings other than all LF or all CR LF (a lone CR, CR CR LF, or CR only): DuckDB cannot parse them. */
  mixedLineEnds: boolean;
}

/**
 * SHA-256 fingerprints of the files read, taken on a worker thread while this thread and
 * DuckDB go on: a force's three years are 200 MB and all forces' ten million rows 2.2 GB,
 * two seconds of a core that would otherwise hold up everything else.
 */
export class Fingerprints {
  private worker: Worker | undefined;
  private readonly waiting = new Map<string, { resolve: (f: Fingerprint) => void; reject: (e: Error) => void }>();
  private readonly known = new Map<string, Promise<Fingerprint>>();
  private readonly hashes = new Map<string, Promise<string>>();
  private readonly sizes = new Map<string, number>();

  /** The file's size as hashed (not stat'ed again: a file may go once it is read). */
  async size(file: string): Promise<number> {
    await this.fingerprint(file);
    return this.sizes.get(file) ?? 0;
  }

  /** The file's SHA-256 (hex); files are hashed in the order they are first asked for. */
  of(file: string): Promise<string> {
    const known = this.hashes.get(file);
    if (known) return known;
    const hash = this.fingerprint(file).then((f) => f.sha256);
    hash.catch(() => undefined); // awaited, or not, where the file is recorded
    this.hashes.set(file, hash);
    return hash;
  }

  /** The hash and, for a .gz file, whether it decompresses to its end. */
  fingerprint(file: string): Promise<Fingerprint> {
    const known = this.known.get(file);
    if (known) return known;
    const promise = new Promise<Fingerprint>((resolve, reject) => this.waiting.set(file, { resolve, reject }));
    promise.catch(() => undefined); // awaited, or not, where the file is recorded
    this.known.set(file, promise);
    this.start().postMessage(file);
    return promise;
  }

  /** Stops the worker (it would keep the process alive). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER, { eval: true });
    worker.on(
      'message',
      (m: {
        file: string;
        sha256?: string;
        bytes?: number;
        problem?: string | null;
        lines?: number;
        lf?: number;
        cr?: number;
        error?: string;
        code?: string;
      }) => {
        const w = this.waiting.get(m.file);
        this.waiting.delete(m.file);
        const [lf, cr] = [m.lf ?? 0, m.cr ?? 0];
        if (m.sha256) this.sizes.set(m.file, m.bytes ?? 0);
        if (m.sha256) w?.resolve({ sha256: m.sha256, gzipProblem: m.problem ?? null, lines: m.lines ?? 0, mixedLineEnds: cr > 0 && cr !== lf });
        // With its code (ENOENT, EACCES), so that a file gone or locked is told from a bug.
        else w?.reject(Object.assign(new Error(`cannot read ${m.file}: ${m.error}`), { code: m.code }));
      },
    );
    worker.on('error', (e) => {
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    });
    this.worker = worker;
    return worker;
  }
}
