import { describe, expect, it } from 'vitest';
import { createWriteStream, rmSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { createGzip, constants } from 'node:zlib';
import { cli, minimalConfig, workspace, type ValidationJson } from './helpers.js';

/**
 * Issue 21 case 3, the large half: a small .gz (about 0.6 MB) that expands to a CR-only file of
 * 540 MiB, more than one JavaScript string holds (0x1fffffe8 characters, "Cannot create a string
 * longer than …"). Its line endings are converted by streaming (lfCopy), never by reading it into
 * one string. The file is built in a temporary workspace and removed afterwards. Measured on
 * two cores: 13 s, 420 MB peak (gzip of 540 MiB, then csp's gunzip, LF copy and DuckDB scan),
 * with 1.1 GB of disk in the temporary folder while it runs.
 */
const ROW = `01/06/2024,Noise,Viking,${'x'.repeat(1024 - 24 - 1)}\r`; // 1,024 bytes with its CR
const MIB_OF_ROWS = Buffer.from(ROW.repeat(1024));
const MIB = 540;

describe('3. a .gz that expands past the largest JavaScript string', () => {
  it('a CR-only file of 540 MiB inside a 0.6 MB .gz: every row read, with memory to spare', async () => {
    expect(MIB_OF_ROWS.length).toBe(1 << 20);
    expect(MIB * (1 << 20)).toBeGreaterThan(0x1fffffe8);
    const dir = workspace({
      'csp.yaml': minimalConfig(`  asb:\n    kind: records\n    files: asb.csv.gz\n    columns: {date: Date, category: Type, area: Ward}`),
    });
    try {
      const gz = createGzip({ level: constants.Z_BEST_SPEED });
      const out = createWriteStream(path.join(dir, 'asb.csv.gz'));
      gz.pipe(out);
      gz.write('Date,Type,Ward,Notes\r');
      for (let i = 0; i < MIB; i++) if (!gz.write(MIB_OF_ROWS)) await once(gz, 'drain');
      gz.end();
      await once(out, 'finish');
      const r = await cli(['validate', '--config', path.join(dir, 'csp.yaml'), '--json']);
      expect(r.stderr).not.toMatch(/Unexpected error|\n\s+at /);
      expect(r.code).toBe(0);
      const asb = (JSON.parse(r.stdout) as ValidationJson).sources.find((s) => s.id === 'asb')!;
      expect(asb.files[0]).toMatchObject({ path: 'asb.csv.gz', rowsRead: MIB * 1024, rowsAccepted: MIB * 1024, rowsRejected: 0 });
      expect(asb.files[0]!.bytes).toBeLessThan(4 << 20);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
