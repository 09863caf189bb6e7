import { AlignmentType, Bookmark, Paragraph, Table, TableOfContents, TextRun, type ImageRun, type ParagraphChild } from 'docx';
import { children, classes, find, findAll, hasClass, isBlock, isTag, isText, isUnseen, textOf, type ChildNode, type Element } from './dom.js';
import { dataUriRun, svgRun, type AltText } from './images.js';
import { hasContent, inlineRuns, type Format, type InlineContext } from './inline.js';
import { BULLETS, ORDERED, STYLE } from './styles.js';
import { wordTable, type CellLook } from './tables.js';

export type Block = Paragraph | Table | TableOfContents;

export interface ConverterOptions {
  /** The HTML the DOM was parsed from: an inline <svg> is cut from it as written. */
  html: string;
  root: ChildNode[];
  /** The width of the text on the page, in twips. */
  textWidth: number;
  primary: string;
  /** A table style of the reference document (its TableGrid), or null for csp's own borders. */
  tableStyle: string | null;
  onWarning: (what: string) => void;
}

/** Where a paragraph is: the style it takes from its container, the list it is an item of, the table cell it is in. */
interface Place {
  style?: string;
  list?: { reference: string; level: number; instance?: number; first: boolean };
  cell?: CellLook;
  keepNext?: boolean;
  /** How far in a list starts, in twips (under a numbered paragraph, its text's indent). */
  indent?: number;
}

/** The hanging number of a committee report's paragraph (STYLE.numbered's indent). */
const NUMBER_HANG = 720;
/** Each level of a list is this much further in, the number or bullet hanging by as much (styles.ts's numbering). */
const LIST_STEP = 360;

/** A paragraph's own class → its Word style. Unknown classes leave it Normal (or its container's style). */
const PARAGRAPH_STYLE: Record<string, string> = {
  note: STYLE.note,
  'sample-note': STYLE.note,
  override: STYLE.note,
  callout: STYLE.callout,
  subtitle: STYLE.subtitle,
  marking: STYLE.marking,
  numbered: STYLE.numbered,
};

/** A container's class (or role="note") → the style of every paragraph in it: the box of notes under a summary. */
const CONTAINER_STYLE: Record<string, string> = { note: STYLE.note, 'sample-note': STYLE.note, callout: STYLE.callout };

const HEADING = /^h([1-6])$/;

/** Whether an element is, or is inside, something the Word document leaves out (the skip link). */
function withinUnseen(el: Element): boolean {
  for (let x: Element | null = el; x; x = x.parent && isTag(x.parent) ? x.parent : null) if (isUnseen(x)) return true;
  return false;
}
/** Word's text is 15 twips to a pixel at 96 to the inch. */
const TWIPS_PER_PX = 15;

/**
 * The body of an HTML document as Word paragraphs and tables, in the HTML's reading order:
 * headings in Word's heading styles, lists as Word lists, tables with their header rows, charts
 * and the logo as pictures with alt text, the contents as a table of contents field.
 */
export class Converter implements InlineContext {
  readonly primary: string;
  private images = 0;
  private lists = 0;
  private pageBreak = false;
  /** Heading element → the bookmarks it carries (the ids that links in the document go to). */
  private readonly marks = new Map<Element, string[]>();
  /** A link's target id → the bookmark of the heading it goes to. */
  private readonly anchors = new Map<string, string>();
  private readonly said = new Set<string>();

  constructor(private readonly o: ConverterOptions) {
    this.primary = o.primary;
    this.bookmarkTargets();
  }

  convert(nodes: ChildNode[]): Block[] {
    return this.container(nodes, {});
  }

  warn(what: string): void {
    if (!this.said.has(what)) this.o.onWarning(what);
    this.said.add(what);
  }

  /** Block children in order; inline runs between them are a paragraph of their own, as a browser boxes them. */
  private container(nodes: ChildNode[], at: Place): Block[] {
    const out: Block[] = [];
    let inline: ChildNode[] = [];
    const flush = () => {
      if (hasContent(inline)) out.push(...this.paragraph(inline, at));
      inline = [];
    };
    nodes.forEach((node, i) => {
      if (isTag(node) && isUnseen(node)) return;
      if (!isBlock(node)) {
        if (isText(node) || isTag(node)) inline.push(node);
        return;
      }
      flush();
      // A paragraph that introduces a list ("That Cabinet:") stays on the page of its first item.
      const next = nodes.slice(i + 1).find((n) => isTag(n) && !isUnseen(n));
      const introduces = isTag(node) && node.name === 'p' && next !== undefined && isTag(next) && (next.name === 'ul' || next.name === 'ol');
      // A list under a committee report's numbered paragraph lines up with the paragraph's text.
      const prev = nodes
        .slice(0, i)
        .filter((n) => isTag(n) && !isUnseen(n))
        .at(-1);
      const underNumbered = isTag(node) && (node.name === 'ul' || node.name === 'ol') && prev !== undefined && isTag(prev) && hasClass(prev, 'numbered');
      out.push(...this.block(node as Element, introduces ? { ...at, keepNext: true } : underNumbered ? { ...at, indent: NUMBER_HANG } : at));
    });
    flush();
    return out;
  }

