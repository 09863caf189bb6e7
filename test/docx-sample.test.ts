// The Word documents of the sample workspace (issue 25), read back from their XML: the same words
// as the HTML, section by section, in Word's own structure.
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { cli, SAMPLE_CONFIG } from './helpers.js';
import type { Element } from 'domhandler';
import {
  all,
  councilTemplate,
  crestPng,
  crestTemplate,
  docxSections,
  first,
  htmlHeadings,
  htmlSections,
  paragraphs,
  squeeze,
  unzip,
  within,
  xml,
} from './render/docx-read.js';

const DOCUMENTS = ['assessment', 'plan', 'cabinet-report'] as const;
type Name = (typeof DOCUMENTS)[number];

const out = mkdtempSync(path.join(tmpdir(), 'csp-docx-'));
const again = mkdtempSync(path.join(tmpdir(), 'csp-docx-again-'));
const read: Partial<Record<Name, { html: string; part: (name: string) => string; parts: Map<string, Buffer> }>> = {};

beforeAll(async () => {
  const assess = await cli(['assess', '--config', SAMPLE_CONFIG, '--format', 'html,docx', '--out', out, '--quiet']);
  expect(assess.code, assess.stderr).toBe(0);
  for (const dir of [out, again]) {
    const r = await cli(['render-plan', '--config', SAMPLE_CONFIG, '--assessment', path.join(out, 'assessment.json'), '--format', 'docx,html', '--out', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('wrote plan.docx, cabinet-report.docx');
  }
  for (const name of DOCUMENTS) {
    const parts = await unzip(readFileSync(path.join(out, `${name}.docx`)));
    read[name] = { html: readFileSync(path.join(out, `${name}.html`), 'utf8'), parts, part: (p) => parts.get(p)?.toString('utf8') ?? '' };
  }
});

const doc = (name: Name) => read[name]!;
const html = (name: Name) => parseDocument(doc(name).html).children;
const inContents = (el: Element, nodes: ReturnType<typeof html>) => {
  const nav = DomUtils.findOne((x) => x.name === 'nav' && (x.attribs.class ?? '').split(/\s+/).includes('contents'), nodes, true);
  return !!nav && within(nav, el);
};

describe.each(DOCUMENTS)('%s.docx', (name) => {
  it('says what the HTML says, section by section (white space aside)', () => {
    const want = htmlSections(doc(name).html).map((s) => ({ heading: s.heading, text: squeeze(s.text) }));
    const got = docxSections(doc(name).part('word/document.xml')).map((s) => ({ heading: s.heading, text: squeeze(s.text) }));
    expect(got.map((s) => s.heading)).toEqual(want.map((s) => s.heading));
    for (const [i, s] of want.entries()) expect(got[i]!.text, `section "${s.heading}"`).toBe(s.text);
  });

  it("has the HTML's headings in Word's heading styles (h1 the title, h2 Heading 1 …), and its contents as a table of contents", () => {
    const ps = paragraphs(doc(name).part('word/document.xml'));
    const headings = ps.filter((p) => !p.inContents && /^(Title|Heading\d)$/.test(p.style)).map((p) => [p.style, p.text]);
    expect(headings).toEqual(htmlHeadings(doc(name).html).map(([level, text]) => [level === 1 ? 'Title' : `Heading${level - 1}`, text]));
    const nodes = html(name);
    const links = DomUtils.findAll((a) => a.name === 'a' && inContents(a, nodes), nodes).map((a) => DomUtils.textContent(a).trim());
    expect(ps.filter((p) => p.inContents && p.style === 'TOC1').map((p) => p.text.split('\t')[0])).toEqual(links);
  });

  it("has every table of the HTML as a Word table whose first row is a header row, with its caption as Word's alt text", () => {
    const tables = all(xml(doc(name).part('word/document.xml')), 'w:tbl');
    const htmlTables = DomUtils.findAll((t) => t.name === 'table', html(name));
    expect(tables.length).toBe(htmlTables.length);
    for (const t of tables) expect(first(all(t.children, 'w:tr')[0]!.children, 'w:tblHeader')).not.toBeNull();
    const captions = htmlTables.map((t) =>
      DomUtils.textContent(DomUtils.findOne((c) => c.name === 'caption', t.children, false)!)
        .replaceAll(/\s+/g, ' ')
        .trim(),
    );
    expect(tables.map((t) => first(t.children, 'w:tblCaption')?.attribs['w:val'])).toEqual(captions);
    for (const t of tables) expect(first(t.children, 'w:tblDescription')?.attribs['w:val']).toMatch(/^A table of \d+ rows?, with the columns /);
  });

  it("has every list item as a Word list paragraph, and every picture (charts as SVG with a PNG) with the HTML's alt text", () => {
    const nodes = html(name);
    const document = doc(name).part('word/document.xml');
    const items = DomUtils.findAll((li) => li.name === 'li' && !inContents(li, nodes), nodes);
    expect(paragraphs(document).filter((p) => p.listed).length).toBe(items.length);
    const svgs = DomUtils.findAll((s) => s.name === 'svg', nodes);
    const imgs = DomUtils.findAll((s) => s.name === 'img' && s.attribs.alt !== '', nodes);
    const pictures = all(xml(document), 'wp:docPr');
    expect(pictures.length).toBe(svgs.length + imgs.length);
    for (const p of pictures) expect(p.attribs.descr, `picture ${p.attribs.id}`).toMatch(/\S/);
    const titles = svgs.map((s) => DomUtils.textContent(DomUtils.findOne((t) => t.name === 'title', s.children)!).trim());
    expect(pictures.map((p) => p.attribs.title)).toEqual(expect.arrayContaining([...titles, ...imgs.map((i) => i.attribs.alt)]));
    expect(all(xml(document), 'asvg:svgBlip').length).toBe(pictures.length);
    const media = [...doc(name).parts.keys()].filter((k) => k.startsWith('word/media/'));
    expect(media.filter((k) => k.endsWith('.png')).length).toBe(media.filter((k) => k.endsWith('.svg')).length);
  });

  it('has the title and author of the HTML, language en-GB, and the date of the document', () => {
    const nodes = html(name);
    const title = DomUtils.textContent(DomUtils.findOne((t) => t.name === 'title', nodes)!);
    const author = DomUtils.findOne((m) => m.name === 'meta' && m.attribs.name === 'author', nodes)!.attribs.content;
    const core = doc(name).part('docProps/core.xml');
    expect(core).toContain(`<dc:title>${title.replaceAll('&', '&amp;')}</dc:title>`);
    expect(core).toContain(`<dc:creator>${author}</dc:creator>`);
    expect(core).toMatch(/<dcterms:created xsi:type="dcterms:W3CDTF">\d{4}-\d{2}-\d{2}T00:00:00Z<\/dcterms:created>/);
    expect(doc(name).part('word/styles.xml')).toMatch(/<w:docDefaults><w:rPrDefault><w:rPr>[^]*?<w:lang w:val="en-GB"\/>/);
  });
});

describe('cabinet-report.docx, as the council submits it', () => {
  it("keeps the report's numbered paragraphs 1.1, 1.2 … as the HTML numbers them", () => {
    const wanted = DomUtils.findAll((s) => s.name === 'span' && s.attribs.class === 'para-no', html('cabinet-report')).map((s) => DomUtils.textContent(s));
    const numbered = paragraphs(doc('cabinet-report').part('word/document.xml')).filter((p) => p.style === 'NumberedParagraph');
    expect(numbered.map((p) => p.text.split('\t')[0])).toEqual(wanted);
    expect(wanted.slice(0, 3)).toEqual(['1.1', '1.2', '1.3']);
    expect(numbered.every((p) => /^\d+\.\d+\t\S/.test(p.text))).toBe(true);
  });

  it("opens with the report's details as its first table: author, portfolio holder, status, classification, ward", () => {
    const table = all(xml(doc('cabinet-report').part('word/document.xml')), 'w:tbl')[0]!;
    const items = all(table.children, 'w:tr').map(
      (tr) => paragraphs(`<x>${DomUtils.getOuterHTML(all(tr.children, 'w:tc')[0]!, { xmlMode: true })}</x>`)[0]!.text,
    );
    expect(items).toEqual(expect.arrayContaining(['Item', 'Report author', 'Portfolio holder', 'Status', 'Classification', 'Ward']));
  });
});

describe('the same inputs give the same Word documents', () => {
  it.each(['plan', 'cabinet-report'])('%s.docx is byte-identical across two runs', (name) => {
    expect(readFileSync(path.join(again, `${name}.docx`)).equals(readFileSync(path.join(out, `${name}.docx`)))).toBe(true);
  });
});

describe("the council's Word template, named in csp.yaml", () => {
  /** The sample's csp.yaml and plan.yaml in a folder of their own, with branding.wordReference (render-plan reads no partner's file). */
  const workspace = (reference: Buffer | null) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'csp-docx-council-'));
    const sample = path.dirname(SAMPLE_CONFIG);
    for (const f of ['plan.yaml', 'logo.svg']) copyFileSync(path.join(sample, f), path.join(dir, f));
    writeFileSync(
      path.join(dir, 'csp.yaml'),
      readFileSync(SAMPLE_CONFIG, 'utf8').replace(/^branding:\n/m, 'branding:\n  wordReference: templates/council.docx\n'),
    );
    mkdirSync(path.join(dir, 'templates'));
    if (reference) writeFileSync(path.join(dir, 'templates', 'council.docx'), reference);
    return dir;
  };
  const render = (dir: string) =>
    cli([
      'render-plan',
      '--config',
      path.join(dir, 'csp.yaml'),
      '--assessment',
      path.join(out, 'assessment.json'),
      '--format',
      'docx',
      '--out',
      path.join(dir, 'out'),
    ]);

  it("gives the Cabinet report and the plan the template's styles and page", async () => {
    const dir = workspace(await councilTemplate());
    const r = await render(dir);
    expect(r.code, r.stderr).toBe(0);
    for (const name of ['cabinet-report', 'plan']) {
      const parts = await unzip(readFileSync(path.join(dir, 'out', `${name}.docx`)));
      expect(/w:styleId="Heading1">[\s\S]*?<\/w:style>/.exec(parts.get('word/styles.xml')!.toString())![0]).toContain('C0FFEE');
      expect(parts.get('word/header1.xml')!.toString()).toContain('Borough Council: OFFICIAL');
      expect(first(xml(parts.get('word/document.xml')!.toString()), 'w:pgSz')?.attribs['w:w']).toBe('12240');
    }
  });

  it('a template that is missing stops the run before anything is written, naming the key and the file', async () => {
    const dir = workspace(null);
    const r = await render(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('templates/council.docx, branding.wordReference: the Word reference document templates/council.docx does not exist');
    expect(existsSync(path.join(dir, 'out', 'plan.docx'))).toBe(false);
  });

  it("a header with the council's crest and a link is carried into the documents; a crest without alt text is said", async () => {
    const dir = workspace(await crestTemplate({ alt: null }));
    const r = await render(dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('left out of the Word documents');
    expect(r.stderr).toContain("templates/council.docx: its header has a picture (Crest) without alt text, which Word's accessibility checker will flag");
    for (const name of ['cabinet-report', 'plan']) {
      const parts = await unzip(readFileSync(path.join(dir, 'out', `${name}.docx`)));
      expect(parts.get('word/header1.xml')!.toString()).toContain('Borough Council: OFFICIAL');
      expect(parts.get('word/_rels/header1.xml.rels')!.toString()).toContain('Target="media/template-image1.png"');
      expect(parts.get('word/media/template-image1.png')?.equals(crestPng())).toBe(true);
    }
  });
});
