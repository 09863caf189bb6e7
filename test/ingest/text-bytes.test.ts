import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { textBytes } from '../../src/ingest/files.js';
import { ROOT, workspace } from '../helpers.js';

describe('the text a file holds, to size a batch of police files', () => {
  it('is the size of a plain file and the uncompressed size of a .gz one', () => {
    const text = 'Crime ID,Month\n'.repeat(10_000);
    const dir = workspace({ 'a.csv': text, 'a.csv.gz': gzipSync(text) });
    expect(textBytes(path.join(dir, 'a.csv'))).toBe(150_000);
    expect(textBytes(path.join(dir, 'a.csv.gz'))).toBe(150_000);
    // The committed sample: 275,356 bytes compressed, 2,897,697 of text.
    expect(textBytes(path.join(ROOT, 'data-samples', 'police', '2023-01-kent-street.csv.gz'))).toBe(2_897_697);
  });
});
