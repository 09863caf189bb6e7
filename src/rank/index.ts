import type { Assessment, RankingResult } from '../analyse/assessment-schema.js';
import type { Problem } from '../core/errors.js';
import { rawValue, type Raw, type RankContext } from './criteria.js';
import type { Ranking } from './resolve.js';
import { scoreThemes, tieBreak, type ThemeRaws } from './score.js';
import { sensitivity } from './sensitivity.js';

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
