import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Assessment } from '../src/analyse/assessment-schema.js';
import { cli, ROOT } from './helpers.js';

/**
 * Goldens of a small workspace whose every headline figure is counted by hand
 * (test/fixtures/small/README.md shows the sums): the figures are asserted, then
 * assessment.json, tables/ and charts/ are compared byte for byte with test/golden/small/.
 *
 * A difference is written beside its golden as <name>-changed.<ext> (as documents.test.ts does;
 * .gitignore leaves them out). `UPDATE_GOLDENS=1 npx vitest run test/golden-small.test.ts`
 * rewrites the goldens instead: read the diff before committing it.
 */
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'small');
const GOLDEN = path.join(ROOT, 'test', 'golden', 'small');

/**
 * An output as the goldens hold it: the files read are listed by their full paths (assessment.json,
 * tables/sources.csv), which start with the fixture's folder on this machine: that is written
 * <fixture>, and only there may a path of the machine appear.
 */
const readOutput = (out: string, rel: string): Buffer =>
  Buffer.from(
    readFileSync(path.join(out, rel), 'utf8')
      .replaceAll(`"${realpathSync(FIXTURE)}/`, '"<fixture>/')
      .replaceAll(`,${realpathSync(FIXTURE)}/`, ',<fixture>/'),
  );
const EPOCH = { SOURCE_DATE_EPOCH: '1767225600' }; // 2026-01-01T00:00:00Z
const UPDATE = process.env.UPDATE_GOLDENS === '1';
/** The folders whose every file has a golden, besides assessment.json. */
const FOLDERS = ['tables', 'charts'];
const CHANGED = /-changed(\.[^./]+)?$/;

const changedName = (rel: string) => {
  const p = path.parse(rel);
  return path.join(p.dir, `${p.name}-changed${p.ext}`);
};
/** Relative paths (with /) of the files of `dir`'s compared folders, -changed copies left out. */
function listed(dir: string, withJson: boolean): string[] {
  const files = FOLDERS.flatMap((f) =>
    existsSync(path.join(dir, f))
      ? readdirSync(path.join(dir, f))
          .filter((n) => !CHANGED.test(n))
          .map((n) => `${f}/${n}`)
      : [],
  );
  return [...(withJson && existsSync(path.join(dir, 'assessment.json')) ? ['assessment.json'] : []), ...files].sort();
}
/** Where two texts first differ: line, column and a little of each side (an SVG is one long line). */
function firstDifference(expected: string, actual: string): string {
  const [e, a] = [expected.split('\n'), actual.split('\n')];
  const i = e.findIndex((line, k) => line !== a[k]);
  const line = i === -1 ? e.length : i; // the golden is a prefix of the output
  const [el, al] = [e[line] ?? '(end of file)', a[line] ?? '(end of file)'];
  let col = 0;
  while (col < el.length && el[col] === al[col]) col++;
  const from = Math.max(0, col - 40);
  const cut = (s: string) => `${from > 0 ? '…' : ''}${s.slice(from, col + 80)}${s.length > col + 80 ? '…' : ''}`;
  return `line ${line + 1}, column ${col + 1}:\n    golden: ${cut(el)}\n    now:    ${cut(al)}`;
}

