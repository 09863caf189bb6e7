#!/usr/bin/env node
// Thin shim: the CLI lives in dist/ (built by `npm run build`, run on install by `prepare`).
import { run } from '../dist/cli.js';

process.exitCode = await run(process.argv.slice(2));
