import {
  BorderStyle,
  Paragraph,
  ShadingType,
  StringValueElement,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  WidthType,
  type IContext,
  type ITableOptions,
  type IXmlableObject,
} from 'docx';
import { children, hasClass, textOf, type Element } from './dom.js';
import { HEADER_FILL, HIGHLIGHT_FILL, TABLE_BORDER } from './styles.js';

/** How a cell's content is laid out: a header row's cells in the table heading style, a row's header cell (and a highlighted row) bold, a number right-aligned. */
export interface CellLook {
  header: boolean;
  bold: boolean;
  right: boolean;
  /** A code such as a file's fingerprint, set in the code font as the HTML prints it. */
  code: boolean;
}

export interface TableContext {
  /** A cell's paragraphs (and any table in it), from its HTML. */
  cellBlocks(cell: Element, look: CellLook): (Paragraph | Table)[];
  /** The width of the text on the page, in twips. */
  textWidth: number;
  /** A table style of the reference document to use (its TableGrid), or null for csp's own borders. */
  style: string | null;
}

interface Placed {
  el: Element;
  column: number;
  span: number;
}

/**
 * An HTML table as a Word table: its header rows marked as such (Word repeats them on every
 * page, and its accessibility checker looks for them), spans kept, columns as wide as their text.
 */
