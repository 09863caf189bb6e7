import path from 'node:path';
import type JSZip from 'jszip';
import { parseDocument } from 'htmlparser2';
import { findAll, type Element } from './dom.js';

export type Kind = 'default' | 'first' | 'even';

/**
 * A header or footer of the council's template carried into the documents whole. docx cannot
 * import a part with relationships of its own (a crest's picture, a link to the council's site),
 * so csp copies the part itself into the package docx writes: its XML, its relationships (their
 * ids renamed so that none can be taken for another's) and its pictures' files.
 */
export interface CarriedPart {
  /** The part's XML as the template has it, its relationship ids renamed (rIdTemplate1 …). */
  xml: string;
  /** Its .rels, with those ids, its pictures pointing at their files in the documents. */
  rels: string;
  media: CarriedMedia[];
}

export interface CarriedMedia {
  /** Its name in the documents: word/media/template-image1.png. */
  name: string;
  bytes: Buffer;
  contentType: string;
}

export interface Carried {
  headers: Partial<Record<Kind, CarriedPart>>;
  footers: Partial<Record<Kind, CarriedPart>>;
}

/** What reading one part gives: the part, and what Word's checker will say of it; or why it cannot be carried. */
export type CarryResult = { part: CarriedPart; notes: string[] } | { leftOut: string };

const xml = (text: string) => parseDocument(text, { xmlMode: true }).children;
const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
/** The kinds of relationship a header or footer may have and csp can carry: a picture (kept in a file of its own) and a link (a web address). */
const CARRIED_TYPES = /\/relationships\/(image|hyperlink)$/;

/**
 * The template's package, as the parts carried from it are read: ids and media names are
 * counted across all its parts, so that two parts never give the same.
 */
export class TemplatePackage {
  private ids = 0;
  private readonly names = new Map<string, string>();

  constructor(
    private readonly zip: JSZip,
    private readonly contentTypes: string,
  ) {}

  static async open(zip: JSZip): Promise<TemplatePackage> {
    return new TemplatePackage(zip, (await zip.file('[Content_Types].xml')?.async('string')) ?? '');
  }

  /** A header or footer part (word/header1.xml) whole, with what it needs; `what` names it in what is said ("its header"). */
  async carry(partName: string, text: string, what: string): Promise<CarryResult> {
    const relsName = path.posix.join(path.posix.dirname(partName), '_rels', `${path.posix.basename(partName)}.rels`);
    const rels = findAll(xml((await this.zip.file(relsName)?.async('string')) ?? ''), (el) => el.name === 'Relationship');
    const problem = cannotCarry(rels, text);
    if (problem) return { leftOut: `${what}, ${problem}` };
    const renamed = new Map<string, string>();
    const written: string[] = [];
    const media: CarriedMedia[] = [];
    for (const r of rels) {
      const carried = await this.relationship(r, path.posix.dirname(partName));
      if ('leftOut' in carried) return { leftOut: `${what}, ${carried.leftOut}` };
      renamed.set(r.attribs.Id ?? '', carried.id);
      written.push(carried.xml);
      if (carried.media) media.push(carried.media);
    }
    return {
      part: {
        xml: renameIds(text, renamed),
        rels: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELS_NS}">${written.join('')}</Relationships>`,
        media,
      },
      notes: withoutAlt(text).map(
        (name) =>
          `${what} has a picture (${name}) without alt text, which Word's accessibility checker will flag: give it alt text in the template (right-click it, View Alt Text)`,
      ),
    };
  }

  /** One relationship of a part under its new id; a picture's file with it, unless it is linked from outside the package. */
  private async relationship(r: Element, from: string): Promise<{ id: string; xml: string; media?: CarriedMedia } | { leftOut: string }> {
    const id = `rIdTemplate${++this.ids}`;
    const type = r.attribs.Type ?? '';
    const target = r.attribs.Target ?? '';
    if (r.attribs.TargetMode === 'External') return { id, xml: relationship({ id, type, target, external: true }) };
    const media = await this.media(from, target);
    if ('leftOut' in media) return media;
    // Relative to word/, where docx writes the headers and footers that carry it.
    return { id, xml: relationship({ id, type, target: path.posix.relative('word', media.name), external: false }), media };
  }

  /** A picture's file, under a name of its own in the documents (template-, then its name in the template). */
  private async media(from: string, target: string): Promise<CarriedMedia | { leftOut: string }> {
    const source = target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join(from, target));
    const bytes = await this.zip.file(source)?.async('nodebuffer');
    if (!bytes) return { leftOut: `whose picture ${target} is missing from the template` };
    const contentType = this.contentTypeOf(source);
    if (!contentType) return { leftOut: `whose picture ${target} is of a kind the template does not name` };
    let name = this.names.get(source);
    if (name === undefined) {
      const taken = new Set(this.names.values());
      const base = `word/media/template-${path.posix.basename(source)}`;
      name = base;
      for (let n = 2; taken.has(name); n++) name = base.replace(/(\.[^.]*)?$/, (ext) => `-${n}${ext}`);
      this.names.set(source, name);
    }
    return { name, bytes, contentType };
  }

  /** A part's content type as [Content_Types].xml gives it: its own (Override), else its extension's (Default). */
  private contentTypeOf(source: string): string | null {
    const types = findAll(xml(this.contentTypes), (el) => el.name === 'Override' || el.name === 'Default');
    const own = types.find((t) => t.name === 'Override' && (t.attribs.PartName ?? '').toLowerCase() === `/${source}`.toLowerCase());
    const ext = path.posix.extname(source).slice(1).toLowerCase();
    const byExtension = types.find((t) => t.name === 'Default' && (t.attribs.Extension ?? '').toLowerCase() === ext);
    return own?.attribs.ContentType ?? byExtension?.attribs.ContentType ?? null;
  }
}

