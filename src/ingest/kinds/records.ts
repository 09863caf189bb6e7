import type { z } from 'zod';
import type { recordsSource } from '../../config/sources.js';
import { sqlString } from '../database.js';
import { parseDateSql, twoDigitYear } from '../dates.js';
import { mapStaged, monthOf, text, yes } from '../map.js';
import { resolveColumns } from '../staging.js';
import type { KindMapper } from './context.js';

type RecordsSource = z.output<typeof recordsSource>;

/** A partner's record-level export: one row per incident, complaint or attendance. */
export const mapRecords: KindMapper<RecordsSource> = async (staged, source, ctx) => {
  const { flags = {}, ...main } = source.columns;
  const col = resolveColumns(staged, main, ctx.shownPath, `${ctx.key}.columns`);
  const flagCol = resolveColumns(staged, flags, ctx.shownPath, `${ctx.key}.columns.flags`);
  const category = col.category ? text(col.category) : source.category ? sqlString(source.category) : 'NULL';
  const flagList = Object.entries(flagCol)
    .map(([name, c]) => `CASE WHEN ${yes(c!)} THEN ${sqlString(name)} END`)
    .join(', ');
  const area = ctx.config.partnership.area;
  return mapStaged(ctx.db, staged, {
    source: ctx.sourceId,
    fileId: ctx.fileId,
    fields: {
      f_date_text: text(col.date!),
      f_date: parseDateSql(text(col.date!), source.dateFormat),
      f_category: category,
      f_area: col.area ? text(col.area) : 'NULL',
      f_id: col.id ? text(col.id) : 'NULL',
      f_repeat: col.id ? `CASE WHEN ${text(col.id)} IS NOT NULL THEN row_number() OVER (PARTITION BY ${text(col.id)} ORDER BY _row) END` : 'NULL',
      f_flags: flagList ? `list_filter([${flagList}], x -> x IS NOT NULL)` : '[]::VARCHAR[]',
    },
    checks: [
      { when: 'f_date_text IS NULL', reason: 'the date is empty', column: source.columns.date, value: 'f_date_text' },
      {
        when: `f_date IS NULL AND ${twoDigitYear('f_date_text')}`,
        reason: 'the date has a two-digit year (such as 1/2/24): write the year in full (01/02/2024), so that 24 is not read as 1924 or 0024',
        column: source.columns.date,
        value: 'f_date_text',
      },
      {
        when: 'f_date IS NULL',
        reason: `the date cannot be read (expected ${source.dateFormat === 'auto' ? 'dd/mm/yyyy, yyyy-mm-dd or an Excel date' : source.dateFormat})`,
        column: source.columns.date,
        value: 'f_date_text',
      },
      {
        when: `f_date > DATE ${sqlString(ctx.today)}`,
        reason: 'the date is in the future',
        column: source.columns.date,
        value: 'f_date_text',
      },
      {
        when: 'f_category IS NULL',
        reason: 'the category is empty',
        column: source.columns.category ?? null,
        value: 'f_category',
      },
      {
        when: 'f_repeat > 1',
        reason: 'repeated reference: the first row with this reference is kept',
        column: source.columns.id ?? null,
        value: 'f_id',
      },
    ],
    target: 'incidents',
    inserts: [
      {
        month: monthOf('f_date'),
        category: 'f_category',
        area_code: source.areaLevel === 'district' ? 'NULL' : 'f_area',
        area_name: 'f_area',
        // A partner's own export covers the partnership area unless it names districts.
        district: source.areaLevel === 'district' ? 'f_area' : sqlString(area),
        in_force: 'true',
        incident_id: 'f_id',
        flags: 'f_flags',
        n: '1',
      },
    ],
  });
};
