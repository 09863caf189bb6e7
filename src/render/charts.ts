import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

/** A chart ready for a document: its SVG, a text alternative, and the data it shows. */
export interface Chart {
  id: string;
  title: string;
  /** One or two sentences saying what the chart shows, for people who cannot see it. */
  description: string;
  svg: string;
}

const FONT = 'Arial, Helvetica, sans-serif';

/** The charts' look (also what the tests compile a chart afresh with). */
export const CHART_CONFIG = {
  font: FONT,
  axis: { labelFontSize: 12, titleFontSize: 12, labelColor: '#222', titleColor: '#222', gridColor: '#ddd' },
  legend: { labelFontSize: 12, titleFontSize: 12 },
  view: { stroke: null },
  background: 'white',
};

/**
 * Vega sizes a chart by its labels' widths; without a canvas it guesses 0.8 em a character, which
 * made the axis of theme names about 70% wider than the names, and the chart that much wider
 * than its marks (so it shrank further on a phone). The charts' font is measured instead: the
 * widths of Arial's characters (Helvetica's metrics, in thousandths of an em, which Liberation
 * Sans, Arial on Linux, shares), a bold label a tenth wider, anything else a whole em.
 */
const ARIAL_WIDTHS = [
  // space ! " # $ % & ' ( ) * + , - . /
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
  // 0–9 : ; < = > ? @
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015,
  // A–Z
  667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611,
  // [ \ ] ^ _ `
  278, 278, 278, 469, 556, 333,
  // a–z
  556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500,
  // { | } ~
  334, 260, 334, 584,
];
const OTHER_WIDTHS: Record<string, number> = { '–': 556, '—': 1000, '−': 584, '…': 1000, '‘': 222, '’': 222, '“': 333, '”': 333, '£': 556, '±': 584, '×': 584 };

/** A label's width in pixels, as Chromium draws it in the charts' font. */
export function labelWidth(text: string, o: { fontSize: number; bold?: boolean }): number {
  let em = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    em += (code >= 32 && code <= 126 ? ARIAL_WIDTHS[code - 32] : OTHER_WIDTHS[ch]) ?? 1000;
  }
  return Math.ceil((em / 1000) * o.fontSize * (o.bold ? 1.1 : 1));
}

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
  limit?: number;
}
// vega's own hook for a measure without a canvas (vl-convert sets it the same way); its types leave it out.
(vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } }).textMetrics.width = (item, text) => {
  const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
  const w = labelWidth(String(text ?? '').trim(), { fontSize: item.fontSize ?? 11, bold });
  return item.limit && item.limit > 0 ? Math.min(w, item.limit) : w;
};

/**
 * Compiled charts by shape (the spec without its data): a document draws a dozen charts of the
 * same few shapes, and compiling (vega-lite, then vega's parser) cost twice the drawing.
 */
const compiledByShape = new Map<string, vega.Runtime>();

/** Renders a vega-lite spec to SVG in Node (no canvas, no browser), with its text alternative. */
export async function renderChart(id: string, title: string, description: string, spec: TopLevelSpec): Promise<Chart> {
  const { shape, datasets } = withoutData(spec);
  const key = JSON.stringify(shape);
  let runtime = compiledByShape.get(key);
  if (!runtime) {
    runtime = vega.parse(vl.compile({ ...shape, config: CHART_CONFIG } as TopLevelSpec).spec);
    compiledByShape.set(key, runtime);
  }
  const view = new vega.View(runtime, { renderer: 'none' });
  for (const [name, values] of datasets) view.data(name, values as object[]);
  let svg = await view.toSVG();
  view.finalize();
  // The figure's caption and the table beside it carry the meaning; the SVG is one image.
  svg = svg
    .replace(/^<svg /, `<svg role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false" `)
    .replace(/(<svg[^>]*>)/, `$1<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>`)
    // Vega labels every mark for assistive technology; inside one role="img" that is noise
    // (and not allowed), so only the root's title and description remain.
    .replaceAll(/ aria-(label|roledescription|hidden)="[^"]*"/g, '')
    .replaceAll(/ role="graphics-[^"]*"/g, '');
  return { id, title, description, svg };
}

/** The spec with each inline `data: {values}` replaced by a named source, and those values by name. */
function withoutData(spec: TopLevelSpec): { shape: TopLevelSpec; datasets: Map<string, unknown[]> } {
  const datasets = new Map<string, unknown[]>();
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === 'data' && v && typeof v === 'object' && Array.isArray((v as { values?: unknown }).values)) {
        const name = `csp_values_${datasets.size}`;
        datasets.set(name, (v as { values: unknown[] }).values);
        out[k] = { name };
      } else out[k] = strip(v);
    }
    return out;
  };
  return { shape: strip(spec) as TopLevelSpec, datasets };
}

