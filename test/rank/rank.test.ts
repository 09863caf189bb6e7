import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { parseConfig } from '../../src/config/load.js';
import { bandFor } from '../../src/rank/bands.js';
import { rawValue, type Raw, type RankContext } from '../../src/rank/criteria.js';
import { resolveRanking, type Criterion, type Ranking } from '../../src/rank/resolve.js';
import { scoreThemes, type ThemeRaws } from '../../src/rank/score.js';
import { sensitivity } from '../../src/rank/sensitivity.js';
import { CspError } from '../../src/core/errors.js';
import type { ThemeResult } from '../../src/analyse/assessment-schema.js';
import { ROOT } from '../helpers.js';

describe('bands', () => {
  it('a raw value at a threshold takes the higher band (1–3)', () => {
    expect([89.9, 90, 109.99, 110, 250, -5].map((x) => bandFor(x, [90, 110]))).toEqual([1, 2, 2, 3, 3, 1]);
  });
  it('1–5 with four thresholds', () => {
    expect([69, 70, 89, 90, 110, 129, 130].map((x) => bandFor(x, [70, 90, 110, 130]))).toEqual([1, 2, 2, 3, 4, 4, 5]);
  });
});

const criterion = (id: string, kind: Criterion['kind'], extra: Partial<Criterion> = {}): Criterion => ({
  id,
  kind,
  weight: 1,
  thresholds: [90, 110],
  step: 10,
  ...extra,
});
/** A theme with what the criteria read; the rest of a ThemeResult (and of its measures) left out. */
const theme = (over: Partial<ThemeResult> = {}): ThemeResult =>
  ({
    id: 't',
    name: 'T',
    current: 753,
    previous: 580,
    change: 173,
    changePct: 29.8,
    changePctLabel: '+29.8%',
    pValue: 0.000002,
    significance: 'significant increase',
    ratePer1000: 5.5,
    forceAverageRatePer1000: 3.14,
    rank: 2,
    rankOf: 13,
    differenceFromForcePer1000: 2.36,
    perceptionPct: 52.3,
    judgements: { influence: { mean: 3.27, practitioners: 11 } },
    measures: [
      { source: 'police', categoryCounts: [{ category: 'Drugs', current: 753, previous: 580 }] },
      { source: 'fire', categoryCounts: [{ category: 'Deliberate fire', current: 10, previous: 9 }] },
    ],
    ...over,
  }) as ThemeResult;
const ctx: RankContext = { force: 'Kent Police', areaPopulation: 136809, allCrimeCurrent: 14085, surveyResponses: 352 };
const raw = (r: Raw | string) => (typeof r === 'string' ? r : [r.raw, r.reason]);

