import { ExternalHyperlink, ImageRun, InternalHyperlink, Tab, TextRun, type ParagraphChild } from 'docx';
import { classes, isTag, isText, isUnseen, type ChildNode, type Element } from './dom.js';
import { STYLE } from './styles.js';

/** Character formatting, as the HTML's inline elements give it. */
export interface Format {
  bold?: boolean;
  italics?: boolean;
  code?: boolean;
  superScript?: boolean;
  subScript?: boolean;
  underline?: boolean;
  strike?: boolean;
  /** Half-points. */
  size?: number;
  colour?: string;
}

type Link = { anchor: string } | { url: string };

/** A leaf of a paragraph's content, in order: text, a line break, a tab, a picture; each in the link it is in, if any. */
type Leaf = ({ t: 'text'; text: string; f: Format } | { t: 'break' } | { t: 'tab' } | { t: 'image'; run: ImageRun }) & { link?: Link };

/** What inline content needs of the document around it. */
export interface InlineContext {
  /** The picture of an <img> or <svg>, or null where there is none to show (with a warning said). */
  image(el: Element): ImageRun | null;
  /** The bookmark a link within the document goes to, or null where no heading carries one. */
  bookmark(id: string): string | null;
  primary: string;
}

const BOLD = new Set(['strong', 'b']);
const ITALIC = new Set(['em', 'i', 'cite', 'dfn', 'var']);
const CODE = new Set(['code', 'kbd', 'samp', 'tt']);

/**
 * How a few classes of csp's templates look in print, where the style sheet says more than the
 * element: the paragraph number of a committee report stands apart from its text (a tab, so the
 * text hangs), a headline figure is set large on its own line. Unknown classes change nothing.
 */
const CLASS_LOOK: Record<string, { f?: Format; after?: 'tab' | 'break' }> = {
  'para-no': { after: 'tab' },
  big: { f: { bold: true, size: 32 }, after: 'break' },
  'signed-by': { after: 'break' },
};

/** The runs of a paragraph from inline HTML, white space collapsed as a browser does. */
export function inlineRuns(nodes: ChildNode[], ctx: InlineContext, base: Format = {}): ParagraphChild[] {
  const leaves: Leaf[] = [];
  collect(nodes, { ctx, f: base, out: leaves });
  return toRuns(collapse(leaves));
}

/** Where collecting is: the document, the formatting and link of the content around, the leaves so far. */
interface Collecting {
  ctx: InlineContext;
  f: Format;
  link?: Link;
  out: Leaf[];
}

function collect(nodes: ChildNode[], at: Collecting): void {
  const { ctx, f, link, out } = at;
  for (const node of nodes) {
    if (isText(node)) {
      out.push({ t: 'text', text: node.data, f, link });
      continue;
    }
    if (!isTag(node) || isUnseen(node)) continue;
    const el = node;
    if (el.name === 'br') {
      out.push({ t: 'break', link });
      continue;
    }
    if (el.name === 'img' || el.name === 'svg') {
      const run = ctx.image(el);
      if (run) out.push({ t: 'image', run, link });
      continue;
    }
    const look = classes(el)
      .map((c) => CLASS_LOOK[c])
      .find((x) => x !== undefined);
    const inner: Format = { ...f, ...formatOf(el), ...look?.f, ...(look?.f?.size ? { colour: ctx.primary } : {}) };
    const here = el.name === 'a' ? (linkOf(el, ctx) ?? link) : link;
    if (el.name === 'q') out.push({ t: 'text', text: '\u201c', f: inner, link: here });
    collect(el.children, { ctx, f: inner, link: here, out });
    if (el.name === 'q') out.push({ t: 'text', text: '\u201d', f: inner, link: here });
    if (look?.after) out.push({ t: look.after, link });
  }
}

