import type { Assessment } from '../../analyse/assessment-schema.js';
import type { Config } from '../../config/load.js';
import { invalidInput } from '../../errors.js';
import { ratesSpec, renderChart } from '../charts.js';
import { count, Disclosure, pct, rate } from '../format.js';
import type { Plan } from '../plan-schema.js';
import { monthLabel } from '../../analyse/months.js';
import { ordinal } from '../../analyse/summary.js';
import { branding, figure, frame, table } from './common.js';

const ordinalRank = (k: number) => (k === 1 ? 'the highest' : `the ${ordinal(k)} highest`);

/** The public Community Safety Plan: the partnership's words from plan.yaml, every figure from assessment.json. */
export async function planView(a: Assessment, plan: Plan, config: Config, stylesheet: string) {
  const brand = branding(config);
  const disclosure = new Disclosure(true, config.output.suppressBelow);
  const themeById = new Map(a.themes.map((t) => [t.id, t]));
  const problems = plan.priorities.flatMap((p, i) => p.themes.filter((id) => !themeById.has(id)).map((id) => ({
    message: `priority "${p.name}" names theme "${id}", which is not in the assessment`,
    where: { key: `priorities.${i}.themes` },
    hint: `themes are: ${a.themes.map((t) => t.id).join(', ')}`,
  })));
  if (problems.length > 0) throw invalidInput(problems);

  /** A theme's headline in words, with small counts of sensitive themes suppressed. */
  const themeLine = (id: string) => {
    const t = themeById.get(id)!;
    const hidden = disclosure.hides(t.current, t.sensitive) || disclosure.hides(t.previous, t.sensitive);
    // Where a window has a gap month, only the change on comparable months is described, and
    // a public reader is told why: a gap in the data is not a change in crime.
    const c = t.comparable;
    const f = c ?? t;
    const verdict = f.significance === 'no significant change' ? ' (within normal variation)' : ` (a ${f.significance})`;
    const size = f.change === 0 ? 'unchanged' : f.changePct === null ? `${f.change > 0 ? 'up' : 'down'} ${count(Math.abs(f.change))}` : f.changePctLabel;
    const incomplete = (c?.gaps ?? []).map((g) => monthLabel(g.month));
    const like = c ? `, comparing the ${c.months} month${c.months === 1 ? '' : 's'} both periods have, as the data for ${incomplete.join(' and ')} ${incomplete.length > 1 ? 'are' : 'is'} incomplete` : '';
    const change = hidden ? '' : f.change === 0 && !c ? ', unchanged' : `, ${size} on ${a.period.previousLabel}${verdict}${like}`;
    return { name: t.name, text: `${disclosure.count(t.current, t.sensitive)} in ${a.period.label}${change}` };
  };

  const ac = a.allCrime;
  const diff = ac.differenceFromForcePer1000;
  // With a sensitive count suppressed, an exact total minus the other themes could reveal it:
  // the total is then given to the nearest 10.
  const anySuppressed = a.themes.some((t) => disclosure.hides(t.current, t.sensitive) || disclosure.hides(t.previous, t.sensitive));
  const total = anySuppressed ? `about ${count(Math.round(ac.current / 10) * 10)}` : count(ac.current);
  const crimeHeadline = diff === null || ac.rank === null
    ? `${total} crimes were recorded in ${a.area.name} in ${a.period.label}.`
    : `${a.area.name} has ${rate(Math.abs(diff))} ${diff >= 0 ? 'more' : 'fewer'} crimes recorded per 1,000 people than the ${a.area.force} average: ${ordinalRank(ac.rank)} rate of the ${ac.rankOf} districts. ${total} crimes were recorded in ${a.period.label}.`;
  const comparators = a.comparators.filter((c) => c.group === 'force' && c.ratePer1000 !== null);
  const rates = await renderChart(
    'chart-plan-rates',
    `Crimes per 1,000 residents by district, ${a.period.label}`,
    `${crimeHeadline} The dashed line is the force average.`,
    ratesSpec(comparators.map((c) => ({ area: c.area, rate: c.ratePer1000!, isArea: c.isArea })), ac.forceAverageRatePer1000, { primary: brand.primaryColour, muted: '#9aa7b3' }),
  );

  const statuses = ['completed', 'ongoing', 'carried forward'].map((s) => ({ status: s, n: a.actions.filter((x) => x.status === s).length }));
  const measured = a.actions.filter((x) => x.measure && x.baseline !== null && x.latest !== null);
  const s = a.survey;
  const contents = [
    ['foreword', 'Foreword'], ...plan.statements.map((st, i) => [`statement-${i + 1}`, st.title]),
    ['about', `About ${a.area.name}`], ['partnership', 'What is the Community Safety Partnership?'], ['membership', 'Membership'],
    ['accountability', 'Accountability and structure'], ['priorities', 'Our priorities'], ['demographics', 'Demographics'],
    ['crime', 'Crime'], ['achievements', 'Key activities and achievements'], ['agency-priorities', 'Agency priorities'],
    ['engagement', 'Engagement feedback'], ['next', 'What happens next?'], ['involved', 'How you can get involved'], ['contacts', 'Useful contacts'],
  ].map(([id, title]) => ({ id: id!, title: title! }));
  return {
    ...frame({
      title: plan.title,
      subtitle: plan.period,
      author: brand.name,
      marking: null,
      generatedOn: a.generatedOn,
      branding: brand,
      stylesheet,
      contents,
      sampleNote: config.output.watermark ?? null,
    }),
    plan,
    statements: plan.statements.map((st, i) => ({ ...st, id: `statement-${i + 1}` })),
    areaName: a.area.name,
    membership: plan.membership.map((m) => (typeof m === 'string' ? { name: m, description: '' } : m)),
    population: a.area.population === null ? null : `${a.area.name}'s population is ${count(a.area.population)}${a.area.populationYear ? ` (${a.area.populationYear} estimate)` : ''}.`,
    priorities: plan.priorities.map((p) => ({ ...p, themes: p.themes.map(themeLine) })),
    crime: {
      headline: crimeHeadline,
      figure: figure(rates, table(`Crimes per 1,000 residents by district, ${a.period.label}`, ['District', ['Per 1,000', 'num'], ['Rank', 'num']],
        comparators.map((c) => [c.isArea ? `${c.area} (this partnership)` : c.area, rate(c.ratePer1000), String(c.rank ?? '–')]), (i) => comparators[i]!.isArea)),
      themes: table(`Recorded incidents in ${a.area.name}, ${a.period.label} and ${a.period.previousLabel}`,
        ['Theme', [a.period.label, 'num'], [a.period.previousLabel, 'num'], ['Change', 'num']],
        a.themes.map((t) => {
          const hidden = disclosure.hides(t.current, t.sensitive) || disclosure.hides(t.previous, t.sensitive);
          return [t.name, disclosure.count(t.current, t.sensitive), disclosure.count(t.previous, t.sensitive), hidden ? 'not shown' : t.changePctLabel];
        })),
      suppressed: anySuppressed
        ? `To protect victims, counts below ${config.output.suppressBelow} for sensitive offences are shown as "fewer than ${config.output.suppressBelow}", their changes are not shown, and the total is rounded to the nearest 10.`
        : null,
    },
    achievements: {
      summary: a.actions.length === 0 ? null : `Of last year's ${a.actions.length} actions, ${statuses.map((x) => `${x.n} ${x.n === 1 ? 'is' : 'are'} ${x.status}`).join(', ')}.`,
      measures: measured.map((x) => ({
        measure: x.measure!,
        text: x.latest! > x.baseline! ? `increased from ${count(x.baseline)} to ${count(x.latest)}` : x.latest! < x.baseline! ? `reduced from ${count(x.baseline)} to ${count(x.latest)}` : `stayed at ${count(x.latest)}`,
      })),
      table: a.actions.length === 0 ? null : table('Last year\'s actions and where they stand', ['Action', 'Priority', 'Status'], a.actions.map((x) => [x.action, x.theme ?? '', x.status])),
    },
    engagement: s === null ? null : {
      figures: [
        { big: count(s.responses), text: 'residents responded to the survey' },
        ...(s.agreePct === null ? [] : [{ big: pct(s.agreePct), text: 'agreed or strongly agreed with the proposed priorities' }]),
        ...(s.safeDayPct === null ? [] : [{ big: pct(s.safeDayPct), text: 'feel safe in the daytime' }]),
        ...(s.safeDarkPct === null ? [] : [{ big: pct(s.safeDarkPct), text: 'feel safe after dark' }]),
      ],
      problems: table('What residents said are problems in their area', ['Answer', ['Share of respondents', 'num']], s.problems.slice(0, 8).map((p) => [p.option, pct(p.sharePct)])),
    },
    cycle: table('The annual cycle', ['Activity', 'When'], plan.nextSteps.cycle.map((c) => [c.activity, c.when])),
    contacts: plan.contacts.length === 0 ? null : table('Useful contacts', ['Organisation', 'Telephone', 'Email', 'Website'], plan.contacts.map((c) => [c.name, c.phone, c.email, c.web])),
  };
}
