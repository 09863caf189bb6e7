import { describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Assessment } from '../../src/analyse/assessment-schema.js';
import type { Config } from '../../src/config/load.js';
import { planSchema, type Plan } from '../../src/config/plan-schema.js';
import { andList } from '../../src/core/words.js';
import { planDate } from '../../src/render/views/common.js';
import { NumberedReport } from '../../src/render/views/numbered.js';
import { howChosen, uncoveredConcerns, youSaidWeDid } from '../../src/render/views/plan-choice.js';
import { planWarnings } from '../../src/render/views/plan-warnings.js';
import { publicCaveats } from '../../src/render/views/public-caveats.js';
import { readAssessment, ROOT } from '../helpers.js';

// The small workspace's assessment (test/fixtures/small, every figure worked by hand in its
// README), and a plan for it written here: variants of both trigger each rule.
const small = (): Assessment => readAssessment(path.join(ROOT, 'test', 'golden', 'small', 'assessment.json'));
const action = { action: 'Patrols', lead: 'Police', measure: 'Shifts', target: 10 };
const plan = (extra: Record<string, unknown> = {}): Plan =>
  planSchema.parse({
    title: 'Plan',
    period: '2026 to 2029',
    actionPlanYear: '2026 to 2027',
    foreword: { author: 'A', role: 'Chair', text: 'Text' },
    about: { area: 'Area', partnership: 'Partnership' },
    membership: ['Council'],
    accountability: 'Accountable',
    structure: { groups: [{ name: 'Executive', remit: 'Decides' }] },
    strategy: { documents: [{ name: 'Act', summary: 'Law' }] },
    priorities: [
      { name: 'Safer streets', themes: ['violence', 'asb'], lead: 'Police', whatWeWillDo: 'Patrol', actions: [action] },
      { name: 'Fires', themes: ['fires'], lead: 'Fire', whatWeWillDo: 'Visit', actions: [action], overrideReason: 'Fires matter to residents here.' },
    ],
    engagement: 'Survey',
    nextSteps: {},
    getInvolved: 'Meetings',
    cabinet: {
      meeting: 'Cabinet',
      date: '12 March 2026',
      reportAuthor: 'B',
      portfolioHolder: 'C',
      status: 'For Decision',
      recommendations: ['Approve'],
      options: ['Approve'],
      executiveSummary: 'Summary',
      decisionMaking: 'Cabinet decides',
      lastYear: 'Last year',
      consultation: { from: '5 January', to: '30 January', method: 'online' },
      accountability: 'Quarterly',
      implications: { financial: 'None', legal: 'Section 17', corporate: 'Supports', equalities: 'None', risk: 'None' },
      contactOfficer: 'B',
      corporateConsultation: [{ area: 'Finance', name: 'D' }],
    },
    ...extra,
  });

describe('andList', () => {
  it('sets items with their own "and" apart, so a reader sees where each ends', () => {
    expect(andList(['a'])).toBe('a');
    expect(andList(['a', 'b', 'c'])).toBe('a, b and c');
    expect(andList(['Drugs', 'Violence and sexual offences', 'Anti-social behaviour'])).toBe('Drugs; Violence and sexual offences; and Anti-social behaviour');
    expect(andList(['Public order', 'Criminal damage and deliberate fires'])).toBe('Public order, and Criminal damage and deliberate fires');
  });
});

describe('"How the priorities were chosen" in public words', () => {
  it('the criteria, the recommended themes, the one the partnership added and what residents named most', () => {
    const text = howChosen(small(), plan({ youSaidWeDid: [{ concern: 'Burglary', answer: 'Burglary patrols in the winter months.' }] }));
    expect(text[0]).toContain('scored each on how common it is against the Kent Police average, whether it is rising or falling, the harm it does to victims');
    // The small ranking recommends its top 2; the plan adds fires (ranked 3rd) with a reason.
    expect(text[1]).toBe(
      'Each theme scored 1 to 3 points on each of these, and the 2 with the most points were recommended: Violence and sexual offences, and Anti-social behaviour.',
    );
    expect(text[2]).toBe(
      'The partnership grouped them into 2 priorities, and also chose Deliberate fires, which the scoring did not recommend, for the reason given under its priority.',
    );
    expect(text[3]).toBe(
      '10 residents answered the survey. The problems they named most were ASB (60.0%), Violence (40.0%) and Burglary (30.0%); concerns that no priority covers are answered under "You said, we did".',
    );
  });
});

