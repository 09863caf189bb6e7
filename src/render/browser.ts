import { existsSync } from 'node:fs';
import path from 'node:path';
import { environmentError } from '../errors.js';

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
    if (!existsSync(named)) {
      throw environmentError({
        message: `the browser ${explicit ? 'given by --browser' : 'in CSP_BROWSER'} does not exist: ${named}`,
        hint: 'give the full path of Chrome, Chromium or Microsoft Edge',
      });
    }
    return named;
  }
  return candidates(env).find((p) => existsSync(p));
}

export const NO_BROWSER_HINT =
  'PDF needs Chrome, Chromium or Microsoft Edge. Install one (on Debian or Ubuntu: apt-get install chromium), or give its path with --browser PATH or CSP_BROWSER. The HTML documents were written; use --format html to skip PDF.';
