import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { htmlToDocx, type DocxRequest } from '../../src/render/docx/index.js';
import { parseWordReference, readWordReference, withLanguage } from '../../src/render/docx/reference.js';
import type { Config } from '../../src/config/load.js';
import JSZip from 'jszip';
import { tableAlt } from '../../src/render/docx/tables.js';
import { isTag, type Element } from 'domhandler';
import { CspError } from '../../src/core/errors.js';
import {
  all,
  councilTemplate,
  CREST_LINK,
  crestPng,
  crestTemplate,
  first,
  paragraphText,
  paragraphs,
  squeeze,
  unzip,
  xml,
  docxSections,
  htmlSections,
} from './docx-read.js';

const CHART = `<svg role="img" xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200"><title>Crimes per month</title><desc>Monthly counts from January 2024; the highest month was June.</desc><rect width="400" height="200" fill="white"/><path d="M0,100L400,50" stroke="#1d4f76"/><text x="10" y="20" font-family="Arial">1,200</text></svg>`;
const LOGO = `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120"><rect width="120" height="120" fill="#1d4f76"/></svg>').toString('base64')}`;

/** A document with each thing the templates use, and some they do not yet (a class nobody knows, a span). */
const HTML = `<!DOCTYPE html><html lang="en-GB"><head><title>The report</title><style>h1 { color: red }</style></head><body>
<a class="skip-link" href="#main">Skip to the content</a>
<header class="masthead"><p class="marking">OFFICIAL</p><div class="brand"><img class="logo" src="${LOGO}" alt="Partnership logo"><p class="organisation">The Partnership</p></div></header>
<main id="main">
<h1>The report</h1>
<p class="subtitle">Cabinet, 12 March 2026</p>
<table><caption>About this report</caption><thead><tr><th scope="col">Item</th><th scope="col">Detail</th></tr></thead>
<tbody><tr><th scope="row">Report author</th><td>Jo Taylor</td></tr><tr class="highlight"><th scope="row">Ward</th><td class="num">All wards</td></tr></tbody></table>
<nav class="contents"><h2 id="contents-heading">Contents</h2><ol><li><a href="#background">1.0 Background</a></li><li><a href="#figures">Figures</a></li></ol></nav>
<section id="background" class="numbered new-page"><h2 id="background-h">1.0 Background</h2>
<p class="numbered"><span class="para-no">1.1</span> The council has a   statutory
duty.</p>
<p class="numbered"><span class="para-no">1.2</span> Highlights:</p>
<ul><li><strong>Closure Orders</strong>: up from 3 to 7<br><span class="override">Chosen by the partnership.</span></li><li>Second <em>item</em> <q>quoted</q></li></ul>
<ol><li>First</li><li>Second<ol><li>Nested</li></ol></li></ol>
<ol><li>Again one</li></ol>
</section>
<section id="figures" class="brand-new-class"><h2 id="figures-h">Figures</h2>
<div class="note" role="note"><p><strong>About these figures</strong></p><p>* November is incomplete.</p></div>
<figure class="chart"><div class="chart-scroll">${CHART}</div><figcaption><strong>Crimes per month.</strong> Monthly counts.</figcaption></figure>
<table><caption>Counts</caption><thead><tr><th>Year</th><th colspan="2">Halves</th></tr></thead><tbody><tr><th>2024</th><td class="num">1</td><td class="num">2</td></tr></tbody></table>
<dl class="definitions"><dt>Rate</dt><dd>Per 1,000 residents.</dd></dl>
<h3 id="more">More</h3><p>See <a href="#background">the background</a> and <a href="https://www.gov.uk/">GOV.UK</a>. <span class="unknown-thing">A span</span> with <code>sha256sum</code>.</p>
<img src="${LOGO}" alt="">
</section>
</main>
<footer class="document-footer"><p>The Partnership. Produced with csp on 12 March 2026.</p></footer>
</body></html>`;

const request = (o: Partial<DocxRequest> = {}): DocxRequest => ({
  html: HTML,
  title: 'The report',
  author: 'Jo Taylor',
  subject: 'The Partnership, Jan–Dec 2025',
  date: '2026-03-12',
  colours: { primary: '#1d4f76', accent: '#b3541e' },
  reference: null,
  ...o,
});

