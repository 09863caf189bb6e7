import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import iconv from 'iconv-lite';
import { isGzip, type Encoding, type Sniffed } from './files.js';
import type { Scratch } from './scratch.js';

/**
 * A copy of a text file (of a .csv.gz, decompressed) in the run's scratch folder as UTF-8 with every line
 * break as LF: CR LF, CR CR LF and a lone CR each end one line, so line numbers stay as an
 * editor shows them. A UTF-8 file's other bytes are kept as they are; a Windows-1252 or UTF-16
 * file is converted with iconv-lite (Node 20's TextDecoder reads windows-1252 as Latin-1,
 * losing – ’ € and the like). Streamed: a small .gz can hold more text than one JavaScript
 * string (512 MB) or a comfortable buffer, so no file is ever read whole into memory.
 */
export async function lfCopy(file: string, scratch: Scratch, encoding: Encoding = 'utf-8'): Promise<string> {
  const copy = path.join(scratch.dir, `lf-${scratch.next()}.csv`);
  const steps: NodeJS.ReadWriteStream[] = [];
  if (isGzip(file)) steps.push(createGunzip());
  // iconv-lite drops the byte-order mark; its strings are written on as UTF-8.
  if (encoding !== 'utf-8') steps.push(iconv.decodeStream(encoding, { stripBOM: true }));
  await pipeline([createReadStream(file), ...steps, new LineEndsToLf(), createWriteStream(copy)]);
  return copy;
}

const [CR, LF] = [0x0d, 0x0a];
const LF_BLOCK = Buffer.alloc(1 << 16, LF);

/**
 * Bytes with every line break as LF, as `text.replace(/\r*\n|\r/g, '\n')` would give, across
 * chunk boundaries: a run of CRs followed by LF is one line break, a run of CRs followed by
 * anything else is one line break each. Only the length of the current CR run is held.
 */
export class LineEndsToLf extends Transform {
  private crs = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const out = Buffer.allocUnsafe(chunk.length);
    let [n, sent, i] = [0, 0, 0];
    while (i < chunk.length) {
      if (this.crs > 0) {
        const b = chunk[i]!;
        if (b === CR) {
          this.crs++;
          i++;
          continue;
        }
        if (b === LF) {
          out[n++] = LF;
          i++;
          this.crs = 0;
        } else {
          if (n > sent) this.push(out.subarray(sent, n));
          sent = n;
          this.pushCrs();
        }
        continue;
      }
      const cr = chunk.indexOf(CR, i);
      const end = cr === -1 ? chunk.length : cr;
      n += chunk.copy(out, n, i, end);
      i = end;
      if (cr !== -1) {
        this.crs = 1;
        i++;
      }
    }
    if (n > sent) this.push(out.subarray(sent, n));
    done();
  }

  override _flush(done: TransformCallback): void {
    this.pushCrs();
    done();
  }

  /** A run of CRs not followed by LF: one LF each, in blocks however long the run. */
  private pushCrs(): void {
    for (let k = this.crs; k > 0; k -= LF_BLOCK.length) this.push(k >= LF_BLOCK.length ? LF_BLOCK : LF_BLOCK.subarray(0, k));
    this.crs = 0;
  }
}

/** Line endings DuckDB's CSV reader cannot take as they are. */
export const needsLfCopy = (s: Sniffed) => s.lineEnds === 'cr' || s.lineEnds === 'mixed';