export function wordTable(table: Element, ctx: TableContext): Table | null {
  const sections = children(table);
  const rowsOf = (el: Element) => children(el).filter((r) => r.name === 'tr');
  const head = sections.filter((s) => s.name === 'thead').flatMap(rowsOf);
  const body = [...sections.filter((s) => s.name === 'tr'), ...sections.filter((s) => s.name === 'tbody').flatMap(rowsOf)];
  const foot = sections.filter((s) => s.name === 'tfoot').flatMap(rowsOf);
  const rows = [...head, ...body, ...foot];
  if (rows.length === 0) return null;
  // Without a <thead>, the first rows made only of header cells are the header.
  let headerRows = head.length;
  if (headerRows === 0) while (headerRows < rows.length && cellsOf(rows[headerRows]!).every((c) => c.name === 'th')) headerRows++;
  if (headerRows === rows.length) headerRows = 0;

  const placed = place(rows);
  const columns = Math.max(1, ...placed.map((r) => r.reduce((n, c) => Math.max(n, c.column + c.span), 0)));
  const widths = columnWidths(placed, columns, ctx.textWidth);
  const wordRows = rows.map((row, i) => {
    const header = i < headerRows;
    const highlight = hasClass(row, 'highlight');
    return new TableRow({
      tableHeader: header || undefined,
      cantSplit: true,
      children: placed[i]!.map(
        (c) =>
          new TableCell({
            children: nonEmpty(ctx.cellBlocks(c.el, { header, bold: highlight || c.el.name === 'th', right: isNumeric(c.el), code: hasClass(c.el, 'code') })),
            columnSpan: c.span > 1 ? c.span : undefined,
            rowSpan: span(c.el, 'rowspan') > 1 ? span(c.el, 'rowspan') : undefined,
            width: { size: widths.slice(c.column, c.column + c.span).reduce((a, b) => a + b, 0), type: WidthType.DXA },
            shading: header
              ? { type: ShadingType.CLEAR, fill: HEADER_FILL, color: 'auto' }
              : highlight
                ? { type: ShadingType.CLEAR, fill: HIGHLIGHT_FILL, color: 'auto' }
                : undefined,
            borders: header ? { bottom: { style: BorderStyle.SINGLE, size: 12, color: '0B0C0C' } } : undefined,
          }),
      ),
    });
  });
  return new DescribedTable(tableAlt(table, rows.slice(0, headerRows), rows.length - headerRows), {
    rows: wordRows,
    width: { size: ctx.textWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    ...(ctx.style
      ? { style: ctx.style }
      : {
          borders: {
            top: TABLE_BORDER,
            bottom: TABLE_BORDER,
            insideHorizontal: TABLE_BORDER,
            left: { style: BorderStyle.NONE, size: 0, color: 'auto' },
            right: { style: BorderStyle.NONE, size: 0, color: 'auto' },
            insideVertical: { style: BorderStyle.NONE, size: 0, color: 'auto' },
          },
        }),
  });
}

/** A table's alt text, as Word's table properties give it (its Alt Text): a title, and a description. */
export interface TableAlt {
  /** The table's <caption>, as the paragraph above the table says it; '' when it has none. */
  caption: string;
  /** What is in it: its rows and columns, read out to one who cannot see it. */
  description: string;
}

const words = (el: Element) => textOf(el).replaceAll(/\s+/g, ' ').trim();

/** The most columns a description names: a wider table's are counted, not read out. */
const NAMED_COLUMNS = 8;

/** A table's caption (else its aria-label), and a description of its size and its columns, from its last header row. */
export function tableAlt(table: Element, headerRows: Element[], bodyRows: number): TableAlt {
  const captionEl = children(table).find((c) => c.name === 'caption');
  const caption = (captionEl ? words(captionEl) : '') || (table.attribs['aria-label'] ?? '').trim();
  const labels = headerRows.length > 0 ? cellsOf(headerRows.at(-1)!).map(words).filter(Boolean) : [];
  const size = `A table of ${bodyRows} ${bodyRows === 1 ? 'row' : 'rows'}`;
  if (labels.length === 0) return { caption, description: caption ? `${caption}: ${size.toLowerCase()}.` : `${size}.` };
  const named = labels.length > NAMED_COLUMNS ? [...labels.slice(0, NAMED_COLUMNS), `${labels.length - NAMED_COLUMNS} more`] : labels;
  const list = named.length === 1 ? named[0]! : `${named.slice(0, -1).join(', ')} and ${named.at(-1)!}`;
  return { caption, description: `${size}, with the columns ${list}.` };
}

/**
 * A table with its alt text (w:tblCaption, w:tblDescription), which Word's accessibility checker
 * asks of every table. docx has no option for them (its tblPr stops at w:tblLook), so they are
 * added to its table properties as it writes them, in the schema's order: the last two of
 * CT_TblPr, after w:tblLook (and before a tracked change of the properties, w:tblPrChange).
 */
class DescribedTable extends Table {
  constructor(
    private readonly alt: TableAlt,
    options: ITableOptions,
  ) {
    super(options);
  }

  override prepForXml(context: IContext): IXmlableObject | undefined {
    const out = super.prepForXml(context);
    const parts: unknown = out?.['w:tbl'];
    const tblPr: unknown = Array.isArray(parts) ? parts.find((p: IXmlableObject) => 'w:tblPr' in p)?.['w:tblPr'] : undefined;
    if (!Array.isArray(tblPr)) return out;
    const own = [
      ...(this.alt.caption ? [new StringValueElement('w:tblCaption', this.alt.caption)] : []),
      new StringValueElement('w:tblDescription', this.alt.description),
    ].map((e) => e.prepForXml(context));
    const change = tblPr.findIndex((p: IXmlableObject) => 'w:tblPrChange' in p);
    tblPr.splice(change === -1 ? tblPr.length : change, 0, ...own);
    return out;
  }
}

const cellsOf = (row: Element) => children(row).filter((c) => c.name === 'td' || c.name === 'th');
const span = (el: Element, attr: string) => Math.max(1, Math.min(1000, Number.parseInt(el.attribs[attr] ?? '1', 10) || 1));
const isNumeric = (el: Element) => hasClass(el, 'num') || el.attribs.align === 'right' || /text-align\s*:\s*right/.test(el.attribs.style ?? '');

/** A cell must hold a paragraph, even an empty one: Word will not open a document with a cell without. */
const nonEmpty = (blocks: (Paragraph | Table)[]) => (blocks.length > 0 ? blocks : [new Paragraph({})]);

/** Each cell's first column, past the cells of rows above that span down into its row. */
function place(rows: Element[]): Placed[][] {
  const busy: number[] = []; // column → rows it is still taken for
  return rows.map((row) => {
    let column = 0;
    const out: Placed[] = [];
    for (const el of cellsOf(row)) {
      while ((busy[column] ?? 0) > 0) column++;
      const cols = span(el, 'colspan');
      const down = span(el, 'rowspan');
      out.push({ el, column, span: cols });
      for (let k = 0; k < cols; k++) busy[column + k] = down;
      column += cols;
    }
    for (let k = 0; k < busy.length; k++) if ((busy[k] ?? 0) > 0) busy[k]!--;
    return out;
  });
}

/** About a character of 9.5pt Arial, bold (row headers are), in twips; a cell's margins; the step columns give room by. */
const CHAR = 110;
const PADDING = 230;
const STEP = 20;

/**
 * Columns as wide as the text they hold on average (a long text wraps, a column of labels stays
 * narrow), never narrower than their longest word where the page allows.
 */
function columnWidths(rows: Placed[][], columns: number, total: number): number[] {
  const lengths: number[][] = [...Array(columns)].map(() => []);
  const words = new Array<number>(columns).fill(3);
  for (const row of rows)
    for (const c of row) {
      if (c.span !== 1) continue;
      const text = textOf(c.el).replaceAll(/\s+/g, ' ').trim();
      lengths[c.column]!.push(text.length);
      // A number ("up 21.4%") is not broken, as the HTML prints it (white-space: nowrap): it is one word.
      const unbroken = isNumeric(c.el) && text.length <= 16 ? [text] : text.split(' ');
      words[c.column] = Math.max(words[c.column]!, ...unbroken.map((w) => Math.min(w.length, 25)));
    }
  const want = lengths.map((l, j) => Math.min(60, Math.max(words[j]!, l.length ? l.reduce((a, b) => a + b, 0) / l.length : 4)));
  const sum = want.reduce((a, b) => a + b, 0);
  const widths = want.map((w) => Math.floor((total * w) / sum));
  // A column narrower than its longest word takes the room from the widest.
  const need = words.map((w) => Math.min(w * CHAR + PADDING, Math.floor(total / columns)));
  for (let j = 0; j < columns; j++) {
    while (widths[j]! < need[j]!) {
      const widest = widths.indexOf(Math.max(...widths));
      if (widest === j || widths[widest]! - STEP < need[widest]!) break;
      widths[widest]! -= STEP;
      widths[j]! += STEP;
    }
  }
  widths[widths.length - 1]! += total - widths.reduce((a, b) => a + b, 0);
  return widths;
}
