import path from 'node:path';
import type { Assessment } from '../analyse/assessment-schema.js';
import type { Config } from '../config/load.js';
import type { Boundaries } from '../ingest/boundaries/index.js';
import { CspError, environmentError } from '../core/errors.js';
import type { OutputSet } from '../util/output-set.js';
import { NO_BROWSER_HINT } from './browser.js';
import { Printing } from './printing.js';
import type { Plan } from '../config/plan-schema.js';
import { loadTemplates, type DocumentKind } from './templates.js';
import { assessmentView } from './views/assessment.js';
import { cabinetView } from './views/cabinet.js';
import { planView } from './views/plan.js';
import type { FigureView } from './views/common.js';
import { stringify } from 'csv-stringify/sync';
import { safeCell } from './tables.js';

export type Format = 'html' | 'pdf' | 'docx';

export interface RenderRequest {
  kinds: DocumentKind[];
  assessment: Assessment;
  plan?: Plan;
  config: Config;
  /** The boundary files the maps are drawn with (null or absent: no maps by area). */
  boundaries?: Boundaries | null;
  templatesDir?: string;
  formats: Format[];
  /** Where the files go: staged, and moved into place by the caller when the run succeeds. */
  out: OutputSet;
  browser?: string;
  /** The printing of the PDFs, begun by the command before it read its inputs (else begun here). */
  printing?: Printing;
  env: NodeJS.ProcessEnv;
  /** Called as each step finishes, for progress lines. */
  onStep?: (what: string) => void;
  /** Called as a long step starts. */
  onStarting?: (what: string) => void;
  onWarning?: (what: string) => void;
}

const FILE: Record<DocumentKind, string> = { assessment: 'assessment', plan: 'plan', 'cabinet-report': 'cabinet-report' };

export interface Rendered {
  written: string[];
  /**
   * Set when PDF was asked for and no browser was found, or it would not start, failed or hung:
   * the HTML is written, the PDF is not.
   */
  noBrowser: Error | null;
}

/**
 * Writes the documents: HTML first (always, so a missing browser still leaves something to
 * publish), then PDF from the same HTML in one browser.
 */
export async function renderDocuments(r: RenderRequest): Promise<Rendered> {
  // Begun by the command (the browser starting while it read its inputs), or now.
  const printing = r.printing ?? (await Printing.start(r.formats, r.browser, r.env, r.kinds.length));
  let made: Awaited<ReturnType<typeof makeDocuments>>;
  try {
    made = await makeDocuments(r, (i, d) =>
      printing?.made(i, {
        html: d.html,
        title: d.title,
        author: d.author,
        marking: d.marking,
        date: d.date,
        subject: `${r.config.partnership.name}, ${r.assessment.period.label}`,
      }),
    );
  } catch (e) {
    await printing?.abandon(e); // the browser stopped and its folder gone before csp says why
    throw e;
  }
  const { docs, written } = made;
  if (r.formats.includes('pdf')) {
    if (!printing) return { written, noBrowser: environmentError({ message: 'no browser found to make the PDF documents', hint: NO_BROWSER_HINT }) };
    r.onStarting?.(`printing ${docs.map((d) => `${FILE[d.kind]}.pdf`).join(', ')} with ${path.basename(printing.browser)}`);
    let printed: { pdfs: Uint8Array[]; blocked: string[] };
    try {
      printed = await printing.result();
    } catch (e) {
      // The HTML is kept and committed; the run ends with exit 3 and the browser's trouble.
      if (e instanceof CspError) return { written, noBrowser: e };
      throw e;
    }
    const { pdfs, blocked } = printed;
    pdfs.forEach((pdf, i) => written.push(r.out.write(`${FILE[docs[i]!.kind]}.pdf`, pdf)));
    r.onStep?.(`printed ${docs.map((d) => `${FILE[d.kind]}.pdf`).join(', ')} with ${path.basename(printing.browser)}`);
    // The documents are self-contained; a template that reaches out is refused and reported.
    if (blocked.length > 0)
      r.onWarning?.(`blocked ${blocked.length} network request(s) from the documents: ${blocked.slice(0, 3).join(', ')}${blocked.length > 3 ? ', …' : ''}`);
  }
  return { written, noBrowser: null };
}

