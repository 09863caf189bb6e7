#!/usr/bin/env node
// Thin shim: the CLI lives in dist/bundle/ (built by `npm run build`, run on install by `prepare`).
import { run, runCleanups } from '../dist/bundle/cli.js';

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
process.exitCode = await run(process.argv.slice(2));
