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

export function processIo(useColor: boolean): Io {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    color: new Chalk({ level: useColor ? 1 : 0 }),
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
