import type { Assessment } from '../../analyse/assessment-schema.js';
import type { Config } from '../../config/load.js';
import { ratesSpec, renderChart } from '../charts.js';
import { count, nthHighest, pct, pounds, rate } from '../../core/words.js';
import type { Plan } from '../../config/plan-schema.js';
import { actionsWith, branding, figure, frame, planDate, table, underHeading } from './common.js';
import { PublicFigures } from './plan-figures.js';
import { overrideText } from './plan-priorities.js';
import { howChosen, youSaidWeDid } from './plan-choice.js';
import { publicCaveats } from './public-caveats.js';
import { publicWardMap } from './plan-map.js';
import type { BoundaryLayer } from '../../ingest/boundaries/index.js';

/** The sections of the plan, in the seeds' order; `newPage` where the seeds' plans turn a page. */
const SECTIONS = [
  ['foreword', 'Foreword'],
  ['about', 'About {area}'],
  ['partnership', 'What is the Community Safety Partnership?'],
  ['membership', 'Membership'],
  ['accountability', 'Accountability'],
  ['structure', 'Partnership structure'],
  ['strategy', 'Strategy and legislation'],
  ['chosen', 'How the priorities were chosen'],
  ['priorities', 'Our priorities'],
  ['demographics', 'Demographics'],
  ['crime', 'Crime'],
  ['achievements', 'Key activities and achievements'],
  ['action-plan', 'Action plan {year}'],
  ['agency-priorities', 'Agency priorities'],
  ['engagement', 'Engagement feedback'],
  ['you-said', 'You said, we did'],
  ['next', 'What happens next?'],
  ['involved', 'How you can get involved'],
  ['contacts', 'Useful contacts'],
] as const;