interface MadeDocument {
  kind: DocumentKind;
  html: string;
  title: string;
  author: string;
  marking: string | null;
  date: string;
  colours: { primary: string; accent: string };
}

/** The documents' HTML (written when asked for) and Word documents, and their charts; each document handed to `onMade` once its HTML is made. */
async function makeDocuments(r: RenderRequest, onMade: (index: number, doc: MadeDocument) => void) {
  const templates = loadTemplates(r.templatesDir);
  // The council's Word template is read before anything is made: a missing or broken one stops the run at once.
  const word = r.formats.includes('docx') ? await import('./docx/index.js') : null;
  const reference = word ? await word.readWordReference(r.config) : null;
  const written: string[] = [];
  const docs: MadeDocument[] = [];
  for (const kind of r.kinds) {
    const view = await viewFor(kind, r, templates.stylesheet);
    docs.push({
      kind,
      html: templates.render(kind, view),
      title: view.title,
      author: view.author,
      marking: view.marking,
      date: view.isoDate,
      colours: { primary: view.branding.primaryColour, accent: view.branding.accentColour },
    });
    onMade(docs.length - 1, docs.at(-1)!);
    written.push(...writeCharts(view, r.out));
  }
  if (r.formats.includes('html')) {
    for (const d of docs) written.push(r.out.write(`${FILE[d.kind]}.html`, d.html));
    r.onStep?.(`wrote ${docs.map((d) => `${FILE[d.kind]}.html`).join(', ')}`);
  }
  if (word) {
    // Word documents from the same HTML, so that they say what the HTML and the PDF say, in Word's own structure.
    for (const what of reference?.leftOut ?? []) r.onWarning?.(`${r.config.branding.wordReference}: ${what} is left out of the Word documents`);
    for (const note of reference?.notes ?? []) r.onWarning?.(`${r.config.branding.wordReference}: ${note}`);
    for (const d of docs) {
      const docx = await word.htmlToDocx({
        html: d.html,
        title: d.title,
        author: d.author,
        subject: `${r.config.partnership.name}, ${r.assessment.period.label}`,
        date: d.date,
        colours: d.colours,
        reference,
        onWarning: (w) => r.onWarning?.(`${FILE[d.kind]}.docx: ${w}`),
      });
      written.push(r.out.write(`${FILE[d.kind]}.docx`, docx));
    }
    r.onStep?.(`wrote ${docs.map((d) => `${FILE[d.kind]}.docx`).join(', ')}`);
  }
  return { docs, written };
}

/** Every chart of a document as charts/<id>.svg, with the data it shows as charts/<id>.csv. */
function writeCharts(view: object, out: OutputSet): string[] {
  const files: string[] = [];
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const f = node as Partial<FigureView>;
    if (typeof f.svg === 'string' && typeof f.id === 'string') {
      const name = path.join('charts', f.id.replace(/^chart-/, ''));
      files.push(out.write(`${name}.svg`, `<?xml version="1.0" encoding="UTF-8"?>\n${f.svg}\n`));
      if (f.table) {
        files.push(
          out.write(`${name}.csv`, stringify([f.table.columns.map((c) => c.label), ...f.table.rows.map((row) => row.cells.map((c) => safeCell(c.text)))])),
        );
      }
      return;
    }
    Object.values(node).forEach(visit);
  };
  visit(view);
  return files;
}

async function viewFor(kind: DocumentKind, r: RenderRequest, stylesheet: string) {
  if (kind === 'assessment') return assessmentView(r.assessment, r.config, stylesheet, r.boundaries);
  if (!r.plan) throw new Error(`the ${kind} needs plan.yaml`);
  const wards = r.boundaries?.ward.find((l) => l.file === r.assessment.maps?.wardFile) ?? null;
  return kind === 'plan' ? planView(r.assessment, r.plan, r.config, { stylesheet, wards }) : cabinetView(r.assessment, r.plan, r.config, stylesheet);
}
