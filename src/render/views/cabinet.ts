import type { Assessment } from '../../analyse/assessment-schema.js';
import type { Config } from '../../config/load.js';
import { criteriaList } from '../criteria.js';
import { andList, count, nthHighest, pct, pounds, rate } from '../../core/words.js';
import type { Plan } from '../../config/plan-schema.js';
import { actionsWith, branding, frame, planDate, table, themeName, underHeading } from './common.js';
import { PublicFigures } from './plan-figures.js';
import { overrideText } from './plan-priorities.js';
import { NumberedReport } from './numbered.js';
import { publicCaveats } from './public-caveats.js';

/** The report's front matter, before its numbered body, as the seeds' reports open. */
const FRONT = [
  ['recommendations', 'Recommendations'],
  ['options', 'Options'],
  ['summary', 'Executive summary'],
  ['implications', 'Corporate implications'],
] as const;

/** The covering report for Scrutiny and Cabinet, in the council's report format (the seeds' 2017 report). */
export function cabinetView(a: Assessment, plan: Plan, config: Config, stylesheet: string) {
  const brand = branding(config);
  const figures = new PublicFigures(a, config);
  const c = plan.cabinet;
  const r = a.ranking;
  const recommended = r.themes.filter((t) => t.recommended);
  const s = a.survey;
  const borderline = r.sensitivity.borderline.map((b) => themeName(a, b.theme));

  const evidence = [
    `The strategic assessment compared ${a.period.label} with ${a.period.previousLabel} across ${a.sources.length} partner data sources (${count(a.sources.reduce((n, x) => n + x.rowsAccepted, 0))} records).`,
    `${count(a.allCrime.current)} crimes were recorded in ${a.area.name} in ${a.period.label}, ${figures.changeWithVerdict(a.allCrime)}.`,
    `The ${r.themes.length} candidate themes were ranked on ${criteriaList(r.criteria)}; the ${recommended.length} ranked highest were ${andList(recommended.map((t) => t.name))}.` +
      (r.sensitivity.robust
        ? ' The choice does not change when any weight or threshold is varied.'
        : ` The choice is close for ${andList(borderline)}: varying a weight or threshold can move ${borderline.length > 1 ? 'them' : 'it'} in or out.`),
  ];

  // The executive summary's own paragraph: the proposed priorities by name, and the headline figures.
  const ac = a.allCrime;
  const headline = {
    lead: `The plan proposes ${plan.priorities.length === 1 ? 'one priority' : `${plan.priorities.length} priorities`}, informed by the strategic assessment:`,
    priorities: plan.priorities.map((p) => ({ name: p.name, themes: p.themes.map((id) => themeName(a, id)).join(', ') })),
    figures:
      `${count(ac.current)} crimes were recorded in ${a.area.name} in ${a.period.label}, ${figures.changeWithVerdict(ac)}.` +
      (ac.ratePer1000 !== null && ac.forceAverageRatePer1000 !== null && ac.rank !== null && ac.rankOf !== null
        ? ` That is ${rate(ac.ratePer1000)} per 1,000 residents against the ${a.area.force} average of ${rate(ac.forceAverageRatePer1000)}, ${nthHighest(ac.rank)} rate of its ${ac.rankOf} districts.`
        : ''),
  };

  const done = (status: string) => actionsWith(a, status);
  const measured = a.actions.filter((x) => x.measure && x.baseline !== null && x.latest !== null);
  const annexes = [{ title: `Annex 1: the draft ${plan.title}` }, ...c.annexes.map((x, i) => ({ title: `Annex ${i + 2}: ${x.title}` }))];
  const consultation = c.consultation;
  const is = (n: number) => (n === 1 ? 'is' : 'are');

  // The numbered body: 1.0 Background, 1.1, 1.2 … as the seeds' reports are set out.
  const body = new NumberedReport()
    .section('background', 'Background')
    .para(c.background)
    .para(
      "Each year the partnership assesses the partners' data to find emerging crime and disorder trends; these, with the views of residents and practitioners, set the priorities of the plan for the coming year.",
    )
    .section('last-year', "Last year's plan")
    .para(c.lastYear);
  if (a.actions.length > 0) {
    body.para(
      `Of last year's ${a.actions.length} actions, ${done('completed')} ${done('completed') === 1 ? 'has' : 'have'} been completed, ${done('ongoing')} ${is(done('ongoing'))} ongoing and ${done('carried forward')} ${is(done('carried forward'))} carried forward into the new plan.`,
    );
    if (measured.length > 0)
      body.para(
        'Highlights:',
        measured.map(
          (x) =>
            `${x.measure}: ${x.latest! > x.baseline! ? 'up' : x.latest! < x.baseline! ? 'down' : 'unchanged'} from ${count(x.baseline)} to ${count(x.latest)} (${x.action})`,
        ),
      );
    const carried = a.actions.filter((x) => x.status === 'carried forward').map((x) => x.action);
    if (carried.length > 0) body.para('Carried forward into the new plan:', carried);
  }
  body.section('evidence', 'How the priorities were chosen');
  for (const e of evidence) body.para(e);
  body.section('consultation', 'Consultation').para(consultation.practitioners);
  body.para(
    `Residents were consulted from ${consultation.from} to ${consultation.to}, ${consultation.method}.` +
      (s
        ? ` ${count(s.responses)} responses were received${s.agreePct === null ? '' : `; ${pct(s.agreePct)} agreed or strongly agreed (the two answers added together) with the proposed priorities`}.`
        : ''),
  );
  body
    .section('priorities', 'Proposed priorities')
    .para(
      `The plan proposes ${plan.priorities.length === 1 ? 'one priority' : `${plan.priorities.length} priorities`}:`,
      plan.priorities.map((p) => ({
        strong: p.name,
        text: ` (led by ${p.lead}; ${p.actions.length} action${p.actions.length === 1 ? '' : 's'} in the first year): ${p.themes.map((id) => themeName(a, id)).join(', ')}.`,
        note: overrideText(a, p),
      })),
    )
    .para('The full draft plan, with its action plan, is Annex 1.')
    .section('accountability', 'Accountability and performance management')
    .para(c.accountability)
    .section('scrutiny', 'Overview and Scrutiny')
    .para(
      c.scrutiny
        ? `The draft plan was considered by the ${c.scrutiny.meeting.replace(/^the /i, '')}.`
        : 'The draft plan has not yet been considered by Overview and Scrutiny; its comments will be reported to the meeting.',
    );
  if (c.scrutiny) body.para(c.scrutiny.comments);
  body.section('decision', 'Decision-making process and policy framework').para(c.decisionMaking);

  const view = {
    ...frame({
      title: `${plan.title}: report to ${c.meeting}`,
      subtitle: `${c.meeting}, ${c.date}`,
      author: c.reportAuthor,
      marking: null,
      generatedOn: planDate(a, plan, config),
      branding: brand,
      stylesheet,
      contents: [
        ...FRONT.map(([id, title]) => ({ id, title })),
        ...body.sections.map((x) => ({ id: x.id, title: `${x.no} ${x.title}` })),
        { id: 'annexes', title: 'Annexes, background papers and corporate consultation' },
      ],
      sampleNote: config.output.watermark ?? null,
      contentsPlain: true,
    }),
    cabinet: c,
    meta: table(
      'About this report',
      ['Item', 'Detail'],
      [
        ['Meeting', `${c.meeting}, ${c.date}`],
        ['Report author', c.reportAuthor],
        ['Portfolio holder', c.portfolioHolder],
        ['Status', c.status],
        ['Classification', c.classification],
        ['Ward', 'All wards'],
        // The figures are of the data period, not of the day csp ran.
        ['Date of the figures', `${a.period.label}, compared with ${a.period.previousLabel}`],
      ],
    ),
    implications: {
      ...underHeading(
        table(
          'Corporate implications',
          ['Area', 'Implication'],
          [
            ['Financial and value for money', c.implications.financial],
            ...(plan.grant
              ? [
                  [
                    'Grant and its monitoring',
                    `${plan.grant.from[0]!.toUpperCase()}${plan.grant.from.slice(1)} has awarded the partnership a grant of ${pounds(plan.grant.amount)} for ${plan.grant.year}, for the plan's activity. ${plan.grant.monitoring.replaceAll(/\s+/g, ' ').trim()}`,
                  ],
                ]
              : []),
            ['Legal', c.implications.legal],
            ['Corporate', c.implications.corporate],
            ...(c.implications.risk ? [['Corporate risk', c.implications.risk]] : []),
            ['Equality Act 2010 and Public Sector Equality Duty', c.implications.equalities],
          ],
        ),
      ),
      labels: true,
    },
    body: body.sections,
    headline,
    annexes,
    backgroundPapers:
      c.backgroundPapers.length === 0
        ? null
        : underHeading(
            table(
              'Background papers',
              ['Title', 'Where to see a copy'],
              c.backgroundPapers.map((b) => [b.title, b.where]),
            ),
          ),
    corporateConsultation: underHeading(
      table(
        'Corporate consultation',
        ['Area', 'Officer'],
        c.corporateConsultation.map((x) => [x.area, x.name]),
      ),
    ),
    // The caveats on the figures, said once, under the executive summary's headline figures.
    figureNotes: [] as string[],
  };
  // Last: the note on changes marked * is about every change printed above, so it is known only now.
  view.figureNotes = [figures.gapNote(), ...publicCaveats(a).map((x) => x.text)].filter((x): x is string => x !== null);
  return view;
}
