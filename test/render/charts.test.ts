import { describe, expect, it } from 'vitest';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, matrixSpec, ratesSpec, renderChart, seriesSpec } from '../../src/render/charts.js';

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