function escapeXml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/**
 * Monthly counts with the current window shaded, so the comparison is visible. A month whose
 * data is incomplete is ringed and labelled "incomplete" (words, not colour alone), so its dip
 * is not read as a fall in crime.
 */
export function seriesSpec(
  series: { month: string; count: number }[],
  window: { start: string; end: string },
  colour: string,
  incomplete: readonly string[] = [],
): TopLevelSpec {
  const marked = series.filter((s) => incomplete.includes(s.month)).map((s) => ({ ...s, label: 'incomplete' }));
  return {
    width: 480,
    height: 180,
    layer: [
      {
        data: { values: [{ start: window.start, end: window.end }] },
        mark: { type: 'rect', color: '#e8eef4' },
        encoding: {
          x: { field: 'start', type: 'temporal', timeUnit: 'utcyearmonth' },
          x2: { field: 'end', timeUnit: 'utcyearmonth' },
        },
      },
      {
        data: { values: series },
        mark: { type: 'line', color: colour, strokeWidth: 2, point: { filled: true, size: 18, color: colour } },
        encoding: {
          x: { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', title: null, axis: { format: '%b %Y', labelAngle: 0, tickCount: 6 } },
          y: { field: 'count', type: 'quantitative', title: 'count per month', scale: { zero: true } },
        },
      },
      ...(marked.length === 0
        ? []
        : [
            {
              data: { values: marked },
              mark: { type: 'point' as const, shape: 'circle', size: 160, filled: false, stroke: '#b3541e', strokeWidth: 2 },
              encoding: {
                x: { field: 'month', type: 'temporal' as const, timeUnit: 'utcyearmonth' as const },
                y: { field: 'count', type: 'quantitative' as const },
              },
            },
            {
              data: { values: marked },
              mark: { type: 'text' as const, dy: 16, fontSize: 11, color: '#7a3510' },
              encoding: {
                x: { field: 'month', type: 'temporal' as const, timeUnit: 'utcyearmonth' as const },
                y: { field: 'count', type: 'quantitative' as const },
                text: { field: 'label' },
              },
            },
          ]),
    ],
  } as TopLevelSpec;
}

/** Rates by district, the partnership's own area highlighted (and labelled, so colour is not the only cue). */
export function ratesSpec(
  rows: { area: string; rate: number; isArea: boolean }[],
  average: number | null,
  colours: { primary: string; muted: string },
): TopLevelSpec {
  const data = rows.map((r) => ({ ...r, label: r.isArea ? `${r.area} ◀` : r.area }));
  return {
    width: 440,
    height: Math.max(120, rows.length * 20),
    layer: [
      {
        data: { values: data },
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'label', type: 'nominal', sort: '-x', title: null, axis: { labelLimit: 220 } },
          x: { field: 'rate', type: 'quantitative', title: 'crimes per 1,000 residents' },
          color: { condition: { test: 'datum.isArea', value: colours.primary }, value: colours.muted },
        },
      },
      ...(average === null
        ? []
        : [
            {
              data: { values: [{ average }] },
              mark: { type: 'rule' as const, color: '#222', strokeDash: [4, 3] },
              encoding: { x: { field: 'average', type: 'quantitative' as const } },
            },
          ]),
    ],
  } as TopLevelSpec;
}

/** The ranking matrix: themes × criteria, each cell its band. */
export function matrixSpec(
  cells: { theme: string; criterion: string; band: number }[],
  { themes, criteria, scale, colour }: { themes: string[]; criteria: string[]; scale: number; colour: string },
): TopLevelSpec {
  return {
    width: Math.max(240, criteria.length * 70),
    height: themes.length * 26,
    data: { values: cells },
    encoding: {
      x: { field: 'criterion', type: 'nominal', sort: criteria, title: null, axis: { orient: 'top', labelAngle: 0 } },
      // Vega measures text without a canvas by estimate (about 0.8 em a character), so a limit in
      // pixels cut long theme names short: no limit, the names are the point of the chart.
      y: { field: 'theme', type: 'nominal', sort: themes, title: null, axis: { labelLimit: 0 } },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white' },
        encoding: { color: { field: 'band', type: 'quantitative', scale: { domain: [1, scale], range: ['#f3f6f9', colour] }, legend: null } },
      },
      {
        mark: { type: 'text', fontSize: 13, fontWeight: 'bold' },
        encoding: {
          text: { field: 'band', type: 'quantitative' },
          color: { condition: { test: `datum.band > ${(scale + 1) / 2}`, value: 'white' }, value: '#111' },
        },
      },
    ],
  } as TopLevelSpec;
}
