import type { Assessment } from '../../analyse/assessment-schema.js';
import { andList, ordinal } from '../../core/words.js';
import { invalidInput, type Problem, type Where } from '../../core/errors.js';
import type { Plan, PlanPriority } from '../../config/plan-schema.js';

/**
 * Only what the ranking recommended, or what the partnership chose with a written reason,
 * becomes a priority. Every theme beneath a priority must have been recommended (a csp.yaml
 * override that forces a theme in counts as recommended); where any was not, plan.yaml must
 * say why in the priority's `overrideReason`, which the plan and the Cabinet report print. A
 * reason on a priority whose themes were all recommended would tell readers the ranking did
 * not back it, so that is refused too.
 */
export function checkPriorities(a: Assessment, plan: Plan, where: (key: string) => Where): void {
  const themeIds = new Set(a.themes.map((t) => t.id));
  const problems: Problem[] = [];
  plan.priorities.forEach((p, i) => {
    for (const id of p.themes.filter((x) => !themeIds.has(x))) {
      problems.push({
        message: `priority "${p.name}" names theme "${id}", which is not in the assessment`,
        where: where(`priorities.${i}.themes`),
        hint: `themes are: ${[...themeIds].join(', ')}`,
      });
    }
    if (p.themes.some((x) => !themeIds.has(x))) return;
    const unbacked = notRecommended(a, p);
    if (unbacked.length > 0 && !p.overrideReason) {
      problems.push({
        message: `priority "${p.name}" includes ${unbacked.length === 1 ? 'a theme' : 'themes'} the ranking did not recommend (${unbacked.map((t) => `${t.name} ranked ${ordinal(t.rank)}`).join(', ')}; it recommended the top ${a.ranking.recommend})`,
        where: where(`priorities.${i}.overrideReason`),
        hint: 'say in overrideReason why the partnership includes them all the same (the plan and the Cabinet report print it), or take them out of the priority',
      });
    }
    if (unbacked.length === 0 && p.overrideReason) {
      problems.push({
        message: `priority "${p.name}" has an override reason, but the ranking recommended every theme beneath it`,
        where: where(`priorities.${i}.overrideReason`),
        hint: 'remove overrideReason: the plan would tell readers the ranking did not back this priority',
      });
    }
  });
  if (problems.length > 0) throw invalidInput(problems);
}

/** A priority's themes that the ranking did not recommend, with their ranks. */
function notRecommended(a: Assessment, p: PlanPriority) {
  return a.ranking.themes.filter((t) => !t.recommended && p.themes.includes(t.id));
}

/** Why a priority includes themes the ranking did not recommend, as the plan and the Cabinet report print it. */
export function overrideText(a: Assessment, p: PlanPriority): string | null {
  if (!p.overrideReason) return null;
  const names = notRecommended(a, p).map((t) => t.name);
  const all = names.length === p.themes.length;
  const which = all ? `any of this priority's themes (${andList(names)})` : andList(names);
  return `The assessment's ranking did not recommend ${which}; the partnership includes ${names.length === 1 ? 'it' : 'them'} because: ${p.overrideReason.replaceAll(/\s+/g, ' ').trim()}`;
}
