import type { Assessment } from '../../analyse/assessment-schema.js';
import { invalidInput, type Where } from '../../core/errors.js';
import { andList, count, pct } from '../../core/words.js';
import type { Plan } from '../../config/plan-schema.js';

type Criterion = Assessment['ranking']['criteria'][number];

/** Residents' top concerns are the survey's problems named most, this many. */
export const TOP_CONCERNS = 5;

/** A ranking criterion in the words a resident reads. */
function publicCriterion(c: Criterion, force: string): string {
  switch (c.kind) {
    case 'volume':
      return c.measure === 'share' ? 'how much of all crime it is' : `how common it is against the ${force} average`;
    case 'trend':
      return 'whether it is rising or falling';
    case 'harm':
      return 'the harm it does to victims';
    case 'perception':
      return 'how many residents named it a problem in the survey';
    default:
      if (c.id === 'influence') return 'how far practitioners judge the partnership can change it';
      if (c.id === 'vulnerability') return 'how far practitioners judge it harms vulnerable people';
      return `the ${c.id.replaceAll(/[-_]/g, ' ')} score practitioners gave it`;
  }
}

/** "How the priorities were chosen": the ranking told in public words, with what residents said. */
export function howChosen(a: Assessment, plan: Plan): string[] {
  const r = a.ranking;
  const recommended = r.themes.filter((t) => t.recommended);
  const weights = new Set(r.criteria.map((c) => c.weight));
  const chosen = new Set(plan.priorities.flatMap((p) => p.themes));
  const added = r.themes.filter((t) => !t.recommended && chosen.has(t.id)).map((t) => t.name);
  const out = [
    `The priorities come from the partnership's strategic assessment of ${count(a.sources.length)} partner data sources. It looked at ${count(r.themes.length)} possible themes and scored each on ${andList(r.criteria.map((c) => publicCriterion(c, a.area.force)))}.`,
    `Each theme scored 1 to ${r.scale} points on each of these${weights.size > 1 ? ', some counting more than others' : ''}, and the ${count(recommended.length)} with the most points were recommended: ${andList(recommended.map((t) => t.name))}.`,
    `The partnership grouped ${recommended.length === 1 ? 'it' : 'them'} into ${plan.priorities.length === 1 ? 'one priority' : `${count(plan.priorities.length)} priorities`}${added.length > 0 ? `, and also chose ${andList(added)}, which the scoring did not recommend, for the reason given under ${added.length === 1 ? 'its priority' : 'their priorities'}` : ''}.`,
  ];
  const s = a.survey;
  if (s && s.problems.length > 0) {
    const top = s.problems.slice(0, 3).map((p) => `${p.option} (${pct(p.sharePct)})`);
    out.push(
      `${count(s.responses)} residents answered the survey. The problems they named most were ${andList(top)}${plan.youSaidWeDid.length > 0 ? '; concerns that no priority covers are answered under "You said, we did"' : ''}.`,
    );
  }
  return out;
}

/** The survey's options a priority covers: those of the themes beneath it. */
function coveredOptions(a: Assessment, plan: Plan): Set<string> {
  const chosen = new Set(plan.priorities.flatMap((p) => p.themes));
  return new Set(a.themes.filter((t) => chosen.has(t.id)).flatMap((t) => t.perceptionOptions));
}

/** Residents' top concerns that no priority covers, and whether plan.yaml answers each. */
export function uncoveredConcerns(a: Assessment, plan: Plan): { option: string; sharePct: number; answered: boolean }[] {
  const covered = coveredOptions(a, plan);
  const answered = new Set(plan.youSaidWeDid.map((x) => x.concern.toLowerCase()));
  return (a.survey?.problems ?? [])
    .slice(0, TOP_CONCERNS)
    .filter((p) => !covered.has(p.option))
    .map((p) => ({ option: p.option, sharePct: p.sharePct, answered: answered.has(p.option.toLowerCase()) }));
}

/** Each concern plan.yaml answers must be an answer of the survey's problems question, so that its figure is found. */
export function checkConcerns(a: Assessment, plan: Plan, where: (key: string) => Where): void {
  const options = a.survey?.problems.map((p) => p.option) ?? [];
  if (!a.survey) return;
  const problems = plan.youSaidWeDid.flatMap((x, i) =>
    options.some((o) => o.toLowerCase() === x.concern.toLowerCase())
      ? []
      : [
          {
            message: `"You said, we did" answers "${x.concern}", which is not an answer of the survey's problems question`,
            where: where(`youSaidWeDid.${i}.concern`),
            hint: `spell it as the survey does: ${options.join('; ')}`,
          },
        ],
  );
  if (problems.length > 0) throw invalidInput(problems);
}

/** "You said, we did": each concern with the share of residents who named it, and the partnership's answer. */
export function youSaidWeDid(a: Assessment, plan: Plan): { said: string; did: string }[] {
  return plan.youSaidWeDid.map((x) => {
    const p = a.survey?.problems.find((o) => o.option.toLowerCase() === x.concern.toLowerCase());
    return {
      said: p
        ? `${p.option} is a problem in your area: ${pct(p.sharePct)} of the ${count(a.survey!.responses)} residents who answered the survey named it.`
        : `${x.concern} is a problem in your area.`,
      did: x.answer.replaceAll(/\s+/g, ' ').trim(),
    };
  });
}
