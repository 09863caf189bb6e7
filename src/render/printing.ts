import { findBrowser } from './browser.js';
import type { PdfJob } from './pdf.js';

type Printed = { pdfs: Uint8Array[]; blocked: string[] };

/**
 * The PDFs of a run's documents, begun before the documents are made: the browser starts (a
 * second of its own) while csp reads and makes them, and each document prints as soon as its
 * HTML is made, so the plan prints while the Cabinet report is being made.
 */
export class Printing {
  private readonly jobs: { promise: Promise<PdfJob>; resolve: (job: PdfJob) => void; reject: (why: unknown) => void }[];
  private readonly printed: Promise<Printed>;

  private constructor(
    readonly browser: string,
    count: number,
    timeoutMs: number,
  ) {
    this.jobs = Array.from({ length: count }, () => {
      let resolve!: (job: PdfJob) => void;
      let reject!: (why: unknown) => void;
      const promise = new Promise<PdfJob>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      promise.catch(() => undefined); // a document that failed is said by whoever made it
      return { promise, resolve, reject };
    });
    let spawned!: () => void;
    this.spawned = new Promise<void>((resolve) => (spawned = resolve));
    this.printed = import('./pdf.js').then(({ printPdfs }) =>
      printPdfs(
        browser,
        this.jobs.map((j) => j.promise),
        timeoutMs,
        spawned,
      ),
    );
    this.printed.catch(() => undefined); // awaited by result(), or given up by abandon()
    this.printed.finally(spawned).catch(() => undefined);
  }

  /** Once the browser's process is started (or could not be): what csp does next runs beside it. */
  private readonly spawned: Promise<void>;

  /**
   * The browser started for `count` documents, where PDF is asked for and a browser is found
   * (without one, the documents say so when they are made: see renderDocuments).
   */
  static async start(formats: readonly string[], browser: string | undefined, env: NodeJS.ProcessEnv, count: number): Promise<Printing | undefined> {
    if (!formats.includes('pdf')) return undefined;
    const found = findBrowser(browser, env);
    if (!found) return undefined;
    const timeout = Number(env.CSP_BROWSER_TIMEOUT ?? 60);
    const printing = new Printing(found, count, (Number.isFinite(timeout) && timeout > 0 ? timeout : 60) * 1000);
    // Waited for: making the documents holds this thread for most of a second, and the browser
    // would not even be started before it let go.
    await printing.spawned;
    return printing;
  }

  /** Document `index` is made: it prints now. */
  made(index: number, job: PdfJob): void {
    this.jobs[index]!.resolve(job);
  }

  /** The PDFs, in the documents' order; an environment error (CspError) when the browser failed. */
  result(): Promise<Printed> {
    return this.printed;
  }

  /** The documents will not be made: the browser is stopped and its folder removed before this returns. */
  async abandon(why: unknown): Promise<void> {
    for (const j of this.jobs) j.reject(why);
    await this.printed.catch(() => undefined);
  }
}
