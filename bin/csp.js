#!/usr/bin/env node
// Thin shim: the CLI lives in dist/ (built by `npm run build`, run on install by `prepare`).
import { run } from '../dist/cli.js';

// `csp validate --json | head` closes stdout early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
process.exitCode = await run(process.argv.slice(2));
