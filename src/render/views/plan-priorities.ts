import type { Assessment } from '../../analyse/assessment-schema.js';
import { ordinal } from '../../analyse/summary.js';
import { invalidInput, type Problem } from '../../errors.js';
import type { Plan, PlanPriority } from '../plan-schema.js';

/**
 * Only what the ranking recommended, or what the partnership chose with a written reason,
 * becomes a priority. A priority is backed by the ranking when one of its themes was
 * recommended (a csp.yaml override that forces a theme in counts as recommended); otherwise
 * plan.yaml must say why in `overrideReason`. A reason on a priority the ranking backs would
 * tell readers the ranking did not, so that is refused too.
 */
export function checkPriorities(a: Assessment, plan: Plan): void {
  const themeIds = new Set(a.themes.map((t) => t.id));
  const ranked = new Map(a.ranking.themes.map((t) => [t.id, t]));
  const problems: Problem[] = [];
  plan.priorities.forEach((p, i) => {
    for (const id of p.themes.filter((x) => !themeIds.has(x))) {
      problems.push({
        message: `priority "${p.name}" names theme "${id}", which is not in the assessment`,
        where: { key: `priorities.${i}.themes` },
        hint: `themes are: ${[...themeIds].join(', ')}`,
      });
    }
    if (p.themes.some((x) => !themeIds.has(x))) return;
    const backed = recommendedThemes(a, p);
    const places = p.themes.map((id) => `${ranked.get(id)?.name ?? id} ranked ${ordinal(ranked.get(id)?.rank ?? 0)}`).join(', ');
    if (backed.length === 0 && !p.overrideReason) {
      problems.push({
        message: `priority "${p.name}" has none of the ${a.ranking.recommend} themes the ranking recommended (${places})`,
        where: { key: `priorities.${i}.overrideReason` },
        hint: 'say in overrideReason why the partnership chose it all the same (the plan and the Cabinet report show it), or put a recommended theme beneath it',
      });
    }
    if (backed.length > 0 && p.overrideReason) {
      problems.push({
        message: `priority "${p.name}" has an override reason, but the ranking recommended ${backed.join(' and ')}`,
        where: { key: `priorities.${i}.overrideReason` },
        hint: 'remove overrideReason: the plan would tell readers the ranking did not back this priority',
      });
    }
  });
  if (problems.length > 0) throw invalidInput(problems);
}

/** Themes the ranking recommended that no priority takes up: the plan would not show them. */
export function unplacedRecommended(a: Assessment, plan: Plan): string[] {
  const placed = new Set(plan.priorities.flatMap((p) => p.themes));
  return a.ranking.themes.filter((t) => t.recommended && !placed.has(t.id)).map((t) => t.name);
}

/** The names of a priority's themes that the ranking recommended. */
export function recommendedThemes(a: Assessment, p: PlanPriority): string[] {
  return a.ranking.themes.filter((t) => t.recommended && p.themes.includes(t.id)).map((t) => t.name);
}

/** Why a priority the ranking did not back is one, as the plan and the Cabinet report print it. */
export function overrideText(a: Assessment, p: PlanPriority): string | null {
  if (!p.overrideReason) return null;
  return `The assessment's ranking did not place this priority's themes among the ${a.ranking.recommend} it recommended; the partnership chose it because: ${p.overrideReason.replaceAll(/\s+/g, ' ').trim()}`;
}
