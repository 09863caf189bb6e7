import path from 'node:path';
import { ImportedXmlComponent, readTheme, type IThemeOptions, type Paragraph } from 'docx';
import JSZip from 'jszip';
import type { Config } from '../../config/load.js';
import { invalidInput } from '../../core/errors.js';
import { readInputFile } from '../../util/input-file.js';
import { parseDocument } from 'htmlparser2';
import { TemplatePackage, type Carried, type Kind } from './carried.js';
import { findAll, type Element } from './dom.js';

/** A page as Word sets it out, in twips: its size as laid out (wider than high when landscape) and its margins. */
export interface PageSetup {
  width: number;
  height: number;
  landscape: boolean;
  margin: { top: number; right: number; bottom: number; left: number; header: number; footer: number; gutter: number };
}

/** Word's A4 with 2.54 cm margins: csp's clean default. */
export const A4: PageSetup = {
  width: 11906,
  height: 16838,
  landscape: false,
  margin: { top: 1440, right: 1440, bottom: 1440, left: 1440, header: 708, footer: 708, gutter: 0 },
};

export type { Kind } from './carried.js';

/** What a council's Word template gives the documents (as pandoc's reference document does). */
export interface WordReference {
  /** word/styles.xml, with the language set to en-GB. */
  styles: string;
  styleIds: Set<string>;
  theme?: IThemeOptions;
  page: PageSetup;
  /** The first page has its own header and footer (w:titlePg). */
  titlePage: boolean;
  /** Left and right pages have headers and footers of their own (settings.xml's w:evenAndOddHeaders). */
  evenAndOdd: boolean;
  /** Its headers' and footers' paragraphs and tables, as it has them (imported XML), where they are text and fields. */
  headers: Partial<Record<Kind, Paragraph[]>>;
  footers: Partial<Record<Kind, Paragraph[]>>;
  /** Its headers and footers with a picture (a crest) or a link, carried into the documents whole. */
  carried: Carried;
  /** What of the template could not be carried into the documents, in words. */
  leftOut: string[];
  /** What is carried over but Word's accessibility checker will flag (a crest without alt text), in words. */
  notes: string[];
}

/** A Word template is a few megabytes at most; 64 MB cannot be one. */
const MAX_BYTES = 64 * 1024 * 1024;

/** branding.wordReference, read wherever csp.yaml points (relative to it, or absolute); null when it is not set. */
export async function readWordReference(config: Config): Promise<WordReference | null> {
  const given = config.branding.wordReference;
  if (!given) return null;
  const where = { key: 'branding.wordReference', file: given };
  const file = path.resolve(config.baseDir, given);
  const bytes = readInputFile(
    file,
    where,
    {
      message: `the Word reference document ${given} does not exist`,
      where,
      hint: 'give the path of a .docx (or .dotx) relative to csp.yaml, e.g. templates/council.docx',
    },
    MAX_BYTES,
  );
  try {
    return await parseWordReference(bytes);
  } catch (e) {
    throw invalidInput({
      message: `the Word reference document ${given} cannot be used: ${(e as Error).message}`,
      where,
      hint: "save the council's template from Word as a Word document (.docx) and point branding.wordReference at it",
    });
  }
}

const xml = (text: string) => parseDocument(text, { xmlMode: true, withStartIndices: true, withEndIndices: true });
const num = (el: Element | undefined, attr: string, fallback: number) => {
  const v = Number.parseInt(el?.attribs[attr] ?? '', 10);
  return Number.isFinite(v) ? v : fallback;
};

