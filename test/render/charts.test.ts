import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, labelWidth, matrixSpec, ratesSpec, renderChart, seriesSpec } from '../../src/render/charts.js';

/** The chart as drawn without the cache of compiled shapes: vega-lite, vega, SVG, each time. */
async function drawnDirectly(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(vl.compile({ ...spec, config: CHART_CONFIG } as TopLevelSpec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

/** renderChart's SVG without the title, description and the aria attributes it takes out. */
const marks = (svg: string) => svg.replace(/<svg[^>]*>/, '').replace(/<title id[^<]*<\/title><desc[^<]*<\/desc>/, '');
const bare = (svg: string) =>
  svg
    .replace(/<svg[^>]*>/, '')
    .replaceAll(/ aria-(label|roledescription|hidden)="[^"]*"/g, '')
    .replaceAll(/ role="graphics-[^"]*"/g, '');

const months = (from: number, counts: number[]) =>
  counts.map((count, i) => ({ month: `${2023 + Math.floor((from + i) / 12)}-${String(((from + i) % 12) + 1).padStart(2, '0')}`, count }));
const colours = { primary: '#1f5f8b', muted: '#9ab' };
const ROOT = path.resolve(import.meta.dirname, '..', '..');

describe('charts compiled once per shape', () => {
  const cases: [string, TopLevelSpec][] = [
    ['series', seriesSpec(months(0, [5, 9, 7, 12, 3, 8, 10, 11, 6, 4, 9, 13, 7]), { start: '2023-07', end: '2024-01' }, '#1f5f8b')],
    ['series, other data', seriesSpec(months(2, [50, 90, 70, 120]), { start: '2023-04', end: '2023-06' }, '#1f5f8b')],
    [
      'rates with the average',
      ratesSpec(
        [
          { area: 'Thanet', rate: 92.4, isArea: true },
          { area: 'Dover', rate: 70.1, isArea: false },
        ],
        80.2,
        colours,
      ),
    ],
    [
      'rates without an average',
      ratesSpec(
        [
          { area: 'Thanet', rate: 12.5, isArea: true },
          { area: 'Dover', rate: 20, isArea: false },
        ],
        null,
        colours,
      ),
    ],
    [
      'matrix (data shared by its layers)',
      matrixSpec(
        [
          { theme: 'ASB', criterion: 'volume', band: 3 },
          { theme: 'Drugs', criterion: 'volume', band: 1 },
        ],
        { themes: ['ASB', 'Drugs'], criteria: ['volume'], scale: 3, colour: '#1f5f8b' },
      ),
    ],
    [
      'matrix again, other bands',
      matrixSpec(
        [
          { theme: 'ASB', criterion: 'volume', band: 1 },
          { theme: 'Drugs', criterion: 'volume', band: 2 },
        ],
        { themes: ['ASB', 'Drugs'], criteria: ['volume'], scale: 3, colour: '#1f5f8b' },
      ),
    ],
  ];
  it.each(cases)('%s: the same drawing as compiling it afresh', async (_, spec) => {
    const chart = await renderChart('c', 'A title', 'A description.', spec);
    expect(marks(chart.svg)).toBe(bare(await drawnDirectly(spec)));
    expect(chart.svg).toMatch(/^<svg role="img" aria-labelledby="c-title c-desc"/);
  });
  it('each chart shows its own data', async () => {
    const a = await renderChart('a', 't', 'd', cases[0]![1]);
    const b = await renderChart('b', 't', 'd', cases[1]![1]);
    expect(marks(a.svg)).not.toBe(marks(b.svg));
  });
});

describe('charts scale to a phone and keep a print size', () => {
  const themes = ['Drugs', 'Violence and sexual offences', 'Criminal damage and deliberate fires', 'Anti-social behaviour'];
  const criteria = ['volume', 'trend', 'harm', 'perception', 'influence', 'vulnerability'];
  const districts = ['Dartford', 'Thanet', 'Folkestone and Hythe', 'Tonbridge and Malling', 'Sevenoaks'];
  const specs: [string, TopLevelSpec][] = [
    [
      'series',
      seriesSpec(
        months(
          0,
          Array.from({ length: 36 }, (_, i) => 1000 + ((i * 37) % 250)),
        ),
        { start: '2025-01', end: '2025-12' },
        '#1f5f8b',
      ),
    ],
    [
      'rates',
      ratesSpec(
        districts.map((area, i) => ({ area, rate: 60 + i * 15.5, isArea: area === 'Thanet' })),
        88.8,
        colours,
      ),
    ],
    [
      'matrix',
      matrixSpec(
        themes.flatMap((theme, i) => criteria.map((criterion, j) => ({ theme, criterion, band: ((i + j) % 3) + 1 }))),
        { themes, criteria, scale: 3, colour: '#1f5f8b' },
      ),
    ],
  ];
  const size = (svg: string) => {
    const root = /^<svg[^>]*>/.exec(svg)![0];
    const [w, h] = [Number(/ width="(\d+)"/.exec(root)![1]), Number(/ height="(\d+)"/.exec(root)![1])];
    return { w, h, viewBox: / viewBox="([^"]+)"/.exec(root)?.[1], style: / style="[^"]*"/.test(root) };
  };

  it.each(specs)('%s: a viewBox the size of the drawing, no fixed style, no wider than the A4 text column', async (_, spec) => {
    const { w, h, viewBox, style } = size((await renderChart('c', 't', 'd', spec)).svg);
    // The stylesheet scales it by the viewBox (max-width 100%, height auto); a style on the root would fix it.
    expect(viewBox).toBe(`0 0 ${w} ${h}`);
    expect(style).toBe(false);
    // A4 less 16 mm margins is 673 px: a chart at most that wide prints at its own size, its text 12 px.
    expect(w).toBeLessThanOrEqual(673);
    expect(w).toBeGreaterThan(375);
  });

  it('lays labels out by their width in the charts font, not 0.8 em a character', async () => {
    expect(labelWidth('Criminal damage and deliberate fires', { fontSize: 12 })).toBeGreaterThan(180);
    expect(labelWidth('Criminal damage and deliberate fires', { fontSize: 12 })).toBeLessThan(215);
    expect(labelWidth('1,200', { fontSize: 12 })).toBe(Math.ceil(((4 * 556 + 278) / 1000) * 12));
    expect(labelWidth('Drugs', { fontSize: 12, bold: true })).toBeGreaterThan(labelWidth('Drugs', { fontSize: 12 }));
    // The matrix is its cells and its longest theme name, not a third wider again.
    const { w } = size((await renderChart('m', 't', 'd', specs[2]![1])).svg);
    expect(w).toBeLessThan(criteria.length * 70 + labelWidth(themes[2]!, { fontSize: 12 }) + 40);
    // Nothing is cut short: every district's name is drawn whole.
    const rates = (await renderChart('r', 't', 'd', specs[1]![1])).svg;
    expect(rates).not.toContain('…');
    for (const d of districts) expect(rates).toContain(`>${d === 'Thanet' ? 'Thanet ◀' : d}</text>`);
  });

  it('the stylesheet never sets a chart wider than its box, on a phone or on paper', () => {
    const css = readFileSync(path.join(ROOT, 'templates', 'styles.css'), 'utf8').replaceAll(/\/\*[\s\S]*?\*\//g, '');
    const rules = [...css.matchAll(/([^{}]*figure\.chart svg[^{}]*)\{([^}]*)\}/g)].map((m) => m[2]!);
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.join(';')).toMatch(/max-width:\s*100%/);
    expect(rules.join(';')).toMatch(/height:\s*auto/);
    for (const r of rules) expect(r, 'a chart width fixed by the stylesheet').not.toMatch(/(^|;|\s)(min-)?width:/);
    expect(css).not.toContain('chart-scroll');
  });
});
