import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Assessment } from '../../src/analyse/assessment-schema.js';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../../src/config/load.js';
import { readWardFile } from '../../src/ingest/boundaries/index.js';
import { publicWardMap } from '../../src/render/views/plan-map.js';
import { binCsp, ROOT } from '../helpers.js';
import { monthsOf } from './helpers.js';
import { ASB, countPolice, recountConfig } from '../recount/recount.js';

/** The SVG of a map in a page, by its id. */
function svgOf(page: string, id: string): string {
  const at = page.indexOf(`aria-labelledby="${id}-title`);
  return page.slice(page.lastIndexOf('<svg', at), page.indexOf('</svg>', at));
}

/** The sample workspace ships Thanet's boundaries: its assessment carries the maps section and draws the maps. */
describe('the maps of the sample assessment', () => {
  let a: Assessment;
  let html = '';
  let plan = '';
  let out = '';
  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'csp-maps-'));
    const r = await binCsp(['assess', '--config', 'data-samples/csp.yaml', '--out', out, '--format', 'html', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const p = await binCsp(['render-plan', '--config', 'data-samples/csp.yaml', '--out', out, '--format', 'html', '--quiet']);
    expect(p.code, p.stderr).toBe(0);
    plan = readFileSync(path.join(out, 'plan.html'), 'utf8');
    a = JSON.parse(readFileSync(path.join(out, 'assessment.json'), 'utf8')) as Assessment;
    html = readFileSync(path.join(out, 'assessment.html'), 'utf8');
  });

  it('has one entry per Thanet LSOA (86), each rate its count ÷ population × 1,000, summing to all crime', () => {
    const maps = a.maps!;
    expect(a.schemaVersion).toBe('1.6.0');
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

  it("the plan's public map: each ward's crimes, recounted from the police files by LSOA (test/recount) and added up by the LSOA's ward, summing to the plan's total", () => {
    const wardOf = new Map(a.maps!.lsoas.map((l) => [l.name!, l.wardName!]));
    const window = new Set(monthsOf(2025));
    const expected = new Map<string, number>();
    for (const [name, byMonth] of countPolice(recountConfig(path.join(ROOT, 'data-samples', 'csp.yaml')), '2026-01-01').byLsoa) {
      for (const [month, byCategory] of byMonth) {
        if (!window.has(month)) continue;
        for (const [category, n] of byCategory) if (category !== ASB) expected.set(wardOf.get(name)!, (expected.get(wardOf.get(name)!) ?? 0) + n);
      }
    }
    const start = plan.indexOf('Crimes recorded by ward, Jan–Dec 2025</caption>');
    expect(start).toBeGreaterThan(0);
    const rows = [...plan.slice(start, plan.indexOf('</table>', start)).matchAll(/<th scope="row"[^>]*>([^<]+)<\/th><td[^>]*>([\d,]+)<\/td>/g)].map(
      (m) => [m[1]!, Number(m[2]!.replaceAll(',', ''))] as const,
    );
    expect(rows).toHaveLength(23);
    expect(new Map(rows)).toEqual(expected);
    expect(rows.reduce((s, [, n]) => s + n, 0)).toBe(14_085);
    expect(a.allCrime.current).toBe(14_085);
    // Per 1,000 residents of each ward (the population file's ward rows, read here), highest first;
    // the text alternative names the top five with the same rates.
    const wardPopulation = new Map(
      readFileSync(path.join(ROOT, 'data-samples', 'population', 'population-by-ward.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','))
        .map((c) => [c[0]!, Number(c[3])] as const),
    );
    const rates = rows.map(([w, n]) => [w, (n * 1000) / wardPopulation.get(w)!] as const).sort((x, y) => y[1] - x[1]);
    expect(rows.map(([w]) => w)).toEqual(rates.map(([w]) => w));
    const oneDecimal = (x: number) => x.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const top = rates.slice(0, 5).map(([w, r]) => `${w}: ${oneDecimal(r)}`);
    expect(plan).toContain(
      `<desc id="map-plan-wards-desc">Map of 23 wards shaded by crimes per 1,000 residents, Jan–Dec 2025, in 5 classes from ${oneDecimal(rates.at(-1)![1])} to ${oneDecimal(rates[0]![1])}. Highest: ${top.join('; ')}.`,
    );
    expect(plan).toContain('The 23 wards add up to all 14,085 crimes recorded in Thanet.');
    expect(plan).toContain('Contains OS data © Crown copyright and database right 2025');
  });

  it('disclosure as in the tables: a ward of fewer than 5 is not shown, every ward is rounded to 10 when the total is, and crimes in no ward are said', () => {
    const config = loadConfig(path.join(ROOT, 'data-samples', 'csp.yaml'));
    const wards = readWardFile(config, a.maps!.wardFile).layer!;
    const doctored = structuredClone(a);
    const all = doctored.maps!.byLsoa.find((f) => f.figure === 'allCrime')!;
    // Kingsgate's LSOAs get 3 crimes between them; one LSOA of Margate Central loses its ward.
    const kingsgate = doctored.maps!.lsoas.filter((l) => l.wardName === 'Kingsgate').map((l) => l.code);
    for (const x of all.areas) if (kingsgate.includes(x.code)) x.count = x.code === kingsgate[0] ? 3 : 0;
    const lost = doctored.maps!.lsoas.find((l) => l.wardName === 'Margate Central')!;
    lost.ward = null;
    const lostCount = all.areas.find((x) => x.code === lost.code)!.count;
    const mapped = all.areas.filter((x) => x.code !== lost.code).reduce((s, x) => s + x.count, 0);
    const exact = publicWardMap(doctored, { wards, rounded: false, suppressBelow: 5 })!;
    const cells = (v: typeof exact) => new Map(v.table!.rows.map((r) => [r.cells[0]!.text, r.cells[1]!.text]));
    expect(cells(exact).get('Kingsgate')).toBe('fewer than 5');
    expect(exact.svg).toContain('>fewer than 5</text>');
    expect(exact.svg).not.toMatch(/Kingsgate: 3\b/);
    expect(exact.description).toContain(
      `The 23 wards add up to ${mapped.toLocaleString('en-GB')} of the 14,085 crimes recorded in Thanet; the other ${(a.allCrime.current - mapped).toLocaleString('en-GB')} were recorded with no location in a ward of the map`,
    );
    expect(lostCount).toBeGreaterThan(0);
    const rounded = publicWardMap(doctored, { wards, rounded: true, suppressBelow: 5 })!;
    for (const [ward, text] of cells(rounded)) if (ward !== 'Kingsgate') expect(Number(text.replaceAll(',', '')) % 10, ward).toBe(0);
    expect(rounded.description).toContain('rounded to the nearest 10, as is the total of about 14,090');
  });

  it('render-plan without the ward file: the plan is made without its map and says so', async () => {
    const ws = mkdtempSync(path.join(tmpdir(), 'csp-nowards-'));
    cpSync(path.join(ROOT, 'data-samples'), ws, { recursive: true });
    rmSync(path.join(ws, a.maps!.wardFile!));
    const r = await binCsp([
      'render-plan',
      '--config',
      path.join(ws, 'csp.yaml'),
      '--assessment',
      path.join(out, 'assessment.json'),
      '--out',
      path.join(ws, 'out'),
      '--format',
      'html',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`the plan's map of crime by ward is left out: the boundary file does not exist`);
    expect(r.stderr).toContain(a.maps!.wardFile!);
    expect(readFileSync(path.join(ws, 'out', 'plan.html'), 'utf8')).not.toContain('map-plan-wards');
  });

  it('the density map of all crime from the police points: every crime of the window in one hexagon, the table adding up to all crime', () => {
    const d = a.density!;
    expect(a.schemaVersion).toBe('1.6.0');
    expect(d.rows).toBe(a.allCrime.current);
    expect(d.withoutPoint).toBe(0);
    expect(d.points.reduce((s, p) => s + p.count, 0)).toBe(14_085);
    expect(html).toMatch(/<desc id="map-allCrime-density-desc">Map of 14,085 crimes, Jan–Dec 2025 in \d+ hexagons 500 m across/);
    const start = html.indexOf('<caption>Crimes (excluding ASB) by hexagon of the map');
    expect(start).toBeGreaterThan(0);
    const cells = [...html.slice(start, html.indexOf('</table>', start)).matchAll(/<td[^>]*class="num">([\d,]+)<\/td>/g)].map((m) =>
      Number(m[1]!.replaceAll(',', '')),
    );
    expect(cells.reduce((s, n) => s + n, 0)).toBe(14_085);
    // Over the LSOAs, with both licences under it.
    const svg = svgOf(html, 'map-allCrime-density');
    expect(svg).toContain('Contains public sector information licensed under');
    expect(svg).toContain('Office for National Statistics');
    expect(svg).toMatch(/<path d="[^"]+" fill="#f2f2f2"\/>/);
  });

  it('without boundary files: the density map alone, fitted to the points, and a finding that says what boundaries would add', async () => {
    const ws = mkdtempSync(path.join(tmpdir(), 'csp-noboundaries-'));
    cpSync(path.join(ROOT, 'data-samples'), ws, { recursive: true });
    const yaml = readFileSync(path.join(ws, 'csp.yaml'), 'utf8');
    const cut = yaml.replace(/\n {2}boundaries:\n(?: {4}.*\n)+/, '\n');
    expect(cut).not.toContain('boundaries:');
    writeFileSync(path.join(ws, 'csp.yaml'), cut);
    const r = await binCsp(['assess', '--config', path.join(ws, 'csp.yaml'), '--out', path.join(ws, 'out'), '--format', 'html', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const b = JSON.parse(readFileSync(path.join(ws, 'out', 'assessment.json'), 'utf8')) as Assessment;
    expect(b.maps).toBeNull();
    expect(b.density).toEqual(a.density);
    const finding = b.dataQuality.find((f) => f.id === 'maps-no-boundaries')!;
    expect(finding.message).toBe(
      "no boundary files are given (geography.boundaries in csp.yaml): the assessment's only map is the density map drawn from the police data's own points",
    );
    const page = readFileSync(path.join(ws, 'out', 'assessment.html'), 'utf8');
    expect(page.match(/<svg [^>]*aria-labelledby="map-[^"]*-title/g)).toEqual([expect.stringContaining('map-allCrime-density-title')]);
    const svg = svgOf(page, 'map-allCrime-density');
    expect(svg).toContain('Contains public sector information licensed under');
    expect(svg).not.toContain('Office for National Statistics');
    expect(svg).not.toContain('fill="#f2f2f2"');
    // Places from the police files' own LSOA names, without wards; every crime in a hexagon.
    const start = page.indexOf('<caption>Crimes (excluding ASB) by hexagon of the map');
    const rows = [...page.slice(start, page.indexOf('</table>', start)).matchAll(/<th scope="row"[^>]*>([^<]+)<\/th><td[^>]*>([\d,]+)<\/td>/g)];
    expect(rows.every((m) => /^Thanet \d{3}[A-Z]$/.test(m[1]!))).toBe(true);
    expect(rows.reduce((sum, m) => sum + Number(m[2]!.replaceAll(',', '')), 0)).toBe(14_085);
  });
});
