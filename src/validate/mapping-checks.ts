import type { Config } from '../config/load.js';
import { didYouMean } from '../config/hints.js';
import type { Problem } from '../core/errors.js';
import { Database, sqlString } from '../ingest/database.js';
import type { SourceReport } from './types.js';

/**
 * Theme categories that match nothing in their source. One close to a category the source has
 * ("Shop lifting" for Shoplifting) is a typo that would make the theme's figures 0: an error,
 * with the name to use. One close to nothing may be an old category kept for old files: a
 * warning. `reports` holds the sources as read.
 */
export function themeCategoryProblems(config: Config, reports: readonly SourceReport[]): { errors: Problem[]; warnings: Problem[] } {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  for (const [i, theme] of config.themes.entries()) {
    for (const [sourceId, categories] of Object.entries(theme.categories)) {
      const report = reports.find((r) => r.id === sourceId);
      if (!report || report.rowsAccepted === 0 || !['police-uk-street', 'records', 'counts'].includes(report.kind)) continue;
      const present = report.categories.map((c) => c.category);
      const exact = new Set(present);
      for (const category of categories.filter((c) => !exact.has(c))) {
        const guess = present.find((p) => p.toLowerCase().replace(/\s+/g, '') === category.toLowerCase().replace(/\s+/g, '')) ?? didYouMean(category, present);
        const where = { key: `themes.${i}.categories.${sourceId}` };
        if (guess) {
          errors.push({
            message: `theme "${theme.id}" names the category "${category}", which ${sourceId} does not have: did you mean "${guess}"?`,
            where,
            hint: `write the category exactly as the source has it ("${guess}"); otherwise its rows count in no theme and the theme shows 0`,
          });
        } else {
          warnings.push({
            message: `theme "${theme.id}" names the category "${category}", which no row of ${sourceId} has`,
            where,
            hint: `${sourceId}'s categories are: ${present.slice(0, 20).join(', ')}${present.length > 20 ? ', …' : ''}`,
          });
        }
      }
    }
  }
  return { errors, warnings };
}

/**
 * A survey whose "problems" answers are not split by the configured separator: nearly every
 * answer is then one long option ("ASB, Drugs") that matches no theme's option.
 */
export async function surveySeparatorProblem(db: Database, config: Config, report: SourceReport): Promise<Problem | null> {
  const source = config.sources[report.id];
  if (source?.kind !== 'survey') return null;
  const others = [',', ';', '|', '/', '\t'].filter((s) => s !== source.problemsSeparator);
  const [r] = await db.all<{ answered: bigint; single: bigint; [k: string]: bigint }>(
    `SELECT count(*) FILTER (WHERE len(problems) > 0) AS answered, count(*) FILTER (WHERE len(problems) = 1) AS single,
       ${others.map((s, i) => `count(*) FILTER (WHERE len(problems) = 1 AND contains(problems[1], ${sqlString(s)})) AS s${i}`).join(', ')}
     FROM survey_responses WHERE source = ${sqlString(report.id)}`,
  );
  const answered = Number(r!.answered);
  if (answered < 10 || Number(r!.single) < 0.9 * answered) return null;
  const best = others.map((s, i) => [s, Number(r![`s${i}`])] as const).sort((a, b) => b[1] - a[1])[0]!;
  if (best[1] < 0.3 * answered) return null;
  const shown = (s: string) => (s === '\t' ? 'a tab' : `"${s}"`);
  return {
    message: `${best[1].toLocaleString('en-GB')} of ${answered.toLocaleString('en-GB')} "problems" answers hold ${shown(best[0])} and were not split: the separator set is ${shown(source.problemsSeparator)}`,
    where: { key: `sources.${report.id}.problemsSeparator` },
    hint: `set problemsSeparator: ${JSON.stringify(best[0])} on this source; otherwise each answer counts as one option that matches no theme`,
  };
}