describe('criteria: raw values and reasons', () => {
  it('volume: the rate as a % of the force average, or the share of all crime', () => {
    expect(raw(rawValue(criterion('volume', 'volume', { measure: 'rate-vs-average' }), theme(), ctx))).toEqual([
      175.2,
      '5.50 per 1,000 against the Kent Police average of 3.14: 175.2% of average',
    ]); // 5.50 / 3.14, as printed: the documents' 5.5 and 3.1 would give 177%
    expect(raw(rawValue(criterion('volume', 'volume', { measure: 'share' }), theme(), ctx))).toEqual([5.3, '753 is 5.3% of all crime (14,085)']);
    expect(rawValue(criterion('volume', 'volume', { measure: 'rate-vs-average' }), theme({ forceAverageRatePer1000: null }), ctx)).toMatch(/^no rate/);
  });
  it('trend: the % change only when significant; else 0', () => {
    expect(raw(rawValue(criterion('trend', 'trend'), theme(), ctx))).toEqual([29.8, 'significant increase of +29.8% (p < 0.001)']);
    expect(
      raw(
        rawValue(criterion('trend', 'trend'), theme({ significance: 'no significant change', changePct: 21.4, changePctLabel: '+21.4%', pValue: 0.052 }), ctx),
      ),
    ).toEqual([0, '+21.4% is not significant (p = 0.052): counted as no change']);
    expect(raw(rawValue(criterion('trend', 'trend'), theme({ changePct: null, current: 12, previous: 6 }), ctx))).toEqual([
      0,
      '6 → 12: too few to give a percentage, counted as no change',
    ]);
  });
  it('harm: Σ count × weight per 1,000 residents, over every source of the theme', () => {
    const c = criterion('harm', 'harm', { harmWeights: { police: { Drugs: 5 }, fire: { 'Deliberate fire': 20 } } });
    // (753 × 5 + 10 × 20) / 136,809 × 1,000 = 3,965 / 136.809 = 28.98
    expect(raw(rawValue(c, theme(), ctx))).toEqual([28.98, 'harm-weighted count 3,965 (count × weight) over 136,809 residents: 28.98 per 1,000']);
    expect(rawValue(criterion('harm', 'harm', { harmWeights: { police: { Robbery: 25 } } }), theme(), ctx)).toBe('no harm weight for any of its categories');
  });
  it('perception and judged criteria', () => {
    expect(raw(rawValue(criterion('perception', 'perception'), { ...theme(), perceptionOptions: ['Drugs'] }, ctx))).toEqual([
      52.3,
      '52.3% of 352 survey respondents named "Drugs" a problem',
    ]);
    // A share of several options says which it combines: it is not any one option's share.
    expect(
      raw(rawValue(criterion('perception', 'perception'), { ...theme(), perceptionOptions: ['Anti-social behaviour', 'Street drinking', 'Fly-tipping'] }, ctx)),
    ).toEqual([52.3, '52.3% of 352 survey respondents named at least one of "Anti-social behaviour", "Street drinking" or "Fly-tipping" a problem']);
    expect(raw(rawValue(criterion('influence', 'judged'), theme(), ctx))).toEqual([3.27, 'mean influence score 3.27 from 11 practitioners']);
    expect(rawValue(criterion('vulnerability', 'judged'), theme(), ctx)).toBe('no practitioner scored it for vulnerability');
    expect(raw(rawValue(criterion('influence', 'judged'), theme({ judgements: { influence: { mean: 4, practitioners: 1 } } }), ctx))).toEqual([
      4,
      'mean influence score 4.00 from 1 practitioner',
    ]);
    expect(raw(rawValue(criterion('perception', 'perception'), { ...theme(), perceptionOptions: ['Drugs'] }, { ...ctx, surveyResponses: 1 }))).toEqual([
      52.3,
      '52.3% of 1 survey respondent named "Drugs" a problem',
    ]);
  });
});

/** The numbers of a reason as printed: "1,234.5" → 1234.5. */
const printed = (reason: string) => [...reason.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => Number(m[0].replaceAll(',', '')));

describe("criteria: a reason's printed operands give its printed result", () => {
  // Rates whose one-decimal roundings divide to another percentage than the exact rates:
  // 1.70 / 1.75 = 97.1%, but 1.7 / 1.8 = 94.4%; 5.50 / 3.14 = 175.2%, but 5.5 / 3.1 = 177.4%.
  const cases: [number, number][] = [
    [1.7, 1.75],
    [5.5, 3.14],
    [48.15, 39.9],
    [12.19, 12.2],
    [0.04, 0.05],
  ];
  it.each(cases)('volume: %s per 1,000 against an average of %s', (rate, average) => {
    const r = rawValue(
      criterion('volume', 'volume', { measure: 'rate-vs-average' }),
      theme({ ratePer1000: rate, forceAverageRatePer1000: average }),
      ctx,
    ) as Raw;
    const [a, b, pct] = printed(r.reason.replace('1,000', ''));
    expect(Math.round((1000 * a!) / b!) / 10).toBe(pct); // to the decimal printed
    expect(pct).toBe(r.raw); // and it is the raw value banded and shown in the ranking table
  });
  it.each([
    [{ Drugs: 5 }, 136809],
    [{ Drugs: 2.35 }, 136809],
    [{ Drugs: 1.05 }, 5000],
  ])('harm: weights %o over %s residents', (weights, population) => {
    const r = rawValue(criterion('harm', 'harm', { harmWeights: { police: weights } }), theme(), { ...ctx, areaPopulation: population }) as Raw;
    const [weighted, residents, perThousand] = printed(r.reason.replace('1,000', ''));
    expect(residents).toBe(population);
    expect(Math.round((100_000 * weighted!) / residents!) / 100).toBe(perThousand);
    expect(perThousand).toBe(r.raw);
  });
  it('share of all crime', () => {
    const r = rawValue(criterion('volume', 'volume', { measure: 'share' }), theme({ current: 233 }), ctx) as Raw;
    const [current, pct, all] = printed(r.reason);
    expect(Math.round((1000 * current!) / all!) / 10).toBe(pct);
    expect(pct).toBe(r.raw);
  });
});

