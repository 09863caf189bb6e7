import { randomBytes } from 'node:crypto';
import { Chalk, type ChalkInstance } from 'chalk';

/** Effects the commands use, injected so tests run silently and assert what was written. */
export interface Io {
  /** Data for machines (JSON): stdout. */
  out(text: string): void;
  /** Messages for people: stderr. */
  err(text: string): void;
  color: ChalkInstance;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** stderr is a terminal: progress bars redraw in place; otherwise plain lines. */
  interactive: boolean;
  /** The terminal's width, when stderr is one: tables are fitted to it. */
  columns?: number;
}

/**
 * csp's own terminal controls (colours, the progress line redrawn in place) travel through the
 * writers as this token, unknown outside this process, and become ESC and CR only after the text
 * has been cleaned (see `terminalText`). A control in the data (a category holding ESC ] 0 ; … BEL
 * or ESC [ 2 J) cannot forge it, so it is always removed.
 */
const TOKEN = `\u{E000}${randomBytes(8).toString('hex')}`;
const ESC_TOKEN = `${TOKEN}e`;
const CR_TOKEN = `${TOKEN}r`;

/** Goes back to the start of the line and clears it: the progress line, redrawn in place. */
export const CLEAR_LINE = `${CR_TOKEN}${ESC_TOKEN}[2K`;

/**
 * ANSI sequences whole (CSI ESC [ … final, OSC ESC ] … BEL or ESC \, other ESC + one character),
 * so that no "]0;title" is left behind; then every control character but newline and tab: the
 * rest of C0 (CR too, which would let data overwrite a line), DEL, C1 (0x9B is CSI on its own).
 */
const SEQUENCES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x1b[ -~]?|\x9b[0-?]*[ -/]*[@-~]/g;
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** The data's controls removed (csp's own, still tokens, are kept). */
const withoutControls = (text: string) => text.replace(SEQUENCES, '').replace(CONTROLS, '');

/** Text for the terminal: the data's controls removed, then csp's own put in. */
export function terminalText(text: string): string {
  return withoutControls(text).replaceAll(ESC_TOKEN, '\x1b').replaceAll(CR_TOKEN, '\r');
}

/**
 * JSON for stdout: JSON.stringify escapes C0 already; DEL and C1, which it leaves raw (and a
 * terminal may act on), are escaped too. They can only be inside strings, so the value is the same.
 */
export function jsonText(text: string): string {
  return text.replace(/[\x7f-\x9f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The Io with every message cleaned: the one place text reaches stdout and stderr. */
export function cleanIo(io: Io): Io {
  return { ...io, out: (t) => io.out(jsonText(t)), err: (t) => io.err(terminalText(t)) };
}

/** Chalk whose escape characters are the token: they survive `terminalText`, the data's do not. */
function markedChalk(chalk: ChalkInstance): ChalkInstance {
  // Each step of a chain (c.red.bold) is wrapped too. The proxy's target is a bare function, not
  // chalk's own (whose styles are read-only properties a proxy may not stand in for).
  const wrap = (real: unknown): unknown =>
    new Proxy(() => undefined, {
      get: (_, p) => {
        const value: unknown = (real as Record<string | symbol, unknown>)[p];
        return typeof value === 'function' ? wrap(value) : value;
      },
      // What is coloured is cleaned first: ESC in it would otherwise become the token too.
      apply: (_, __, args: unknown[]) =>
        String((real as (...a: unknown[]) => unknown)(...args.map((a) => withoutControls(String(a))))).replaceAll('\x1b', ESC_TOKEN),
    });
  return wrap(chalk) as ChalkInstance;
}

export function processIo(useColor: boolean): Io {
  return {
    // A stream whose reader has gone (`2>&1 | head -1`) takes no more: writing to it again
    // would only raise the error bin/csp.js has already dealt with.
    out: (t) => void (process.stdout.writable && process.stdout.write(t)),
    err: (t) => void (process.stderr.writable && process.stderr.write(t)),
    color: markedChalk(new Chalk({ level: useColor ? 1 : 0 })),
    env: process.env,
    cwd: process.cwd(),
    interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
    columns: process.stderr.isTTY ? process.stderr.columns : undefined,
  };
}

/** Colours only on a terminal, and never with --no-color or NO_COLOR (https://no-color.org). */
export function wantsColor(argv: readonly string[], env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (argv.includes('--no-color') || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return false;
  return isTTY;
}
