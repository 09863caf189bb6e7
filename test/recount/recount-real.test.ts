/**
 * The independent recount on the real data.police.uk files of test/fixtures/realdata: every
 * count-based figure of assessment.json (totals of both windows for the area and every district,
 * monthly series and rolling 12-month totals, hotspots by count, per-category counts, comparable
 * months, rows read / accepted / rejected per file) against a second count made by recount.ts
 * (csv-parse and Maps, no csp code, no DuckDB).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REAL_CONFIG } from '../helpers.js';
import { countPolice, expected, problems, recountConfig, windowOf, type Expected } from './recount.js';
import { assess, AVON_DISTRICTS, AVON_FILE, GM_DISTRICTS, GM_FILE, makeWorkspace, relabelled, removeWorkspace, THEMES } from './workspaces.js';

describe('recount: the real Kent files, Jan–Apr 2024', () => {
  it('agrees with csp on every count, with the fixture csp.yaml (Thanet, Mar–Apr 2024 against Jan–Feb)', async () => {
    const today = '2024-06-15';
    const cfg = recountConfig(REAL_CONFIG);
    const counts = countPolice(cfg, today);
    // Facts measured on the files by hand (PROVENANCE.md): rows per month; 4 rows are repeats of a Crime ID.
    expect(counts.files.map((f) => f.rowsRead)).toEqual([14_466, 13_953, 15_875, 15_727]);
    expect(counts.files.reduce((s, f) => s + f.rowsRejected, 0)).toBe(4);
    const a = await assess(REAL_CONFIG, { today });
    const e = expected(counts, cfg, windowOf(cfg.period.end, cfg.period.months));
    expect(problems(a, e)).toEqual([]);
    // The comparison can fail: a recount off by one anywhere is a disagreement.
    for (const wrong of wrongRecounts(e)) expect(problems(a, wrong).length, 'a wrong recount must disagree').toBeGreaterThan(0);
  });
});

/** Copies of a recount, each wrong in one figure. */
function wrongRecounts(e: Expected): Expected[] {
  const copy = () => structuredClone(e);
  const out: Expected[] = [];
  let w = copy();
  w.allCrime.current += 1;
  out.push(w);
  w = copy();
  w.allCrime.series[0]!.count += 1;
  out.push(w);
  w = copy();
  w.themes[0]!.districts[3]!.previous = (w.themes[0]!.districts[3]!.previous ?? 0) + 1;
  out.push(w);
  w = copy();
  w.themes[1]!.hotspots.byCount.reverse();
  out.push(w);
  w = copy();
  w.files[2]!.rowsAccepted -= 1;
  out.push(w);
  return out;
}

describe('recount: single-month files, with the month before made from them', () => {
  // One month of data allows no window (the previous window needs data too), so each file is
  // paired with a copy of itself relabelled as the month before: Month rewritten, Crime IDs
  // replaced (an ID repeated in the file is repeated in the copy, none repeats the real
  // file's), every 9th row left out so the two months differ. The current month is the real
  // file as published.

  it('Avon and Somerset, Nov 2016 (15% of rows without a location, 203 Crime IDs repeated within the file): Bristol, Nov against Oct', async () => {
    const today = '2017-01-15';
    const nov = readFileSync(AVON_FILE, 'utf8');
    const config = makeWorkspace({
      area: 'Bristol',
      force: 'Avon and Somerset Constabulary',
      districts: AVON_DISTRICTS,
      themes: THEMES,
      period: { end: '2016-11', months: 1 },
      police: { '2016-11-avon-and-somerset-street.csv': nov, '2016-10-avon-and-somerset-street.csv': relabelled(nov, '2016-10', 9) },
    });
    try {
      const cfg = recountConfig(config);
      const counts = countPolice(cfg, today);
      const real = counts.files.find((f) => f.file.includes('2016-11'))!;
      // By hand (python csv): 13,735 rows, 2,046 with an empty LSOA; the repeats are refused.
      expect(real.rowsRead).toBe(13_735);
      expect(real.rejects).toEqual({ repeat: real.rowsRejected });
      expect(real.rowsRejected).toBeGreaterThan(0);
      const a = await assess(config, { today });
      expect(problems(a, expected(counts, cfg, windowOf('2016-11', 1)))).toEqual([]);
    } finally {
      removeWorkspace(config);
    }
  });

  it('Greater Manchester, Dec 2016 (21,985 blank rows; rows for 3 of the 10 districts): Manchester, Dec against Nov', async () => {
    const today = '2017-01-15';
    const dec = readFileSync(GM_FILE, 'utf8');
    const config = makeWorkspace({
      area: 'Manchester',
      force: 'Greater Manchester Police',
      districts: GM_DISTRICTS,
      themes: THEMES,
      period: { end: '2016-12', months: 1 },
      police: { '2016-12-greater-manchester-street.csv': dec, '2016-11-greater-manchester-street.csv': relabelled(dec, '2016-11', 9) },
    });
    try {
      const cfg = recountConfig(config);
      const counts = countPolice(cfg, today);
      const real = counts.files.find((f) => f.file.includes('2016-12'))!;
      expect(real).toMatchObject({ rowsRead: 32_050, rowsAccepted: 10_065, rowsRejected: 21_985, rejects: { month: 21_985 } });
      const a = await assess(config, { today });
      expect(problems(a, expected(counts, cfg, windowOf('2016-12', 1)))).toEqual([]);
      // Seven districts have no row at all: no data (null), not zero crimes.
      expect(
        a.comparators
          .filter((c) => c.current === null)
          .map((c) => c.area)
          .sort(),
      ).toEqual(['Oldham', 'Rochdale', 'Salford', 'Stockport', 'Tameside', 'Trafford', 'Wigan']);
    } finally {
      removeWorkspace(config);
    }
  });
});