async function made(o: Partial<DocxRequest> = {}) {
  const warnings: string[] = [];
  const bytes = await htmlToDocx({ ...request(o), onWarning: (w) => warnings.push(w) });
  const parts = await unzip(bytes);
  const part = (name: string) => parts.get(name)?.toString('utf8') ?? '';
  return { bytes, parts, part, document: part('word/document.xml'), warnings };
}

describe('a Word document from HTML', () => {
  it("headings are Word's own heading styles, in order; the contents are a table of contents field", async () => {
    const { document, part } = await made();
    const ps = paragraphs(document);
    const headings = ps.filter((p) => /^(Title|Heading\d)$/.test(p.style)).map((p) => [p.style, p.text]);
    expect(headings).toEqual([
      ['Title', 'The report'],
      ['Heading1', '1.0 Background'],
      ['Heading1', 'Figures'],
      ['Heading2', 'More'],
    ]);
    // The contents' own heading is not a heading of the document (nor in its contents).
    expect(ps.find((p) => p.text === 'Contents')?.style).toBe('TOCHeading');
    expect(all(xml(document), 'w:instrText').some((i) => /TOC \\h \\o "1-1"/.test(i.children.map((c) => ('data' in c ? c.data : '')).join('')))).toBe(true);
    // Its entries are written (with the pages Word would give them), so it is not empty before Word updates it.
    const entries = ps.filter((p) => p.inContents && p.style === 'TOC1').map((p) => p.text.split('\t')[0]);
    expect(entries).toEqual(['1.0 Background', 'Figures']);
    // Word's styles by their ids and built-in names: the navigation pane and the contents follow them.
    expect(part('word/styles.xml')).toMatch(/<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"\/>/);
    expect(part('word/styles.xml')).toMatch(/w:styleId="Heading1">[\s\S]*?<w:outlineLvl w:val="0"\/>/);
  });

  it('numbered paragraphs keep their numbers (1.1, 1.2) at their start, the text hanging after a tab', async () => {
    const ps = paragraphs((await made()).document).filter((p) => p.style === 'NumberedParagraph');
    expect(ps.map((p) => p.text)).toEqual(['1.1\tThe council has a statutory duty.', '1.2\tHighlights:']);
    // The paragraph that introduces a list stays with it.
    expect(first(ps[1]!.el.children, 'w:keepNext')).not.toBeNull();
  });

  it('lists are Word lists: bullets, and numbered lists that each start again at 1', async () => {
    const { document, part } = await made();
    const listed = paragraphs(document).filter((p) => p.listed && !p.inTable);
    expect(listed.map((p) => p.text)).toEqual([
      'Closure Orders: up from 3 to 7\nChosen by the partnership.',
      'Second item \u201cquoted\u201d',
      'First',
      'Second',
      'Nested',
      'Again one',
    ]);
    const num = (p: (typeof listed)[number]) => [first(p.el.children, 'w:numId')?.attribs['w:val'], first(p.el.children, 'w:ilvl')?.attribs['w:val']];
    const [b1, b2, o1, o2, nested, again] = listed.map(num);
    expect(b1).toEqual(b2);
    expect(o1).toEqual(o2);
    expect(nested![1]).toBe('1'); // a level further in
    expect(again![0]).not.toBe(o1![0]); // a new list: numbered from 1 again
    const numbering = part('word/numbering.xml');
    expect(numbering).toContain('w:val="bullet"');
    expect(numbering).toContain('w:val="decimal"');
    // Under a numbered paragraph the list lines up with the paragraph's text.
    expect(first(listed[0]!.el.children, 'w:ind')?.attribs['w:left']).toBe('1080');
  });

  it('tables are Word tables: the caption above, the header row marked to repeat, row headers bold, spans kept', async () => {
    const { document } = await made();
    const tables = all(xml(document), 'w:tbl');
    expect(tables).toHaveLength(2);
    for (const t of tables) expect(first(all(t.children, 'w:tr')[0]!.children, 'w:tblHeader')).not.toBeNull();
    // Only the header row repeats.
    expect(all(tables[0]!.children, 'w:tblHeader')).toHaveLength(1);
    const ps = paragraphs(document);
    const captions = ps.filter((p) => p.style === 'Caption').map((p) => p.text);
    expect(captions).toEqual(['About this report', 'Crimes per month. Monthly counts.', 'Counts']);
    const author = ps.find((p) => p.text === 'Report author')!;
    expect(author.inTable).toBe(true);
    expect(first(author.el.children, 'w:b')).not.toBeNull();
    expect(all(tables[1]!.children, 'w:gridSpan')[0]?.attribs['w:val']).toBe('2');
    // A number is right-aligned.
    expect(first(ps.find((p) => p.text === 'All wards')!.el.children, 'w:jc')?.attribs['w:val']).toBe('right');
  });

  it("each table has Word's alt text: its caption as the paragraph above says it, and what its columns and rows are", async () => {
    const { document } = await made();
    const tree = xml(document);
    const blocks = first(tree, 'w:body')!.children.filter((c): c is Element => isTag(c));
    const tables = all(tree, 'w:tbl');
    expect(tables).toHaveLength(2);
    for (const t of tables) {
      const tblPr = first(t.children, 'w:tblPr')!;
      const above = blocks[blocks.indexOf(t) - 1]!;
      expect(first(above.children, 'w:pStyle')?.attribs['w:val']).toBe('Caption');
      expect(first(tblPr.children, 'w:tblCaption')?.attribs['w:val']).toBe(paragraphText(above));
      // CT_TblPr's order: w:tblCaption and w:tblDescription come last, after w:tblLook where there is one.
      const order = tblPr.children.filter((c): c is Element => isTag(c)).map((c) => c.name);
      expect(order.slice(-2)).toEqual(['w:tblCaption', 'w:tblDescription']);
      expect(order.indexOf('w:tblLayout')).toBeLessThan(order.indexOf('w:tblCaption'));
    }
    const descriptions = tables.map((t) => first(t.children, 'w:tblDescription')?.attribs['w:val']);
    expect(descriptions).toEqual(['A table of 2 rows, with the columns Item and Detail.', 'A table of 1 row, with the columns Year and Halves.']);
  });

  it('a table without a caption or header row is still described; a caption is written as Word escapes it', async () => {
    const html = HTML.replace('<caption>Counts</caption><thead><tr><th>Year</th><th colspan="2">Halves</th></tr></thead>', '').replace(
      'About this report',
      'Crime &amp; "disorder" &lt;2025&gt;',
    );
    const { document } = await made({ html });
    const tables = all(xml(document), 'w:tbl');
    expect(tables.map((t) => first(t.children, 'w:tblCaption')?.attribs['w:val'] ?? null)).toEqual(['Crime & "disorder" <2025>', null]);
    expect(first(tables[1]!.children, 'w:tblDescription')?.attribs['w:val']).toBe('A table of 1 row.');
    expect(tableAlt(xml('<table aria-label="Rates"><tr><td>1</td></tr></table>')[0] as Element, [], 1).description).toBe('Rates: a table of 1 row.');
  });

  it('charts are SVG with a PNG fallback, and every picture has its alt text; a decorative one is left out', async () => {
    const { document, parts, warnings } = await made();
    const pictures = all(xml(document), 'wp:docPr');
    expect(pictures.map((d) => [d.attribs.title, d.attribs.descr])).toEqual([
      ['Partnership logo', 'Partnership logo'],
      ['Crimes per month', 'Monthly counts from January 2024; the highest month was June.'],
    ]);
    expect(new Set(pictures.map((d) => d.attribs.id)).size).toBe(2);
    expect(all(xml(document), 'asvg:svgBlip')).toHaveLength(2);
    const media = [...parts.keys()].filter((n) => n.startsWith('word/media/'));
    expect(media.filter((n) => n.endsWith('.svg'))).toHaveLength(2);
    expect(media.filter((n) => n.endsWith('.png'))).toHaveLength(2);
    const png = parts.get(media.find((n) => n.endsWith('.png') && parts.get(n)!.readUInt32BE(16) === 800)!)!;
    expect(png.subarray(1, 4).toString()).toBe('PNG'); // drawn twice the size, for print
    expect(warnings).toEqual([]);
  });

  it('the protective marking heads every page; without a template, the footer numbers the pages', async () => {
    const { part } = await made();
    expect(paragraphs(part('word/header1.xml')).map((p) => p.text)).toEqual(['OFFICIAL']);
    expect(part('word/footer1.xml')).toMatch(/Page [^]*PAGE[^]* of [^]*NUMPAGES/);
    expect((await made({ html: HTML.replace('<p class="marking">OFFICIAL</p>', '') })).part('word/header1.xml')).toBe('');
  });

  it('an image without alt text is said, not silently passed', async () => {
    const { warnings } = await made({ html: HTML.replace('alt="Partnership logo"', '') });
    expect(warnings).toEqual(['an image has no alt text: it is in the Word document without it']);
  });

  it('title, author and language en-GB are set; the dates are the document\u2019s own', async () => {
    const { part } = await made();
    const core = part('docProps/core.xml');
    expect(core).toContain('<dc:title>The report</dc:title>');
    expect(core).toContain('<dc:creator>Jo Taylor</dc:creator>');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-03-12T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2026-03-12T00:00:00Z</dcterms:modified>');
    expect(part('word/styles.xml')).toMatch(/<w:docDefaults><w:rPrDefault><w:rPr>[^]*?<w:lang w:val="en-GB"\/>/);
  });

  it('no empty paragraph is used for spacing; the skip link, <head> and <style> are left out; links stay links', async () => {
    const { document } = await made();
    const ps = paragraphs(document);
    const body = ps.filter((p) => !p.inTable && !p.inContents);
    expect(body.filter((p) => p.text.trim() === '' && p.drawings === 0)).toEqual([]);
    const text = ps.map((p) => p.text).join('\n');
    expect(text).not.toContain('Skip to the content');
    expect(text).not.toContain('color: red');
    expect(all(xml(document), 'w:hyperlink').map((h) => h.attribs['w:anchor'] ?? 'external')).toEqual(expect.arrayContaining(['s_background', 'external']));
    expect(first(xml(document), 'w:bookmarkStart')?.attribs['w:name']).toBeDefined();
    // A section that starts a new page in print does in Word.
    expect(first(ps.find((p) => p.text === '1.0 Background')!.el.children, 'w:pageBreakBefore')).not.toBeNull();
  });

  it('says what the HTML says, section by section', async () => {
    const { document } = await made();
    const html = htmlSections(HTML).map((s) => ({ heading: s.heading, text: squeeze(s.text) }));
    const docx = docxSections(document).map((s) => ({ heading: s.heading, text: squeeze(s.text) }));
    expect(docx).toEqual(html);
  });

  it('the same HTML gives the same bytes, whatever was made before it in the process', async () => {
    const a = await htmlToDocx(request());
    await htmlToDocx(request({ html: HTML.replace('<h3 id="more">More</h3>', '<h3 id="x">X</h3><h3 id="more">More</h3>') }));
    await new Promise((r) => setTimeout(r, 1100)); // a second later: docx stamps the time
    const b = await htmlToDocx(request());
    expect(b.equals(a)).toBe(true);
  });
});

describe("the council's Word template (branding.wordReference)", () => {
  it('gives its styles, page size, margins, header and footer; csp adds only the styles it lacks; the language is en-GB', async () => {
    const reference = await parseWordReference(await councilTemplate());
    const { part, document } = await made({ reference });
    const styles = part('word/styles.xml');
    const heading1 = /<w:style w:type="paragraph" w:styleId="Heading1">[\s\S]*?<\/w:style>/.exec(styles)![0];
    expect(heading1).toContain('C0FFEE');
    expect(heading1).toContain('Georgia');
    expect(heading1).not.toContain('1D4F76'); // not csp's own Heading 1
    expect(styles.match(/w:styleId="Heading1"/g)).toHaveLength(1);
    expect(styles).toContain('w:styleId="NumberedParagraph"'); // csp's, which the template lacks
    expect(styles).toMatch(/<w:docDefaults><w:rPrDefault><w:rPr>[^]*?<w:lang w:val="en-GB"\/>/);
    expect(styles).not.toContain('en-US');
    // The headings use it.
    expect(paragraphs(document).filter((p) => p.style === 'Heading1')).toHaveLength(2);
    const sectPr = all(xml(document), 'w:sectPr').at(-1)!;
    expect(first(sectPr.children, 'w:pgSz')?.attribs).toMatchObject({ 'w:w': '12240', 'w:h': '15840' });
    expect(first(sectPr.children, 'w:pgMar')?.attribs).toMatchObject({ 'w:top': '1000', 'w:right': '1100', 'w:left': '1300', 'w:footer': '600' });
    expect(part('word/header1.xml')).toContain('Borough Council: OFFICIAL');
    // The document's protective marking heads every page, above the template's header.
    expect(part('word/header1.xml')).toMatch(/<w:t xml:space="preserve">OFFICIAL<\/w:t>[^]*Borough Council: OFFICIAL/);
    expect(part('word/footer1.xml')).toContain('Council page ');
    expect(part('word/footer1.xml')).toContain('PAGE');
    // Tables are as wide as the template's text.
    expect(first(all(xml(document), 'w:tbl')[0]!.children, 'w:tblW')?.attribs['w:w']).toBe(String(12240 - 1300 - 1100));
    expect(reference.leftOut).toEqual([]);
  });

  it("a header and footer with the crest and a link are carried over whole: the part, its renamed relationships, the crest's file, content types, unique drawing ids", async () => {
    const reference = await parseWordReference(await crestTemplate());
    expect(reference.leftOut).toEqual([]);
    expect(reference.notes).toEqual([]);
    const { part, parts, document } = await made({ reference });
    const header = part('word/header1.xml');
    const footer = part('word/footer1.xml');
    // The document's protective marking heads the page, above the template's header as it has it.
    expect(header).toMatch(
      /^<\?xml[^]*<w:hdr [^>]*xmlns:pic=[^]*<w:t xml:space="preserve">OFFICIAL<\/w:t>[^]*<wp:docPr [^]*Borough Council: OFFICIAL[^]*www\.example\.gov\.uk/,
    );
    expect(header).toContain('w14:paraId="1A2B3C4D"');
    expect(footer).toContain(' Council page ');
    const relsOf = (name: string) => new Map(all(xml(part(`word/_rels/${name}.rels`)), 'Relationship').map((r) => [r.attribs.Id!, r.attribs] as const));
    const headerRels = relsOf('header1.xml');
    const footerRels = relsOf('footer1.xml');
    // Every id the parts use is theirs, renamed so that none is another part's.
    const used = (text: string) => [...text.matchAll(/\sr:(?:id|embed)="([^"]+)"/g)].map((m) => m[1]!);
    expect(used(header).sort()).toEqual([...headerRels.keys()].sort());
    expect(used(footer)).toEqual([...footerRels.keys()]);
    expect([...headerRels.keys(), ...footerRels.keys()]).toEqual(['rIdTemplate1', 'rIdTemplate2', 'rIdTemplate3']);
    const [crest, link] = [...headerRels.values()];
    expect(crest).toMatchObject({ Type: expect.stringMatching(/\/image$/), Target: 'media/template-image1.png' });
    expect(link).toMatchObject({ Type: expect.stringMatching(/\/hyperlink$/), Target: CREST_LINK, TargetMode: 'External' });
    expect(first(xml(header), 'w:hyperlink')?.attribs['r:id']).toBe(link!.Id);
    expect([...footerRels.values()][0]).toMatchObject({ Target: 'media/template-image1.png' });
    // The crest's bytes, once, however many parts show it.
    expect(parts.get('word/media/template-image1.png')?.equals(crestPng())).toBe(true);
    expect([...parts.keys()].filter((n) => n.startsWith('word/media/template-'))).toEqual(['word/media/template-image1.png']);
    expect(part('[Content_Types].xml')).toContain('<Default ContentType="image/png" Extension="png"/>');
    // Each picture's id is its own in the whole document (the body's logo and chart are 1 and 2).
    const ids = [document, header, footer].flatMap((x) => all(xml(x), 'wp:docPr').map((d) => d.attribs.id));
    expect(ids).toEqual(['1', '2', '3', '4']);
    expect(all(xml(header), 'wp:docPr')[0]?.attribs.descr).toBe("The council's crest");
    // The same inputs, the same bytes.
    expect((await htmlToDocx(request({ reference }))).equals(await htmlToDocx(request({ reference })))).toBe(true);
  });

  it('a crest without alt text is said; a picture of a kind docx does not name has its content type carried too', async () => {
    const reference = await parseWordReference(await crestTemplate({ alt: null, crestFile: 'crest.tif', crestType: 'image/tiff' }));
    expect(reference.leftOut).toEqual([]);
    expect(reference.notes).toEqual([
      "its header has a picture (Crest) without alt text, which Word's accessibility checker will flag: give it alt text in the template (right-click it, View Alt Text)",
      "its footer has a picture (Small crest) without alt text, which Word's accessibility checker will flag: give it alt text in the template (right-click it, View Alt Text)",
    ]);
    const { part, parts } = await made({ reference, html: HTML.replace('<p class="marking">OFFICIAL</p>', '') });
    expect(parts.has('word/media/template-crest.tif')).toBe(true);
    expect(part('[Content_Types].xml')).toContain('<Default Extension="tif" ContentType="image/tiff"/>');
    // Without a marking, the header is the template's alone.
    expect(paragraphs(part('word/header1.xml')).map((p) => p.text)).toEqual([' Borough Council: OFFICIAL \twww.example.gov.uk']);
  });

  it('a header holding a part of another kind than a picture or a link is left out, and said', async () => {
    const zip = await JSZip.loadAsync(await crestTemplate());
    const rels = await zip.file('word/_rels/header1.xml.rels')!.async('string');
    zip.file(
      'word/_rels/header1.xml.rels',
      rels.replace(
        '</Relationships>',
        '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart1.xml"/></Relationships>',
      ),
    );
    const reference = await parseWordReference(await zip.generateAsync({ type: 'nodebuffer' }));
    expect(reference.leftOut).toEqual(['its header, which holds a part of the kind "chart" (csp carries over only pictures and links)']);
    expect(reference.carried.headers).toEqual({});
    expect(reference.carried.footers.default).toBeDefined();
    // A picture whose relationship the template lacks would not open in Word.
    zip.file('word/_rels/header1.xml.rels', rels.replace(/<Relationship Id="rId1"[^>]*\/>/, ''));
    const broken = await parseWordReference(await zip.generateAsync({ type: 'nodebuffer' }));
    expect(broken.leftOut).toEqual(['its header, which refers to a part the template does not have']);
  });

  it('is read wherever csp.yaml points; a missing or broken one names the key and the file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'csp-wordref-'));
    writeFileSync(path.join(dir, 'council.docx'), await councilTemplate());
    writeFileSync(path.join(dir, 'broken.docx'), 'not a zip');
    const config = (wordReference?: string) => ({ baseDir: dir, branding: { wordReference } }) as unknown as Config;
    expect(await readWordReference(config())).toBeNull();
    expect((await readWordReference(config('council.docx')))?.page.width).toBe(12240);
    expect((await readWordReference(config(path.join(dir, 'council.docx'))))?.page.width).toBe(12240);
    for (const [file, said] of [
      ['missing.docx', 'the Word reference document missing.docx does not exist'],
      ['broken.docx', 'the Word reference document broken.docx cannot be used: it is not a Word document (not a zip file)'],
      ['.', 'cannot be read: it is a folder, not a file'],
    ] as const) {
      const e = await readWordReference(config(file)).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(CspError);
      expect((e as CspError).problems[0]).toMatchObject({ message: said, where: { key: 'branding.wordReference', file } });
    }
  });

  it('sets the default language whatever the template says of it', () => {
    const open = '<w:styles xmlns:w="x">';
    const lang = (s: string) => withLanguage(`${open}${s}<w:style/></w:styles>`, 'en-GB');
    expect(lang('')).toBe(`${open}<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault></w:docDefaults><w:style/></w:styles>`);
    expect(lang('<w:docDefaults/>')).toContain('<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault></w:docDefaults>');
    expect(
      lang(
        '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>',
      ),
    ).toContain(
      '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial"/><w:lang w:val="en-GB" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>',
    );
    expect(lang('<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/><w:eastAsianLayout/></w:rPr></w:rPrDefault></w:docDefaults>')).toContain(
      '<w:rPr><w:sz w:val="22"/><w:lang w:val="en-GB"/><w:eastAsianLayout/></w:rPr>',
    );
    expect(lang('<w:docDefaults><w:pPrDefault/></w:docDefaults>')).toContain(
      '<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault/>',
    );
  });
});
