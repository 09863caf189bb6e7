import type { z } from 'zod';
import type { policeSource } from '../../config/sources.js';
import { sqlString } from '../database.js';
import { mapStaged, text, type Check } from '../map.js';
import type { Config } from '../../config/load.js';
import { resolveColumns } from '../staging.js';
import type { KindMapper } from './context.js';

type PoliceSource = z.output<typeof policeSource>;

/** The data.police.uk street-level columns this tool reads; the others are not kept. */
export const POLICE_COLUMNS = {
  crimeId: 'Crime ID',
  month: 'Month',
  lsoaCode: 'LSOA code',
  lsoaName: 'LSOA name',
  crimeType: 'Crime type',
} as const;

/**
 * Where data.police.uk puts a row's (anonymised) point. Not required: a file without them is
 * read as before, and its rows are in incidents only (police_points holds none of them).
 */
export const POLICE_POINT_COLUMNS = { lon: 'Longitude', lat: 'Latitude' } as const;

/** The index of a point column in a header (as resolveColumns finds one: exact, else in any case), -1 when absent. */
export function pointColumnIndex(header: readonly string[], heading: string): number {
  const exact = header.indexOf(heading);
  return exact >= 0 ? exact : header.findIndex((h) => h.toLowerCase() === heading.toLowerCase());
}

/** SQL: a coordinate as police_points keeps it, the trimmed text as a number (NULL when it is not one). */
export const coordinate = (column: string): string => `TRY_CAST(trim(${column}) AS DOUBLE)`;

/**
 * The names an LSOA name of the partnership area starts with: the area and the aliases of the
 * district of that name (f_district maps them to it). A cheap test on a row's raw LSOA name that
 * every row of the area passes (some others may too: f_district decides).
 */
export function areaNames(config: Config): string[] {
  const area = config.partnership.area;
  return [area, ...config.geography.districts.filter((d) => d.name === area).flatMap((d) => d.aliases)];
}

/** "Thanet 012B" → "Thanet": the district is the LSOA name without its code. */
export const DISTRICT_FROM_LSOA_NAME = ` [0-9]{3}[A-Z]$`;

/**
 * How a police row is read and checked, given the SQL of each column: shared by the one-file
 * path below and the many-file path in police-batch.ts, which gives its own SQL for the
 * repeated-ID rank (`repeat`).
 */
export function policeMapping(col: Record<keyof typeof POLICE_COLUMNS, string>, config: Config, o: { today: string; repeat?: string }) {
  const { repeat } = o;
  const districts = config.geography.districts;
  // Old names (Shepway) are counted under the current name (Folkestone and Hythe).
  const aliasCases = districts.flatMap((d) => d.aliases.map((a) => `WHEN ${sqlString(a)} THEN ${sqlString(d.name)}`)).join(' ');
  const rawDistrict = `regexp_replace(${text(col.lsoaName)}, '${DISTRICT_FROM_LSOA_NAME}', '')`;
  const names = districts.map((d) => sqlString(d.name)).join(', ');
  const month = text(col.month);
  // (Read alone, a shifted row is refused first and holds no ID either: see stageCsv.)
  const ownChecksPass = `coalesce(NOT _shifted AND regexp_full_match(${month}, '[0-9]{4}-(0[1-9]|1[0-2])') AND ${month} <= ${sqlString(o.today.slice(0, 7))} AND ${text(col.crimeType)} IS NOT NULL, false)`;
  const checks: Check[] = [
    {
      // A spreadsheet saves the rows below the data as ",,,,,,,,,,,": one reason for them all.
      when: 'f_month IS NULL AND f_category IS NULL',
      reason: 'blank row: no Month and no Crime type',
      code: 'blank-row',
      column: null,
      value: 'NULL',
    },
    {
      when: `f_month IS NULL OR NOT regexp_full_match(f_month, '[0-9]{4}-(0[1-9]|1[0-2])')`,
      reason: 'Month is not a month in the form YYYY-MM',
      code: 'month-not-a-month',
      column: POLICE_COLUMNS.month,
      value: 'f_month',
    },
    {
      // data.police.uk publishes a month some weeks after it ends: a later one is a mistyped Month.
      when: `f_month > ${sqlString(o.today.slice(0, 7))}`,
      reason: 'Month is in the future',
      code: 'month-in-future',
      column: POLICE_COLUMNS.month,
      value: 'f_month',
    },
    { when: 'f_category IS NULL', reason: 'Crime type is empty', code: 'empty-category', column: POLICE_COLUMNS.crimeType, value: 'f_category' },
    {
      when: 'f_repeat > 1',
      reason: 'repeated Crime ID: the first row with this ID is kept',
      code: 'repeated-id',
      column: POLICE_COLUMNS.crimeId,
      value: 'f_id',
    },
  ];
  return {
    fields: {
      f_id: text(col.crimeId),
      f_month: text(col.month),
      f_category: text(col.crimeType),
      f_lsoa_code: text(col.lsoaCode),
      f_lsoa_name: text(col.lsoaName),
      f_district: aliasCases ? `CASE ${rawDistrict} ${aliasCases} ELSE ${rawDistrict} END` : rawDistrict,
      // ASB rows have no Crime ID: that is not a duplicate. Only rows that pass their own checks
      // hold an ID (ranked apart from those that do not): a row refused for its Month must not
      // make the good row with its ID a repeat, or the crime would be counted nowhere.
      f_repeat:
        repeat ??
        `CASE WHEN ${text(col.crimeId)} IS NOT NULL AND ${ownChecksPass} THEN row_number() OVER (PARTITION BY ${text(col.crimeId)}, ${ownChecksPass} ORDER BY _row) END`,
    },
    checks,
    insert: {
      month: 'f_month',
      category: 'f_category',
      area_code: 'f_lsoa_code',
      area_name: 'f_lsoa_name',
      district: 'f_district',
      in_force: `coalesce(f_district IN (${names}), false)`,
    },
  };
}

export const mapPolice: KindMapper<PoliceSource> = async (staged, _source, ctx) => {
  const col = resolveColumns(staged, POLICE_COLUMNS, ctx.shownPath, `${ctx.key} (data.police.uk street file)`);
  const m = policeMapping(col as Record<keyof typeof POLICE_COLUMNS, string>, ctx.config, { today: ctx.today });
  const point = (heading: string) => {
    const i = pointColumnIndex(staged.header, heading);
    return i < 0 ? 'NULL::DOUBLE' : coordinate(`"c${i}"`);
  };
  const [lon, lat] = [point(POLICE_POINT_COLUMNS.lon), point(POLICE_POINT_COLUMNS.lat)];
  return mapStaged(ctx.db, staged, {
    source: ctx.sourceId,
    fileId: ctx.fileId,
    fields: m.fields,
    checks: m.checks,
    target: 'incidents',
    aggregate: true,
    inserts: [m.insert],
    // The area's rows with a point, for the density map (the same rows as its incidents, less those without one).
    also: {
      target: 'police_points',
      values: { month: 'f_month', category: 'f_category', area_code: 'f_lsoa_code', lon, lat },
      where: `f_district = ${sqlString(ctx.config.partnership.area)} AND ${lon} IS NOT NULL AND ${lat} IS NOT NULL`,
    },
  });
};
