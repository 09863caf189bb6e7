/**
 * The independent recount on damaged copies of the real Kent files (Jan–Apr 2024): rows
 * duplicated within and across files (a repeated Crime ID must not count twice), slices of rows
 * cut, blank rows inserted, Months spoilt (not a month, in the future, a misdated month),
 * Crime types emptied, values padded with spaces; in a random window of the four that fit
 * (Feb, Mar or Apr against the month before; Mar–Apr against Jan–Feb).
 *
 * Time: each run writes the four files (12 MB), runs csp and reads them again with csv-parse:
 * about 2 s a run on 2 cores (3 s when the machine is busy). The four recount files run one
 * after another in about a minute; this file is ~17 s of it with numRuns 8.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countPolice, expected, problems, recountConfig, windowOf } from './recount.js';
import { mutate, mutationArb } from './mutations.js';
import { assess, KENT_DISTRICTS, KENT_FILES, makeWorkspace, removeWorkspace, THEMES } from './workspaces.js';

const TODAY = '2024-06-15';
/**
 * Months a row's Month is spoilt to: not months; in the future (today is pinned to 2024-06-15);
 * other months of the files (a misdated row, counted in the month it names). A month before the
 * files' first (2023-12) is tested on its own in recount-edges.test.ts: one such row makes csp
 * find January 2024's ASB partly published and refuse the Feb-against-Jan window (exit 2).
 */
const BAD_MONTHS = ['2024-13', '2024-00', '2024-1', '24-01', 'Jan-24', '2024/01', '', '2024-07', '2031-01', '2024-01', '2024-04'];
const WINDOWS = [windowOf('2024-02', 1), windowOf('2024-03', 1), windowOf('2024-04', 1), windowOf('2024-04', 2)];

describe('recount: damaged Kent files', () => {
  it('agrees with csp on every count after random damage, in a random window (fast-check, seed 2026, 8 runs)', async () => {
    const texts = KENT_FILES.map((f) => readFileSync(f, 'utf8'));
    // What the runs did, to check below that every kind of damage was tried and that some
    // windows were compared on comparable months (a cut can make a month read as partial).
    const kinds = new Set<string>();
    let comparable = 0;
    let moreRepeats = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WINDOWS), mutationArb(texts.length, BAD_MONTHS), async (w, mutations) => {
        const damaged = mutate(texts, mutations);
        for (const m of mutations) kinds.add(m.kind);
        const config = makeWorkspace({
          area: 'Thanet',
          force: 'Kent Police',
          districts: KENT_DISTRICTS,
          themes: THEMES,
          period: { end: w.end, months: w.months },
          kentPopulation: true,
          police: Object.fromEntries(KENT_FILES.map((f, i) => [path.basename(f), damaged[i]!])),
        });
        try {
          const a = await assess(config, { today: TODAY });
          if (a.allCrime.comparable || a.themes.some((t) => t.comparable)) comparable++;
          const cfg = recountConfig(config);
          const counts = countPolice(cfg, TODAY);
          expect(problems(a, expected(counts, cfg, w))).toEqual([]);
          // The real files hold 4 repeated Crime IDs: more is a duplicated crime refused.
          if (counts.files.reduce((n, f) => n + (f.rejects.repeat ?? 0), 0) > 4) moreRepeats++;
        } finally {
          removeWorkspace(config);
        }
      }),
      // No shrinking: each run is a csp run; the first failing case is reported as is.
      { seed: 2026, numRuns: 8, endOnFailure: true },
    );
    expect([...kinds].sort()).toEqual(['blank', 'cut', 'duplicate', 'month', 'no-type', 'padded']);
    expect(comparable).toBeGreaterThan(0);
    expect(moreRepeats).toBeGreaterThan(0);
  });
});
