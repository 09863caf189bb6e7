import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Assessment } from '../../src/analyse/assessment-schema.js';
import { loadConfig } from '../../src/config/load.js';
import { assessmentView } from '../../src/render/views/assessment.js';
import { cli, readAssessment, ROOT } from '../helpers.js';

/**
 * The Strategic Assessment's HTML from the small hand-made workspace (no browser): charts that
 * scale, tables a phone can stack, the appendix of sources, and the words of the charts.
 */
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'small');
const CONFIG = path.join(FIXTURE, 'csp.yaml');
const unescape = (x: string) => x.replaceAll('&#x27;', "'").replaceAll('&amp;', '&').replaceAll('&quot;', '"');
const num = (x: string) => Number(x.replaceAll(',', ''));

let out = '';
let html = '';
let a: Assessment;
beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'csp-layout-'));
  const r = await cli(['assess', '--config', CONFIG, '--out', out, '--quiet', '--format', 'html'], { env: { SOURCE_DATE_EPOCH: '1767225600' } });
  expect(r.stderr).toBe('');
  html = readFileSync(path.join(out, 'assessment.html'), 'utf8');
  a = readAssessment(out);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface Row {
  head: string;
  cells: { label: string; text: string }[];
}

/** Each table of a fragment of HTML: its header cells, and each row's header and data cells with their data-label. */
function tables(fragment: string) {
  return [...fragment.matchAll(/<div class="table-wrap([^"]*)"[\s\S]*?<\/table>/g)].map((m) => ({
    wide: m[1]!.split(' ').includes('wide'),
    columns: [...m[0].matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((c) => c[1]!),
    rows: [...m[0].matchAll(/<tr role="row"[^>]*>(<th scope="row"[\s\S]*?)<\/tr>/g)].map((r) => ({
      head: /<th scope="row"[^>]*>([^<]*)<\/th>/.exec(r[1]!)![1]!,
      cells: [...r[1]!.matchAll(/<td role="cell" data-label="([^"]*)"[^>]*>([^<]*)<\/td>/g)].map((c) => ({ label: c[1]!, text: c[2]! })),
    })),
    markup: m[0],
  }));
}

