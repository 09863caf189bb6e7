import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers.js';

/**
 * A councillor does the sum (issue 23 item 1): wherever a document prints two counts and a
 * change, the change is the one those counts give. Checked on the golden documents, which
 * test/documents.test.ts holds equal to what csp writes for the sample; the arithmetic here is
 * the reader's, written apart from csp's.
 */
const DOCS = ['assessment', 'plan', 'cabinet-report'];
const html = (doc: string) => readFileSync(path.join(ROOT, 'test', 'golden', 'sample', `${doc}.html`), 'utf8');
const text = (cell: string) =>
  cell
    .replace(/<[^>]*>/g, '')
    .replaceAll('&#x27;', "'")
    .replaceAll('&#x3D;', '=')
    .replaceAll('&lt;', '<')
    .replaceAll('&amp;', '&')
    .trim();
const num = (s: string) => Number(s.replace(/^about /, '').replaceAll(',', ''));
/** "+6.0%", "−16.7%", "up 4.1%", "down 0.5%*" → a signed percentage; undefined for anything else. */
function pct(s: string): number | undefined {
  const m = /^(?:(up|down) |([+−]))?([\d.]+)%\*?/.exec(s);
  if (!m) return s.startsWith('unchanged') ? 0 : undefined;
  return (m[1] === 'down' || m[2] === '−' ? -1 : 1) * Number(m[3]);
}
const expected = (current: number, previous: number) => Math.round((1000 * (current - previous)) / previous) / 10;

/** A document's words, without its stylesheet and charts. */
const body = (doc: string) =>
  text(
    html(doc)
      .replace(/<style[\s\S]*?<\/style>/, '')
      .replace(/<svg[\s\S]*?<\/svg>/g, ''),
  );

/** Every table row: its cells' text. */
function rows(doc: string): string[][] {
  return [...html(doc).matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => text(c[1]!)));
}

describe('every change printed beside two counts is the change they give', () => {
  it('in table rows: current, previous and the change of the totals', () => {
    let checked = 0;
    for (const doc of DOCS) {
      for (const cells of rows(doc)) {
        // Two count cells in a row, then a change cell: the change must be theirs.
        const at = cells.findIndex(
          // A change is signed or worded ("+6.0%", "down 0.5%*"); an unsigned share ("75.9%" of those who answered) is not one.
          (c, i) =>
            /^(about )?[\d,]+$/.test(c) &&
            /^(about )?[\d,]+$/.test(cells[i + 1] ?? '') &&
            /^(up |down |[+−]|unchanged)/.test(cells[i + 2] ?? '') &&
            pct(cells[i + 2] ?? '') !== undefined,
        );
        if (at < 0) continue;
        const [current, previous] = [num(cells[at]!), num(cells[at + 1]!)];
        if (previous < 20) continue; // no percentage on a small base
        expect(pct(cells[at + 2]!), `${doc}: ${cells.join(' | ')}`).toBe(expected(current, previous));
        checked++;
      }
    }
    // The assessment's key figures and each theme's sources, and the plan's crime table.
    expect(checked).toBeGreaterThanOrEqual(25);
  });

  it('wherever "X against Y" is followed by a change, in tables and in sentences', () => {
    let checked = 0;
    for (const doc of DOCS) {
      const words = body(doc);
      // "down 0.5%* (6,033 against 6,061)" in the plan's table, and
      // "comparable months: 12,854 against 12,703, +1.2%", and "on the 11 months both years have, 12,854 against 12,703 in …": the change and its counts.
      for (const m of words.matchAll(/((?:up|down) [\d.]+%)\*? \((?:about )?([\d,]+) against (?:about )?([\d,]+)\)/g)) {
        expect(pct(m[1]!), m[0]).toBe(expected(num(m[2]!), num(m[3]!)));
        checked++;
      }
      for (const m of words.matchAll(/comparable months?(?:, only \d+ of \d+)?: ([\d,]+) against ([\d,]+), ([+−][\d.]+%)/g)) {
        expect(pct(m[3]!), m[0]).toBe(expected(num(m[1]!), num(m[2]!)));
        checked++;
      }
      for (const m of words.matchAll(/((?:up|down) [\d.]+%)\* on the \d+ months both years have, (?:about )?([\d,]+) against (?:about )?([\d,]+) in/g)) {
        // Rounded to the nearest 10 ("about") only where a sensitive count is hidden: within rounding.
        expect(Math.abs(pct(m[1]!)! - expected(num(m[2]!), num(m[3]!))), m[0]).toBeLessThanOrEqual(m[0].includes('about') ? 0.1 : 0);
        checked++;
      }
      for (const m of words.matchAll(
        /([\d,]+) (?:crimes|incidents)[^.]*? in [A-Z][a-z]{2}–[A-Z][a-z]{2} \d{4}, ((?:up|down) [\d.]+%) on [A-Z][a-z]{2}–[A-Z][a-z]{2} \d{4}'s ([\d,]+)/g,
      )) {
        expect(pct(m[2]!), m[0]).toBe(expected(num(m[1]!), num(m[3]!)));
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(15);
  });

  it('a difference printed beside two rates is the difference of the rates as printed', () => {
    let checked = 0;
    for (const doc of DOCS) {
      const words = body(doc);
      for (const m of words.matchAll(/([\d,]+\.\d) per 1,000 residents, ([\d.]+) (more|fewer) than the [^.]*? average of ([\d,]+\.\d)/g)) {
        const [rate, diff, average] = [num(m[1]!), Number(m[2]!), num(m[4]!)];
        expect(Math.round(10 * Math.abs(rate - average)) / 10, m[0]).toBe(diff);
        expect(m[3], m[0]).toBe(rate > average ? 'more' : 'fewer');
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(9);
  });
});
