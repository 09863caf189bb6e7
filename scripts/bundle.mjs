// `npm run build`, second step: the CLI as a few bundled files in dist/bundle/ (bin/csp.js runs it).
// Loading csp's ~900 modules one by one (vega, exceljs, zod, …) took longer than reading a
// force's three years of police files; bundled, Node reads and compiles a handful of files.
// Each command and each heavy part stays its own chunk, loaded only when used.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [path.join(root, 'dist', 'cli.js')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  mainFields: ['module', 'main'],
  // Native code (DuckDB) and the browser driver (loaded only for PDF) stay packages.
  external: ['@duckdb/node-api', 'puppeteer-core'],
  // Some bundled packages are CommonJS and call require() for Node's own modules.
  banner: { js: "import { createRequire as __cspRequire } from 'node:module'; const require = __cspRequire(import.meta.url);" },
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});