describe('"You said, we did"', () => {
  it('the top concerns no priority covers, answered or not; each answer with its survey figure', () => {
    // Violence and ASB are covered (their themes are priorities), Fires by the override: Burglary is not.
    expect(uncoveredConcerns(small(), plan())).toEqual([{ option: 'Burglary', sharePct: 30, answered: false }]);
    const answered = plan({ youSaidWeDid: [{ concern: 'burglary', answer: 'Burglary patrols in the winter months.' }] });
    expect(uncoveredConcerns(small(), answered)).toEqual([{ option: 'Burglary', sharePct: 30, answered: true }]);
    expect(youSaidWeDid(small(), answered)).toEqual([
      {
        said: 'Burglary is a problem in your area: 30.0% of the 10 residents who answered the survey named it.',
        did: 'Burglary patrols in the winter months.',
      },
    ]);
  });
});

describe('caveats and warnings for the public documents', () => {
  it('a population six years old is said once in plain words; an info finding is not', () => {
    const a = small();
    expect(publicCaveats(a)).toEqual([]);
    a.area.populationYear = 2019;
    a.dataQuality.find((f) => f.id === 'population-year')!.severity = 'warning';
    expect(publicCaveats(a).map((c) => c.text)).toEqual([
      'Rates per 1,000 residents use the 2019 population estimates, 6 years older than the figures: where the population has grown since, the rates are too high.',
    ]);
  });

  it('a partly published month is left to the note on changes marked *; another warning on a quoted figure is said in its own words', () => {
    const a = small();
    a.dataQuality.push(
      {
        id: 'partial-month-police-2025-03',
        severity: 'warning',
        source: 'police',
        message: 'March 2025 looks partially published',
        effect: 'changes use comparable months',
        affects: ['violence'],
      },
      {
        id: 'repeated-areas-council',
        severity: 'warning',
        source: 'council',
        message: 'the council gives 2 areas twice',
        effect: 'those areas count twice',
        affects: ['asb'],
      },
      { id: 'unplaced-fire', severity: 'warning', source: 'fire', message: 'rows in no district', effect: 'they count nowhere', affects: [] },
    );
    expect(publicCaveats(a).map((c) => [c.id, c.text])).toEqual([
      ['partial-month-police-2025-03', null],
      ['repeated-areas-council', 'The council gives 2 areas twice: those areas count twice.'],
    ]);
  });

  it('render-plan warns of each override, each caveat, each unanswered top concern and a missing risk line', () => {
    const p = plan();
    p.cabinet.implications.risk = undefined;
    expect(planWarnings(small(), p).map((w) => w.message)).toEqual([
      'priority "Fires" includes Deliberate fires (ranked 3rd), which the ranking did not recommend: the plan and the Cabinet report print the reason given in plan.yaml',
      'residents\' concern "Burglary" (30.0%, one of the 5 problems they named most) is in no priority, and plan.yaml does not answer it',
      "the Cabinet report's corporate implications have no corporate-risk line",
    ]);
  });
});

describe('the date the plan and the Cabinet report carry', () => {
  it("output.date, else plan.yaml's date, else the assessment's; never the day render-plan ran", () => {
    const a = small();
    const config = (date?: string) => ({ output: { date } }) as unknown as Config;
    expect(planDate(a, plan(), config())).toBe('2026-01-01');
    expect(planDate(a, plan({ date: '2026-03-02' }), config())).toBe('2026-03-02');
    expect(planDate(a, plan({ date: '2026-03-02' }), config('2026-02-20'))).toBe('2026-02-20');
  });
});

describe('the numbered paragraphs of the Cabinet report', () => {
  it('1.0 and 1.1, 1.2 …; a text block of several paragraphs numbers each; a list goes with the last', () => {
    const r = new NumberedReport()
      .section('a', 'Background')
      .para('One.\n\nTwo,\ncontinued.')
      .section('b', 'Priorities')
      .para('Three:', ['x', { strong: 'y', text: ': z' }]);
    expect(r.sections).toEqual([
      {
        id: 'a',
        no: '1.0',
        title: 'Background',
        paragraphs: [
          { no: '1.1', text: 'One.', list: [] },
          { no: '1.2', text: 'Two, continued.', list: [] },
        ],
      },
      {
        id: 'b',
        no: '2.0',
        title: 'Priorities',
        paragraphs: [
          {
            no: '2.1',
            text: 'Three:',
            list: [
              { strong: null, text: 'x', note: null },
              { strong: 'y', text: ': z', note: null },
            ],
          },
        ],
      },
    ]);
  });
});
