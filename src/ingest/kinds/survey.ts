import type { z } from 'zod';
import type { surveySource } from '../../config/sources.js';
import { sqlString } from '../database.js';
import { earlierFileCheck, mapStaged, text, type Check } from '../map.js';
import { resolveColumns } from '../staging.js';
import type { KindMapper } from './context.js';

type SurveySource = z.output<typeof surveySource>;

/** The resident perception survey, one row a response. */
export const mapSurvey: KindMapper<SurveySource> = async (staged, source, ctx) => {
  const col = resolveColumns(staged, source.columns, ctx.shownPath, `${ctx.key}.columns`);
  const opt = (c: string | undefined) => (c ? text(c) : 'NULL');
  const answered = [col.problems, col.agreement, col.safeDay, col.safeDark, col.comment]
    .filter((c): c is string => c !== undefined)
    .map((c) => `${text(c)} IS NULL`)
    .join(' AND ');
  // A response id read in an earlier file of the survey (two exports of the same responses).
  const earlier =
    col.id && ctx.earlierIds ? earlierFileCheck(ctx.earlierIds, text(col.id), { what: 'response id', column: source.columns.id ?? null }) : undefined;
  return mapStaged(ctx.db, staged, {
    source: ctx.sourceId,
    fileId: ctx.fileId,
    fields: {
      f_id: opt(col.id),
      f_repeat: col.id ? `CASE WHEN ${text(col.id)} IS NOT NULL THEN row_number() OVER (PARTITION BY ${text(col.id)} ORDER BY _row) END` : 'NULL',
      f_empty: answered,
      f_problems: `list_filter(list_transform(string_split(coalesce(${text(col.problems!)}, ''), ${sqlString(source.problemsSeparator)}), x -> trim(x)), x -> x <> '')`,
      ...(earlier ? { f_first: earlier.field } : {}),
    },
    checks: [
      { when: 'f_empty', reason: 'the response is empty (no question answered)', code: 'empty-response', column: null, value: 'f_id' },
      ...(earlier ? [earlier.check] : []),
      {
        when: 'f_repeat > 1',
        reason: 'repeated response id: the first response with this id is kept',
        code: 'repeated-id',
        column: source.columns.id ?? null,
        value: 'f_id',
      },
    ] satisfies Check[],
    remember: earlier ? { table: ctx.earlierIds!, id: 'f_id', file: ctx.shownPath } : undefined,
    target: 'survey_responses',
    inserts: [
      {
        response: `coalesce(f_id, CAST(_row AS VARCHAR))`,
        area: opt(col.area),
        agreement: opt(col.agreement),
        safe_day: opt(col.safeDay),
        safe_dark: opt(col.safeDark),
        comment: opt(col.comment),
        problems: 'f_problems',
      },
    ],
  });
};
