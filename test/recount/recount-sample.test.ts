/**
 * The independent recount on the sample partnership (data-samples/: 36 generated months of Kent
 * police files, 528,494 rows, with a partly published November 2024 and Shepway for Folkestone
 * and Hythe in Jan–Mar 2023), on its own csp.yaml: its window, and random windows.
 *
 * Time: reading the 36 files with csv-parse takes about 7 s (once, for the file); each csp run
 * on the sample's csp.yaml (every partner source) about 3 s on 2 cores. The four recount files
 * run one after another in about a minute; this file is ~35 s of it with numRuns 5.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CONFIG } from '../helpers.js';
import { countPolice, expected, monthsFrom, problems, recountConfig, windowOf, type PoliceCounts, type Window } from './recount.js';
import { assess } from './workspaces.js';

/** After every month of the sample: none is in the future. */
const TODAY = '2026-01-15';
const cfg = recountConfig(SAMPLE_CONFIG);
let counts: PoliceCounts;
beforeAll(() => {
  counts = countPolice(cfg, TODAY);
});

/**
 * The sample's planted partial month (data-samples/README.md): November 2024's crime rows are
 * about 55% of a month. Whether a month is partial is csp's finding, not a count, but every
 * crime figure whose windows hold November 2024 must be compared on comparable months; then
 * `comparable` itself is recounted by problems().
 */
function partialNovember(a: Awaited<ReturnType<typeof assess>>, w: Window): string[] {
  if (!monthsFrom(w.previousStart, w.end).includes('2024-11')) return [];
  const crime = [['allCrime', a.allCrime] as const, ...a.themes.filter((t) => t.id !== 'asb').map((t) => [t.id, t] as const)];
  return crime
    .filter(([, f]) => !f.comparable?.excludedMonths.includes('2024-11'))
    .map(([id]) => `${id}: November 2024 is not left out of the comparable change`);
}

describe('recount: the sample partnership', () => {
  it('agrees with csp on every count in the csp.yaml window (Jan–Dec 2025 against 2024)', async () => {
    const w = windowOf(cfg.period.end, cfg.period.months);
    const a = await assess(SAMPLE_CONFIG, { today: TODAY });
    expect(problems(a, expected(counts, cfg, w))).toEqual([]);
    expect(partialNovember(a, w)).toEqual([]);
    expect(a.allCrime.comparable?.excludedMonths).toEqual(['2024-11', '2025-11']);
    // Shepway's rows (Jan–Mar 2023) count under Folkestone and Hythe: no district of that name.
    expect([...counts.byDistrict.keys()]).not.toContain('Shepway');
    expect(counts.byDistrict.get('Folkestone and Hythe')?.has('2023-01')).toBe(true);
  });

  it('agrees with csp on every count in random windows over the 36 months (fast-check, seed 2026, 5 runs)', async () => {
    // A window of 1–18 months whose previous window also lies in Jan 2023 – Dec 2025.
    const windows = fc
      .integer({ min: 1, max: 18 })
      .chain((months) => fc.integer({ min: 2 * months - 1, max: 35 }).map((last) => windowOf(monthsFrom('2023-01', '2025-12')[last]!, months)));
    await fc.assert(
      fc.asyncProperty(windows, async (w) => {
        const a = await assess(SAMPLE_CONFIG, { today: TODAY, period: `${w.start}..${w.end}` });
        expect([...problems(a, expected(counts, cfg, w)), ...partialNovember(a, w)]).toEqual([]);
      }),
      // No shrinking: each run is a csp run of ~2.5 s; the first failing window is reported as is.
      { seed: 2026, numRuns: 5, endOnFailure: true },
    );
  });
});
