import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { geoPath } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import { bestFitWards, placeName } from '../../src/analyse/maps/index.js';
import { rate } from '../../src/core/words.js';
import type { BoundaryArea } from '../../src/ingest/boundaries/index.js';
import { drawChoropleth, oglAttribution, type AreaFigure, type ChoroplethOptions } from '../../src/render/maps/index.js';
import { fitProjection } from '../../src/render/maps/projection.js';
import { FILES, FIXTURES, layer, monthsOf, pairsOf, pathsOf, samplePolice, samplePopulation, viewBoxOf, xmlProblems } from './helpers.js';

/** The sample's all-crime rate per 1,000 by LSOA in its current window (2025), as the assessment computes it: crimes (not ASB) ÷ population × 1,000. */
function sampleRates(): { figures: Map<string, AreaFigure>; rates: Map<string, number | null> } {
  const { lsoas } = samplePolice(monthsOf(2025));
  const population = samplePopulation();
  const figures = new Map<string, AreaFigure>();
  const rates = new Map<string, number | null>();
  for (const a of layer(FILES.thanetLsoa21, 'lsoa').areas) {
    const crimes = lsoas.get(a.code)?.crimes ?? 0;
    const pop = population.get(a.name!);
    const value = pop ? (1000 * crimes) / pop : null;
    figures.set(a.code, { value, count: crimes });
    rates.set(a.code, value);
  }
  return { figures, rates };
}

let sample: ReturnType<typeof sampleRates> | undefined;
const thanet = () => (sample ??= sampleRates());

function places(): Map<string, string> {
  const lsoas = layer(FILES.thanetLsoa21, 'lsoa').areas;
  const fits = bestFitWards(lsoas, layer(FILES.thanetWards, 'ward').areas);
  return new Map(lsoas.map((a) => [a.code, placeName(a.name!, fits.get(a.code)?.wardName)]));
}

const options = (o: Partial<ChoroplethOptions> = {}): ChoroplethOptions => ({
  id: 'map-all-crime-lsoa',
  title: 'All crime by LSOA, Thanet',
  areas: layer(FILES.thanetLsoa21, 'lsoa').areas,
  figures: thanet().figures,
  places: places(),
  areaWord: 'LSOAs',
  measure: { label: 'Crimes per 1,000 residents, January to December 2025', decimals: 1 },
  noFigure: 'no population figure',
  attribution: oglAttribution(2021),
  ...o,
});

/** A legend label's range: "12.3–25.0" → [12.3, 25], "7.0" → [7, 7]. */
const range = (label: string): [number, number] => {
  const [a, b] = label.split('–').map((x) => Number(x.replaceAll(',', '')));
  return [a!, b ?? a!];
};

