// Reading a .docx back as Word would find it: its parts unzipped with yauzl, its XML parsed, and
// what the tests ask of it (paragraphs with their styles, tables, pictures) read from the XML.
import yauzl from 'yauzl';
import JSZip from 'jszip';
import { Resvg } from '@resvg/resvg-js';
import { Document, Footer, Header, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import type { ChildNode, Element } from 'domhandler';
import { isTag, isText } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';

/** Every part of a .docx by its name. */
export function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const parts = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            parts.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(parts));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

export const xml = (text: string): ChildNode[] => parseDocument(text, { xmlMode: true }).children;
export const all = (nodes: ChildNode[], name: string): Element[] => DomUtils.findAll((el) => el.name === name, nodes);
export const first = (nodes: ChildNode[], name: string): Element | null => DomUtils.findOne((el) => el.name === name, nodes, true);

/** Whether `el` is `ancestor` or inside it. */
export function within(ancestor: Element, el: Element): boolean {
  for (let x: Element | null = el; x; x = x.parent && isTag(x.parent) ? x.parent : null) if (x === ancestor) return true;
  return false;
}

const ancestors = (el: Element): Element[] => {
  const out: Element[] = [];
  for (let p = el.parent; p && isTag(p); p = p.parent) out.push(p);
  return out;
};

/** A paragraph's text as Word shows it: its w:t, a tab as \t, a line break as \n. */
export function paragraphText(p: Element): string {
  let text = '';
  const walk = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (!isTag(n)) continue;
      if (n.name === 'w:t') text += n.children.map((c) => (isText(c) ? c.data : '')).join('');
      else if (n.name === 'w:tab' && n.parent && isTag(n.parent) && n.parent.name === 'w:r') text += '\t';
      else if (n.name === 'w:br') text += '\n';
      else if (n.name !== 'w:instrText') walk(n.children);
    }
  };
  walk(p.children);
  return text;
}

export interface WordParagraph {
  style: string;
  text: string;
  /** In a list (w:numPr). */
  listed: boolean;
  inTable: boolean;
  /** In the table of contents' content control. */
  inContents: boolean;
  drawings: number;
  el: Element;
}

/** The body's paragraphs in reading order, table cells' too. */
export function paragraphs(documentXml: string): WordParagraph[] {
  return all(xml(documentXml), 'w:p').map((p) => {
    const up = ancestors(p);
    return {
      style: first(p.children, 'w:pStyle')?.attribs['w:val'] ?? 'Normal',
      text: paragraphText(p),
      listed: first(p.children, 'w:numPr') !== null,
      inTable: up.some((a) => a.name === 'w:tc'),
      inContents: up.some((a) => a.name === 'w:sdt'),
      drawings: all(p.children, 'wp:docPr').length,
      el: p,
    };
  });
}

/** Text with all white space taken out: what two renderings of the same words share, however each breaks its lines. */
export const squeeze = (s: string) => s.replaceAll(/\s+/g, '');

/**
 * The text of an HTML document as it reads on the page, in sections: what comes before the first
 * h2, then each h2 with what follows it. Pictures are pictures (an SVG's text is not read), the
 * skip link and the list of contents are left out (the Word document has its own contents), and a
 * <q> is in quotation marks as a browser shows it.
 */
export function htmlSections(html: string): { heading: string; text: string }[] {
  const body = DomUtils.findOne((el) => el.name === 'body', parseDocument(html).children, true)!;
  const sections: { heading: string; text: string }[] = [{ heading: '(front)', text: '' }];
  const walk = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (isText(n)) sections.at(-1)!.text += n.data;
      if (!isTag(n)) continue;
      const cls = (n.attribs.class ?? '').split(/\s+/);
      if (['svg', 'style', 'script', 'img'].includes(n.name) || cls.includes('skip-link') || (n.name === 'nav' && cls.includes('contents'))) continue;
      if (n.name === 'h2') {
        sections.push({ heading: DomUtils.textContent(n).trim(), text: '' });
        continue;
      }
      if (n.name === 'q') sections.at(-1)!.text += '\u201c';
      walk(n.children);
      if (n.name === 'q') sections.at(-1)!.text += '\u201d';
      sections.at(-1)!.text += ' ';
    }
  };
  walk(body.children);
  return sections;
}

/** The same of a Word document: sections at its Heading 1 paragraphs, the table of contents left out. */
export function docxSections(documentXml: string): { heading: string; text: string }[] {
  const sections: { heading: string; text: string }[] = [{ heading: '(front)', text: '' }];
  for (const p of paragraphs(documentXml)) {
    if (p.inContents || p.style === 'TOCHeading') continue;
    if (p.style === 'Heading1') sections.push({ heading: p.text.trim(), text: '' });
    else sections.at(-1)!.text += `${p.text} `;
  }
  return sections;
}

/** The headings of an HTML document outside its list of contents, as [level, text]. */
export function htmlHeadings(html: string): [number, string][] {
  const doc = parseDocument(html).children;
  const contents = DomUtils.findOne((el) => el.name === 'nav' && (el.attribs.class ?? '').split(/\s+/).includes('contents'), doc, true);
  return DomUtils.findAll((el) => /^h[1-6]$/.test(el.name), doc)
    .filter((h) => !contents || !within(contents, h))
    .map((h) => [Number(h.name[1]), DomUtils.textContent(h).replaceAll(/\s+/g, ' ').trim()]);
}

