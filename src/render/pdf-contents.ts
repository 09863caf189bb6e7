import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFDocument } from 'pdf-lib';
import { decodeEntities } from './pdf-outline.js';

/**
 * The contents list of a printed document with the page each section starts on, as the seeds'
 * plans have it ("Foreword … Page 1"). Chromium cannot number pages in the content (no
 * target-counter), so the document is printed once with a placeholder of the same width beside
 * each entry, the pages are read from the PDF's bookmarks (which Chromium makes from the
 * headings as laid out), and it is printed again with the numbers in place.
 */

const ENTRY = /(<nav class="contents"[\s\S]*?<\/nav>)/;

/** The contents entries with a page number, or a placeholder ("00") that lays out as a number would. */
export function withContentsPages(html: string, pages: ReadonlyMap<string, number> | null): string {
  return html.replace(ENTRY, (nav) =>
    nav.replace(/<li><a href="#([^"]+)">([\s\S]*?)<\/a><\/li>/g, (all, id: string, title: string) => {
      const page = pages === null ? '00' : pages.get(squeeze(decodeEntities(title)));
      return page === undefined ? all : `<li><a href="#${id}">${title}</a><span class="page-no">${page}</span></li>`;
    }),
  );
}

/**
 * What each placeholder of the first print (withContentsPages(html, null)), in order, is to say:
 * its page, or null where the heading has no bookmark (the entry then shows no number), as
 * withContentsPages(html, pages) would print it.
 */
export function contentsNumbers(html: string, pages: ReadonlyMap<string, number>): (number | null)[] {
  const nav = ENTRY.exec(html)?.[1] ?? '';
  return [...nav.matchAll(/<li><a href="#[^"]+">([\s\S]*?)<\/a><\/li>/g)].map((m) => pages.get(squeeze(decodeEntities(m[1]!))) ?? null);
}

/** Whether a document has a contents list to number. */
export const hasContents = (html: string): boolean => ENTRY.test(html);

/** Each bookmark's title (without its spaces, as a heading may wrap) and the page it points to, from 1. */
export function bookmarkPages(doc: PDFDocument): Map<string, number> {
  const pageOf = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const out = new Map<string, number>();
  const walk = (first: PDFDict | undefined) => {
    for (let item = first; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const title = item.lookupMaybe(PDFName.of('Title'), PDFString, PDFHexString)?.decodeText();
      const dest = item.lookupMaybe(PDFName.of('Dest'), PDFArray) ?? item.lookupMaybe(PDFName.of('A'), PDFDict)?.lookupMaybe(PDFName.of('D'), PDFArray);
      const ref = dest?.get(0);
      const page = ref instanceof PDFRef ? pageOf.get(ref.toString()) : undefined;
      if (title !== undefined && page !== undefined && !out.has(squeeze(title))) out.set(squeeze(title), page);
      walk(item.lookupMaybe(PDFName.of('First'), PDFDict));
    }
  };
  walk(doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)?.lookupMaybe(PDFName.of('First'), PDFDict));
  return out;
}

const squeeze = (s: string) => s.replace(/\s+/g, '');
