// The sample's Word documents opened by another word processor: LibreOffice converts each to PDF
// (Debian's libreoffice-writer; .ci/run installs it), and its pages are drawn as PNG for a person
// to look at (the folder is printed). Without LibreOffice or poppler the test fails, naming them.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cli, SAMPLE_CONFIG } from './helpers.js';

const which = (tool: string): string | null => {
  try {
    return execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
};
const soffice = which('soffice');
const poppler = which('pdftoppm') && which('pdftotext') && which('pdfinfo');

const out = mkdtempSync(path.join(tmpdir(), 'csp-docx-lo-'));

beforeAll(async () => {
  const assess = await cli(['assess', '--config', SAMPLE_CONFIG, '--format', 'docx', '--out', out, '--quiet']);
  expect(assess.code, assess.stderr).toBe(0);
  const plan = await cli(['render-plan', '--config', SAMPLE_CONFIG, '--format', 'docx', '--out', out, '--quiet']);
  expect(plan.code, plan.stderr).toBe(0);
});

describe('the Word documents in LibreOffice', () => {
  it('LibreOffice opens each and prints it to PDF with its words; its pages are drawn as PNG', () => {
    expect(soffice, 'this test needs LibreOffice: apt-get install libreoffice-writer (soffice on the PATH)').toBeTruthy();
    expect(poppler, "this test needs poppler's pdftoppm, pdftotext and pdfinfo: apt-get install poppler-utils").toBeTruthy();
    // A profile of its own, so that a LibreOffice already running (another test, a person's) is not asked instead.
    const profile = pathToFileURL(mkdtempSync(path.join(tmpdir(), 'csp-lo-profile-'))).href;
    const docs = ['assessment', 'plan', 'cabinet-report'];
    execFileSync(
      soffice!,
      [
        `-env:UserInstallation=${profile}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        path.join(out, 'pdf'),
        ...docs.map((d) => path.join(out, `${d}.docx`)),
      ],
      {
        stdio: 'pipe',
        timeout: 180_000,
      },
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
});