/** The public Community Safety Plan: the partnership's words from plan.yaml, every figure from assessment.json. */
/** `wards`: the ward boundary file the assessment's maps were drawn with, for the plan's map; null leaves it out. */
export async function planView(a: Assessment, plan: Plan, config: Config, o: { stylesheet: string; wards?: BoundaryLayer | null }) {
  const stylesheet = o.stylesheet;
  const brand = branding(config);
  const figures = new PublicFigures(a, config);
  const themeById = new Map(a.themes.map((t) => [t.id, t]));

  const ac = a.allCrime;
  const diff = ac.differenceFromForcePer1000;
  // With a sensitive count suppressed, an exact total minus the other themes could reveal it:
  // the total is then given to the nearest 10.
  const anySuppressed = a.themes.some((t) => figures.hidden(t, t.sensitive));
  const about = (n: number) => (anySuppressed ? `about ${count(Math.round(n / 10) * 10)}` : count(n));
  const total = about(ac.current);
  const versus =
    diff === null || ac.rank === null
      ? ''
      : diff === 0
        ? `${a.area.name}'s rate of recorded crime is about the same as the ${a.area.force} average: ${nthHighest(ac.rank)} of the ${ac.rankOf} districts. `
        : `${a.area.name} has ${rate(Math.abs(diff))} ${diff > 0 ? 'more' : 'fewer'} crimes recorded per 1,000 people than the ${a.area.force} average: ${nthHighest(ac.rank)} rate of the ${ac.rankOf} districts. `;
  const crimeHeadline = `${versus}${total} crimes were recorded in ${a.area.name} in ${a.period.label}, ${figures.changeWithVerdict(ac, { round: about })}.`;

  const comparators = a.comparators.filter((c) => c.group === 'force' && c.ratePer1000 !== null);
  const rates = await renderChart(
    'chart-plan-rates',
    `Crimes per 1,000 residents by district, ${a.period.label}`,
    `${a.area.name} has ${rate(ac.ratePer1000)} crimes per 1,000 residents; the dashed line is the ${a.area.force} average of ${rate(ac.forceAverageRatePer1000)}.`,
    ratesSpec(
      comparators.map((c) => ({ area: c.area, rate: c.ratePer1000!, isArea: c.isArea })),
      ac.forceAverageRatePer1000,
      { primary: brand.primaryColour, muted: '#9aa7b3' },
    ),
  );

  const priorities = plan.priorities.map((p, i) => ({
    id: `priority-${i + 1}`,
    name: p.name,
    description: p.description,
    lead: p.lead,
    whatWeWillDo: p.whatWeWillDo,
    themes: p.themes.map((id) => figures.themeLine(themeById.get(id)!)),
    underlying: p.underlying,
    override: overrideText(a, p),
    measures: p.actions.map((x) => `${x.measure}: ${x.target}`),
  }));

  // A theme's own figures are its headline source's (its first); each partner's follows on its own row.
  // Where a window has an incomplete month, the change on the months both years have stands beside
  // the totals' own change, with its counts (without a gap anywhere, that column is left out).
  const anyGap = a.themes.some((t) => t.measures.some((m) => m.comparable !== null));
  const themeRows = a.themes.flatMap((t) =>
    [[t.name, t] as const, ...t.measures.slice(1).map((m) => [`${t.name}: ${figures.noun(m)}`, m] as const)].map(([label, f]) => [
      label,
      figures.count(f.current, t.sensitive),
      figures.count(f.previous, t.sensitive),
      ...(figures.hidden(f, t.sensitive) ? ['not shown', 'not shown'] : [figures.totalsChange(f), anyGap ? figures.comparableChange(f, t.sensitive) : '']),
    ]),
  );

  const statuses = ['completed', 'ongoing', 'carried forward'].map((s) => ({ status: s, n: actionsWith(a, s) }));
  const measured = a.actions.filter((x) => x.measure && x.baseline !== null && x.latest !== null);
  const s = a.survey;
  const safeDark = s?.safeDarkPct ?? null;

  const view = {
    ...frame({
      title: plan.title,
      subtitle: plan.period,
      author: brand.name,
      marking: null,
      generatedOn: planDate(a, plan, config),
      branding: brand,
      stylesheet,
      contents: [
        ...SECTIONS.slice(0, 1),
        ...plan.statements.map((st, i) => [`statement-${i + 1}`, st.title] as const),
        ...SECTIONS.slice(1).filter(([id]) => id !== 'you-said' || plan.youSaidWeDid.length > 0),
      ].map(([id, title]) => ({ id, title: title.replace('{area}', a.area.name).replace('{year}', plan.actionPlanYear) })),
      sampleNote: config.output.watermark ?? null,
    }),
    plan,
    areaName: a.area.name,
    statements: plan.statements.map((st, i) => ({ ...st, id: `statement-${i + 1}` })),
    // The foreword's headline figures: what a councillor quotes from the plan.
    headline: [
      { big: total, text: `crimes recorded in ${a.area.name} in ${a.period.label}, ${figures.changeWithVerdict(ac, { round: about })}` },
      ...(diff === null
        ? []
        : [{ big: rate(ac.ratePer1000), text: `crimes per 1,000 residents, against ${rate(ac.forceAverageRatePer1000)} across ${a.area.force}` }]),
      ...(safeDark === null
        ? []
        : [{ big: pct(safeDark), text: 'of residents surveyed feel very or fairly safe after dark (the two answers added together)' }]),
      ...(plan.grant
        ? [{ big: pounds(plan.grant.amount), text: `grant from ${plan.grant.from} for ${plan.grant.year}, which funds the plan's activity` }]
        : []),
    ],
    membership: plan.membership.map((m) => (typeof m === 'string' ? { name: m, description: '' } : m)),
    structure: table(
      "The partnership's groups",
      ['Group', 'Chair', 'Remit'],
      plan.structure.groups.map((g) => [g.name, g.chair, g.remit]),
    ),
    strategy: plan.strategy.documents,
    chosen: howChosen(a, plan),
    youSaidWeDid: youSaidWeDid(a, plan),
    priorities,
    population:
      a.area.population === null
        ? null
        : `${a.area.name}'s population is ${count(a.area.population)}${a.area.populationYear ? ` (${a.area.populationYear} estimate)` : ''}.`,
    demographics: plan.demographics.map((d) => (typeof d === 'string' ? { topic: '', text: d } : d)),
    crime: {
      headline: crimeHeadline,
      figure: figure(
        rates,
        table(
          `Crimes per 1,000 residents by district, ${a.period.label}`,
          ['District', ['Per 1,000', 'num'], ['Rank', 'num']],
          comparators.map((c) => [c.isArea ? `${c.area} (this partnership)` : c.area, rate(c.ratePer1000), String(c.rank ?? '–')]),
          (i) => comparators[i]!.isArea,
        ),
      ),
      themes: table(
        `Recorded incidents in ${a.area.name}, ${a.period.label} and ${a.period.previousLabel}`,
        [
          'Theme',
          [a.period.label, 'num'],
          [a.period.previousLabel, 'num'],
          ['Change', 'num'],
          [`On the ${a.allCrime.comparable?.months ?? a.period.months} months both years have*`, 'num'],
        ],
        themeRows,
      ),
      map: o.wards ? publicWardMap(a, { wards: o.wards, rounded: anySuppressed, suppressBelow: config.output.suppressBelow }) : null,
      suppressed: anySuppressed
        ? `To protect victims, counts below ${config.output.suppressBelow} for sensitive offences are shown as "fewer than ${config.output.suppressBelow}", their changes are not shown, and the total is rounded to the nearest 10.`
        : null,
    },
    achievements: {
      summary:
        a.actions.length === 0
          ? null
          : `Of last year's ${a.actions.length} actions, ${statuses.map((x) => `${x.n} ${x.n === 1 ? 'is' : 'are'} ${x.status}`).join(', ')}.`,
      measures: measured.map((x) => ({
        measure: x.measure!,
        text:
          x.latest! > x.baseline!
            ? `increased from ${count(x.baseline)} to ${count(x.latest)}`
            : x.latest! < x.baseline!
              ? `reduced from ${count(x.baseline)} to ${count(x.latest)}`
              : `stayed at ${count(x.latest)}`,
      })),
      table:
        a.actions.length === 0
          ? null
          : table(
              "Last year's actions and where they stand",
              ['Action', 'Priority', 'Status'],
              a.actions.map((x) => [x.action, x.theme ?? '', x.status]),
            ),
    },
    actionPlan: plan.priorities.map((p, i) => ({
      id: `actions-${i + 1}`,
      name: p.name,
      table: table(
        `${p.name}: actions for ${plan.actionPlanYear}`,
        ['Action', 'Lead', 'Measure of success', 'Target', 'By when'],
        p.actions.map((x) => [x.action, x.lead, x.measure, x.target, x.when]),
      ),
    })),
    engagement:
      s === null
        ? null
        : {
            figures: [
              { big: count(s.responses), text: 'residents responded to the survey' },
              ...(s.agreePct === null
                ? []
                : [{ big: pct(s.agreePct), text: 'agreed or strongly agreed with the proposed priorities (the two answers added together)' }]),
              ...(s.safeDayPct === null ? [] : [{ big: pct(s.safeDayPct), text: 'feel very or fairly safe in the daytime (the two answers added together)' }]),
              ...(s.safeDarkPct === null ? [] : [{ big: pct(s.safeDarkPct), text: 'feel very or fairly safe after dark (the two answers added together)' }]),
            ],
            problems: table(
              'What residents said are problems in their area (each resident could choose several)',
              ['Answer', ['Share of respondents', 'num']],
              s.problems.slice(0, 8).map((p) => [p.option, pct(p.sharePct)]),
            ),
          },
    cycle: table(
      'The annual cycle',
      ['Activity', 'When'],
      plan.nextSteps.cycle.map((c) => [c.activity, c.when]),
    ),
    emergency: `In an emergency, when a crime is happening or someone is in danger, call 999. To report a crime or anti-social behaviour that is not an emergency, call ${a.area.force} on 101.`,
    contacts:
      plan.contacts.length === 0
        ? null
        : underHeading(
            table(
              'Useful contacts',
              ['Organisation', 'Telephone', 'Email', 'Website'],
              plan.contacts.map((c) => [c.name, c.phone, c.email, c.web]),
            ),
          ),
    // The caveats on the figures, said once, under the first figures they touch (the foreword's).
    figureNotes: [] as string[],
  };
  // Last: the note on changes marked * is about every change printed above, so it is known only now.
  view.figureNotes = [figures.gapNote(), ...publicCaveats(a).map((c) => c.text)].filter((x): x is string => x !== null);
  return view;
}
