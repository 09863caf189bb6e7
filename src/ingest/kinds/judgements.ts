import type { z } from 'zod';
import type { judgementsSource } from '../../config/sources.js';
import { sqlString } from '../database.js';
import { mapStaged, number, text } from '../map.js';
import { resolveColumns } from '../staging.js';
import type { Check } from '../map.js';
import type { KindMapper } from './context.js';

type JudgementsSource = z.output<typeof judgementsSource>;

/** Practitioners' scores per theme from the stakeholder event: one row a practitioner × theme. */
export const mapJudgements: KindMapper<JudgementsSource> = async (staged, source, ctx) => {
  const { scores, ...main } = source.columns;
  const col = resolveColumns(staged, main, ctx.shownPath, `${ctx.key}.columns`);
  const scoreCol = resolveColumns(staged, scores, ctx.shownPath, `${ctx.key}.columns.scores`);
  const themes = ctx.config.themes;
  // Practitioners write the theme's name or its id; both are matched, case aside.
  const themeCases = themes.flatMap((t) => [t.id, t.name].map((n) => `WHEN ${sqlString(n.toLowerCase())} THEN ${sqlString(t.id)}`)).join(' ');
  const criteria = Object.keys(scoreCol);
  const fields: Record<string, string> = {
    f_theme_text: text(col.theme!),
    f_theme: themeCases ? `CASE lower(${text(col.theme!)}) ${themeCases} END` : 'NULL',
  };
  const checks: Check[] = [
    { when: 'f_theme_text IS NULL', reason: 'the theme is empty', code: 'empty-theme', column: source.columns.theme, value: 'f_theme_text' },
    {
      when: 'f_theme IS NULL',
      reason: 'the theme is not one of the themes in csp.yaml (by id or name)',
      code: 'unknown-theme',
      column: source.columns.theme,
      value: 'f_theme_text',
    },
  ];
  criteria.forEach((criterion, i) => {
    const c = scoreCol[criterion]!;
    fields[`f_score_${i}_text`] = text(c);
    fields[`f_score_${i}`] = number(c);
    checks.push(
      {
        when: `f_score_${i}_text IS NOT NULL AND f_score_${i} IS NULL`,
        reason: `the ${criterion} score is not a number (decimals are written with a point: 3.5)`,
        code: 'score-not-a-number',
        column: scores[criterion]!,
        value: `f_score_${i}_text`,
      },
      {
        when: `f_score_${i} NOT BETWEEN ${source.scale.min} AND ${source.scale.max}`,
        reason: `the ${criterion} score is outside the scale ${source.scale.min}–${source.scale.max} (sources.${ctx.sourceId}.scale)`,
        code: 'score-off-scale',
        column: scores[criterion]!,
        value: `f_score_${i}_text`,
      },
    );
  });
  return mapStaged(ctx.db, staged, {
    source: ctx.sourceId,
    fileId: ctx.fileId,
    fields,
    checks,
    target: 'judgements',
    // One normalised row per criterion scored; a blank score means "not scored".
    inserts: criteria.map((criterion, i) => ({
      practitioner: col.practitioner ? text(col.practitioner) : 'NULL',
      agency: col.agency ? text(col.agency) : 'NULL',
      theme: 'f_theme',
      criterion: sqlString(criterion),
      score: `f_score_${i}`,
    })),
  });
};
