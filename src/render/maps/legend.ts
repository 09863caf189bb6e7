import { escapeXml, INK, MUTED, px, textLines, wrap } from './svg.js';

/** A legend entry: a swatch (a colour or a pattern) and what it stands for. */
export interface LegendItem {
  fill: string;
  label: string;
}

const SWATCH_W = 28;
const SWATCH_H = 14;
const FONT_SIZE = 12;
const SMALL = 10;

/** Patterns for areas without a colour of their own: no figure (hatched), and a count hidden for disclosure (cross-hatched). */
export function patterns(id: string): { defs: string; noFigure: string; hidden: string } {
  const hatch = (pid: string, cross: boolean) =>
    `<pattern id="${pid}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    `<rect width="6" height="6" fill="#ffffff"/><path d="M0 0V6${cross ? 'M0 3H6' : ''}" stroke="#8c8c8c" stroke-width="1.2"/></pattern>`;
  return {
    defs: `<defs>${hatch(`${id}-none`, false)}${hatch(`${id}-hidden`, true)}</defs>`,
    noFigure: `url(#${id}-none)`,
    hidden: `url(#${id}-hidden)`,
  };
}

/** A numbered marker (the top areas on the map and in its key): a white disc with a dark ring. */
export function marker(n: number, x: number, y: number, r = 8): string {
  return (
    `<circle cx="${px(x)}" cy="${px(y)}" r="${r}" fill="#ffffff" stroke="${INK}" stroke-width="1.2"/>` +
    `<text x="${px(x)}" y="${px(y)}" dy="0.35em" text-anchor="middle" font-size="${r + 2}" font-weight="bold" fill="${INK}">${n}</text>`
  );
}

/**
 * What goes under a map: the legend's title and its swatches (in rows as wide as the map),
 * a note, the key to the numbered areas, and the attribution. Returns the markup and its height.
 */
export function legendBlock(o: {
  x: number;
  y: number;
  width: number;
  title: string;
  items: readonly LegendItem[];
  note?: string;
  key: readonly string[];
  attribution: string;
}): { svg: string; height: number } {
  const parts: string[] = [];
  let y = o.y;
  const title = wrap(o.title, o.width, FONT_SIZE);
  parts.push(textLines(title, { x: o.x, y: y + FONT_SIZE, size: FONT_SIZE, weight: 'bold' }));
  y += title.length * 16 + 6;
  let x = o.x;
  for (const item of o.items) {
    const w = SWATCH_W + 6 + Math.ceil(item.label.length * FONT_SIZE * 0.55) + 16;
    if (x > o.x && x + w > o.x + o.width) {
      x = o.x;
      y += SWATCH_H + 8;
    }
    parts.push(
      `<rect x="${px(x)}" y="${px(y)}" width="${SWATCH_W}" height="${SWATCH_H}" fill="${item.fill}" stroke="#777777" stroke-width="0.8"/>` +
        `<text x="${px(x + SWATCH_W + 6)}" y="${px(y + SWATCH_H - 2)}" font-size="${FONT_SIZE}" fill="${INK}">${escapeXml(item.label)}</text>`,
    );
    x += w;
  }
  y += SWATCH_H + 10;
  if (o.note) {
    const lines = wrap(o.note, o.width, FONT_SIZE);
    parts.push(textLines(lines, { x: o.x, y: y + FONT_SIZE, size: FONT_SIZE }));
    y += lines.length * 16 + 4;
  }
  o.key.forEach((line, i) => {
    const cy = y + 10 + i * 20;
    parts.push(marker(i + 1, o.x + 8, cy, 7));
    parts.push(`<text x="${px(o.x + 22)}" y="${px(cy)}" dy="0.35em" font-size="${FONT_SIZE}" fill="${INK}">${escapeXml(line)}</text>`);
  });
  if (o.key.length > 0) y += o.key.length * 20 + 6;
  const attribution = wrap(o.attribution, o.width, SMALL);
  parts.push(textLines(attribution, { x: o.x, y: y + SMALL, size: SMALL, gap: 13, fill: MUTED }));
  y += attribution.length * 13 + 4;
  return { svg: parts.join(''), height: y - o.y };
}