function formatOf(el: Element): Format {
  const n = el.name;
  if (BOLD.has(n)) return { bold: true };
  if (ITALIC.has(n)) return { italics: true };
  if (CODE.has(n)) return { code: true };
  if (n === 'sup') return { superScript: true };
  if (n === 'sub') return { subScript: true };
  if (n === 'u' || n === 'ins') return { underline: true };
  if (n === 's' || n === 'del' || n === 'strike') return { strike: true };
  return {};
}

function linkOf(el: Element, ctx: InlineContext): Link | undefined {
  const href = el.attribs.href?.trim();
  if (!href) return undefined;
  if (href.startsWith('#')) {
    const anchor = ctx.bookmark(decodeURIComponent(href.slice(1)));
    return anchor ? { anchor } : undefined;
  }
  return /^(https?:|mailto:)/i.test(href) ? { url: href } : undefined;
}

/** HTML's white space (not the no-break space): runs of it are one space, none at the start or end of a line. */
const SPACE = /[ \t\n\r\f]+/g;

function collapse(leaves: Leaf[]): Leaf[] {
  const out: Leaf[] = [];
  let lineStart = true;
  let lastSpace = false;
  for (const leaf of leaves) {
    if (leaf.t !== 'text') {
      // A space before a break or a tab ends a line: it goes.
      if (leaf.t !== 'image') trimEnd(out);
      out.push(leaf);
      lineStart = leaf.t !== 'image';
      lastSpace = false;
      continue;
    }
    let text = leaf.text.replaceAll(SPACE, ' ');
    if ((lineStart || lastSpace) && text.startsWith(' ')) text = text.slice(1);
    if (text === '') continue;
    out.push({ ...leaf, text });
    lineStart = false;
    lastSpace = text.endsWith(' ');
  }
  trimEnd(out);
  // A line break at the end of a paragraph shows nothing in a browser, and an empty line in Word.
  while (out.at(-1)?.t === 'break') out.pop();
  return out;
}

function trimEnd(out: Leaf[]): void {
  const last = out.at(-1);
  if (last?.t !== 'text' || !last.text.endsWith(' ')) return;
  const text = last.text.slice(0, -1);
  if (text === '') out.pop();
  else out[out.length - 1] = { ...last, text };
}

function run(leaf: Leaf, linked: boolean): ParagraphChild {
  if (leaf.t === 'image') return leaf.run;
  if (leaf.t === 'break') return new TextRun({ break: 1 });
  if (leaf.t === 'tab') return new TextRun({ children: [new Tab()] });
  const f = leaf.f;
  return new TextRun({
    text: leaf.text,
    bold: f.bold,
    italics: f.italics,
    superScript: f.superScript,
    subScript: f.subScript,
    strike: f.strike,
    underline: f.underline ? {} : undefined,
    size: f.size,
    color: f.colour,
    style: f.code ? STYLE.code : linked ? STYLE.hyperlink : undefined,
  });
}

/** Leaves to runs, those of one link together in one hyperlink. */
function toRuns(leaves: Leaf[]): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (let i = 0; i < leaves.length;) {
    const link = leaves[i]!.link;
    if (!link) {
      out.push(run(leaves[i]!, false));
      i++;
      continue;
    }
    const group: ParagraphChild[] = [];
    while (i < leaves.length && leaves[i]!.link === link) group.push(run(leaves[i++]!, true));
    out.push(
      'anchor' in link
        ? new InternalHyperlink({ anchor: link.anchor, children: group as TextRun[] })
        : new ExternalHyperlink({ link: link.url, children: group as TextRun[] }),
    );
  }
  return out;
}

/** Whether the inline nodes hold anything to show: text other than white space, a picture or a line break. */
export function hasContent(nodes: ChildNode[]): boolean {
  return nodes.some((n) =>
    isText(n) ? n.data.replaceAll(SPACE, '') !== '' : isTag(n) && !isUnseen(n) && (n.name === 'img' || n.name === 'svg' || hasContent(n.children)),
  );
}
