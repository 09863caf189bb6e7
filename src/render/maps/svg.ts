/** Small pieces of SVG the maps share: escaping, numbers, text lines, the licence line. */

export const FONT = 'Arial, Helvetica, sans-serif';
export const INK = '#222222';
export const MUTED = '#555555';

export function escapeXml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** A coordinate to 1 decimal, without a trailing ".0": the same number always gives the same bytes. */
export const px = (x: number): string => {
  const r = Math.round(x * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
};

/**
 * The attribution the ONS asks for under anything made from its boundaries (Open Government
 * Licence v3.0), with the year of the boundaries.
 */
export function oglAttribution(year: number | null): string {
  return `Contains OS data © Crown copyright and database right${year ? ` ${year}` : ''}. Source: Office for National Statistics licensed under the Open Government Licence v3.0.`;
}

/**
 * Text split into lines of at most `width` pixels at `size` (an estimate: SVG text is not
 * measured at build time, and Arial averages about half an em a character; 0.55 leaves room).
 */
export function wrap(text: string, width: number, size: number): string[] {
  const perLine = Math.max(10, Math.floor(width / (size * 0.55)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > perLine) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Lines of text from (x, y), `size` px, `gap` between baselines. */
export function textLines(lines: readonly string[], o: { x: number; y: number; size: number; gap?: number; fill?: string; weight?: string }): string {
  const gap = o.gap ?? Math.round(o.size * 1.35);
  return lines
    .map(
      (l, i) =>
        `<text x="${px(o.x)}" y="${px(o.y + i * gap)}" font-size="${o.size}" fill="${o.fill ?? INK}"${o.weight ? ` font-weight="${o.weight}"` : ''}>${escapeXml(l)}</text>`,
    )
    .join('');
}

/**
 * The root of a map's SVG: one image for assistive technology, named by its title and
 * described by its text alternative (as the charts are), scaling to its container by its viewBox.
 */
export function svgRoot(o: { id: string; width: number; height: number; title: string; description: string }, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${o.width} ${o.height}" width="${o.width}" height="${o.height}" ` +
    `role="img" aria-labelledby="${o.id}-title ${o.id}-desc" focusable="false" font-family="${FONT}">` +
    `<title id="${o.id}-title">${escapeXml(o.title)}</title><desc id="${o.id}-desc">${escapeXml(o.description)}</desc>` +
    `<rect width="${o.width}" height="${o.height}" fill="#ffffff"/>${body}</svg>`
  );
}

/** "Crimes per 1,000" → "crimes per 1,000" inside a sentence; "ASB complaints" stays as it is. */
export const lowerFirst = (s: string): string => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

/** Under a map drawn from the police coordinates alone (data.police.uk publishes under the Open Government Licence). */
export const policeAttribution = (): string => 'Contains public sector information licensed under the Open Government Licence v3.0 (data.police.uk).';
