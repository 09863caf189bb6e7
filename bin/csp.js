#!/usr/bin/env node
// Thin shim: the CLI lives in dist/bundle/csp.cjs (built by `npm run build`, and shipped in the
// package), loaded with the code V8 compiled for it on an earlier run (see load-bundle.js).
import { fileURLToPath } from 'node:url';
import { commandOf, loadBundle } from './load-bundle.js';

const args = process.argv.slice(2);
const bundle = loadBundle(fileURLToPath(new URL('../dist/bundle/csp.cjs', import.meta.url)), commandOf(args));
const { run, runCleanups } = bundle.exports;

// `csp validate --json | head` closes stdout early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
// Ctrl-C or a scheduler's SIGTERM: remove temporary files; the previous outputs stay as they were.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.once(signal, () => {
    runCleanups();
    process.stderr.write(`\ncsp: interrupted (${signal}); temporary files removed, earlier outputs kept.\n`);
    process.exit(code);
  });
}
process.exitCode = await run(args);
if (process.exitCode === 0) bundle.keepCompiledCode();
