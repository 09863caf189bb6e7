import { describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Assessment } from '../../src/analyse/assessment-schema.js';
import { keyFindings } from '../../src/render/views/key-findings.js';
import { readAssessment, ROOT } from '../helpers.js';

// The small workspace's assessment (test/fixtures/small, run by test/golden-small.test.ts, every
// figure worked by hand in its README): the key findings it must give, and variants of it that
// trigger each rule the workspace does not.
const small = (): Assessment => readAssessment(path.join(ROOT, 'test', 'golden', 'small', 'assessment.json'));
const texts = (a: Assessment, kind: string) =>
  keyFindings(a)
    .filter((k) => k.kind === kind)
    .map((k) => k.text);

describe('key findings of the assessment summary', () => {
  it('significant changes, with the two counts the change is computed from', () => {
    expect(texts(small(), 'change')).toEqual([
      'Violence and sexual offences rose 100.0% (40 against 20): a significant increase.',
      'Deliberate fires fell 50.0% (20 against 40): a significant decrease.',
    ]);
  });

  it('a change with a gap month is said on the comparable months, with their counts', () => {
    const a = small();
    const violence = a.themes.find((t) => t.id === 'violence')!;
    violence.comparable = {
      ...violence.comparable!,
      gaps: [{ month: '2025-03', why: 'partly published' }],
      excludedMonths: ['2024-03', '2025-03'],
      months: 11,
      current: 36,
      previous: 18,
      change: 18,
      changePct: 100,
      changePctLabel: '+100.0%',
      pValue: 0.01,
      significance: 'significant increase',
      fewMonths: false,
      note: '',
    };
    expect(texts(a, 'change')[0]).toBe('Violence and sexual offences rose 100.0% (36 against 18 on comparable months): a significant increase.');
  });

  it('a run of months outside the usual range (three or more, one way); two months are not a run', () => {
    expect(texts(small(), 'run')).toEqual([
      'Violence and sexual offences was above its usual range (1–3 a month) for 12 months running, January 2025 to December 2025.',
      'Deliberate fires was below its usual range (2–4 a month) for 12 months running, January 2025 to December 2025.',
    ]);
    const a = small();
    const head = a.themes.find((t) => t.id === 'violence')!.measures[0]!;
    // March, April (a run of two), then June: no run.
    head.variability.exceptions = head.variability.exceptions.filter((e) => ['2025-03', '2025-04', '2025-06'].includes(e.month));
    expect(texts(a, 'run').filter((t) => t.startsWith('Violence'))).toEqual([]);
  });

  it("partners' data moving against the police data, each with its counts", () => {
    const a = small();
    const asb = a.themes.find((t) => t.id === 'asb')!;
    // The police's ASB fell 20% (16 against 20); a council's complaints that rose 25% (25 against 20).
    asb.measures.push({
      ...asb.measures[0]!,
      source: 'council',
      kind: 'records',
      current: 25,
      previous: 20,
      change: 5,
      changePct: 25,
      changePctLabel: '+25.0%',
      comparable: null,
    });
    (a.config.sources as Record<string, unknown>).council = { kind: 'records', publicName: 'complaints to the council' };
    expect(texts(a, 'partners-differ')).toEqual([
      'Anti-social behaviour: police-recorded incidents fell 20.0% (16 against 20), while complaints to the council rose 25.0% (25 against 20). The two sources tell different stories; both are detailed.',
    ]);
    // Under 5% either way is not a different story.
    asb.measures[1] = { ...asb.measures[1]!, current: 20, previous: 20, change: 0, changePct: 0, changePctLabel: '0.0%' };
    expect(texts(a, 'partners-differ')).toEqual([]);
  });

  it('the area against the force: the two rates and the difference a reader can check (24.0 − 13.3 = 10.7)', () => {
    expect(texts(small(), 'area-against-force')).toEqual([
      'Thanet recorded 24.0 crimes per 1,000 residents against the Kent Police average of 13.3: 10.7 above the average, the 2nd highest rate of 3 districts.',
    ]);
  });

  it('data-quality warnings that change a figure; notes that change none are left to the data-quality section', () => {
    const a = small();
    expect(a.dataQuality.every((f) => f.severity === 'info' || f.affects.length === 0)).toBe(true);
    expect(texts(a, 'data-quality')).toEqual([]);
    a.dataQuality.push({
      id: 'partial-month-police-2025-03',
      severity: 'warning',
      source: 'police',
      message: 'march 2025 looks partially published',
      effect: 'changes are measured on the months both windows have',
      affects: ['allCrime'],
    });
    expect(texts(a, 'data-quality')).toEqual(['March 2025 looks partially published: changes are measured on the months both windows have.']);
  });

  it('what the ranking recommends, and why', () => {
    expect(texts(small(), 'ranking')).toEqual([
      'The ranking recommends 2 priorities: Violence and sexual offences (score 15, band 3 of 3 on volume, trend, harm, perception and influence); Anti-social behaviour (score 12, band 3 of 3 on volume, perception and influence). The choice holds when each threshold and weight is moved.',
    ]);
  });

  it('each finding names the section that details it', () => {
    for (const k of keyFindings(small())) expect(k.section).toMatch(/^(all-crime|theme-[a-z-]+|comparisons|data-quality|ranking)$/);
  });
});
