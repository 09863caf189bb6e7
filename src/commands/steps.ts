import path from 'node:path';
import { CspError, invalidInput } from '../core/errors.js';
import { findBrowser } from '../render/browser.js';
import type { Io } from '../core/io.js';
import type { Format } from '../render/documents.js';

/** One line per finished step, with its time (Observable's build output). */
export function stepper(io: Io, quiet: boolean) {
  let last = performance.now();
  let held: string[] | undefined;
  const step = (what: string) => {
    const now = performance.now();
    const seconds = (now - last) / 1000;
    const time = `(${seconds.toFixed(1)}s)`;
    const line = `${io.color.green('✔')} ${what} ${seconds >= 5 ? io.color.yellow(time) : io.color.dim(time)}\n`;
    if (held) held.push(line);
    else if (!quiet) io.err(line);
    last = now;
  };
  /** A step under way that takes a while (printing PDFs): said as it starts. */
  const starting = (what: string) => {
    if (!quiet) io.err(io.color.dim(`… ${what}\n`));
  };
  /**
   * Outputs are staged and moved into place only when the run succeeds: from `hold` on, "wrote …"
   * lines wait for `release` (called once they are in place), and a run that fails says none.
   */
  const hold = () => {
    held = [];
  };
  const release = () => {
    if (!quiet) for (const line of held ?? []) io.err(line);
    held = undefined;
  };
  return Object.assign(step, { starting, hold, release });
}

/**
 * The browser for PDF, checked before anything is written. One that is named (--browser,
 * CSP_BROWSER) but missing, a folder or not executable is the same trouble as one that will not
 * start: the other documents are written without PDF and the run ends with exit 3 naming it
 * (`noBrowser`), where it used to stop the run with the HTML already said to be written.
 */
export function browserFor(
  formats: Format[],
  browser: string | undefined,
  env: NodeJS.ProcessEnv,
): { formats: Format[]; browser?: string; noBrowser?: CspError } {
  if (!formats.includes('pdf')) return { formats, browser };
  try {
    return { formats, browser: findBrowser(browser, env) ?? browser };
  } catch (e) {
    if (!(e instanceof CspError)) throw e;
    return { formats: formats.filter((f) => f !== 'pdf'), noBrowser: e };
  }
}

const FORMATS: readonly string[] = ['html', 'pdf', 'docx'] satisfies Format[];

/** --format html,pdf,docx → the formats, or a clear error. */
export function parseFormats(text: string): Format[] {
  const formats = text
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean);
  const bad = formats.filter((f) => !FORMATS.includes(f));
  if (bad.length > 0 || formats.length === 0) {
    throw invalidInput({ message: `--format "${text}" is not a list of html, pdf and docx`, hint: 'e.g. --format html,pdf, --format html or --format docx' });
  }
  return [...new Set(formats)] as Format[];
}

/** The document options both assess and render-plan take, resolved against the working folder. */
export function documentOptions(
  opts: { templates?: string; browser?: string },
  io: Io,
  step: ((what: string) => void) & { starting?: (what: string) => void },
  config: { baseDir: string; templates?: string },
) {
  return {
    onStarting: step.starting,
    // --templates, else csp.yaml's templates: (relative to csp.yaml), else the built-in ones.
    templatesDir: opts.templates ? path.resolve(io.cwd, opts.templates) : config.templates ? path.resolve(config.baseDir, config.templates) : undefined,
    browser: opts.browser ? path.resolve(io.cwd, opts.browser) : undefined,
    env: io.env,
    onStep: step,
    onWarning: (w: string) => io.err(`${io.color.yellow('⚠')} ${w}\n`),
  };
}
