import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Database } from '../../src/ingest/database.js';

/** DuckDB's memory limit and the folder it spills to past it (issue 26: a national run under 2 GB). */
describe('the work database', () => {
  it('holds at most 1,200 MB in memory, spills to a folder of its own in the temporary folder, and removes it on close', async () => {
    const db = await Database.open();
    const [s] = await db.all<{ limit: string; dir: string }>(`SELECT current_setting('memory_limit') AS limit, current_setting('temp_directory') AS dir`);
    // DuckDB prints 1,200 MB (1,200,000,000 bytes) in binary units.
    expect(s!.limit).toBe('1.1 GiB');
    expect(path.dirname(s!.dir)).toBe(tmpdir());
    expect(path.basename(s!.dir)).toMatch(new RegExp(`^csp-ingest-${process.pid}-duckdb-`));
    expect(existsSync(s!.dir)).toBe(true);
    db.close();
    expect(existsSync(s!.dir)).toBe(false);
  });
});
