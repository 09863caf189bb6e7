import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { environmentError } from '../core/errors.js';
import { notAFile } from '../util/input-file.js';

/** Where Chrome, Chromium and Edge install themselves on Linux, macOS and Windows. */
function candidates(env: NodeJS.ProcessEnv): string[] {
  const pf = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']].filter((p): p is string => Boolean(p));
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
    '/snap/bin/chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ...pf.flatMap((p) => [
      path.join(p, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      path.join(p, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      path.join(p, 'Chromium', 'Application', 'chrome.exe'),
    ]),
  ];
}

/** The browser for PDF: --browser, else CSP_BROWSER, else the first one installed. */
export function findBrowser(explicit: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const named = explicit ?? env.CSP_BROWSER;
  if (named) {
    // A folder or a file that may not be run fails as the browser starts, as an unhandled
    // 'error' event (exit 1): each is said here, naming the browser and where it was given.
    const wrong = notAFile(named) ?? notRunnable(named);
    if (wrong) {
      const given = explicit ? 'given by --browser' : 'in CSP_BROWSER';
      throw environmentError({
        message: wrong === 'it does not exist' ? `the browser ${given} does not exist: ${named}` : `the browser ${given} cannot be run: ${named}: ${wrong}`,
        hint: 'give the full path of Chrome, Chromium or Microsoft Edge (the program itself, e.g. /usr/bin/chromium)',
      });
    }
    return named;
  }
  return candidates(env).find((p) => notAFile(p) === undefined && notRunnable(p) === undefined);
}

/** Why a file cannot be run as a program, or undefined (Windows runs any .exe it can read). */
function notRunnable(file: string): string | undefined {
  if (process.platform === 'win32') return undefined;
  try {
    accessSync(file, constants.X_OK);
    return undefined;
  } catch {
    return 'it is not executable (chmod +x, or name the browser program itself)';
  }
}

export const NO_BROWSER_HINT =
  'PDF needs Chrome, Chromium or Microsoft Edge. Install one (on Debian or Ubuntu: apt-get install chromium), or give its path with --browser PATH or CSP_BROWSER. The HTML documents were written; use --format html to skip PDF.';
