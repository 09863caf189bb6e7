import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Fingerprints } from '../../src/ingest/fingerprints.js';
import { ROOT, workspace } from '../helpers.js';

describe('fingerprints on a worker thread', () => {
  it('give each file its SHA-256, asked for in any order, and say which file cannot be read', async () => {
    const dir = workspace({ 'a.csv': 'x,y\n1,2\n', 'empty.csv': '' });
    const real = path.join(ROOT, 'test', 'fixtures', 'realdata', 'kent-street-2024-01_2024-04', '2024-01-kent-street.csv');
    const files = [real, path.join(dir, 'a.csv'), path.join(dir, 'empty.csv')];
    const fingerprints = new Fingerprints();
    try {
      const missing = fingerprints.of(path.join(dir, 'gone.csv'));
      const hashes = await Promise.all([...files].reverse().map((f) => fingerprints.of(f)));
      expect(hashes.reverse()).toEqual(files.map((f) => createHash('sha256').update(readFileSync(f)).digest('hex')));
      expect(hashes[2]).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'); // SHA-256 of nothing
      await expect(missing).rejects.toThrow(/cannot read .*gone\.csv: ENOENT/);
      expect(fingerprints.of(files[0]!)).toBe(fingerprints.of(files[0]!)); // each file hashed once
    } finally {
      await fingerprints.close();
    }
  });
});

describe('gzip files are decompressed to their end on the worker', () => {
  it("a whole .gz has no problem; one cut short names zlib's reason", async () => {
    const { gzipSync } = await import('node:zlib');
    const gz = gzipSync(Buffer.from('Crime ID,Month\n'.repeat(5000)));
    const dir = workspace({ 'whole.csv.gz': gz, 'cut.csv.gz': gz.subarray(0, gz.length - 10), 'plain.csv': 'a,b\n' });
    const fingerprints = new Fingerprints();
    try {
      const [whole, cut, plain] = await Promise.all(['whole.csv.gz', 'cut.csv.gz', 'plain.csv'].map((f) => fingerprints.fingerprint(path.join(dir, f))));
      // 5,000 lines of text inside, counted as decompressed.
      expect(whole).toEqual({ sha256: createHash('sha256').update(gz).digest('hex'), gzipProblem: null, lines: 5000, mixedLineEnds: false });
      expect(cut!.gzipProblem).toBe('unexpected end of file');
      expect(plain).toMatchObject({ gzipProblem: null, lines: 1, mixedLineEnds: false });
    } finally {
      await fingerprints.close();
    }
  });
});

describe('lines and line endings, counted on the worker', () => {
  it('counts lines (a last line without LF too) and finds CR-only and mixed line endings', async () => {
    const dir = workspace({
      'lf.csv': 'a\nb\nc',
      'crlf.csv': 'a\r\nb\r\n',
      'cr.csv': 'a\rb\rc\r',
      'mixed.csv': 'a\r\r\nb\r\n',
      'empty.csv': '',
    });
    const fingerprints = new Fingerprints();
    try {
      const got = await Promise.all(
        ['lf', 'crlf', 'cr', 'mixed', 'empty'].map(async (f) => {
          const { lines, mixedLineEnds } = await fingerprints.fingerprint(path.join(dir, `${f}.csv`));
          return [f, lines, mixedLineEnds];
        }),
      );
      expect(got).toEqual([
        ['lf', 3, false],
        ['crlf', 2, false],
        ['cr', 1, true],
        ['mixed', 2, true],
        ['empty', 0, false],
      ]);
    } finally {
      await fingerprints.close();
    }
  });
});
