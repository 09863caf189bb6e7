import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, type ValidationJson } from '../helpers.js';
import { FILES, FIXTURES } from './helpers.js';

/** A copy of the sample workspace whose LSOA boundary file is replaced by `lsoa` (bytes). */
function sampleWith(lsoa: Buffer | string): string {
  const ws = mkdtempSync(path.join(tmpdir(), 'csp-validate-boundaries-'));
  cpSync(path.join(ROOT, 'data-samples'), ws, { recursive: true });
  writeFileSync(path.join(ws, 'boundaries', 'lsoa-2021-thanet.geojson'), lsoa);
  return path.join(ws, 'csp.yaml');
}

describe('csp validate reads the boundary files', () => {
  it("a file of another district's LSOAs: a warning that names the file and says no LSOA map can be drawn; exit 0", async () => {
    const config = sampleWith(readFileSync(path.join(FIXTURES, FILES.swaleLsoa21)));
    const r = await cli(['validate', '--config', config, '--json', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const warnings = (JSON.parse(r.stdout) as ValidationJson).warnings.filter((w) => w.message.includes('boundary file'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(
      /^none of the \d+ LSOAs of the boundary file boundaries\/lsoa-2021-thanet\.geojson \(geography\.boundaries\.lsoa\) is named in the police data for Thanet$/,
    );
    expect(warnings[0]!.hint).toContain('no map by LSOA can be drawn');
    const text = await cli(['validate', '--config', config]);
    expect(text.stderr).toContain('⚠ ');
    expect(text.stderr).toContain('is named in the police data for Thanet');
  });

  it('a file that is not JSON: exit 2 naming the key and the file, before any data is read', async () => {
    const config = sampleWith('not json at all');
    const r = await cli(['validate', '--config', config]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('boundaries/lsoa-2021-thanet.geojson');
    expect(r.stderr).toContain('the boundary file is not JSON');
    expect(r.stderr).toContain('geography.boundaries.lsoa');
    expect(r.stderr).not.toContain('rows read');
  });

  it('the sample as shipped: no boundary warning', async () => {
    const r = await cli(['validate', '--config', path.join(ROOT, 'data-samples', 'csp.yaml'), '--json', '--quiet']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as ValidationJson).warnings.filter((w) => /boundar|LSOA code/.test(w.message))).toEqual([]);
  });
});
