import type { z } from 'zod';
import type { countsSource } from '../../config/sources.js';
import { sqlString } from '../database.js';
import { parsePeriodSql } from '../dates.js';
import { MAX_COUNT, mapStaged, text, tooLarge, wholeNumber } from '../map.js';
import { resolveColumns } from '../staging.js';
import type { KindMapper } from './context.js';

type CountsSource = z.output<typeof countsSource>;

/** Pre-aggregated returns (period, category, area, count): what many partners send. */
export const mapCounts: KindMapper<CountsSource> = async (staged, source, ctx) => {
  const col = resolveColumns(staged, source.columns, ctx.shownPath, `${ctx.key}.columns`);
  const category = col.category ? text(col.category) : source.category ? sqlString(source.category) : 'NULL';
  return mapStaged(ctx.db, staged, {
    source: ctx.sourceId,
    fileId: ctx.fileId,
    fields: {
      f_period_text: text(col.period!),
      f_period: parsePeriodSql(text(col.period!)),
      f_category: category,
      f_area: col.area ? text(col.area) : 'NULL',
      f_area_name: col.areaName ? text(col.areaName) : 'NULL',
      f_district: col.district ? text(col.district) : source.areaLevel === 'district' && col.area ? text(col.area) : 'NULL',
      f_count_text: text(col.count!),
      f_count: wholeNumber(col.count!),
      f_count_large: tooLarge(col.count!),
    },
    checks: [
      {
        when: 'f_period_text IS NULL AND f_category IS NULL AND f_count_text IS NULL',
        reason: 'blank row: no period, category or count',
        code: 'blank-row',
        column: null,
        value: 'NULL',
      },
      {
        when: 'f_period IS NULL',
        reason:
          'the period cannot be read (expected a month such as 2024-03, a quarter such as 2024 Q1, a financial year such as 2024/25 or a calendar year such as 2024)',
        code: 'period-not-a-period',
        column: source.columns.period,
        value: 'f_period_text',
      },
      {
        when: `f_period.first_month > ${sqlString(ctx.today.slice(0, 7))}`,
        reason: 'the period is in the future',
        code: 'period-in-future',
        column: source.columns.period,
        value: 'f_period_text',
      },
      { when: 'f_category IS NULL', reason: 'the category is empty', code: 'empty-category', column: source.columns.category ?? null, value: 'f_category' },
      {
        when: 'f_count_large',
        reason: `the count is too large (more than ${MAX_COUNT.toLocaleString('en-GB')}): a reference or a total in the count column?`,
        code: 'count-too-large',
        column: source.columns.count,
        value: 'f_count_text',
      },
      {
        when: 'f_count IS NULL',
        reason: 'the count is not a whole number',
        code: 'count-not-a-whole-number',
        column: source.columns.count,
        value: 'f_count_text',
      },
      { when: 'f_count < 0', reason: 'the count is negative', code: 'count-negative', column: source.columns.count, value: 'f_count_text' },
    ],
    target: 'counts',
    inserts: [
      {
        period: 'f_period_text',
        first_month: 'f_period.first_month',
        months: 'f_period.months',
        category: 'f_category',
        area: 'f_area',
        area_name: 'f_area_name',
        // As the file names it; placed in a district of the force after every source is read (place.ts).
        district: 'f_district',
        count: 'f_count',
      },
    ],
  });
};
