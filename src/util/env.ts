import { invalidInput, type Problem } from '../core/errors.js';

/**
 * The environment variables csp reads, checked before any data is read. `Number('abc')` is NaN,
 * and a wait of NaN seconds never runs out ("CSP_LOCK_WAIT=abc" hung for ever); a value that is
 * not what it should be is exit 2 naming the variable, never guessed at.
 */
export interface Settings {
  /** CSP_LOCK_WAIT: how long to wait for another run writing the same output folder. */
  lockWaitMs: number;
  /** CSP_BROWSER_TIMEOUT: how long the browser may take to start, and to print. */
  browserTimeoutMs: number;
}

/** setTimeout's longest wait is 2^31 - 1 ms (about 24 days); a longer one fires at once. */
const MAX_SECONDS = 86_400;

export function settingsOf(env: NodeJS.ProcessEnv): Settings {
  const problems: Problem[] = [];
  const seconds = (name: string, fallback: number, min: number): number => {
    const text = env[name]?.trim();
    if (text === undefined || text === '') return fallback;
    const value = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
    if (!(value >= min && value <= MAX_SECONDS)) {
      problems.push({
        message: `the environment variable is "${env[name]}", not a number of seconds from ${min} to ${MAX_SECONDS.toLocaleString('en-GB')}`,
        where: { key: name },
        hint: `set ${name} to a number of seconds, e.g. ${name}=${fallback}, or unset it for the default (${fallback})`,
      });
    }
    return value;
  };
  const lockWait = seconds('CSP_LOCK_WAIT', 600, 0);
  const browserTimeout = seconds('CSP_BROWSER_TIMEOUT', 60, 1);
  // SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/): whole seconds
  // since 1970. Anything else was ignored (a run dated today while the user asked for another
  // day), and a value past the year 9999 was an "Invalid time value" bug.
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  if (epoch !== undefined && epoch !== '' && !(/^\d+$/.test(epoch) && Number(epoch) <= 253402300799)) {
    problems.push({
      message: `the environment variable is "${env.SOURCE_DATE_EPOCH}", not whole seconds since 1 January 1970 (up to the year 9999)`,
      where: { key: 'SOURCE_DATE_EPOCH' },
      hint: 'set it to whole seconds (e.g. SOURCE_DATE_EPOCH=$(date +%s)), or unset it; output.date in csp.yaml also dates the documents',
    });
  }
  if (problems.length > 0) throw invalidInput(problems);
  return { lockWaitMs: lockWait * 1000, browserTimeoutMs: browserTimeout * 1000 };
}
