#!/usr/bin/env node
// Thin shim: the CLI lives in dist/bundle/csp.cjs (built by `npm run build`, and shipped in the
// package), loaded with the code V8 compiled for it on an earlier run (see load-bundle.js).
import { fileURLToPath } from 'node:url';
import { commandOf, loadBundle } from './load-bundle.js';

const args = process.argv.slice(2);
const bundle = loadBundle(fileURLToPath(new URL('../dist/bundle/csp.cjs', import.meta.url)), commandOf(args));
const { run, runCleanups } = bundle.exports;

// `csp validate --json | head` closes stdout early, and `csp assess 2>&1 | head -1` stderr: that is
// not an error. What is no longer read is not written (the Io writes nothing more to a stream
// that has gone), and the run goes on to write its outputs and ends with its own exit code; an
// exit here, before the run has one, would say 0 for a run that fails. A fault of the streams
// themselves cannot be said anywhere, so it is never thrown either.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
// Ctrl-C or a scheduler's SIGTERM: remove temporary files; the previous outputs stay as they were.
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
]) {
  process.once(signal, () => {
    runCleanups();
    process.stderr.write(`\ncsp: interrupted (${signal}); temporary files removed, earlier outputs kept.\n`);
    process.exit(code);
  });
}
process.exitCode = await run(args);
if (process.exitCode === 0) bundle.keepCompiledCode();
