import { AlignmentType, Document, Footer, Header, Packer, PageNumber, PageOrientation, Paragraph, TextRun } from 'docx';
import { estimatePageNumbers } from 'docx/layout';
import { Converter } from './blocks.js';
import { find, hasClass, parseHtml, textOf } from './dom.js';
import { stablePackage } from './package.js';
import { A4, type Kind, type WordReference } from './reference.js';
import { numbering, stylesFor } from './styles.js';

export { readWordReference, type WordReference } from './reference.js';

export interface DocxRequest {
  /** The document's HTML, as written to its .html file: the Word document says the same, from the same markup. */
  html: string;
  title: string;
  author: string;
  subject: string;
  /** The document's date, YYYY-MM-DD: its created and modified dates, so that the same inputs give the same bytes. */
  date: string;
  /** branding's colours, #rrggbb, for the clean default's headings and notes. */
  colours: { primary: string; accent: string };
  /** The council's reference document (branding.wordReference), or null for csp's clean default. */
  reference: WordReference | null;
  onWarning?: (what: string) => void;
}

/**
 * A Word document from a document's HTML: Word's own structure (heading styles, lists, tables
 * with header rows, pictures with alt text, a table of contents), in the council's styles, page
 * and headers where a reference document is given. Title, author and language en-GB are set.
 */
export async function htmlToDocx(r: DocxRequest): Promise<Buffer> {
  const dom = parseHtml(r.html);
  const body = find(dom.children, (el) => el.name === 'body');
  const page = r.reference?.page ?? A4;
  const hex = (c: string) => c.replace(/^#/, '').toUpperCase();
  const converter = new Converter({
    html: r.html,
    root: dom.children,
    textWidth: page.width - page.margin.left - page.margin.right - page.margin.gutter,
    primary: hex(r.colours.primary),
    tableStyle: r.reference?.styleIds.has('TableGrid') ? 'TableGrid' : null,
    onWarning: (w) => r.onWarning?.(w),
  });
  const children = converter.convert(body ? body.children : dom.children);
  // A protective marking (OFFICIAL-SENSITIVE) is printed at the top of every page, as the PDF has it.
  const markingEl = find(dom.children, (el) => hasClass(el, 'marking'));
  const marking = markingEl ? textOf(markingEl).replaceAll(/\s+/g, ' ').trim() : '';
  const doc = new Document({
    title: r.title,
    subject: r.subject,
    creator: r.author,
    lastModifiedBy: r.author,
    externalStyles: r.reference?.styles,
    theme: r.reference?.theme,
    styles: stylesFor({ primary: hex(r.colours.primary), accent: hex(r.colours.accent) }, r.reference?.styleIds ?? null),
    numbering: numbering(),
    evenAndOddHeaderAndFooters: r.reference?.evenAndOdd,
    // The contents' page numbers are worked out as Word would lay the pages out, so Word opens it without asking to update fields.
    pageNumbers: estimatePageNumbers,
    sections: [
      {
        properties: {
          titlePage: r.reference?.titlePage,
          page: {
            // docx takes a landscape page's size as if it were upright, and turns it.
            size: {
              width: page.landscape ? page.height : page.width,
              height: page.landscape ? page.width : page.height,
              orientation: page.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
            },
            margin: page.margin,
          },
        },
        headers: headers(r.reference, marking),
        footers: footers(r.reference),
        children,
      },
    ],
  });
  return stablePackage(await Packer.toBuffer(doc), r.date, r.reference?.carried);
}

/** The kinds of header (or footer) the template has: imported through docx, or carried whole (which docx writes as a stand-in for, holding what csp adds). */
const kindsOf = (imported: Partial<Record<Kind, Paragraph[]>>, carried: Partial<Record<Kind, unknown>>) =>
  (['default', 'first', 'even'] as const).filter((k) => imported[k] || carried[k]);

/** The template's headers (each with the marking above it), or the marking alone. */
function headers(reference: WordReference | null, marking: string): Partial<Record<Kind, Header>> | undefined {
  const mark = marking ? [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: marking, bold: true })] })] : [];
  const own = reference ? kindsOf(reference.headers, reference.carried.headers) : [];
  // A first page of its own (w:titlePg) needs its header given, or it has none.
  const kinds: Kind[] = own.length > 0 ? [...own] : ['default'];
  if (reference?.titlePage && mark.length > 0 && !kinds.includes('first')) kinds.push('first');
  if (mark.length === 0 && own.length === 0) return undefined;
  return Object.fromEntries(
    kinds.map((k) => [k, new Header({ children: reference?.carried.headers[k] ? standIn(mark) : [...mark, ...(reference?.headers[k] ?? [])] })]),
  );
}

/**
 * What docx writes for a header or footer carried whole (package.ts puts the template's in its
 * place): what csp adds to it (the marking), then an empty paragraph, taken out again, as docx's
 * layout of the pages cannot read a header without a paragraph.
 */
const standIn = (own: Paragraph[]) => [...own, new Paragraph({})];

/** The template's footers, or, without, "Page 3 of 12", small and centred. */
function footers(reference: WordReference | null): Partial<Record<Kind, Footer>> {
  const own = reference ? kindsOf(reference.footers, reference.carried.footers) : [];
  if (own.length > 0)
    return Object.fromEntries(own.map((k) => [k, new Footer({ children: reference?.carried.footers[k] ? standIn([]) : (reference?.footers[k] ?? []) })]));
  return { default: pageFooter() };
}

function pageFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 18 })],
      }),
    ],
  });
}
