import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { ConnectionTransport } from 'puppeteer-core';
import { ParseSpeeds, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { respaceOutline } from './pdf-outline.js';
import { bookmarkPages, contentsNumbers, hasContents, withContentsPages } from './pdf-contents.js';
import { environmentError } from '../core/errors.js';
import { onInterrupt } from '../util/cleanup.js';
import { cause } from '../util/errno.js';
import { shortTemporaryFolder } from '../util/temporary-folder.js';

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

/** CSP_TRACE_PRINT=1: each step of printing on stderr with its time (the bench reads them). */
const tracing = Boolean(process.env.CSP_TRACE_PRINT);
function trace(step: string, title?: string): void {
  if (tracing) process.stderr.write(`print at ${performance.now().toFixed(0).padStart(6)} ms  ${step}${title === undefined ? '' : `: ${title}`}\n`);
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
 * Each job may still be being made: the browser starts, and its pages are opened, meanwhile
 * (the time to print counts from when the last is made); when one fails the browser is stopped.
 */
export async function printPdfs(
  browserPath: string,
  jobs: (PdfJob | Promise<PdfJob>)[],
  timeoutMs = 60_000,
  onSpawned?: () => void,
): Promise<{ pdfs: Uint8Array[]; blocked: string[] }> {
  const puppeteer = (await import('puppeteer-core')).default;
  // A short path (see shortTemporaryFolder): Chromium's socket in it may be at most 107 bytes.
  const userDataDir = mkdtempSync(path.join(shortTemporaryFolder(), `csp-browser-${process.pid}-`));
  let started: Started | undefined;
  // Interrupted: the browser is killed first, so that it writes no more into its profile folder
  // while the folder is removed (retried while its last files disappear).
  const release = onInterrupt(() => {
    started?.kill();
    killStartedWith(userDataDir);
    rmSync(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  });
  // A document that could not be made: nothing is printed, and the browser goes at once.
  const made = Promise.all(jobs);
  made.catch(() => started?.kill());
  try {
    const starting = async () => {
      started = startBrowser(puppeteer, browserPath, userDataDir);
      trace('browser started');
      onSpawned?.();
      return withTimeout(started.connected, timeoutMs);
    };
    const browser = await starting().catch(async (e: unknown) => {
      // What it died of is read before it is killed (else every cause would read "SIGKILL").
      const why =
        e instanceof TimedOut ? `it did not start within ${Math.round(timeoutMs / 1000)} s` : ((await started?.why()) ?? (started ? firstLine(e) : cause(e)));
      started?.kill();
      if (e instanceof TimedOut) killStartedWith(userDataDir);
      throw environmentError({
        message: `the browser at ${browserPath} would not start: ${why}`,
        hint: 'check it runs (e.g. chromium --version), or give another with --browser PATH; the HTML documents were written',
      });
    });
    trace('browser answering');
    const blocked: string[] = [];
    const printing = Promise.all(
      jobs.map(async (making) => {
        const page = await browser.newPage();
        try {
          await page.setJavaScriptEnabled(false);
          await page.setRequestInterception(true);
          page.on('request', (request) => {
            // The document itself is set as content; anything else would be a network request.
            if (request.url().startsWith('data:')) void request.continue().catch(() => undefined);
            else {
              blocked.push(request.url());
              void request.abort('blockedbyclient').catch(() => undefined);
            }
          });
          trace('page opened');
          const job = await making;
          trace('document made', job.title);
          // `draft`: the print read only for its bookmarks' pages, without the header and footer
          // (a quarter of a second for the plan's 17 pages): they are drawn in the margins, so the
          // pages break where they do with them.
          const print = async (html: string | undefined, draft = false) => {
            if (html !== undefined) {
              await page.setContent(html, { waitUntil: 'load' });
              trace('document loaded', job.title);
            }
            const printed = await page.pdf({
              format: 'A4',
              printBackground: true,
              tagged: true,
              outline: true,
              displayHeaderFooter: !draft,
              headerTemplate: `<div style="font-size:8pt;width:100%;text-align:center;font-family:Arial,sans-serif;font-weight:bold">${escapeHtml(job.marking ?? '')}</div>`,
              footerTemplate: `<div style="font-size:8pt;width:100%;text-align:center;font-family:Arial,sans-serif">${escapeHtml(job.title)} · page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
              margin: { top: '18mm', bottom: '20mm', left: '16mm', right: '16mm' },
            });
            trace(draft ? 'draft printed' : 'printed', job.title);
            return printed;
          };
          // A contents list gets its page numbers: printed with placeholders, the pages read from
          // the bookmarks, then printed with the numbers (the placeholders keep the layout).
          let pdf: Uint8Array;
          if (!hasContents(job.html)) pdf = await print(job.html);
          else {
            const pages = bookmarkPages(await loadPdf(await print(withContentsPages(job.html, null), true)));
            // The numbers put in the page as it is, rather than the page loaded again (for the
            // plan a third of a second); its page scripts stay off (DevTools' own calls still run).
            const numbers = contentsNumbers(job.html, pages);
            const placeholders = await page.$eval(
              'nav.contents',
              (nav, numbers) => {
                const spans = [...nav.querySelectorAll('span.page-no')];
                if (spans.length !== numbers.length) return spans.length;
                spans.forEach((span, i) => (numbers[i] === null ? span.remove() : (span.textContent = String(numbers[i]))));
                return spans.length;
              },
              numbers,
            );
            trace('contents page numbered', job.title);
            pdf = await print(placeholders === numbers.length ? undefined : withContentsPages(job.html, pages));
          }
          const done = await withMetadata(pdf, job);
          trace('bookmarks and metadata written', job.title);
          return done;
        } finally {
          await page.close().catch(() => undefined);
        }
      }),
    );
    printing.catch(() => undefined); // awaited once the documents are made
    await made;
    const pdfs = await withTimeout(printing, timeoutMs).catch(async (e: unknown) => {
      const why = e instanceof TimedOut ? `it did not finish within ${Math.round(timeoutMs / 1000)} s` : ((await started!.why()) ?? firstLine(e));
      throw environmentError({
        message: `the browser at ${browserPath} failed while printing: ${why}`,
        hint: 'try again, or give another browser with --browser PATH; the HTML documents were written',
      });
    });
    // Asked to close; one that does not within 5 s is killed (stop()).
    await withTimeout(browser.close(), 5_000).catch(() => undefined);
    trace('browser closed');
    return { pdfs, blocked: [...new Set(blocked)].sort() };
  } finally {
    await started?.stop();
    rmSync(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
    trace('browser exited, its folder removed');
    release();
  }
}

/** A browser csp started, and what became of it. */
interface Started {
  /** The browser, once it answers on its pipe. */
  connected: Promise<import('puppeteer-core').Browser>;
  /** Why it failed, in words, where csp saw the cause: it could not be run, it exited, it wrote garbage. */
  why(): Promise<string | undefined>;
  /** Kills it and its helpers at once. */
  kill(): void;
  /** Waits up to 5 s for it to exit, kills it if it has not, and lets go of its pipes. */
  stop(): Promise<void>;
}

/**
 * Starts the browser and drives it over a pipe, not a local port: printing works with no network
 * at all (a locked-down server, or `unshare -n`), where even loopback is down. csp starts the
 * process itself, rather than through puppeteer.launch, so that every way it can fail is a
 * message: puppeteer leaves the process's 'error' event unhandled (a folder or a file that may
 * not be run crashed csp), and parses whatever arrives on the pipe where no one can catch it (a
 * program that writes garbage there crashed csp too). Here each is caught and said.
 */
function startBrowser(puppeteer: Pick<import('puppeteer-core').PuppeteerNode, 'defaultArgs' | 'connect'>, browserPath: string, userDataDir: string): Started {
  const args = [...puppeteer.defaultArgs({ headless: true, userDataDir, args: ARGS }), '--remote-debugging-pipe'];
  const posix = process.platform !== 'win32';
  // Its own temporary files (and its socket) go in the short profile folder, removed after it.
  const env = { ...process.env, ...(posix && { TMPDIR: userDataDir }) };
  let fault: string | undefined;
  let stderr = '';
  const child = spawn(browserPath, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], detached: posix, env });
  const exited = new Promise<string>((resolve) => {
    child.once('error', (e) =>
      resolve(
        `it could not be run: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'it, or the interpreter its first line names, was not found' : cause(e)}`,
      ),
    );
    child.once('exit', (code, signal) => resolve(signal ? `it stopped (${signal})` : `it exited with code ${code}`));
  });
  const [, , errPipe, toBrowser, fromBrowser] = child.stdio as unknown as [null, null, Readable, Writable, Readable];
  for (const s of [errPipe, toBrowser, fromBrowser]) s?.on('error', () => undefined); // a pipe closed by the browser's end
  // The last of what it says, for the message when it fails (bounded: a chatty browser is not kept whole).
  errPipe?.on('data', (chunk: Buffer) => {
    stderr = `${stderr}${chunk.toString('utf8')}`.slice(-8192);
  });
  const kill = () => {
    try {
      if (posix && child.pid) process.kill(-child.pid, 'SIGKILL');
      else child.kill('SIGKILL');
    } catch {
      // Gone already.
    }
  };
  // csp exiting for any reason takes the browser with it.
  process.once('exit', kill);
  const transport = pipeTransport(toBrowser, fromBrowser, (why) => {
    fault ??= why;
    kill();
  });
  const connected = toBrowser && fromBrowser ? puppeteer.connect({ transport }) : Promise.reject(new Error('it has no pipe'));
  connected.catch(() => undefined); // after a timeout no one waits for it: its failure is not "unhandled"
  return {
    connected,
    kill,
    async why() {
      if (fault) return fault;
      // The pipe closes as the process ends: give its exit a moment to arrive.
      const ended = await withTimeout(exited, 1000).catch(() => undefined);
      if (ended === undefined) return undefined;
      return `${ended}${browserSaid(stderr)}`;
    },
    async stop() {
      await withTimeout(exited, 5000).catch(() => undefined);
      kill();
      process.removeListener('exit', kill);
      for (const s of [errPipe, toBrowser, fromBrowser]) s?.destroy();
    },
  };
}

/**
 * The DevTools protocol over the browser's pipe: JSON messages ended by NUL, written to its fd 3
 * and read from its fd 4. A message that is not a JSON object (a program that is not a browser,
 * or a browser gone wrong) ends the connection with `onFault`, never an uncaught SyntaxError.
 */
function pipeTransport(toBrowser: Writable, fromBrowser: Readable, onFault: (why: string) => void): ConnectionTransport {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let closed = false;
  const transport: ConnectionTransport = {
    send(message) {
      if (!closed) toBrowser.write(`${message}\0`);
    },
    close() {
      if (closed) return;
      closed = true;
      fromBrowser?.destroy();
      toBrowser?.destroy();
      setImmediate(() => transport.onclose?.());
    },
  };
  const garbage = (why: string) => {
    onFault(`it wrote ${why} on the DevTools pipe: is this a Chrome, Chromium or Edge?`);
    transport.close();
  };
  fromBrowser?.on('data', (chunk: Buffer) => {
    let start = 0;
    for (let end = chunk.indexOf(0); end !== -1 && !closed; end = chunk.indexOf(0, start)) {
      const message = Buffer.concat([...pending, chunk.subarray(start, end)]).toString('utf8');
      pending = [];
      pendingBytes = 0;
      start = end + 1;
      if (!isJsonObject(message)) return garbage('something that is not the DevTools protocol');
      // Dispatched later, as puppeteer's own pipe does; a message it cannot take is a fault too.
      setImmediate(() => {
        if (closed) return;
        const handled: unknown = transport.onmessage?.(message);
        if (handled instanceof Promise) handled.catch((e: unknown) => garbage(`a message csp could not use (${firstLine(e)})`));
      });
    }
    pending.push(chunk.subarray(start));
    pendingBytes += chunk.length - start;
    // A PDF arrives as one message of a few megabytes; 256 MB with no end is not a message.
    if (pendingBytes > 256 * 1024 * 1024) garbage('over 256 MB without a message end');
  });
  fromBrowser?.on('close', () => transport.close());
  return transport;
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** The browser's last words worth repeating (Chromium's FATAL line, e.g. "Socket path too long"). */
function browserSaid(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const line = lines.filter((l) => /FATAL/.test(l)).at(-1) ?? lines.at(-1);
  return line ? `: ${line.replace(/^\[[^\]]*\]\s*/, '').slice(0, 300)}` : '';
}

const firstLine = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0];

class TimedOut extends Error {}

/**
 * Kills the processes whose command line names `marker` (the run's own profile folder): a
 * browser that hung while starting, and its helpers. Linux and WSL read /proc; elsewhere the
 * browser is killed when csp exits.
 */
function killStartedWith(marker: string): void {
  let pids: string[];
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
  const doc = await loadPdf(pdf);
  const date = new Date(`${job.date}T00:00:00Z`);
  doc.setTitle(job.title, { showInWindowTitleBar: true });
  doc.setAuthor(job.author);
  doc.setSubject(job.subject);
  doc.setCreator('csp');
  doc.setProducer('csp (Chromium, pdf-lib)');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.catalog.set(PDFName.of('Lang'), PDFString.of('en-GB'));
  respaceOutline(doc, job.html);
  // In one go: pdf-lib's default pauses every 50 objects, which for the plan's 17 pages
  // doubled the time (its pauses let the other document's printing in, which does not need them).
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Infinity });
}

/** A PDF parsed in one go (pdf-lib's default pauses every 100 objects; see withMetadata). */
function loadPdf(pdf: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
}

function escapeHtml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