const r = (value: number): Raw => ({ raw: value, reason: `raw ${value}`, data: {} });
const ranking = (over: Partial<Ranking> = {}): Ranking => ({
  method: 'weighted-sum',
  scale: 3,
  recommend: 2,
  overrides: [],
  criteria: [
    { id: 'volume', kind: 'volume', weight: 2, thresholds: [90, 110], step: 10 },
    { id: 'trend', kind: 'trend', weight: 1, thresholds: [-5, 5], step: 5 },
    { id: 'influence', kind: 'judged', weight: 1, thresholds: [2.5, 3.5], step: 0.5 },
  ],
  ...over,
});
const themes: ThemeRaws[] = [
  { id: 'a', raws: { volume: r(100), trend: r(0), influence: r(4) } }, // bands 2,2,3 → 2×2 + 2 + 3 = 9
  { id: 'b', raws: { volume: r(120), trend: r(-10), influence: r(2) } }, // bands 3,1,1 → 6 + 1 + 1 = 8
  { id: 'c', raws: { volume: r(130), trend: r(6), influence: r(3) } }, // bands 3,3,2 → 6 + 3 + 2 = 11
  { id: 'd', raws: { volume: r(80), trend: r(20), influence: r(4.5) } }, // bands 1,3,3 → 2 + 3 + 3 = 8
];

describe('scores, ranks and recommendations', () => {
  it('weighted sum: Σ weight × band, with the audit trail', () => {
    const s = scoreThemes(themes, ranking());
    expect(s.map((t) => [t.id, t.score, t.rank, t.recommended])).toEqual([
      ['c', 11, 1, true],
      ['a', 9, 2, true],
      ['b', 8, 3, false],
      ['d', 8, 4, false],
    ]);
    expect(s[0]!.criteria[0]).toEqual({ id: 'volume', raw: 130, band: 3, weight: 2, contribution: 6, reason: 'raw 130', data: {} });
  });
  it('ties: compared band by band in criteria order (b has volume 3, d has 1), then csp.yaml order', () => {
    const s = scoreThemes(themes, ranking());
    expect(s.findIndex((t) => t.id === 'b')).toBeLessThan(s.findIndex((t) => t.id === 'd'));
    const same: ThemeRaws[] = [
      { id: 'x', raws: themes[0]!.raws },
      { id: 'y', raws: themes[0]!.raws },
    ];
    expect(scoreThemes([...same].reverse(), ranking()).map((t) => t.id)).toEqual(['y', 'x']);
  });
  it('product: weighted mean band of the harm group × that of the likelihood group', () => {
    const s = scoreThemes(themes, ranking({ method: 'product', groups: { harm: ['influence'], likelihood: ['volume', 'trend'] } }));
    // a: 3 × (2×2 + 2)/3 = 6; b: 1 × (2×3 + 1)/3 = 2.33; c: 2 × (2×3 + 3)/3 = 6; d: 3 × (2×1 + 3)/3 = 5
    expect(s.map((t) => [t.id, t.score])).toEqual([
      ['c', 6],
      ['a', 6],
      ['d', 5],
      ['b', 2.33],
    ]);
    expect(s.find((t) => t.id === 'b')!.criteria.map((c) => c.contribution)).toEqual([2, 0.33, 1]);
  });
  it('overrides put a theme in or out, with the reason shown', () => {
    const s = scoreThemes(
      themes,
      ranking({
        overrides: [
          { theme: 'd', recommend: true, reason: 'A statutory duty whatever its rank.' },
          { theme: 'c', recommend: false, reason: 'Led by another board this year.' },
        ],
      }),
    );
    expect(s.filter((t) => t.recommended).map((t) => t.id)).toEqual(['a', 'd']);
    expect(s.find((t) => t.id === 'c')).toMatchObject({
      rank: 1,
      recommended: false,
      override: { recommend: false, reason: 'Led by another board this year.' },
    });
  });
});

