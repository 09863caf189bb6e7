// `npm run build`, second step: the CLI as one bundled file, dist/bundle/csp.cjs (bin/csp.js runs
// it through bin/load-bundle.js). Loading csp's ~900 modules one by one (vega, exceljs, zod, …)
// took longer than reading a force's three years of police files; bundled, Node reads one file.
// One CommonJS file rather than ES module chunks because Node 20 can keep V8's compiled code
// between runs only for a script (vm.Script's cachedData), not for an ES module: with that
// cache, compiling the bundle no longer costs every run a quarter of a second.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'bundle');
const bundle = path.join(outdir, 'csp.cjs');
const require = createRequire(import.meta.url);
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [path.join(root, 'dist', 'cli.js')],
  outfile: bundle,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  mainFields: ['module', 'main'],
  // DuckDB's native binding (it picks the platform's .node file) and the browser driver (loaded
  // only for PDF) stay packages; DuckDB's own JavaScript is bundled.
  external: ['@duckdb/node-bindings', 'puppeteer-core', '@resvg/resvg-js'],
  // A script cannot import(): puppeteer-core, imported only for PDF, is required (it ships
  // CommonJS as well).
  supported: { 'dynamic-import': false },
  // The modules that find files beside themselves (templates/, package.json) ask import.meta.url.
  define: { 'import.meta.url': '__cspBundleUrl' },
  banner: { js: "var __cspBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [
    {
      // vega-canvas's Node build waits at top level for the optional `canvas` package, which csp
      // does not install (charts are SVG; text is measured by estimate), and CommonJS cannot wait
      // at top level. Its browser build is the same module without that wait: with no `canvas`
      // and no DOM both return null for every canvas, so the charts are drawn the same.
      name: 'vega-canvas-without-canvas',
      setup(b) {
        const browserBuild = path.join(path.dirname(require.resolve('vega-canvas')), 'vega-canvas.browser.js');
        b.onResolve({ filter: /^vega-canvas$/ }, () => ({ path: browserBuild }));
      },
    },
  ],
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});

// esbuild escapes non-ASCII characters in code but leaves them in the comments it keeps. An
// all-ASCII bundle loads as a one-byte string (bin/load-bundle.js): half the memory of the
// two-byte string one "—" in a comment makes of all 8 MB, and no UTF-8 decoding. The same
// escape is right wherever such a character could stand (comment, string, regular expression).
const text = readFileSync(bundle, 'utf8');
writeFileSync(
  bundle,
  text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
);