/** A council's template, as Word would save one: Georgia headings in a colour of its own, US Letter, its own margins, header and footer. */
export async function councilTemplate() {
  return Packer.toBuffer(
    new Document({
      styles: {
        default: { document: { run: { font: 'Georgia', language: { value: 'en-US' } } } },
        paragraphStyles: [{ id: 'Heading1', name: 'heading 1', basedOn: 'Normal', run: { font: 'Georgia', color: 'C0FFEE', size: 40 } }],
      },
      sections: [
        {
          properties: {
            page: {
              size: { width: 12240, height: 15840 },
              margin: { top: 1000, right: 1100, bottom: 1200, left: 1300, header: 500, footer: 600, gutter: 0 },
            },
          },
          headers: {
            default: new Header({
              children: [new Paragraph({ children: [new TextRun('Borough Council: OFFICIAL')] })],
            }),
          },
          footers: { default: new Footer({ children: [new Paragraph({ children: [new TextRun({ children: ['Council page ', PageNumber.CURRENT] })] })] }) },
          children: [new Paragraph('Template body text, not used')],
        },
      ],
    }),
  );
}

/** A crest as the council's template would hold it: a PNG of a shield, 96 pixels square. */
export function crestPng(): Buffer {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96"><path d="M8 6h80v40c0 24-18 38-40 46C26 84 8 70 8 46z" fill="#b3141e"/><path d="M48 18l8 18h18l-14 11 6 19-18-12-18 12 6-19-14-11h18z" fill="#ffd700"/></svg>';
  return Buffer.from(new Resvg(svg).render().asPng());
}

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const ROOT_NS = `xmlns:w="${W_NS}" xmlns:r="${R_NS}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"`;

/** An inline picture as Word writes one (wp:inline), 0.7 inch square, its alt text in wp:docPr's descr. */
function drawing(o: { rId: string; docPrId: number; name: string; alt: string | null }): string {
  const emu = 640080;
  const descr = o.alt === null ? '' : ` descr="${o.alt}"`;
  return (
    `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${emu}" cy="${emu}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>` +
    `<wp:docPr id="${o.docPrId}" name="${o.name}"${descr}/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
    `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="crest.png"/><pic:cNvPicPr/></pic:nvPicPr>` +
    `<pic:blipFill><a:blip r:embed="${o.rId}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
    `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${emu}" cy="${emu}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`
  );
}

export const CREST_LINK = 'https://www.example.gov.uk/community-safety?from=report&year=2026';

/**
 * The council's template with its crest in the header and the footer, as Word saves one: the
 * header's picture and its link to the council's site in relationships of the header's own
 * (word/_rels/header1.xml.rels), the picture in word/media. Made from councilTemplate's package
 * with JSZip, as docx cannot write a header link. `crestFile` names the picture's file, and its
 * content type the template declares for it; `alt` null leaves the crest without alt text.
 */
export async function crestTemplate(o: { alt?: string | null; crestFile?: string; crestType?: string } = {}): Promise<Buffer> {
  const alt = o.alt === undefined ? "The council's crest" : o.alt;
  const crestFile = o.crestFile ?? 'image1.png';
  const zip = await JSZip.loadAsync(await councilTemplate());
  const header =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr ${ROOT_NS}>` +
    `<w:p w14:paraId="1A2B3C4D"><w:pPr><w:tabs><w:tab w:val="right" w:pos="9000"/></w:tabs></w:pPr>${drawing({ rId: 'rId1', docPrId: 1, name: 'Crest', alt })}` +
    `<w:r><w:t xml:space="preserve"> Borough Council: OFFICIAL </w:t></w:r><w:r><w:tab/></w:r>` +
    `<w:hyperlink r:id="rId2" w:history="1"><w:r><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr><w:t>www.example.gov.uk</w:t></w:r></w:hyperlink></w:p></w:hdr>`;
  const footer =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr ${ROOT_NS}>` +
    `<w:p>${drawing({ rId: 'rId1', docPrId: 1, name: 'Small crest', alt })}<w:r><w:t xml:space="preserve"> Council page </w:t></w:r>` +
    `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>`;
  const rels = (more: string) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${R_NS}/image" Target="media/${crestFile}"/>${more}</Relationships>`;
  zip.file('word/header1.xml', header);
  zip.file(
    'word/_rels/header1.xml.rels',
    rels(`<Relationship Id="rId2" Type="${R_NS}/hyperlink" Target="${CREST_LINK.replaceAll('&', '&amp;')}" TargetMode="External"/>`),
  );
  zip.file('word/footer1.xml', footer);
  zip.file('word/_rels/footer1.xml.rels', rels(''));
  zip.file(`word/media/${crestFile}`, crestPng());
  if (o.crestType) {
    const types = await zip.file('[Content_Types].xml')!.async('string');
    zip.file('[Content_Types].xml', types.replace('</Types>', `<Override PartName="/word/media/${crestFile}" ContentType="${o.crestType}"/></Types>`));
  }
  return zip.generateAsync({ type: 'nodebuffer' });
}