describe('sensitivity', () => {
  it('reports the scenarios that change the recommended set, and the borderline themes', () => {
    const s = sensitivity(themes, ranking());
    expect(s.baseline).toEqual(['c', 'a']);
    // Halving volume's weight: a 2+2+3 = 7, b 3+1+1 = 5, c 3+3+2 = 8, d 1+3+3 = 7 → c, then a before d (volume band) → unchanged.
    expect(s.scenarios.find((x) => x.change === 'weight of volume −50%')).toMatchObject({ changed: false });
    // Trend +50%: a 4+3+3 = 10, b 6+1.5+1 = 8.5, c 6+4.5+2 = 12.5, d 2+4.5+3 = 9.5 → unchanged.
    // Influence threshold 2 (3.5) +0.5 → 4: a's 4 stays band 3; d's 4.5 stays 3 → unchanged.
    // Volume threshold 1 (90) +10 → 100: a (100) stays band 2.  Volume threshold 2 (110) −10 → 100: a → band 3: 11 → a ties c.
    expect(s.scenarios.map((x) => x.change)).toContain('volume threshold 2 (110%) −10 points');
    expect(s.robust).toBe(s.scenarios.every((x) => !x.changed));
    const flip = sensitivity(themes, ranking({ recommend: 1 }));
    expect(flip.baseline).toEqual(['c']);
    const tied = flip.scenarios.find((x) => x.change === 'volume threshold 2 (110%) −10 points')!;
    // a rises to 6 + 2 + 3 = 11 = c; c's bands (3,3,2) beat a's (3,2,3) at trend: c stays first.
    expect(tied.changed).toBe(false);
    const dUp = flip.scenarios.find((x) => x.change === 'weight of influence +50%')!;
    // influence ×1.5: a 4+2+4.5 = 10.5, c 6+3+3 = 12, d 2+3+4.5 = 9.5 → still c.
    expect(dUp.changed).toBe(false);
  });
  it('finds a fragile choice', () => {
    const close: ThemeRaws[] = [
      { id: 'p', raws: { volume: r(111), trend: r(0), influence: r(3) } }, // 6 + 2 + 2 = 10
      { id: 'q', raws: { volume: r(100), trend: r(6), influence: r(3.6) } }, // 4 + 3 + 3 = 10 → p first on volume band
    ];
    const s = sensitivity(close, ranking({ recommend: 1 }));
    expect(s.baseline).toEqual(['p']);
    expect(s.robust).toBe(false);
    expect(s.scenarios.find((x) => x.change === 'weight of volume −50%')).toMatchObject({ changed: true, entered: ['q'], left: ['p'] });
    expect(s.borderline.map((b) => b.theme).sort()).toEqual(['p', 'q']);
  });
});

