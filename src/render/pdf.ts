import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { environmentError } from '../errors.js';
import { onInterrupt } from '../util/cleanup.js';

export interface PdfJob {
  html: string;
  title: string;
  author: string;
  subject: string;
  /** Printed in the page header of every page (protective marking), or null. */
  marking: string | null;
  /** The document date (YYYY-MM-DD): PDF dates are set from it so reruns give the same bytes. */
  date: string;
}

/** Chromium flags for a locked-down, offline, headless print. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-extensions',
  '--font-render-hinting=none',
];

/**
 * One browser for all the documents, printed in parallel pages. JavaScript is off and every
 * request is refused: the documents are self-contained and a page must load nothing. A browser
 * that will not start, fails or does not finish within `timeoutMs` (each of starting and
 * printing) is an environment error, and its process is killed: none is left behind.
 */
export async function printPdfs(browserPath: string, jobs: PdfJob[], timeoutMs = 60_000): Promise<{ pdfs: Uint8Array[]; blocked: string[] }> {
  const puppeteer = (await import('puppeteer-core')).default;
  const userDataDir = mkdtempSync(path.join(tmpdir(), `csp-browser-${process.pid}-`));
  let browser: import('puppeteer-core').Browser | undefined;
  let gaveUp = false;
  // Interrupted: the browser is killed first, so that it writes no more into its profile folder
  // while the folder is removed (retried while its last files disappear).
  const release = onInterrupt(() => {
    browser?.process()?.kill('SIGKILL');
    killStartedWith(userDataDir);
    rmSync(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  });
  try {
    // csp's own handlers clean up on a signal; the browser is killed when the process exits.
    // The browser is driven over a pipe, not a local port: printing works with no network at
    // all (a locked-down server, or `unshare -n`), where even loopback is down.
    // Over a pipe, puppeteer's own launch timeout does not apply: a browser that never answers is
    // given up on here, and killed (it is the process started with this profile folder).
    const launching = puppeteer.launch({ executablePath: browserPath, headless: true, pipe: true, args: ARGS, userDataDir, timeout: timeoutMs, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
    launching.then((late) => (gaveUp ? late.close() : undefined)).catch(() => undefined);
    browser = await withTimeout(launching, timeoutMs);
  } catch (e) {
    gaveUp = true;
    if (e instanceof TimedOut) killStartedWith(userDataDir);
    rmSync(userDataDir, { recursive: true, force: true });
    release();
    const why = e instanceof TimedOut || /Timed out/i.test((e as Error).message) ? `it did not start within ${Math.round(timeoutMs / 1000)} s` : (e as Error).message.split('\n')[0];
    throw environmentError({
      message: `the browser at ${browserPath} would not start: ${why}`,
      hint: 'check it runs (e.g. chromium --version), or give another with --browser PATH; the HTML documents were written',
    });
  }
  const blocked: string[] = [];
  const started = browser;
  try {
    const printing = Promise.all(jobs.map(async (job) => {
      const page = await browser.newPage();
      try {
        await page.setJavaScriptEnabled(false);
        await page.setRequestInterception(true);
        page.on('request', (request) => {
          // The document itself is set as content; anything else would be a network request.
          if (request.url().startsWith('data:')) void request.continue();
          else {
            blocked.push(request.url());
            void request.abort('blockedbyclient');
          }
        });
        await page.setContent(job.html, { waitUntil: 'load' });
        const pdf = await page.pdf({
          format: 'A4',
          printBackground: true,
          tagged: true,
          outline: true,
          displayHeaderFooter: true,
          headerTemplate: `<div style="font-size:8pt;width:100%;text-align:center;font-family:Arial,sans-serif;font-weight:bold">${escapeHtml(job.marking ?? '')}</div>`,
          footerTemplate: `<div style="font-size:8pt;width:100%;text-align:center;font-family:Arial,sans-serif">${escapeHtml(job.title)} · page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
          margin: { top: '18mm', bottom: '20mm', left: '16mm', right: '16mm' },
        });
        return await withMetadata(pdf, job);
      } finally {
        await page.close();
      }
    }));
    const pdfs = await withTimeout(printing, timeoutMs).catch((e: unknown) => {
      throw environmentError({
        message: `the browser at ${browserPath} failed while printing: ${e instanceof TimedOut ? `it did not finish within ${Math.round(timeoutMs / 1000)} s` : String((e as Error).message ?? e).split('\n')[0]}`,
        hint: 'try again, or give another browser with --browser PATH; the HTML documents were written',
      });
    });
    return { pdfs, blocked: [...new Set(blocked)].sort() };
  } finally {
    // A browser that does not close when asked is killed.
    await withTimeout(started.close(), 5_000).catch(() => started.process()?.kill('SIGKILL'));
    rmSync(userDataDir, { recursive: true, force: true });
    release();
  }
}

class TimedOut extends Error {}

/**
 * Kills the processes whose command line names `marker` (the run's own profile folder): a
 * browser that hung while starting, and its helpers. Linux and WSL read /proc; elsewhere the
 * browser is killed when csp exits.
 */
function killStartedWith(marker: string): void {
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return;
  }
  for (const pid of pids) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // Gone already, or not ours to read.
    }
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut()), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** Title, author, subject and language in the PDF, and dates from the document so bytes repeat. */
async function withMetadata(pdf: Uint8Array, job: PdfJob): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const date = new Date(`${job.date}T00:00:00Z`);
  doc.setTitle(job.title, { showInWindowTitleBar: true });
  doc.setAuthor(job.author);
  doc.setSubject(job.subject);
  doc.setCreator('csp');
  doc.setProducer('csp (Chromium, pdf-lib)');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.catalog.set(PDFName.of('Lang'), PDFString.of('en-GB'));
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}

function escapeHtml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