describe('the small hand-computed workspace: figures and goldens', () => {
  let out = '';
  let a: Assessment;
  const theme = (id: string) => a.themes.find((t) => t.id === id)!;

  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'csp-golden-small-'));
    // HTML only: no browser. The date comes from SOURCE_DATE_EPOCH (csp.yaml has no output.date).
    const r = await cli(['assess', '--config', path.join(FIXTURE, 'csp.yaml'), '--out', out, '--quiet', '--format', 'html'], { env: EPOCH });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    a = JSON.parse(readFileSync(path.join(out, 'assessment.json'), 'utf8')) as Assessment;
  });
  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('all crime: 48 against 32, +50.0%, p = 0.09291, 24.0 per 1,000 against a force average of 13.33, 2nd of 3', () => {
    expect(a.generatedOn).toBe('2026-01-01');
    expect(a.period).toMatchObject({ start: '2025-01', end: '2025-12', previousStart: '2024-01', previousEnd: '2024-12', seriesStart: '2024-01' });
    expect(a.area).toMatchObject({ name: 'Thanet', population: 2000, populationYear: 2024, districts: 3 });
    // 4 × (3 + 3 + 2) = 32; 4 × (4 + 5 + 3) = 48; 16 / 32 = 50%; p = 2 × P(X ≥ 48), X ~ Bin(80, ½).
    // 48 / 2,000 × 1,000 = 24; (48 + 12 + 12) / (2,000 + 3,000 + 400) × 1,000 = 13.33; 24.0 − 13.3 = 10.7.
    expect(a.allCrime).toMatchObject({
      current: 48,
      previous: 32,
      change: 16,
      changePct: 50,
      changePctLabel: '+50.0%',
      pValue: 0.09291,
      significance: 'no significant change',
      ratePer1000: 24,
      forceAverageRatePer1000: 13.33,
      rank: 2,
      rankOf: 3,
      differenceFromForcePer1000: 10.7,
      comparable: null,
    });
    expect(a.allCrime.series.at(-1)).toEqual({ month: '2025-12', count: 3, rolling12: 48 });
    expect(a.allCrime.series[11]).toEqual({ month: '2024-12', count: 2, rolling12: 32 });
    // Canterbury 12 / 400 = 30, Thanet 24, Dover 12 / 3,000 = 4.
    expect(a.comparators.map((c) => [c.area, c.current, c.previous, c.ratePer1000, c.rank])).toEqual([
      ['Canterbury', 12, 12, 30, 1],
      ['Thanet', 48, 32, 24, 2],
      ['Dover', 12, 12, 4, 3],
    ]);
  });

  it('all crime: hotspots by count and by rate, and the control-chart exceptions', () => {
    // Thanet 001A: 24 violence + 4 other theft; Thanet 002B: 16 violence + 4 burglary. 28/48 = 58.3%.
    expect(a.allCrime.hotspots.byCount).toEqual([
      { area: 'Thanet 001A', count: 28, sharePct: 58.3 },
      { area: 'Thanet 002B', count: 20, sharePct: 41.7 },
    ]);
    // 20 / 800 = 25; 28 / 1,200 = 23.33.
    expect(a.allCrime.hotspots.byRate.map((h) => [h.area, h.ratePer1000])).toEqual([
      ['Thanet 002B', 25],
      ['Thanet 001A', 23.33],
    ]);
    // 2024: mean 2.667, SD √(24/99) = 0.492: limits 1.68 and 3.65; the 2025 months of 4 and 5 are above.
    const v = a.allCrime.variability;
    expect([v.mean, v.sd, v.baselineMonths]).toEqual([2.67, 0.49, 12]);
    expect(v.exceptions.map((e) => [e.month, e.count, e.direction, e.lower, e.upper])).toEqual(
      ['01', '02', '04', '05', '07', '08', '10', '11'].map((m) => [`2025-${m}`, ['01', '04', '07', '10'].includes(m) ? 4 : 5, 'above', 1.68, 3.65]),
    );
  });

  it('themes: counts, changes, tests, rates, force averages and ranks', () => {
    const row = (id: string) => {
      const t = theme(id);
      return [t.current, t.previous, t.change, t.changePct, t.pValue, t.significance, t.ratePer1000, t.forceAverageRatePer1000, t.rank, t.rankOf];
    };
    // Violence: 4 × (2 + 2 + 1) = 20 → 4 × (3 + 4 + 3) = 40; force (40 + 8 + 4) / 5.4 = 9.63.
    expect(row('violence')).toEqual([40, 20, 20, 100, 0.01349, 'significant increase', 20, 9.63, 1, 3]);
    // Burglary: 8 → 4, a base under 20 so no percentage; p = 2 × 794 / 4,096; force 16 / 5.4 = 2.96.
    expect(row('burglary')).toEqual([4, 8, -4, null, 0.3877, 'no significant change', 2, 2.96, 2, 3]);
    expect(theme('burglary').changePctLabel).toBe('n/a');
    // ASB (police): 20 → 16, −20.0%; force 24 / 5.4 = 4.44; Canterbury 4 / 400 = 10 is above Thanet's 8.
    expect(row('asb')).toEqual([16, 20, -4, -20, 0.6177, 'no significant change', 8, 4.44, 2, 3]);
    expect(theme('asb').changePctLabel).toBe('−20.0%');
    // Deliberate fires (the county return): 4 × (3 + 3 + 4) = 40 → 4 × (2 + 1 + 2) = 20; force (20 + 16) / 5,000 = 7.2;
    // Canterbury sends no fire rows: no data, not ranked.
    expect(row('fires')).toEqual([20, 40, -20, -50, 0.01349, 'significant decrease', 10, 7.2, 1, 2]);
    expect(theme('fires').headlineSource).toBe('fire');
    expect(theme('fires').districts.map((d) => [d.area, d.current, d.previous, d.ratePer1000, d.rank])).toEqual([
      ['Thanet', 20, 40, 10, 1],
      ['Dover', 16, 16, 5.33, 2],
      ['Canterbury', null, null, null, null],
    ]);
  });

  it('survey and judgements', () => {
    expect(a.survey).toMatchObject({
      responses: 10,
      agreePct: 77.8,
      agreeAnswered: 9,
      safeDayPct: 80,
      safeDayAnswered: 10,
      safeDarkPct: 40,
      safeDarkAnswered: 10,
      problems: [
        { option: 'ASB', respondents: 6, sharePct: 60 },
        { option: 'Violence', respondents: 4, sharePct: 40 },
        { option: 'Burglary', respondents: 3, sharePct: 30 },
        { option: 'Fires', respondents: 1, sharePct: 10 },
      ],
    });
    expect(a.themes.map((t) => [t.id, t.perceptionPct, t.judgements.influence?.mean])).toEqual([
      ['violence', 40, 3.5],
      ['burglary', 30, 2],
      ['asb', 60, 4.5],
      ['fires', 10, 2.5],
    ]);
  });

  it('the ranking: raw values, bands and scores by hand; violence and ASB recommended; robust', () => {
    const r = a.ranking;
    expect(r.criteria.map((c) => c.id)).toEqual(['volume', 'trend', 'harm', 'perception', 'influence']);
    expect(r.themes.map((t) => [t.id, t.rank, t.score, t.recommended, t.criteria.map((c) => [c.raw, c.band])])).toEqual([
      [
        'violence',
        1,
        15,
        true,
        [
          [207.7, 3],
          [100, 3],
          [200, 3],
          [40, 3],
          [3.5, 3],
        ],
      ],
      [
        'asb',
        2,
        12,
        true,
        [
          [180.2, 3],
          [0, 2],
          [8, 1],
          [60, 3],
          [4.5, 3],
        ],
      ],
      [
        'fires',
        3,
        9,
        false,
        [
          [138.9, 3],
          [-50, 1],
          [80, 2],
          [10, 1],
          [2.5, 2],
        ],
      ],
      [
        'burglary',
        4,
        7,
        false,
        [
          [67.6, 1],
          [0, 2],
          [10, 1],
          [30, 2],
          [2, 1],
        ],
      ],
    ]);
    expect(r.sensitivity.robust).toBe(true);
    expect(r.sensitivity.scenarios).toHaveLength(30); // 5 criteria × (2 weights + 2 thresholds × 2 steps)
  });

  it('the data-quality findings chosen for the fixture, and no others', () => {
    expect(a.dataQuality.map((f) => f.id)).toEqual([
      'unmapped-categories-police',
      'outside-force-police',
      'rejects-fire',
      'other-districts-fire',
      'population-year',
      'maps-no-boundaries',
    ]);
    expect(a.sources.map((s) => [s.id, s.rowsRead, s.rowsAccepted, s.rowsRejected])).toEqual([
      ['police', 181, 181, 0],
      ['fire', 49, 48, 1],
      ['population', 5, 5, 0],
      ['survey', 10, 10, 0],
      ['judgements', 8, 8, 0],
    ]);
  });

  it('the outputs hold nothing of this machine or this run but the full paths of the files read: no other path, no date but the pinned one', () => {
    for (const rel of listed(out, true)) {
      const text = readOutput(out, rel).toString('utf8');
      for (const p of [out, ROOT, tmpdir(), path.basename(out)]) expect(text.includes(p), `${rel} contains ${p}`).toBe(false);
      expect(
        [...new Set(text.match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? [])].filter((d) => d !== '2026-01-01'),
        rel,
      ).toEqual([]);
    }
    expect(existsSync(path.join(FIXTURE, 'out')), 'assess wrote into the fixture folder').toBe(false);
  });

  it('tables/ and charts/ hold the same files as the goldens: none new, none gone', () => {
    if (UPDATE) return; // the next test makes them the same
    expect(listed(out, true)).toEqual(listed(GOLDEN, true));
  });

  it('assessment.json, tables/ and charts/ match test/golden/small byte for byte', () => {
    const now = listed(out, true);
    const golden = listed(GOLDEN, true);
    const problems: string[] = [];
    for (const rel of now) {
      const actual = readOutput(out, rel);
      const goldenFile = path.join(GOLDEN, rel);
      const changed = path.join(GOLDEN, changedName(rel));
      if (UPDATE) {
        mkdirSync(path.dirname(goldenFile), { recursive: true });
        writeFileSync(goldenFile, actual);
        rmSync(changed, { force: true });
        continue;
      }
      if (!existsSync(goldenFile)) {
        mkdirSync(path.dirname(goldenFile), { recursive: true });
        writeFileSync(changed, actual);
        problems.push(`${rel} is new: it has no golden (see ${path.relative(ROOT, changed)}; UPDATE_GOLDENS=1 makes it one)`);
        continue;
      }
      const expected = readFileSync(goldenFile);
      if (actual.equals(expected)) {
        rmSync(changed, { force: true }); // a copy left by an earlier run
        continue;
      }
      writeFileSync(changed, actual);
      problems.push(
        `${rel} differs from its golden at ${firstDifference(expected.toString('utf8'), actual.toString('utf8'))}\n  (written to ${path.relative(ROOT, changed)})`,
      );
    }
    for (const rel of golden.filter((g) => !now.includes(g))) {
      if (UPDATE) rmSync(path.join(GOLDEN, rel));
      else problems.push(`${rel} has a golden but assess no longer writes it`);
    }
    expect(problems.length, problems.join('\n')).toBe(0);
  });
});
