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
