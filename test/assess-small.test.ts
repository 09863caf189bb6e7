import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Assessment } from '../src/analyse/assessment-schema.js';
import { cli, readAssessment, workspace } from './helpers.js';

/**
 * A hand-made workspace small enough to compute every figure by hand (the comments show the sums).
 * p-values from scipy.stats.binomtest.
 */
const HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const rows = (n: number, month: string, lsoa: string, type: string, idPrefix: string) =>
  Array.from(
    { length: n },
    (_, i) =>
      `${type === 'Anti-social behaviour' ? '' : `${idPrefix}${i}`},${month},Kent Police,Kent Police,1.4,51.4,On or near High Street,E0100000${lsoa.length},${lsoa},${type},,`,
  );

const police = (month: string, thanet: number, dover: number) =>
  [
    HEADER,
    ...rows(thanet, month, 'Thanet 001A', 'Burglary', `t${month}-`),
    ...rows(5, month, 'Thanet 002B', 'Anti-social behaviour', ''),
    ...rows(dover, month, 'Dover 001A', 'Burglary', `d${month}-`),
  ].join('\n') + '\n';

const asb = [
  'Ref,Date,Type,Ward,Repeat,Name',
  // 2025: 10 complaints, 6 in Ward A and 4 in Ward B, 4 flagged repeat
  ...Array.from(
    { length: 10 },
    (_, i) => `C${i},${String(i + 1).padStart(2, '0')}/03/2025,Noise,${i < 6 ? 'Ward A' : 'Ward B'},${i < 4 ? 'Y' : 'N'},Private Person`,
  ),
  // 2024: 6 complaints
  ...Array.from({ length: 6 }, (_, i) => `P${i},${String(i + 1).padStart(2, '0')}/03/2024,Noise,Ward A,N,Private Person`),
].join('\n');

const fire = [
  'Period,Type,Count',
  '2025 Q1,Deliberate fire,5',
  '2025 Q2,Deliberate fire,7',
  '2025-07,Deliberate fire,1', // current: 13
  '2024 Q4,Deliberate fire,3',
  'Q1 2024,Deliberate fire,2', // previous: 5
  '2024/25,Deliberate fire,100', // Apr 2024–Mar 2025 straddles both windows: in neither
].join('\n');

const survey = [
  'Id,Problems,Agree,Day,Dark',
  ...Array.from({ length: 4 }, (_, i) => `S${i},ASB; Drugs,Agree,Very safe,Very unsafe`),
  'S4,ASB,Agree,Very safe,Very unsafe',
  'S5,ASB,Strongly agree,Fairly safe,Very unsafe',
  'S6,,Strongly agree,Fairly safe,Very unsafe',
  'S7,,Disagree,Fairly safe,Fairly safe',
  'S8,Drugs,,Fairly unsafe,Very unsafe',
  'S9,Drugs,,Fairly unsafe,Very unsafe',
].join('\n');

const config = `partnership: {name: Test CSP, area: Thanet, force: Kent Police}
period: {end: 2025-12, months: 12, seriesMonths: 24}
geography:
  districts: [{name: Thanet}, {name: Dover}]
  comparatorGroup: {name: Similar areas, areas: [{name: Hastings, population: 90000}]}
sources:
  police: {kind: police-uk-street, files: "police/*.csv"}
  council-asb:
    kind: records
    files: asb.csv
    columns: {date: Date, category: Type, area: Ward, id: Ref, flags: {repeat: Repeat}}
  fire:
    kind: counts
    files: fire.csv
    columns: {period: Period, category: Type, count: Count}
  population:
    kind: population
    files: population.csv
    columns: {area: Area, level: Level, population: Population}
  survey:
    kind: survey
    files: survey.csv
    columns: {id: Id, problems: Problems, agreement: Agree, safeDay: Day, safeDark: Dark}
  judgements:
    kind: judgements
    files: judgements.csv
    columns: {theme: Theme, scores: {influence: Influence}}
themes:
  - {id: burglary, name: Burglary, categories: {police: [Burglary]}, survey: [ASB, Drugs]}
  - {id: asb, name: Anti-social behaviour, categories: {council-asb: [Noise], police: [Anti-social behaviour]}, survey: [ASB]}
  - {id: fires, name: Deliberate fires, categories: {fire: [Deliberate fire]}, survey: [Drugs]}
ranking:
  recommend: 2
  criteria:
    volume: {measure: share, thresholds: [10, 30]}
    trend: {}
    perception: {}
    influence: {judged: true}
output: {date: 2026-01-15}
`;
const JUDGEMENTS = 'Theme,Influence\nAnti-social behaviour,4\nasb,5\nASB,\nburglary,3\nDeliberate fires,2\n';