describe('the assessment on a phone: charts scale whole, tables stack', () => {
  it('every chart is an SVG with a viewBox, placed straight in its figure (no box that scrolls it)', () => {
    const svgs = [...html.matchAll(/<svg [^>]*>/g)].map((m) => m[0]);
    expect(svgs.length).toBe(a.themes.length + 4); // all crime, each theme, the districts, the matrix, the density map
    for (const svg of svgs) {
      expect(svg).toMatch(/ viewBox="0 0 \d+ \d+"/);
      expect(svg).not.toMatch(/ style=/);
    }
    expect(html).not.toContain('chart-scroll');
    expect([...html.matchAll(/<figure class="chart"[^>]*>\s*<svg /g)]).toHaveLength(svgs.length);
  });

  it('every table keeps its header cells and roles, and each cell of a wide table names its column (data-label)', () => {
    const all = tables(html);
    expect(all.filter((t) => t.wide).length).toBeGreaterThan(5);
    for (const t of all) {
      expect(t.markup, 'roles keep a table a table when a phone stacks it').toMatch(/<table role="table">/);
      expect(t.columns.length).toBeGreaterThan(0);
      for (const r of t.rows) {
        // The first column is the row's header; each data cell is labelled with its own column's name.
        expect(r.cells.map((c) => c.label)).toEqual(t.columns.slice(1, 1 + r.cells.length));
        expect(r.cells).toHaveLength(t.columns.length - 1);
      }
    }
  });

  it('the stylesheet stacks wide tables on a phone and draws the column names from data-label', () => {
    const css = readFileSync(path.join(ROOT, 'templates', 'styles.css'), 'utf8').replaceAll(/\/\*[\s\S]*?\*\//g, '');
    const phone = /@media screen and \(max-width: 48rem\) \{([\s\S]*?)\n\}/.exec(css)?.[1] ?? '';
    expect(phone).toMatch(/\.table-wrap\.wide :is\(table, caption, tbody, th, td\) \{ display: block; \}/);
    expect(phone).toMatch(/\.table-wrap\.wide tbody tr \{ display: grid;/);
    // Drawn for the eye, hidden from screen readers (the column headers say it to them).
    expect(phone).toMatch(/td::before \{ content: attr\(data-label\) \/ "";/);
    // The header row is hidden from sight only, never with display: none.
    expect(phone).toMatch(/\.table-wrap\.wide thead \{ position: absolute;[^}]*clip-path: inset\(50%\)/);
    expect(phone).not.toMatch(/thead \{[^}]*display: none/);
  });
});

describe('the appendix: one row per source, adding up to tables/sources.csv', () => {
  it('lists each source once with its months, files and rows, a total row, and no SHA-256 in the document', () => {
    const section = html.slice(html.indexOf('<section id="sources"'), html.indexOf('</section>', html.indexOf('<section id="sources"')));
    const [t] = tables(section);
    expect(t!.columns).toEqual(['Source', 'Months', 'Files', 'Rows read', 'Accepted', 'Rejected']);
    expect(t!.rows).toHaveLength(a.sources.length + 1);
    const csv = readFileSync(path.join(out, 'tables', 'sources.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    const col = (r: Row, label: string) => num(r.cells.find((c) => c.label === label)?.text ?? '0');
    const sources = t!.rows.slice(0, -1);
    const total = t!.rows.at(-1)!;
    expect(total.head).toBe(`All ${a.sources.length} sources`);
    // A councillor adds up the columns: the sources' rows make the total row, and the files are sources.csv's lines.
    for (const label of ['Files', 'Rows read', 'Accepted', 'Rejected'])
      expect(
        sources.reduce((n, r) => n + col(r, label), 0),
        label,
      ).toBe(col(total, label));
    expect(col(total, 'Files')).toBe(csv.length);
    expect(col(total, 'Rows read')).toBe(csv.reduce((n, l) => n + Number(l.split(',').at(-3)), 0));
    for (const r of t!.rows) expect(col(r, 'Accepted') + col(r, 'Rejected'), r.head).toBe(col(r, 'Rows read'));
    // Each source against assessment.json: its files and its months as a range.
    sources.forEach((r, i) => {
      const s = a.sources[i]!;
      expect(unescape(r.head)).toBe(s.description ?? s.id);
      expect(col(r, 'Files')).toBe(s.files.length);
      expect(col(r, 'Rows read')).toBe(s.rowsRead);
      const months = r.cells.find((c) => c.label === 'Months')!.text.replaceAll(/[\u00a0\u2060]/g, (c) => (c === '\u00a0' ? ' ' : ''));
      expect(months).toBe(s.months.length === 0 ? 'not monthly' : 'Jan 2024–Dec 2025');
    });
    expect(section).toContain(`listed in tables/sources.csv beside this document (${csv.length} files, one line each`);
    // The fingerprints are in the CSV, not printed: no annex, no 64-hex-digit string anywhere.
    expect(html).not.toContain('id="fingerprints"');
    expect(html).not.toMatch(/\b[0-9a-f]{64}\b/);
    for (const line of csv) expect(line).toMatch(/,[0-9a-f]{64},\d+,\d+,\d+$/);
  });
});

describe("the charts' words", () => {
  it('titles say what is counted, one pattern: crimes for police crime, incidents for ASB and partner sources', () => {
    const titles = [...html.matchAll(/<figcaption id="chart-([a-z-]+)-caption"><strong>([^<]*)<\/strong>/g)].map((m) => [m[1], unescape(m[2]!)]);
    expect(Object.fromEntries(titles.filter(([id]) => id !== 'rates' && id !== 'ranking'))).toEqual({
      'all-crime': 'All crime (excluding ASB): crimes recorded per month in Thanet.',
      violence: 'Violence and sexual offences: crimes recorded per month in Thanet.',
      burglary: 'Burglary: crimes recorded per month in Thanet.',
      asb: 'Anti-social behaviour: incidents recorded per month in Thanet.',
      fires: 'Deliberate fires: incidents recorded per month in Thanet.',
    });
  });

  it('names every month that ties for the highest, and one month when one is highest', async () => {
    const config = loadConfig(CONFIG);
    const described = async (counts: number[]) => {
      const series = counts.map((count, i) => ({ month: `2025-${String(i + 1).padStart(2, '0')}`, count, rolling12: null }));
      const view = await assessmentView({ ...a, allCrime: { ...a.allCrime, series } }, config, '');
      return view.allCrime.figure.description;
    };
    expect(await described([3, 9, 4, 9, 2, 9])).toContain('The highest months were February 2025, April 2025 and June 2025, with 9 each.');
    expect(await described([3, 9, 4, 8])).toContain('The highest month was February 2025 with 9.');
    expect(await described([1, 9, 9])).toContain('The highest months were February 2025 and March 2025, with 9 each.');
    expect(await described([5, 5, 5])).toContain('Every month had 5.');
  });
});