/** Why a part cannot be carried, or null: a relationship of a kind csp does not carry, or a reference to one the part does not have. */
function cannotCarry(rels: Element[], text: string): string | null {
  const other = rels.find((r) => !CARRIED_TYPES.test(r.attribs.Type ?? ''));
  if (other) return `which holds a part of the kind "${(other.attribs.Type ?? '').split('/').at(-1)}" (csp carries over only pictures and links)`;
  const known = new Set(rels.map((r) => r.attribs.Id ?? ''));
  if (referencedIds(text).some((id) => !known.has(id))) return 'which refers to a part the template does not have';
  return null;
}

const escape = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

function relationship(r: { id: string; type: string; target: string; external: boolean }): string {
  const mode = r.external ? ' TargetMode="External"' : '';
  return `<Relationship Id="${escape(r.id)}" Type="${escape(r.type)}" Target="${escape(r.target)}"${mode}/>`;
}

const REFERENCE = /(\s(?:r:[A-Za-z]+|o:relid)\s*=\s*)(["'])([^"']*)\2/g;

/** The relationship ids a part refers to. */
const referencedIds = (text: string) => [...text.matchAll(/<[^>]+>/g)].flatMap((tag) => [...tag[0].matchAll(REFERENCE)].map((m) => m[3]!));

/**
 * The part's references to its relationships (r:id, r:embed, r:link …, and VML's o:relid) given
 * their new ids. Only inside tags, so that a header's text is never changed.
 */
function renameIds(text: string, renamed: Map<string, string>): string {
  return text.replaceAll(/<[^>]+>/g, (tag) =>
    tag.replaceAll(REFERENCE, (m, attr: string, quote: string, id: string) => {
      const to = renamed.get(id);
      return to === undefined ? m : `${attr}${quote}${to}${quote}`;
    }),
  );
}

/**
 * The names of a part's pictures that have no alt text (wp:docPr's descr) and are not marked
 * decorative (Word's adec:decorative, which its checker accepts in place of alt text).
 */
function withoutAlt(text: string): string[] {
  return findAll(xml(text), (el) => el.name === 'wp:docPr')
    .filter((d) => !(d.attribs.descr ?? '').trim())
    .filter((d) => !findAll(d.children, (el) => /(^|:)decorative$/.test(el.name) && ['1', 'true'].includes(el.attribs.val ?? '')).length)
    .map((d) => d.attribs.name || `id ${d.attribs.id ?? '?'}`);
}

/**
 * The carried parts put into the package docx has written. docx wrote a header (or footer) of
 * each carried kind, holding only what csp adds to the template's (the protective marking): its
 * part is replaced by the template's, that content put first in it, with the part's
 * relationships, its pictures' files and their content types. Its pictures' ids (wp:docPr id)
 * are numbered on from the highest in the document, as Word needs them unique in it.
 */
export async function carryInto(zip: JSZip, carried: Carried): Promise<void> {
  const parts = await sectionParts(zip);
  const jobs = [
    ...(['default', 'first', 'even'] as const).map((k) => ({ part: carried.headers[k], name: parts.get(`header:${k}`) })),
    ...(['default', 'first', 'even'] as const).map((k) => ({ part: carried.footers[k], name: parts.get(`footer:${k}`) })),
  ].filter((j): j is { part: CarriedPart; name: string } => !!j.part && !!j.name);
  if (jobs.length === 0) return;
  const replaced = new Set(jobs.map((j) => j.name));
  let next = (await highestDrawingId(zip, replaced)) + 1;
  let types = (await zip.file('[Content_Types].xml')?.async('string')) ?? '';
  for (const { part, name } of jobs) {
    const own = contentOf((await zip.file(name)?.async('string')) ?? '');
    const text = withFirst(part.xml, own).replaceAll(
      /(<wp:docPr\b[^>]*?\sid=")(\d+)(")/g,
      (_m, open: string, _id: string, close: string) => `${open}${next++}${close}`,
    );
    zip.file(name, text);
    zip.file(path.posix.join(path.posix.dirname(name), '_rels', `${path.posix.basename(name)}.rels`), part.rels);
    for (const m of part.media) {
      zip.file(m.name, m.bytes);
      types = withContentType(types, m);
    }
  }
  zip.file('[Content_Types].xml', types);
}

/** The parts of the document's headers and footers by kind ("header:first"), from its sections' references and its relationships. */
async function sectionParts(zip: JSZip): Promise<Map<string, string>> {
  const document = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const rels = (await zip.file('word/_rels/document.xml.rels')?.async('string')) ?? '';
  const targets = new Map(findAll(xml(rels), (el) => el.name === 'Relationship').map((r) => [r.attribs.Id ?? '', r.attribs.Target ?? '']));
  const out = new Map<string, string>();
  for (const ref of findAll(xml(document), (el) => el.name === 'w:headerReference' || el.name === 'w:footerReference')) {
    const target = targets.get(ref.attribs['r:id'] ?? '');
    if (!target) continue;
    const which = `${ref.name === 'w:headerReference' ? 'header' : 'footer'}:${ref.attribs['w:type'] ?? 'default'}`;
    out.set(which, target.startsWith('/') ? target.slice(1) : path.posix.join('word', target));
  }
  return out;
}

/** The highest wp:docPr id in the package's XML, the parts about to be replaced aside. */
async function highestDrawingId(zip: JSZip, except: Set<string>): Promise<number> {
  let max = 0;
  for (const name of Object.keys(zip.files).sort()) {
    if (except.has(name) || !name.startsWith('word/') || !name.endsWith('.xml')) continue;
    const text = (await zip.file(name)?.async('string')) ?? '';
    for (const m of text.matchAll(/<wp:docPr\b[^>]*?\sid="(\d+)"/g)) max = Math.max(max, Number(m[1]));
  }
  return max;
}

/** What is inside docx's stand-in for a carried header or footer, less the empty paragraph it ends with (index.ts's standIn). */
function contentOf(part: string): string {
  return (/<w:(hdr|ftr)\b[^>]*>([\s\S]*)<\/w:\1>/.exec(part)?.[2] ?? '').replace(/<w:p\/>$/, '');
}

/** The part with `first` put at the start of its root. */
function withFirst(part: string, first: string): string {
  if (!first) return part;
  return part.replace(/<w:(hdr|ftr)\b([^>]*?)(\/?)>/, (_m, root: string, attrs: string, empty: string) =>
    empty ? `<w:${root}${attrs}>${first}</w:${root}>` : `<w:${root}${attrs}>${first}`,
  );
}

/** [Content_Types].xml naming a carried picture's type: by its extension where it names none, else for the file itself. */
function withContentType(types: string, m: CarriedMedia): string {
  const ext = path.posix.extname(m.name).slice(1).toLowerCase();
  const defaults = findAll(xml(types), (el) => el.name === 'Default');
  const same = defaults.find((d) => (d.attribs.Extension ?? '').toLowerCase() === ext);
  if (same?.attribs.ContentType === m.contentType) return types;
  const entry =
    same || !ext
      ? `<Override PartName="/${escape(m.name)}" ContentType="${escape(m.contentType)}"/>`
      : `<Default Extension="${escape(ext)}" ContentType="${escape(m.contentType)}"/>`;
  if (types.includes(entry)) return types;
  // Defaults first and Overrides after, as Word and docx write them (the schema takes either in any order).
  return entry.startsWith('<Override') ? types.replace('</Types>', `${entry}</Types>`) : types.replace(/<Types\b[^>]*>/, (open) => `${open}${entry}`);
}