  private block(el: Element, at: Place): Block[] {
    const heading = HEADING.exec(el.name);
    if (heading) return this.heading(el, Number(heading[1]));
    switch (el.name) {
      case 'p':
        return this.paragraph(el.children, { ...at, style: this.styleOf(el) ?? at.style });
      case 'ul':
      case 'ol':
        return this.list(el, at);
      case 'table':
        return this.table(el, at);
      case 'figcaption':
      case 'caption':
        return this.paragraph(el.children, { ...at, style: STYLE.caption });
      case 'figure':
        // The picture is kept on the page of its caption.
        return this.container(el.children, { ...at, keepNext: true });
      case 'dt':
        return this.paragraph(el.children, { ...at, style: STYLE.term });
      case 'dd':
        return this.container(el.children, { ...at, style: STYLE.definition });
      case 'blockquote':
        return this.container(el.children, { ...at, style: STYLE.quote });
      case 'pre':
        return this.preformatted(el, at);
      case 'hr':
        return [];
      case 'nav':
        if (this.isContents(el)) return this.contents(el);
        break;
    }
    if (hasClass(el, 'new-page')) this.pageBreak = true;
    const style = classes(el)
      .map((c) => CONTAINER_STYLE[c])
      .find((s) => s !== undefined);
    return this.container(el.children, { ...at, style: style ?? (el.attribs.role === 'note' ? STYLE.note : at.style) });
  }

  private styleOf(el: Element): string | undefined {
    return classes(el)
      .map((c) => PARAGRAPH_STYLE[c])
      .find((s) => s !== undefined);
  }

  /** h1 is the document's title; h2… are Word's Heading 1…, which the navigation pane and the contents follow. */
  private heading(el: Element, level: number): Block[] {
    let runs: ParagraphChild[] = inlineRuns(el.children, this);
    if (runs.length === 0) return [];
    for (const name of this.marks.get(el) ?? []) runs = [new Bookmark({ id: name, children: runs })];
    return [
      new Paragraph({
        style: level === 1 ? STYLE.title : STYLE.heading(level - 1),
        children: runs,
        pageBreakBefore: this.takePageBreak(),
      }),
    ];
  }

  private paragraph(nodes: ChildNode[], at: Place): Paragraph[] {
    const base: Format = { ...(at.cell?.bold ? { bold: true } : {}), ...(at.cell?.code ? { code: true } : {}) };
    const runs = inlineRuns(nodes, this, base);
    if (runs.length === 0) return [];
    const list = at.list;
    const numbered = list?.first ? { reference: list.reference, level: list.level, instance: list.instance } : undefined;
    if (list) list.first = false;
    const left = list ? (at.indent ?? 0) + LIST_STEP * (list.level + 1) : 0;
    return [
      new Paragraph({
        style: at.cell ? (at.cell.header ? STYLE.tableHeading : STYLE.tableText) : at.style,
        children: runs,
        numbering: numbered,
        // A list item's later paragraphs line up with its text; a list set further in says so of its numbered ones.
        indent: list && !numbered ? { left } : numbered && at.indent ? { left, hanging: LIST_STEP } : undefined,
        alignment: at.cell?.right ? AlignmentType.RIGHT : undefined,
        keepNext: at.keepNext || undefined,
        pageBreakBefore: this.takePageBreak(),
      }),
    ];
  }

  private takePageBreak(): boolean | undefined {
    const b = this.pageBreak;
    this.pageBreak = false;
    return b || undefined;
  }

  /** A Word list: each item a numbered (or bulleted) paragraph; a list in an item is a level further in. */
  private list(el: Element, at: Place): Block[] {
    const ordered = el.name === 'ol';
    const level = at.list ? Math.min(at.list.level + 1, 8) : 0;
    const instance = ordered ? ++this.lists : undefined;
    const { list: _outer, ...rest } = at;
    const items = children(el).filter((li) => li.name === 'li' && !isUnseen(li));
    // A short list is kept on one page, as it is printed from the HTML; a long one (class "long") may break.
    const whole = !hasClass(el, 'long') && items.length <= 8;
    return items.flatMap((li, i) =>
      this.container(li.children, {
        ...rest,
        keepNext: (whole && i < items.length - 1) || (i === items.length - 1 && rest.keepNext) || undefined,
        list: { reference: ordered ? ORDERED : BULLETS, level, instance, first: true },
      }),
    );
  }

