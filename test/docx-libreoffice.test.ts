// The sample's Word documents opened by another word processor: LibreOffice converts each to PDF
// (Debian's libreoffice-writer; .ci/run installs it), and its pages are drawn as PNG for a person
// to look at (the folder is printed). Without LibreOffice or poppler the test fails, naming them.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cli, SAMPLE_CONFIG } from './helpers.js';
import { crestTemplate } from './render/docx-read.js';

const which = (tool: string): string | null => {
  try {
    return execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
};
const soffice = which('soffice');
const poppler = which('pdftoppm') && which('pdftotext') && which('pdfinfo') && which('pdfimages');

const out = mkdtempSync(path.join(tmpdir(), 'csp-docx-lo-'));

/** Each .docx printed to PDF by LibreOffice, in a profile of its own, so that a LibreOffice already running (another test, a person's) is not asked instead. */
function toPdf(files: string[], outdir: string): void {
  const profile = pathToFileURL(mkdtempSync(path.join(tmpdir(), 'csp-lo-profile-'))).href;
  execFileSync(soffice!, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outdir, ...files], {
    stdio: 'pipe',
    timeout: 180_000,
  });
}

beforeAll(async () => {
  const assess = await cli(['assess', '--config', SAMPLE_CONFIG, '--format', 'docx', '--out', out, '--quiet']);
  expect(assess.code, assess.stderr).toBe(0);
  const plan = await cli(['render-plan', '--config', SAMPLE_CONFIG, '--format', 'docx', '--out', out, '--quiet']);
  expect(plan.code, plan.stderr).toBe(0);
});

describe('the Word documents in LibreOffice', () => {
  it('LibreOffice opens each and prints it to PDF with its words; its pages are drawn as PNG', () => {
    expect(soffice, 'this test needs LibreOffice: apt-get install libreoffice-writer (soffice on the PATH)').toBeTruthy();
    expect(poppler, "this test needs poppler's pdftoppm, pdftotext, pdfinfo and pdfimages: apt-get install poppler-utils").toBeTruthy();
    const docs = ['assessment', 'plan', 'cabinet-report'];
    toPdf(
      docs.map((d) => path.join(out, `${d}.docx`)),
      path.join(out, 'pdf'),
    );
    const expected: Record<string, string[]> = {
      assessment: ['Strategic Assessment', 'Summary', 'Key findings', 'Ranking of the themes', 'Appendix: sources'],
      plan: ['Foreword', 'Our priorities', 'Action plan'],
      'cabinet-report': ['Recommendations', 'Corporate implications', '1.0 Background', '1.1', 'Report author', 'Portfolio holder'],
    };
    for (const d of docs) {
      const pdf = path.join(out, 'pdf', `${d}.pdf`);
      const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
      expect(count, d).toBeGreaterThan(1);
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      for (const words of expected[d]!) expect(text, `${d}.pdf`).toContain(words);
      execFileSync('pdftoppm', ['-png', '-r', '50', pdf, path.join(out, `${d}-page`)]);
      expect(readdirSync(out).filter((f) => f.startsWith(`${d}-page`) && f.endsWith('.png'))).toHaveLength(count);
    }
    console.log(`the pages as LibreOffice prints them: ${out}/*-page-*.png`);
  });

  it("shows the council's crest and link in the header of a Cabinet report made with its template", async () => {
    expect(soffice, 'this test needs LibreOffice: apt-get install libreoffice-writer (soffice on the PATH)').toBeTruthy();
    expect(poppler, "this test needs poppler's pdftoppm, pdftotext, pdfinfo and pdfimages: apt-get install poppler-utils").toBeTruthy();
    const dir = mkdtempSync(path.join(tmpdir(), 'csp-docx-lo-crest-'));
    for (const f of ['plan.yaml', 'logo.svg']) copyFileSync(path.join(path.dirname(SAMPLE_CONFIG), f), path.join(dir, f));
    const config = readFileSync(SAMPLE_CONFIG, 'utf8').replace(/^branding:\n/m, 'branding:\n  wordReference: templates/council.docx\n');
    writeFileSync(path.join(dir, 'csp.yaml'), config);
    mkdirSync(path.join(dir, 'templates'));
    writeFileSync(path.join(dir, 'templates', 'council.docx'), await crestTemplate());
    const args = ['--config', path.join(dir, 'csp.yaml'), '--assessment', path.join(out, 'assessment.json'), '--format', 'docx', '--out', dir];
    const r = await cli(['render-plan', ...args, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    toPdf([path.join(dir, 'cabinet-report.docx')], dir);
    const pdf = path.join(dir, 'cabinet-report.pdf');
    const page1 = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', pdf, '-'], { encoding: 'utf8' });
    expect(page1).toContain('Borough Council: OFFICIAL');
    expect(page1).toContain('www.example.gov.uk');
    // The crest is drawn on every page: a 96-pixel picture in the PDF's first page.
    const images = execFileSync('pdfimages', ['-f', '1', '-l', '1', '-list', pdf], { encoding: 'utf8' });
    expect(images).toMatch(/^\s*1\s+\d+\s+image\s+96\s+96\s/m);
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', pdf, path.join(dir, 'crest-page')]);
    console.log(`the Cabinet report's first page with the council's crest: ${dir}/crest-page-1.png`);
  });
});
