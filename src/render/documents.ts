import path from 'node:path';
import type { Assessment } from '../analyse/assessment-schema.js';
import type { Config } from '../config/load.js';
import { environmentError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic.js';
import { findBrowser, NO_BROWSER_HINT } from './browser.js';
import type { Plan } from './plan-schema.js';
import { loadTemplates, type DocumentKind } from './templates.js';
import { assessmentView } from './views/assessment.js';
import { cabinetView } from './views/cabinet.js';
import { planView } from './views/plan.js';
import type { FigureView } from './views/common.js';
import { stringify } from 'csv-stringify/sync';
import { safeCell } from './tables.js';

export type Format = 'html' | 'pdf';

export interface RenderRequest {
  kinds: DocumentKind[];
  assessment: Assessment;
  plan?: Plan;
  config: Config;
  templatesDir?: string;
  formats: Format[];
  outDir: string;
  browser?: string;
  env: NodeJS.ProcessEnv;
  /** Called as each step finishes, for progress lines. */
  onStep?: (what: string) => void;
}

const FILE: Record<DocumentKind, string> = { assessment: 'assessment', plan: 'plan', 'cabinet-report': 'cabinet-report' };

/**
 * Writes the documents: HTML first (always, so a missing browser still leaves something to
 * publish), then PDF from the same HTML in one browser.
 */
export async function renderDocuments(r: RenderRequest): Promise<string[]> {
  const templates = loadTemplates(r.templatesDir);
  const written: string[] = [];
  const docs: { kind: DocumentKind; html: string; title: string; author: string; marking: string | null }[] = [];
  for (const kind of r.kinds) {
    const view = await viewFor(kind, r, templates.stylesheet);
    docs.push({ kind, html: templates.render(kind, view), title: view.title, author: view.author, marking: view.marking });
    written.push(...writeCharts(view, path.join(r.outDir, 'charts')));
  }
  if (r.formats.includes('html')) {
    for (const d of docs) {
      const file = path.join(r.outDir, `${FILE[d.kind]}.html`);
      writeFileAtomic(file, d.html);
      written.push(file);
    }
    r.onStep?.(`wrote ${docs.map((d) => `${FILE[d.kind]}.html`).join(', ')}`);
  }
  if (r.formats.includes('pdf')) {
    const browser = findBrowser(r.browser, r.env);
    if (!browser) throw environmentError({ message: 'no browser found to make the PDF documents', hint: NO_BROWSER_HINT });
    const { printPdfs } = await import('./pdf.js');
    const pdfs = await printPdfs(browser, docs.map((d) => ({
      html: d.html, title: d.title, author: d.author, marking: d.marking, date: r.assessment.generatedOn,
      subject: `${r.config.partnership.name}, ${r.assessment.period.label}`,
    })));
    pdfs.forEach((pdf, i) => {
      const file = path.join(r.outDir, `${FILE[docs[i]!.kind]}.pdf`);
      writeFileAtomic(file, pdf);
      written.push(file);
    });
    r.onStep?.(`printed ${docs.map((d) => `${FILE[d.kind]}.pdf`).join(', ')} with ${path.basename(browser)}`);
  }
  return written;
}

/** Every chart of a document as charts/<id>.svg, with the data it shows as charts/<id>.csv. */
function writeCharts(view: object, dir: string): string[] {
  const files: string[] = [];
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const f = node as Partial<FigureView>;
    if (typeof f.svg === 'string' && typeof f.id === 'string') {
      const svgFile = path.join(dir, `${f.id.replace(/^chart-/, '')}.svg`);
      writeFileAtomic(svgFile, `<?xml version="1.0" encoding="UTF-8"?>\n${f.svg}\n`);
      files.push(svgFile);
      if (f.table) {
        const csvFile = svgFile.replace(/\.svg$/, '.csv');
        writeFileAtomic(csvFile, stringify([f.table.columns.map((c) => c.label), ...f.table.rows.map((row) => row.cells.map((c) => safeCell(c.text)))]));
        files.push(csvFile);
      }
      return;
    }
    Object.values(node).forEach(visit);
  };
  visit(view);
  return files;
}

async function viewFor(kind: DocumentKind, r: RenderRequest, stylesheet: string) {
  if (kind === 'assessment') return assessmentView(r.assessment, r.config, stylesheet);
  if (!r.plan) throw new Error(`the ${kind} needs plan.yaml`);
  return kind === 'plan' ? planView(r.assessment, r.plan, r.config, stylesheet) : cabinetView(r.assessment, r.plan, r.config, stylesheet);
}