describe('a choropleth of the real Thanet LSOAs with the sample’s rates', () => {
  it('every one of the 86 LSOAs is one shape, filled with the colour of the class its printed rate is in', () => {
    const map = drawChoropleth(options());
    const paths = pathsOf(map.svg);
    expect(paths.size).toBe(86);
    const classes = map.legend.filter((l) => l.fill.startsWith('#'));
    expect(classes).toHaveLength(5);
    for (const [code, r] of thanet().rates) {
      const fill = paths.get(code)!.fill;
      if (r === null) {
        expect(fill, code).toBe('url(#map-all-crime-lsoa-none)');
        continue;
      }
      const printed = Number(rate(r).replaceAll(',', ''));
      const holding = classes.filter((c) => printed >= range(c.label)[0] && printed <= range(c.label)[1]);
      expect(holding, `${code} ${printed}`).toHaveLength(1);
      expect(fill, `${code} ${printed}`).toBe(holding[0]!.fill);
    }
    // The sample's four 2021-only LSOAs have no 2017 population: hatched, and said in the legend.
    expect([...thanet().rates.values()].filter((r) => r === null)).toHaveLength(4);
    expect(map.legend.at(-1)).toEqual({ fill: 'url(#map-all-crime-lsoa-none)', label: 'no population figure' });
  });

  it('the legend ranges are ColorBrewer OrRd light to dark, never overlap, and each holds about a fifth of the areas', () => {
    const map = drawChoropleth(options());
    const classes = map.legend.filter((l) => l.fill.startsWith('#'));
    expect(classes.map((c) => c.fill)).toEqual(['#fef0d9', '#fdcc8a', '#fc8d59', '#e34a33', '#b30000']);
    for (let i = 1; i < classes.length; i++) expect(range(classes[i]!.label)[0]).toBeGreaterThan(range(classes[i - 1]!.label)[1]);
    const sizes = classes.map((c) => map.rows.filter((r) => r.legend === c.label).length);
    expect(sizes.reduce((s, n) => s + n, 0)).toBe(82);
    for (const n of sizes) expect(n).toBeGreaterThanOrEqual(16);
  });

  it('the table: every area, highest rate first, each as printed, with its ward', () => {
    const map = drawChoropleth(options());
    expect(map.rows).toHaveLength(86);
    const rated = map.rows.filter((r) => r.rank !== null);
    expect(rated.map((r) => r.rank)).toEqual(Array.from({ length: 82 }, (_, i) => i + 1));
    for (let i = 1; i < rated.length; i++) expect(rated[i]!.value!).toBeLessThanOrEqual(rated[i - 1]!.value!);
    for (const r of map.rows) expect(r.shown).toBe(thanet().rates.get(r.code) === null ? '–' : rate(thanet().rates.get(r.code)));
    expect(map.rows[0]!.place).toMatch(/^Thanet \d{3}[A-Z] \([A-Z][a-z].*\)$/);
    expect(map.rows.slice(-4).map((r) => r.place)).toEqual([
      'Thanet 001F (Margate Central)',
      'Thanet 001G (Margate Central)',
      'Thanet 014E (Thanet Villages)',
      'Thanet 014F (Thanet Villages)',
    ]);
  });

  it('one image with a title and a text alternative that names the top five with their rates; scales by its viewBox', () => {
    const map = drawChoropleth(options());
    expect(map.svg).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 640 \d+" width="640" height="\d+" role="img" aria-labelledby="map-all-crime-lsoa-title map-all-crime-lsoa-desc" focusable="false"/,
    );
    expect(map.svg).toContain('<title id="map-all-crime-lsoa-title">All crime by LSOA, Thanet</title>');
    const top = map.rows.slice(0, 5).map((r) => `${r.place}: ${r.shown}`);
    expect(map.description).toBe(
      `Map of 86 LSOAs shaded by crimes per 1,000 residents, January to December 2025, in 5 classes from ${map.rows[81]!.shown} to ${map.rows[0]!.shown}. ` +
        `Highest: ${top.join('; ')}. 4 areas have no population figure: Thanet 001F (Margate Central), Thanet 001G (Margate Central), Thanet 014E (Thanet Villages) and Thanet 014F (Thanet Villages). The table after the map gives every area.`,
    );
    expect(map.svg).toContain(`<desc id="map-all-crime-lsoa-desc">${map.description}</desc>`);
    // The key under the map says the same top five, numbered as on the map.
    for (const line of top) expect(map.svg).toContain(`>${line}</text>`);
    expect(xmlProblems(map.svg)).toEqual([]);
    expect(map.svg).not.toMatch(/<script|href=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('prints the ONS attribution under the map', () => {
    const svg = drawChoropleth(options()).svg.replaceAll(/<\/text><text[^>]*>/g, ' ');
    expect(svg).toContain(
      'Contains OS data © Crown copyright and database right 2021. Source: Office for National Statistics licensed under the Open Government Licence v3.0.',
    );
  });

  it('is small: well under 300 KB for a district’s LSOAs', () => {
    const thanetSvg = drawChoropleth(options()).svg;
    expect(thanetSvg.length).toBeLessThan(80_000);
    const swale = layer(FILES.swaleLsoa21, 'lsoa').areas;
    const swaleSvg = drawChoropleth(options({ areas: swale, figures: new Map(swale.map((a, i) => [a.code, { value: i }])), places: undefined })).svg;
    expect(swaleSvg.length).toBeLessThan(120_000);
  });

  it('the same figures give the same bytes, whatever order the areas and figures come in', () => {
    const a = drawChoropleth(options()).svg;
    const b = drawChoropleth(options({ areas: [...layer(FILES.thanetLsoa21, 'lsoa').areas].reverse(), figures: new Map([...thanet().figures].reverse()) })).svg;
    expect(b).toBe(a);
  });

  it('counts where there is no population: the legend and the text alternative say so', () => {
    const counts = new Map([...thanet().figures].map(([code, f]) => [code, { value: f.count ?? 0, count: f.count }]));
    const map = drawChoropleth(
      options({
        figures: counts,
        measure: { label: 'Crimes, January to December 2025', decimals: 0 },
        note: 'No population figures: counts are shown, not rates',
      }),
    );
    expect(map.legend.every((l) => /^[\d,]+(–[\d,]+)?$/.test(l.label))).toBe(true);
    expect(map.svg).toContain('>No population figures: counts are shown, not rates</text>');
    expect(map.description).toContain('No population figures: counts are shown, not rates.');
  });
});

describe('disclosure control on a public map', () => {
  it('counts of 1 to 4 are "fewer than 5": cross-hatched, their figures in neither the map, the key, the text alternative nor the table', () => {
    const areas = layer(FILES.thanetWards, 'ward').areas;
    const figures = new Map(areas.map((a, i) => [a.code, { value: i === 0 ? 0 : i < 4 ? i : 10 * i + 7, count: i === 0 ? 0 : i < 4 ? i : 10 * i + 7 }]));
    const map = drawChoropleth({
      id: 'plan-map',
      title: 'Domestic abuse by ward',
      areas,
      figures,
      areaWord: 'wards',
      measure: { label: 'Crimes, 2025', decimals: 0 },
      suppressBelow: 5,
      attribution: oglAttribution(2025),
    });
    const hidden = map.rows.filter((r) => r.shown === 'fewer than 5');
    expect(hidden).toHaveLength(3);
    for (const r of hidden) {
      expect(r.value).toBeNull();
      expect(pathsOf(map.svg).get(r.code)!.fill).toBe('url(#plan-map-hidden)');
    }
    // 0 is a count that discloses nothing: shown as 0.
    expect(map.rows.find((r) => r.code === areas[0]!.code)!.shown).toBe('0');
    expect(map.legend.at(-1)).toEqual({ fill: 'url(#plan-map-hidden)', label: 'fewer than 5' });
    expect(map.description).toContain('3 areas have fewer than 5, not shown.');
    for (const n of [1, 2, 3]) expect(map.svg).not.toMatch(new RegExp(`: ${n}<|>${n}–|–${n}<`));
  });
});

describe('the pitfall the reader exists for: Swale 008C as the ONS file winds it', () => {
  type Collection = FeatureCollection<Polygon | MultiPolygon, Record<string, string>>;
  const published = (): Collection => JSON.parse(readFileSync(path.join(FIXTURES, FILES.swaleLsoa21), 'utf8'));

  it('unwound, it fills the whole frame and shrinks Swale to a dot; as read by csp, every shape lies inside the map', () => {
    const raw = published();
    const fitted = fitProjection(raw, { width: 640, maxHeight: 560, margin: 8 });
    const path = geoPath(fitted.projection);
    const swale008C = raw.features.find((f) => f.properties.LSOA21CD === 'E01024572')!;
    const [[x0], [x1]] = path.bounds(swale008C);
    expect(x1 - x0).toBeGreaterThan(500); // of the 624 pixels inside the margins
    const other = raw.features.find((f) => f.properties.LSOA21CD !== 'E01024572')!;
    const [[ox0], [ox1]] = path.bounds(other);
    expect(ox1 - ox0).toBeLessThan(1);

    const areas: readonly BoundaryArea[] = layer(FILES.swaleLsoa21, 'lsoa').areas;
    const map = drawChoropleth(options({ areas, figures: new Map(areas.map((a, i) => [a.code, { value: i }])), places: undefined }));
    const [width] = viewBoxOf(map.svg);
    const paths = pathsOf(map.svg);
    expect(paths.size).toBe(90);
    for (const [code, p] of paths) {
      for (const [x, y] of pairsOf(p.d)) {
        expect(x, code).toBeGreaterThanOrEqual(7.9);
        expect(x, code).toBeLessThanOrEqual(width - 7.9);
        expect(y, code).toBeGreaterThanOrEqual(7.9);
      }
    }
    // Swale 008C is a few dozen pixels across, not the frame.
    const xs = pairsOf(paths.get('E01024572')!.d).map(([x]) => x);
    expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(200);
  });
});