export async function parseWordReference(bytes: Buffer): Promise<WordReference> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new Error('it is not a Word document (not a zip file)');
  }
  const part = async (name: string) => (await zip.file(name)?.async('string')) ?? null;
  const stylesXml = await part('word/styles.xml');
  const documentXml = await part('word/document.xml');
  if (!stylesXml || !documentXml) throw new Error('it is not a Word document (it has no word/styles.xml or word/document.xml)');
  const styleIds = new Set(findAll(xml(stylesXml).children, (el) => el.name === 'w:style' && !!el.attribs['w:styleId']).map((el) => el.attribs['w:styleId']!));

  const sectPr = findAll(xml(documentXml).children, (el) => el.name === 'w:sectPr').at(-1);
  const child = (name: string) => sectPr?.children.find((c): c is Element => 'name' in c && c.name === name);
  const pgSz = child('w:pgSz');
  const pgMar = child('w:pgMar');
  const page: PageSetup = {
    width: num(pgSz, 'w:w', A4.width),
    height: num(pgSz, 'w:h', A4.height),
    landscape: pgSz?.attribs['w:orient'] === 'landscape',
    margin: {
      top: Math.abs(num(pgMar, 'w:top', A4.margin.top)),
      right: num(pgMar, 'w:right', A4.margin.right),
      bottom: Math.abs(num(pgMar, 'w:bottom', A4.margin.bottom)),
      left: num(pgMar, 'w:left', A4.margin.left),
      header: num(pgMar, 'w:header', A4.margin.header),
      footer: num(pgMar, 'w:footer', A4.margin.footer),
      gutter: num(pgMar, 'w:gutter', 0),
    },
  };

  let theme: IThemeOptions | undefined;
  try {
    theme = readTheme(bytes);
  } catch {
    theme = undefined; // a document without a theme: Office's, as for any new document
  }

  const rels = await part('word/_rels/document.xml.rels');
  const targets = new Map(
    rels ? findAll(xml(rels).children, (el) => el.name === 'Relationship').map((el) => [el.attribs.Id ?? '', el.attribs.Target ?? '']) : [],
  );
  const leftOut: string[] = [];
  const notes: string[] = [];
  const headers: WordReference['headers'] = {};
  const footers: WordReference['footers'] = {};
  const carried: Carried = { headers: {}, footers: {} };
  const template = await TemplatePackage.open(zip);
  for (const ref of sectPr?.children.filter((c): c is Element => 'name' in c && (c.name === 'w:headerReference' || c.name === 'w:footerReference')) ?? []) {
    const isHeader = ref.name === 'w:headerReference';
    const kind = (ref.attribs['w:type'] ?? 'default') as Kind;
    const target = targets.get(ref.attribs['r:id'] ?? '');
    const partName = target ? path.posix.join('word', target.replace(/^\//, '').replace(/^word\//, '')) : null;
    const text = partName ? await part(partName) : null;
    if (!partName || !text) continue;
    const what = `its ${kind === 'default' ? '' : `${kind}-page `}${isHeader ? 'header' : 'footer'}`;
    if (hasRelationships(text)) {
      const whole = await template.carry(partName, text, what);
      if ('leftOut' in whole) leftOut.push(whole.leftOut);
      else {
        (isHeader ? carried.headers : carried.footers)[kind] = whole.part;
        notes.push(...whole.notes);
      }
      continue;
    }
    const content = importable(text, what, leftOut);
    if (!content) continue;
    (isHeader ? headers : footers)[kind] = content;
  }
  return {
    styles: withLanguage(stylesXml, 'en-GB'),
    styleIds,
    theme,
    page,
    evenAndOdd: /<w:evenAndOddHeaders\b(?![^>]*w:val="(?:0|false|off)")/.test((await part('word/settings.xml')) ?? ''),
    titlePage: !!child('w:titlePg') && child('w:titlePg')!.attribs['w:val'] !== '0' && child('w:titlePg')!.attribs['w:val'] !== 'false',
    headers,
    footers,
    carried,
    leftOut,
    notes,
  };
}

/** The namespaces docx declares on a header or footer it writes: content in any other cannot be carried over. */
const DECLARED = new Set([
  'w',
  'r',
  'wp',
  'wp14',
  'wpc',
  'mc',
  'o',
  'm',
  'v',
  'w10',
  'w14',
  'w15',
  'wpg',
  'wpi',
  'wne',
  'wps',
  'a',
  'pic',
  'w16cid',
  'w16se',
  'xml',
]);

/**
 * Whether a header or footer refers to a relationship of its own (a picture's file, a link's
 * address): docx cannot import such a part, so it is carried into the documents whole.
 */
function hasRelationships(text: string): boolean {
  return findAll(xml(text).children, (el) => Object.keys(el.attribs).some((a) => a.startsWith('r:'))).length > 0;
}

/**
 * A header's or footer's paragraphs and tables, carried over as the template has them through
 * docx: text and fields (page numbers). One in XML namespaces docx does not declare cannot be,
 * and is said in `leftOut`.
 */
function importable(text: string, what: string, leftOut: string[]): Paragraph[] | null {
  const root = findAll(xml(text).children, (el) => el.name === 'w:hdr' || el.name === 'w:ftr')[0];
  if (!root) return null;
  const blocks = root.children.filter((c): c is Element => 'name' in c && (c.name === 'w:p' || c.name === 'w:tbl' || c.name === 'w:sdt'));
  const all = blocks.flatMap((b) => [b, ...findAll([b], () => true)]);
  const prefixes = new Set(all.flatMap((el) => [el.name, ...Object.keys(el.attribs)]).flatMap((n) => (n.includes(':') ? [n.slice(0, n.indexOf(':'))] : [])));
  const unknown = [...prefixes].filter((p) => !DECLARED.has(p) && p !== 'xmlns');
  if (unknown.length > 0) {
    leftOut.push(`${what}, which uses XML namespaces csp cannot write (${unknown.join(', ')})`);
    return null;
  }
  return blocks.map((b) => ImportedXmlComponent.fromXmlString(text.slice(b.startIndex!, b.endIndex! + 1)) as unknown as Paragraph);
}

/**
 * The styles' default language set to en-GB (Word's accessibility checker, and its spelling,
 * need one): on the document defaults' run properties, added where the template has none.
 */
export function withLanguage(styles: string, lang: string): string {
  const tag = `<w:lang w:val="${lang}"/>`;
  const rPrDefault = `<w:rPrDefault><w:rPr>${tag}</w:rPr></w:rPrDefault>`;
  const defaults = /<w:docDefaults\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:docDefaults>)/.exec(styles);
  if (!defaults) return styles.replace(/<w:styles\b[^>]*>/, (open) => `${open}<w:docDefaults>${rPrDefault}</w:docDefaults>`);
  const inner = defaults[1] ?? '';
  const rpd = /<w:rPrDefault\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:rPrDefault>)/.exec(inner);
  const rpr = rpd?.[1] ? /<w:rPr\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:rPr>)/.exec(rpd[1]) : null;
  let run = rpr?.[1] ?? '';
  if (/<w:lang\b/.test(run)) {
    // Its other languages (East Asian, right-to-left) are kept.
    run = run.replace(/<w:lang\b([^>]*?)\s*(\/?)>/, (_m, attrs: string, close: string) =>
      /\sw:val=/.test(attrs) ? `<w:lang${attrs.replace(/\sw:val="[^"]*"/, ` w:val="${lang}"`)}${close}>` : `<w:lang w:val="${lang}"${attrs}${close}>`,
    );
  } else {
    // In a run's properties w:lang comes before these three, and after everything else.
    const later = /<w:(?:eastAsianLayout|specVanish|oMath)\b/.exec(run);
    run = later ? `${run.slice(0, later.index)}${tag}${run.slice(later.index)}` : `${run}${tag}`;
  }
  const newRpd = `<w:rPrDefault><w:rPr>${run}</w:rPr></w:rPrDefault>`;
  // w:rPrDefault is the first of the document defaults.
  const newInner = rpd ? inner.replace(rpd[0], () => newRpd) : `${newRpd}${inner}`;
  return styles.replace(defaults[0], () => `<w:docDefaults>${newInner}</w:docDefaults>`);
}
