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
const gzipProblem = (file) => new Promise((resolve) => {
  const gunzip = createGunzip();
  gunzip.on('data', () => undefined).on('end', () => resolve(null)).on('error', (e) => resolve(String(e.message || e)));
  createReadStream(file).on('error', (e) => resolve(String(e.message || e))).pipe(gunzip);
});
parentPort.on('message', async (file) => {
  try {
    const hash = createHash('sha256');
    const fd = openSync(file, 'r');
    try {
      for (let n = readSync(fd, chunk, 0, chunk.length, null); n > 0; n = readSync(fd, chunk, 0, chunk.length, null)) hash.update(chunk.subarray(0, n));
    } finally {
      closeSync(fd);
    }
    const gzip = /\\.gz$/i.test(file) ? await gzipProblem(file) : null;
    parentPort.postMessage({ file, sha256: hash.digest('hex'), gzip });
  } catch (e) {
    parentPort.postMessage({ file, error: String((e && e.message) || e) });
  }
});`;

export interface Fingerprint {
  sha256: string;
  /** For a .gz file that does not decompress to its end, zlib's reason ("unexpected end of file"). */
  gzipProblem: string | null;
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
    worker.on('message', (m: { file: string; sha256?: string; gzip?: string | null; error?: string }) => {
      const w = this.waiting.get(m.file);
      this.waiting.delete(m.file);
      if (m.sha256) w?.resolve({ sha256: m.sha256, gzipProblem: m.gzip ?? null });
      else w?.reject(new Error(`cannot read ${m.file}: ${m.error}`));
    });
    worker.on('error', (e) => {
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    });
    this.worker = worker;
    return worker;
  }
}