describe('ranking configuration errors, caught before any data is read', () => {
  const base = (ranking: string, extraTheme = '') => `partnership: {name: T, area: Thanet, force: Kent Police}
period: {end: 2025-12}
geography: {districts: [{name: Thanet}]}
sources:
  police: {kind: police-uk-street, files: p.csv}
  judgements: {kind: judgements, files: j.csv, columns: {theme: Theme, scores: {influence: Influence}}}
themes:
  - {id: asb, name: ASB, categories: {police: [Anti-social behaviour]}, survey: [ASB]}
${extraTheme}
ranking:
${ranking}
`;
  const problems = (text: string) => {
    try {
      const { problems } = resolveRanking(parseConfig(text, path.join(ROOT, 'csp.yaml')));
      return problems.map((p) => `${p.where?.key}: ${p.message}`);
    } catch (e) {
      return (e as CspError).problems.map((p) => `${p.where?.key}: ${p.message}`);
    }
  };

  it('weights that are not positive numbers', () => {
    expect(problems(base('  criteria: {volume: {weight: 0}, trend: {weight: heavy}}'))).toEqual([
      'ranking.criteria.volume.weight: a weight must be a positive number (0 switches nothing off: use enabled: false)',
      'ranking.criteria.trend.weight: Invalid input: expected number, received string',
    ]);
  });
  it('unordered or wrongly counted thresholds', () => {
    expect(problems(base('  criteria: {volume: {thresholds: [110, 90]}, trend: {thresholds: [1, 2, 3]}}'))).toEqual([
      'ranking.criteria.volume.thresholds: volume thresholds must increase strictly (got 110, 90): bands would overlap',
      'ranking.criteria.trend.thresholds: trend needs 2 thresholds for bands 1–3, not 3',
    ]);
    expect(problems(base('  scale: 5\n  criteria: {volume: {}}'))).toEqual([]);
  });
  it('a theme with no data behind a criterion', () => {
    const t = '  - {id: fires, name: Fires, categories: {fire: [Fire]}}';
    const text = base('  criteria: {volume: {}, perception: {}, harm: {thresholds: [1, 2], weights: {police: {Robbery: 3}}}}', t).replace(
      '  judgements:',
      '  fire: {kind: counts, files: f.csv, columns: {period: P, count: C}}\n  judgements:',
    );
    expect(problems(text)).toEqual([
      // per theme, criteria in their fixed order: volume, trend, harm, perception, then judged ones
      'ranking.criteria.harm.weights: theme "asb" has no harm weight for any of its categories',
      'themes.1.categories: theme "fires" has no force average for volume: its first source (fire) is neither police data nor a return by district',
      'ranking.criteria.harm.weights: theme "fires" has no harm weight for any of its categories',
      'themes.1.survey: theme "fires" has no survey options, so no perception score',
    ]);
  });
  it('judged criteria must be scored; overrides need a known theme and a reason', () => {
    expect(
      problems(base('  criteria: {vulnerability: {judged: true}}\n  overrides: [{theme: drugs, recommend: true, reason: "Statutory duty for us."}]')),
    ).toEqual([
      'ranking.criteria.vulnerability: judged criterion "vulnerability" is not a column of the judgements source',
      'ranking.overrides.0.theme: override names theme "drugs", which is not in themes',
    ]);
    expect(problems(base('  overrides: [{theme: asb, recommend: true, reason: "why"}]'))).toEqual([
      'ranking.overrides.0.reason: an override needs a written reason (at least a sentence)',
    ]);
  });
  it('the defaults need no ranking section: volume, trend, perception (survey) and judged criteria', () => {
    const text = base('  recommend: 1').replace('ranking:\n  recommend: 1\n', '');
    const { ranking: rk, problems: p } = resolveRanking(parseConfig(text, path.join(ROOT, 'csp.yaml')));
    expect(p).toEqual([]);
    expect(rk.criteria.map((c) => [c.id, c.weight, c.thresholds])).toEqual([
      ['volume', 1, [90, 110]],
      ['trend', 1, [-5, 5]],
      ['influence', 1, [2.5, 3.5]],
    ]);
  });
});

describe('a mistyped criterion name', () => {
  it('is reported once, with the built-in it was probably meant to be', () => {
    const text = `partnership: {name: T, area: Thanet, force: Kent Police}
period: {end: 2025-12}
geography: {districts: [{name: Thanet}]}
sources: {police: {kind: police-uk-street, files: p.csv}}
ranking:
  criteria:
    volum: {weight: 2, measure: share}
`;
    try {
      parseConfig(text, path.join(ROOT, 'csp.yaml'));
      throw new Error('expected an error');
    } catch (e) {
      expect((e as CspError).problems).toEqual([
        {
          message: '"volum" is not a built-in criterion (volume, trend, harm, perception); a criterion scored by practitioners needs judged: true',
          where: { file: 'csp.yaml', key: 'ranking.criteria.volum', line: 7 },
          hint: 'did you mean "volume"?',
        },
      ]);
    }
  });
});