describe('assess on a hand-computed workspace', () => {
  let a: Assessment;
  let tables: Record<string, string>;
  let dir = '';
  beforeAll(async () => {
    const ws = workspace({
      'csp.yaml': config,
      'police/2024-06-kent-street.csv': police('2024-06', 30, 10),
      'police/2025-06-kent-street.csv': police('2025-06', 45, 12),
      // The police data must cover both windows (Jan 2024–Dec 2025): the first and last months
      // hold one crime each in a district outside the force, so no district figure changes.
      'police/2024-01-kent-street.csv': `${HEADER}\nx1,2024-01,Kent Police,Kent Police,0.1,51.4,On or near A Road,E01000001,Bexley 001A,Burglary,,\n`,
      'police/2025-12-kent-street.csv': `${HEADER}\nx2,2025-12,Kent Police,Kent Police,0.1,51.4,On or near A Road,E01000001,Bexley 001A,Burglary,,\n`,
      'asb.csv': asb,
      'fire.csv': fire,
      'population.csv': 'Area,Level,Population\nThanet,district,1000\nDover,district,2000\nWard A,ward,500\nWard B,ward,250\n',
      'survey.csv': survey,
      'judgements.csv': JUDGEMENTS,
    });
    dir = ws;
    const r = await cli(['assess', '--config', path.join(ws, 'csp.yaml'), '--quiet', '--format', 'html']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    a = readAssessment(path.join(ws, 'out'));
    tables = Object.fromEntries(
      ['themes', 'all-crime-by-district', 'survey', 'ranking'].map((t) => [t, readFileSync(path.join(ws, 'out', 'tables', `${t}.csv`), 'utf8')]),
    );
  });

  it('all crime: 45 against 30, +50.0%, p = 0.1053, 45.0 per 1,000 against a force average of 19.0', () => {
    expect(a.allCrime).toMatchObject({
      current: 45,
      previous: 30,
      change: 15,
      changePct: 50,
      changePctLabel: '+50.0%',
      pValue: 0.1053,
      significance: 'no significant change',
      ratePer1000: 45,
      forceAverageRatePer1000: 19,
      rank: 1,
      rankOf: 2,
      differenceFromForcePer1000: 26,
    });
    expect(a.allCrime.summary).toBe(
      'All crime (excluding ASB): 45 crimes in Jan–Dec 2025, 15 more than in Jan–Dec 2024 (+50.0%). ' +
        // Only June has data in both years: the change is measured on June alone (the same 45 against 30 here).
        'Feb–May 2024, Jul 2024–May 2025 and Jul–Nov 2025 have no data, so the totals are not like for like: comparable months leave out Jan–May 2024, Jul 2024–May 2025 and Jul–Dec 2025. ' +
        "On comparable months (only 1 of the window's 12 months, so a weak comparison), the change is +15 (+50.0%: 45 against 30), which is within what chance alone would produce (p = 0.105), so not evidence of a real change. " +
        'That is 45.0 per 1,000 residents, 26.0 more than the Kent Police average of 19.0; the highest rate of 2 districts. ' +
        'Note: the police data covers January 2024 to December 2025; 20 months of the months analysed (Jan 2024–Dec 2025) have no data (Feb–May 2024, Jul 2024–May 2025, Jul–Nov 2025); ' +
        'the windows compared need January 2024 to December 2025; months without data count as zero in the totals; changes are measured on the months both windows have.',
    );
  });

  it('comparators: the force districts ranked by rate, then the comparator group', () => {
    expect(a.comparators).toEqual([
      { area: 'Thanet', group: 'force', population: 1000, current: 45, previous: 30, ratePer1000: 45, rank: 1, isArea: true },
      { area: 'Dover', group: 'force', population: 2000, current: 12, previous: 10, ratePer1000: 6, rank: 2, isArea: false },
      { area: 'Hastings', group: 'comparator-group', population: 90000, current: null, previous: null, ratePer1000: null, rank: null, isArea: false },
    ]);
    expect(tables['all-crime-by-district']!.split('\n')[1]).toBe('Thanet,force,1000,45,30,45,1,true');
  });

  it('records: 10 against 6, no percentage on a base under 20, 4 of 10 repeats, hotspots by count and rate', () => {
    const t = a.themes.find((x) => x.id === 'asb')!;
    expect(t.headlineSource).toBe('council-asb');
    expect(t).toMatchObject({
      current: 10,
      previous: 6,
      change: 4,
      changePct: null,
      changePctLabel: 'n/a',
      pValue: 0.4545,
      forceAverageRatePer1000: null,
      rank: null,
    });
    expect(t.summary).toContain('4 more than in Jan–Dec 2024 (n/a: fewer than 20 in Jan–Dec 2024)');
    const m = t.measures[0]!;
    expect(m.repeats).toEqual([{ flag: 'repeat', flagged: 4, total: 10, sharePct: 40 }]);
    expect(m.hotspots.byCount).toEqual([
      { area: 'Ward A', count: 6, sharePct: 60 },
      { area: 'Ward B', count: 4, sharePct: 40 },
    ]);
    expect(m.hotspots.byRate.map((h) => [h.area, h.ratePer1000])).toEqual([
      ['Ward B', 16],
      ['Ward A', 12],
    ]);
    expect(t.measures[1]).toMatchObject({ source: 'police', current: 5, previous: 5, rank: 1 }); // ASB: 5 a file in Thanet, none in Dover
  });

  it('counts by quarter count towards a window only when wholly inside it; a straddling financial year in neither', () => {
    const t = a.themes.find((x) => x.id === 'fires')!;
    expect(t).toMatchObject({ current: 13, previous: 5, pValue: 0.09625, ratePer1000: 13 });
    expect(t.measures[0]!.series.map((s) => s.count).reduce((x, y) => x + y, 0)).toBe(1); // only the monthly row
  });

  it('survey shares: of those who answered a question; problems of all respondents; a theme counts a respondent once', () => {
    expect(a.survey).toMatchObject({
      // agree: 5 Agree + 2 Strongly agree of 8 who answered; safe by day: 5 very + 3 fairly of 10; after dark: 1 of 10.
      responses: 10,
      agreePct: 87.5,
      agreeAnswered: 8,
      safeDayPct: 80,
      safeDayAnswered: 10,
      safeDarkPct: 10,
      safeDarkAnswered: 10,
      problems: [
        { option: 'ASB', respondents: 6, sharePct: 60 },
        { option: 'Drugs', respondents: 6, sharePct: 60 },
      ],
    });
    expect(a.themes.map((t) => [t.id, t.perceptionPct])).toEqual([
      ['burglary', 80],
      ['asb', 60],
      ['fires', 60],
    ]);
  });

  it('judgements: the mean of the scores given, by theme id or name; blank scores do not count', () => {
    expect(a.themes.find((t) => t.id === 'asb')!.judgements).toEqual({ influence: { mean: 4.5, practitioners: 2 } });
    expect(a.themes.find((t) => t.id === 'burglary')!.judgements).toEqual({ influence: { mean: 3, practitioners: 1 } });
  });

  it('ranks the themes by hand: bands, weights, contributions, the tie-break and the recommended two', () => {
    // burglary: share 45/45 = 100 → 3; trend not significant → 0 → 2; perception 80 → 3; influence 3 → 2: 10
    // asb: share 10/45 = 22.2 → 2; trend n/a → 0 → 2; perception 60 → 3; influence 4.5 → 3: 10
    // fires: share 13/45 = 28.9 → 2; trend not significant → 0 → 2; perception 60 → 3; influence 2 → 1: 8
    const r = a.ranking;
    expect(r.themes.map((t) => [t.id, t.rank, t.score, t.recommended, t.criteria.map((c) => [c.raw, c.band])])).toEqual([
      [
        'burglary',
        1,
        10,
        true,
        [
          [100, 3],
          [0, 2],
          [80, 3],
          [3, 2],
        ],
      ],
      [
        'asb',
        2,
        10,
        true,
        [
          [22.2, 2],
          [0, 2],
          [60, 3],
          [4.5, 3],
        ],
      ],
      [
        'fires',
        3,
        8,
        false,
        [
          [28.9, 2],
          [0, 2],
          [60, 3],
          [2, 1],
        ],
      ],
    ]);
    expect(r.tieBreak).toBe(
      'Equal scores are ordered by their bands, compared criterion by criterion (volume, trend, perception, influence), then by the order in which the partnership lists its themes.',
    );
    // Council ASB covers Mar 2024–Mar 2025: March of each year is what the two windows share.
    expect(r.themes[1]!.criteria[1]!.reason).toBe(
      // Which months are compared is in the criterion's data (excludedMonths), not in brackets within brackets.
      '6 → 10 on comparable months (only 1 of 12, a weak comparison): too few to give a percentage, counted as no change',
    );
    expect(tables.ranking!.split('\n')[0]).toBe(
      'rank,theme_id,theme,score,recommended,override_reason,volume_raw,volume_band,volume_weight,volume_contribution,volume_reason,trend_raw,trend_band,trend_weight,trend_contribution,trend_reason,perception_raw,perception_band,perception_weight,perception_contribution,perception_reason,influence_raw,influence_band,influence_weight,influence_contribution,influence_reason',
    );
  });

  it('judgements for a theme that is not in csp.yaml stop the ranking, naming the file and line', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(dir, 'judgements.csv'), `${JUDGEMENTS}Road safety,5\n`);
    const r = await cli(['assess', '--config', path.join(dir, 'csp.yaml'), '--quiet', '--format', 'html']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('judgements.csv:7: 1 judgement row names a theme that is not in csp.yaml, e.g. "Road safety"');
  });

  it('says where sources do not cover the windows', () => {
    expect(a.dataQuality.map((f) => f.id)).toEqual(expect.arrayContaining(['coverage-police', 'coverage-council-asb']));
    expect(a.dataQuality.find((f) => f.id === 'coverage-police')!.effect).toBe(
      'months without data count as zero in the totals; changes are measured on the months both windows have',
    );
  });
});
