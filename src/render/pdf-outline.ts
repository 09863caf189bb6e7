import { PDFDict, PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib';

/**
 * Chromium builds the PDF's bookmarks from the headings as laid out, so a heading that wraps
 * loses the space at its line break ("Plan2026-2029"). Each bookmark whose text is a heading's
 * but for its spaces is given the heading's own text, from the HTML that was printed.
 */
export function respaceOutline(doc: PDFDocument, html: string): void {
  const headings = new Map<string, string>();
  for (const m of html.matchAll(/<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>/g)) {
    const text = decodeEntities(m[1]!.replace(/<[^>]*>/g, ''))
      .replace(/\s+/g, ' ')
      .trim();
    headings.set(squeezed(text), text);
  }
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  if (outlines) respace(outlines.lookupMaybe(PDFName.of('First'), PDFDict), headings);
}

function respace(first: PDFDict | undefined, headings: ReadonlyMap<string, string>): void {
  for (let item = first; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
    const title = item.lookupMaybe(PDFName.of('Title'), PDFString, PDFHexString);
    const text = title?.decodeText();
    const heading = text === undefined ? undefined : headings.get(squeezed(text));
    if (heading !== undefined && heading !== text) item.set(PDFName.of('Title'), PDFHexString.fromText(heading));
    respace(item.lookupMaybe(PDFName.of('First'), PDFDict), headings);
  }
}

const squeezed = (s: string) => s.replace(/\s+/g, '');

/** The entities Handlebars writes (&amp; &lt; &gt; &quot; &#x27; &#x60; &#x3D;) and numeric ones. */
export function decodeEntities(s: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return named[e.toLowerCase()] ?? all;
  });
}
