import type { Assessment, RankingResult } from '../analyse/assessment-schema.js';
import { invalidInput, type Problem } from '../core/errors.js';
import type { ValidationReport } from '../validate/types.js';
import { rawValue, type Raw, type RankContext } from './criteria.js';
import type { Ranking } from './resolve.js';
import { scoreThemes, tieBreak, type ThemeRaws } from './score.js';
import { sensitivity } from './sensitivity.js';
import { agreeing, counted } from '../core/words.js';

/**
 * Ranks the candidate themes from the assessment's own figures: criteria → raw values →
 * bands → scores → ranks → recommended, with the audit trail and the sensitivity check.
 */
export function rankThemes(a: Omit<Assessment, 'ranking'>, ranking: Ranking): { result?: RankingResult; problems: Problem[] } {
  const ctx: RankContext = {
    force: a.area.force,
    areaPopulation: a.area.population,
    allCrimeCurrent: a.allCrime.current,
    surveyResponses: a.survey?.responses ?? null,
  };
  const problems: Problem[] = [];
  const themes: ThemeRaws[] = a.themes.map((t) => {
    const raws: Record<string, Raw> = {};
    for (const c of ranking.criteria) {
      const r = rawValue(c, t, ctx);
      if (typeof r === 'string') {
        problems.push({
          message: `theme "${t.id}" has no data for the ${c.id} criterion: ${r}`,
          where: { key: `ranking.criteria.${c.id}` },
          hint: `supply the data, or switch ${c.id} off (enabled: false)`,
        });
      } else raws[c.id] = r;
    }
    return { id: t.id, raws };
  });
  if (problems.length > 0) return { problems };
  const names = new Map(a.themes.map((t) => [t.id, t.name]));
  return {
    problems,
    result: {
      method: ranking.method,
      scale: ranking.scale,
      recommend: ranking.recommend,
      criteria: ranking.criteria.map(({ harmWeights: _w, ...c }) => c),
      ...(ranking.groups ? { groups: ranking.groups } : {}),
      tieBreak: tieBreak(ranking),
      themes: scoreThemes(themes, ranking).map((t) => ({ ...t, name: names.get(t.id)! })),
      sensitivity: sensitivity(themes, ranking),
    },
  };
}

/**
 * The assessment: the figures with their themes ranked. A ranking that cannot be made (a theme
 * with no data for a criterion, judgements naming themes csp.yaml lacks) is exit 2 with every problem.
 */
export function rankAssessment(figures: Omit<Assessment, 'ranking'>, ranking: Ranking, report: ValidationReport): Assessment {
  const ranked = rankThemes(figures, ranking);
  if (ranking.criteria.some((c) => c.kind === 'judged')) ranked.problems.push(...unknownThemeProblems(report));
  if (ranked.problems.length > 0 || !ranked.result) throw invalidInput(ranked.problems);
  return { ...figures, ranking: ranked.result };
}

/** Judgements of a theme not in csp.yaml would be left out of its judged score unseen: each file's rows are said. */
function unknownThemeProblems(report: ValidationReport): Problem[] {
  const unknown = report.sources.filter((s) => s.kind === 'judgements').flatMap((s) => s.rejects.filter((r) => r.code === 'unknown-theme'));
  return unknown.map((r) => ({
    message: `${counted(r.rows, 'judgement row')} ${agreeing(r.rows, 'names', 'name')} a theme that is not in csp.yaml, e.g. "${r.examples[0]?.value}"`,
    where: { file: r.examples[0]?.file, line: r.examples[0]?.line ?? undefined },
    hint: 'use the theme ids or names of csp.yaml in the judgements file',
  }));
}
