import type { z } from 'zod';
import type { recordsSource } from '../../config/sources.js';
import { sqlString } from '../database.js';
import { parseDateSql, splitDateSql, twoDigitYear } from '../dates.js';
import { earlierFileCheck, mapStaged, monthOf, text, yes, type Check } from '../map.js';
import { resolveColumns } from '../staging.js';
import type { KindMapper } from './context.js';

type RecordsSource = z.output<typeof recordsSource>;
type DateColumns = RecordsSource['columns']['date'];

/** A partner's record-level export: one row per incident, complaint or attendance. */
export const mapRecords: KindMapper<RecordsSource> = async (staged, source, ctx) => {
  const { flags = {}, date, ...main } = source.columns;
  const col = resolveColumns(staged, main, ctx.shownPath, `${ctx.key}.columns`);
  const dateSql = recordDate(staged, date, ctx, source.dateFormat);
  const dateColumn = typeof date === 'string' ? date : [date.day, date.month, date.year].filter(Boolean).join(' / ');
  const flagCol = resolveColumns(staged, flags, ctx.shownPath, `${ctx.key}.columns.flags`);
  const category = col.category ? text(col.category) : source.category ? sqlString(source.category) : 'NULL';
  // (A shifted row, refused first, holds no reference either.)
  const ownChecksPass = `coalesce(NOT _shifted AND ${dateSql.date} <= DATE ${sqlString(ctx.today)} AND ${category} IS NOT NULL, false)`;
  // A reference read in an earlier file of the source (a CSV and then an XLSX of the same months).
  const earlier =
    col.id && ctx.earlierIds ? earlierFileCheck(ctx.earlierIds, text(col.id), { what: 'reference', column: source.columns.id ?? null }) : undefined;
  const flagList = Object.entries(flagCol)
    .map(([name, c]) => `CASE WHEN ${yes(c!)} THEN ${sqlString(name)} END`)
    .join(', ');
  return mapStaged(ctx.db, staged, {
    source: ctx.sourceId,
    fileId: ctx.fileId,
    fields: {
      f_date_text: dateSql.text,
      f_date: dateSql.date,
      f_category: category,
      f_area: col.area ? text(col.area) : 'NULL',
      f_district: col.district ? text(col.district) : source.areaLevel === 'district' && col.area ? text(col.area) : 'NULL',
      f_id: col.id ? text(col.id) : 'NULL',
      // Only rows that pass their own checks hold a reference: a row refused for its date must
      // not make the good row with its reference a repeat.
      f_repeat: col.id
        ? `CASE WHEN ${text(col.id)} IS NOT NULL AND ${ownChecksPass} THEN row_number() OVER (PARTITION BY ${text(col.id)}, ${ownChecksPass} ORDER BY _row) END`
        : 'NULL',
      f_flags: flagList ? `list_filter([${flagList}], x -> x IS NOT NULL)` : '[]::VARCHAR[]',
      ...(earlier ? { f_first: earlier.field } : {}),
    },
    checks: [
      {
        when: 'f_date_text IS NULL AND f_category IS NULL AND f_area IS NULL',
        reason: 'blank row: no date, category or area',
        code: 'blank-row',
        column: null,
        value: 'NULL',
      },
      { when: 'f_date_text IS NULL', reason: 'the date is empty', code: 'empty-date', column: dateColumn, value: 'f_date_text' },
      {
        when: `f_date IS NULL AND ${twoDigitYear('f_date_text')}`,
        reason: 'the date has a two-digit year (such as 1/2/24): write the year in full (01/02/2024), so that 24 is not read as 1924 or 0024',
        code: 'date-two-digit-year',
        column: dateColumn,
        value: 'f_date_text',
      },
      {
        when: 'f_date IS NULL',
        reason: `the date cannot be read (expected ${source.dateFormat === 'auto' ? 'dd/mm/yyyy, yyyy-mm-dd or an Excel date' : source.dateFormat})`,
        code: 'date-not-a-date',
        column: dateColumn,
        value: 'f_date_text',
      },
      {
        when: `f_date > DATE ${sqlString(ctx.today)}`,
        reason: 'the date is in the future',
        code: 'date-in-future',
        column: dateColumn,
        value: 'f_date_text',
      },
      {
        when: 'f_category IS NULL',
        reason: 'the category is empty',
        code: 'empty-category',
        column: source.columns.category ?? null,
        value: 'f_category',
      },
      ...(earlier ? [earlier.check] : []),
      {
        when: 'f_repeat > 1',
        reason: 'repeated reference: the first row with this reference is kept',
        code: 'repeated-id',
        column: source.columns.id ?? null,
        value: 'f_id',
      },
    ] satisfies Check[],
    remember: earlier ? { table: ctx.earlierIds!, id: 'f_id', file: ctx.shownPath } : undefined,
    target: 'incidents',
    inserts: [
      {
        month: monthOf('f_date'),
        category: 'f_category',
        area_code: source.areaLevel === 'district' ? 'NULL' : 'f_area',
        area_name: 'f_area',
        // The district as the file names it; placed in a district of the force after every
        // source is read (place.ts), since an LSOA code's district comes from the police rows.
        district: 'f_district',
        in_force: 'NULL',
        incident_id: 'f_id',
        flags: 'f_flags',
        n: '1',
      },
    ],
  });
};

/** SQL for the date as the file writes it and as a DATE: one column, or split over day, month and year. */
function recordDate(
  staged: Parameters<KindMapper<RecordsSource>>[0],
  date: DateColumns,
  ctx: Parameters<KindMapper<RecordsSource>>[2],
  format: RecordsSource['dateFormat'],
) {
  if (typeof date === 'string') {
    const c = resolveColumns(staged, { date }, ctx.shownPath, `${ctx.key}.columns`).date!;
    return { text: text(c), date: parseDateSql(text(c), format) };
  }
  const c = resolveColumns(staged, date, ctx.shownPath, `${ctx.key}.columns.date`);
  const parts = [c.day, c.month, c.year].filter((x): x is string => x !== undefined).map(text);
  return {
    // NULL when any part is empty, so an empty date is rejected as empty.
    text: `CASE WHEN ${parts.map((p) => `${p} IS NOT NULL`).join(' AND ')} THEN ${parts.join(` || ' ' || `)} END`,
    date: splitDateSql({ day: c.day && text(c.day), month: text(c.month!), year: text(c.year!) }),
  };
}
