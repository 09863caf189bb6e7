import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Assessment } from '../../src/analyse/assessment-schema.js';
import { binCsp } from '../helpers.js';

/** The sample workspace ships Thanet's boundaries: its assessment carries the maps section and draws the maps. */
describe('the maps of the sample assessment', () => {
  let a: Assessment;
  let html = '';
  beforeAll(async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'csp-maps-'));
    const r = await binCsp(['assess', '--config', 'data-samples/csp.yaml', '--out', out, '--format', 'html', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    a = JSON.parse(readFileSync(path.join(out, 'assessment.json'), 'utf8')) as Assessment;
    html = readFileSync(path.join(out, 'assessment.html'), 'utf8');
  });

  it('has one entry per Thanet LSOA (86), each rate its count ÷ population × 1,000, summing to all crime', () => {
    const maps = a.maps!;
    expect(a.schemaVersion).toBe('1.5.0');
    expect(maps.lsoas).toHaveLength(86);
    expect(maps.wards).toHaveLength(23);
    const all = maps.byLsoa.find((f) => f.figure === 'allCrime')!;
    expect(all.areas).toHaveLength(86);
    expect(all.areas.reduce((s, x) => s + x.count, 0)).toBe(a.allCrime.current);
    const pop = new Map(maps.lsoas.map((l) => [l.code, l.population]));
    for (const x of all.areas) {
      const p = pop.get(x.code);
      if (p) expect(x.ratePer1000).toBeCloseTo((x.count / p) * 1000, 2);
      else expect(x.ratePer1000).toBeNull();
    }
    expect(maps.lsoas.every((l) => l.ward !== null && l.place === `${l.name} (${l.wardName})`)).toBe(true);
    expect(maps.hotspotsOverTime!.areas).toHaveLength(86);
    expect(a.allCrime.hotspots.byCount[0]!.place).toMatch(/^Thanet \d{3}[A-Z] \(.+\)$/);
    expect(a.dataQuality.filter((f) => f.id.startsWith('maps-'))).toEqual([]);
  });

  it('draws the maps as SVG figures with a viewBox and a text alternative, and names places in the hotspot tables', () => {
    for (const id of ['map-allCrime-lsoa', 'map-hotspots-over-time', 'map-asb-council-asb-ward']) {
      const svg = new RegExp(`<svg [^>]*viewBox="0 0 \\d+ \\d+"[^>]*role="img" aria-labelledby="${id}-title ${id}-desc"`);
      expect(html, id).toMatch(svg);
      expect(html).toMatch(new RegExp(`<desc id="${id}-desc">Map of \\d+ (LSOAs|wards)`));
    }
    expect(html).toContain('Contains OS data © Crown copyright and database right 2025');
    expect(html).toMatch(/<th[^>]*>Thanet 016A \(Central Harbour\)<\/th>/);
  });
});
