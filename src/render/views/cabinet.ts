import type { Assessment } from '../../analyse/assessment-schema.js';
import type { Config } from '../../config/load.js';
import { count, pct } from '../format.js';
import type { Plan } from '../plan-schema.js';
import { branding, frame, table } from './common.js';

/** The covering report for Scrutiny and Cabinet, in the council's report format. */
export function cabinetView(a: Assessment, plan: Plan, config: Config, stylesheet: string) {
  const brand = branding(config);
  const c = plan.cabinet;
  const recommended = a.ranking.themes.filter((t) => t.recommended);
  const s = a.survey;
  const evidence = [
    `The strategic assessment compared ${a.period.label} with ${a.period.previousLabel} across ${a.sources.length} partner data sources (${count(a.sources.reduce((n, x) => n + x.rowsAccepted, 0))} records).`,
    a.allCrime.summary,
    `Candidate themes were ranked on ${a.ranking.criteria.map((x) => x.id).join(', ')}; the highest ranked were ${recommended.map((t) => t.name).join(', ')}.` +
      (a.ranking.sensitivity.robust ? ' The choice does not change when any weight or threshold is varied.' : ' The choice is sensitive to the weights for some themes; the assessment sets out which.'),
    ...(s ? [`${count(s.responses)} residents responded to the consultation; ${pct(s.agreePct)} agreed or strongly agreed with the proposed priorities.`] : []),
  ];
  return {
    ...frame({
      title: `${plan.title}: report to ${c.meeting}`,
      subtitle: `${c.meeting}, ${c.date}`,
      author: c.reportAuthor,
      marking: null,
      generatedOn: a.generatedOn,
      branding: brand,
      stylesheet,
      contents: [
        ['recommendations', 'Recommendations'], ['summary', 'Executive summary'], ['implications', 'Corporate implications'],
        ['background', 'Background'], ['evidence', 'The evidence behind the priorities'], ['priorities', 'Proposed priorities'], ['annexes', 'Annexes and background papers'],
      ].map(([id, title]) => ({ id: id!, title: title! })),
      sampleNote: config.output.watermark ?? null,
    }),
    cabinet: c,
    meta: table('About this report', ['Item', 'Detail'], [
      ['Meeting', `${c.meeting}, ${c.date}`], ['Report author', c.reportAuthor], ['Portfolio holder', c.portfolioHolder],
      ['Status', c.status], ['Classification', c.classification], ['Ward', 'All wards'],
      // The figures are of the data period, not of the day csp ran.
      ['Date of the figures', `${a.period.label}, compared with ${a.period.previousLabel}`],
    ]),
    evidence,
    priorities: plan.priorities.map((p) => ({ name: p.name, themes: p.themes.map((id) => a.themes.find((t) => t.id === id)?.name ?? id).join(', ') })),
    implications: table('Corporate implications', ['Area', 'Implication'], [
      ['Financial and value for money', c.implications.financial], ['Legal', c.implications.legal],
      ['Corporate', c.implications.corporate], ['Equality Act 2010 and Public Sector Equality Duty', c.implications.equalities],
    ]),
  };
}
