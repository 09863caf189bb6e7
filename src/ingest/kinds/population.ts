import type { z } from 'zod';
import type { populationSource } from '../../config/sources.js';
import { sqlString } from '../database.js';
import { MAX_COUNT, mapStaged, text, tooLarge, wholeNumber } from '../map.js';
import { resolveColumns } from '../staging.js';
import type { KindMapper } from './context.js';

type PopulationSource = z.output<typeof populationSource>;

/** Resident population by area and year: the denominator of every rate. */
export const mapPopulation: KindMapper<PopulationSource> = async (staged, source, ctx) => {
  const col = resolveColumns(staged, source.columns, ctx.shownPath, `${ctx.key}.columns`);
  return mapStaged(ctx.db, staged, {
    source: ctx.sourceId,
    fileId: ctx.fileId,
    fields: {
      f_area: text(col.area!),
      f_population_text: text(col.population!),
      f_population: wholeNumber(col.population!),
      f_population_large: tooLarge(col.population!),
      f_year_text: col.year ? text(col.year) : 'NULL',
      f_year: col.year ? `try_cast(trim(${col.year}) AS INTEGER)` : 'NULL::INTEGER',
      f_level: col.level ? `lower(${text(col.level)})` : sqlString(source.level),
    },
    checks: [
      { when: 'f_area IS NULL', reason: 'the area is empty', code: 'empty-area', column: source.columns.area, value: 'f_area' },
      {
        when: 'f_population_large',
        reason: `the population is too large (more than ${MAX_COUNT.toLocaleString('en-GB')})`,
        code: 'population-too-large',
        column: source.columns.population,
        value: 'f_population_text',
      },
      {
        when: 'f_population IS NULL',
        reason: 'the population is not a whole number',
        code: 'population-not-a-whole-number',
        column: source.columns.population,
        value: 'f_population_text',
      },
      {
        when: 'f_population <= 0',
        reason: 'the population is zero or negative: no rate can be computed from it',
        code: 'population-not-positive',
        column: source.columns.population,
        value: 'f_population_text',
      },
      {
        when: `f_year_text IS NOT NULL AND (f_year IS NULL OR f_year NOT BETWEEN 1990 AND 2100)`,
        reason: 'the year is not a year such as 2024',
        code: 'year-not-a-year',
        column: source.columns.year ?? null,
        value: 'f_year_text',
      },
      {
        when: `f_level IS NULL OR f_level NOT IN ('district', 'ward', 'lsoa')`,
        reason: 'the level must be district, ward or lsoa',
        code: 'unknown-level',
        column: source.columns.level ?? null,
        value: 'f_level',
      },
    ],
    target: 'population',
    // The line, to name both rows where an area and year are given twice (report.ts).
    inserts: [{ area: 'f_area', level: 'f_level', year: 'f_year', population: 'f_population', line: staged.lineSql('_row') }],
  });
};
