import type { Assessment } from '../../analyse/assessment-schema.js';
import type { Config } from '../../config/load.js';
import { criteriaList } from '../criteria.js';
import { count, nthHighest, pct, pounds, rate } from '../../core/words.js';
import type { Plan } from '../../config/plan-schema.js';
import { actionsWith, branding, frame, table, themeName } from './common.js';
import { PublicFigures } from './plan-figures.js';
import { overrideText } from './plan-priorities.js';

const SECTIONS = [
  ['recommendations', 'Recommendations'],
  ['options', 'Options'],
  ['summary', 'Executive summary'],
  ['implications', 'Corporate implications'],
  ['background', 'Background'],
  ['last-year', "Last year's plan"],
  ['evidence', 'How the priorities were chosen'],
  ['consultation', 'Consultation'],
  ['priorities', 'Proposed priorities'],
  ['accountability', 'Accountability and performance management'],
  ['decision', 'Decision-making process and policy framework'],
  ['annexes', 'Annexes, background papers and corporate consultation'],
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
    `The ${r.themes.length} candidate themes were ranked on ${criteriaList(r.criteria)}; the ${recommended.length} ranked highest were ${recommended.map((t) => t.name).join(', ')}.` +
      (r.sensitivity.robust
        ? ' The choice does not change when any weight or threshold is varied.'
        : ` The choice is close for ${borderline.join(' and ')}: varying a weight or threshold can move ${borderline.length > 1 ? 'them' : 'it'} in or out.`),
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

  const view = {
    ...frame({
      title: `${plan.title}: report to ${c.meeting}`,
      subtitle: `${c.meeting}, ${c.date}`,
      author: c.reportAuthor,
      marking: null,
      generatedOn: a.generatedOn,
      branding: brand,
      stylesheet,
      contents: SECTIONS.map(([id, title]) => ({ id, title })),
      sampleNote: config.output.watermark ?? null,
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
      ...table(
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
          ['Equality Act 2010 and Public Sector Equality Duty', c.implications.equalities],
        ],
      ),
      labels: true,
    },
    lastYear:
      a.actions.length === 0
        ? null
        : {
            summary: `Of last year's ${a.actions.length} actions, ${done('completed')} ${done('completed') === 1 ? 'has' : 'have'} been completed, ${done('ongoing')} ${done('ongoing') === 1 ? 'is' : 'are'} ongoing and ${done('carried forward')} ${done('carried forward') === 1 ? 'is' : 'are'} carried forward into the new plan.`,
            highlights: measured.map(
              (x) =>
                `${x.measure}: ${x.latest! > x.baseline! ? 'up' : x.latest! < x.baseline! ? 'down' : 'unchanged'} from ${count(x.baseline)} to ${count(x.latest)} (${x.action})`,
            ),
            carried: a.actions.filter((x) => x.status === 'carried forward').map((x) => x.action),
          },
    evidence,
    headline,
    consultation: {
      practitioners: consultation.practitioners,
      residents:
        `Residents were consulted from ${consultation.from} to ${consultation.to}, ${consultation.method}.` +
        (s
          ? ` ${count(s.responses)} responses were received${s.agreePct === null ? '' : `; ${pct(s.agreePct)} agreed or strongly agreed (the two answers added together) with the proposed priorities`}.`
          : ''),
    },
    priorities: plan.priorities.map((p) => ({
      name: p.name,
      lead: p.lead,
      themes: p.themes.map((id) => themeName(a, id)).join(', '),
      override: overrideText(a, p),
      actions: String(p.actions.length),
    })),
    annexes,
    backgroundPapers:
      c.backgroundPapers.length === 0
        ? null
        : table(
            'Background papers',
            ['Title', 'Where to see a copy'],
            c.backgroundPapers.map((b) => [b.title, b.where]),
          ),
    corporateConsultation: table(
      'Corporate consultation',
      ['Area', 'Officer'],
      c.corporateConsultation.map((x) => [x.area, x.name]),
    ),
    gapNote: null as string | null,
  };
  view.gapNote = figures.gapNote();
  return view;
}