  private table(el: Element, at: Place): Block[] {
    const caption = children(el).find((c) => c.name === 'caption');
    const table = wordTable(el, {
      textWidth: this.o.textWidth,
      style: this.o.tableStyle,
      cellBlocks: (cell, look) => this.container(cell.children, { cell: look }) as (Paragraph | Table)[],
    });
    const captionBlocks = caption ? this.paragraph(caption.children, { ...at, style: STYLE.caption, list: undefined, cell: undefined }) : [];
    return [...captionBlocks, ...(table ? [table] : [])];
  }

  private preformatted(el: Element, at: Place): Paragraph[] {
    const lines = textOf(el).replace(/\n$/, '').split('\n');
    const runs = lines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, style: STYLE.code }));
    return [new Paragraph({ style: at.style, children: runs, pageBreakBefore: this.takePageBreak() })];
  }

  /** The document's own list of contents: in Word, a table of contents field (its heading kept, out of the contents itself). */
  private isContents(el: Element): boolean {
    return classes(el).some((c) => c === 'contents' || c === 'toc') || el.attribs.role === 'doc-toc';
  }

  private contents(el: Element): Block[] {
    const h = find(el.children, (x) => HEADING.test(x.name));
    const heading = h ? this.paragraph(h.children, { style: STYLE.tocHeading }) : [];
    return [...heading, new TableOfContents(h ? textOf(h).trim() : 'Contents', { hyperlink: true, headingStyleRange: '1-1' })];
  }

  /** InlineContext: a picture, with its alt text, or null (and a warning) where there is none to show. */
  image(el: Element): ImageRun | null {
    if (el.attribs['aria-hidden'] === 'true' || el.attribs.role === 'presentation' || el.attribs.role === 'none') return null;
    const id = ++this.images;
    const maxWidth = Math.floor(this.o.textWidth / TWIPS_PER_PX);
    try {
      if (el.name === 'svg') {
        const alt = this.svgAlt(el);
        if (!alt.title && !alt.description) this.warn('a chart has no text alternative (<title> or <desc>): it is in the Word document without alt text');
        return svgRun(this.o.html.slice(el.startIndex!, el.endIndex! + 1), { alt, id, maxWidth });
      }
      const alt = el.attribs.alt;
      // alt="" says the picture is decoration: left out, as a screen reader leaves it.
      if (alt === '') return null;
      if (alt === undefined) this.warn('an image has no alt text: it is in the Word document without it');
      const src = el.attribs.src ?? '';
      const logo = classes(el).some((c) => c.includes('logo'));
      const run = src.startsWith('data:')
        ? dataUriRun(src, { alt: { title: alt ?? '', description: alt ?? '' }, id, maxWidth: logo ? 240 : maxWidth, maxHeight: logo ? 96 : undefined })
        : null;
      if (!run) this.warn(`an image is left out of the Word document: only embedded PNG, JPEG or SVG images can be (${src.slice(0, 40)})`);
      return run;
    } catch (e) {
      this.warn(`a picture is left out of the Word document: ${(e as Error).message}`);
      return null;
    }
  }

  private svgAlt(el: Element): AltText {
    const own = (name: string) => {
      const c = children(el).find((x) => x.name === name);
      return c ? textOf(c).replaceAll(/\s+/g, ' ').trim() : '';
    };
    const labelledBy = (el.attribs['aria-labelledby'] ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => this.byId(id))
      .filter((x): x is Element => x !== null)
      .map((x) => textOf(x).replaceAll(/\s+/g, ' ').trim());
    const title = own('title') || labelledBy[0] || el.attribs['aria-label'] || '';
    return { title, description: own('desc') || labelledBy.slice(1).join(' ') || title };
  }

  private byId(id: string): Element | null {
    return find(this.o.root, (x) => x.attribs.id === id);
  }

  /** InlineContext: the bookmark of the heading that a link to #id goes to. */
  bookmark(id: string): string | null {
    return this.anchors.get(id) ?? null;
  }

  /**
   * Each id a link in the document goes to, as a bookmark on its heading (a section's is on the
   * heading it opens with). Word's names: letters, digits and _, 40 at most, starting with a letter.
   */
  private bookmarkTargets(): void {
    const targets = new Set(
      findAll(this.o.root, (el) => el.name === 'a' && (el.attribs.href ?? '').startsWith('#'))
        .filter((a) => !withinUnseen(a))
        .map((a) => decodeURIComponent(a.attribs.href!.slice(1))),
    );
    const used = new Set<string>();
    for (const id of targets) {
      const target = id ? this.byId(id) : null;
      if (!target) continue;
      const heading = HEADING.test(target.name) ? target : find(target.children, (x) => HEADING.test(x.name));
      if (!heading) continue;
      let name = `_${id}`.replaceAll(/[^A-Za-z0-9_]/g, '_').slice(0, 36);
      name = `s${name}`;
      for (let n = 2; used.has(name); n++) name = `${name.slice(0, 36)}_${n}`;
      used.add(name);
      this.anchors.set(id, name);
      this.marks.set(heading, [...(this.marks.get(heading) ?? []), name]);
    }
  }
}
