import type { Assessment } from '../../analyse/assessment-schema.js';
import type { Problem } from '../../core/errors.js';
import { ordinal, pct } from '../../core/words.js';
import type { Plan } from '../../config/plan-schema.js';
import { TOP_CONCERNS, uncoveredConcerns } from './plan-choice.js';
import { publicCaveats } from './public-caveats.js';

/**
 * What render-plan tells the team leader before the documents go to Cabinet: each choice that
 * departs from the ranking, each data-quality warning that reaches the public documents (with
 * what they print about it), each top concern of residents left unanswered, and a Cabinet
 * report without its corporate-risk line. None stops the documents; each is the partnership's
 * to stand behind, knowingly.
 */
export function planWarnings(a: Assessment, plan: Plan): Problem[] {
  const out: Problem[] = [];
  const placed = new Set(plan.priorities.flatMap((p) => p.themes));
  for (const t of a.ranking.themes.filter((x) => x.recommended && !placed.has(x.id))) {
    out.push({
      message: `the ranking recommended ${t.name}, but no priority in plan.yaml takes it up: the plan does not show it`,
      hint: "add its theme id to a priority's themes, or say in the plan why the partnership left it out",
    });
  }
  for (const p of plan.priorities) {
    const added = a.ranking.themes.filter((t) => !t.recommended && p.themes.includes(t.id));
    if (added.length === 0) continue;
    out.push({
      message: `priority "${p.name}" includes ${added.map((t) => `${t.name} (ranked ${ordinal(t.rank)})`).join(', ')}, which the ranking did not recommend: the plan and the Cabinet report print the reason given in plan.yaml`,
    });
  }
  for (const c of publicCaveats(a)) {
    out.push({
      message: `a data-quality warning reaches the plan and the Cabinet report: ${c.finding}`,
      hint: c.text ? `they say: "${c.text}"` : 'they mark the changes it affects * and say which months those changes compare',
    });
  }
  for (const c of uncoveredConcerns(a, plan).filter((x) => !x.answered)) {
    out.push({
      message: `residents' concern "${c.option}" (${pct(c.sharePct)}, one of the ${TOP_CONCERNS} problems they named most) is in no priority, and plan.yaml does not answer it`,
      hint: 'add it under youSaidWeDid with what the partnership is doing about it',
    });
  }
  if (!plan.cabinet.implications.risk) {
    out.push({
      message: "the Cabinet report's corporate implications have no corporate-risk line",
      hint: 'add cabinet.implications.risk to plan.yaml: the risks to the council of the decision, or that there are none',
    });
  }
  return out;
}
