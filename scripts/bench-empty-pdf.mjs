// The baseline for `csp render-plan`: launch the same browser with the same flags and print
// an empty page to PDF.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

// The same steps as CSP_TRACE_PRINT=1 prints for render-plan, on stderr, for the bench's timeline.
const trace = (step) => process.stderr.write(`print at ${performance.now().toFixed(0).padStart(6)} ms  ${step}\n`);
const userDataDir = mkdtempSync(path.join(tmpdir(), 'csp-bench-browser-'));
const browser = await puppeteer.launch({
  executablePath: process.argv[2],
  headless: true,
  userDataDir,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
trace('browser answering');
const page = await browser.newPage();
trace('page opened');
await page.setContent('<!DOCTYPE html><html lang="en-GB"><title>empty</title><p>.</p></html>');
const pdf = await page.pdf({ format: 'A4' });
trace('printed');
await browser.close();
trace('browser closed');
rmSync(userDataDir, { recursive: true, force: true });
console.log(`${pdf.length} bytes`);
