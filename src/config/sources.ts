import { z } from 'zod';

/** File options shared by every source kind. Paths are relative to csp.yaml. */
const files = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
  .describe('A file, a glob (e.g. police/*-kent-street.csv) or a list of them, relative to csp.yaml');

const common = {
  files,
  description: z.string().optional().describe('What this source is, for the data-quality report'),
  publicName: z
    .string()
    .min(1)
    .optional()
    .describe('What this source counts, as public documents name it, e.g. "ASB complaints to the council" or "deliberate fires attended by the fire service"'),
  encoding: z
    .enum(['auto', 'utf-8', 'windows-1252', 'utf-16'])
    .default('auto')
    .describe('Text encoding of CSV files. auto: UTF-8 (with or without BOM), UTF-16 by its BOM, otherwise Windows-1252'),
  delimiter: z.enum(['auto', ',', ';', '\t', '|']).default('auto').describe('CSV field separator; auto picks the one that splits the header line'),
  sheet: z.string().optional().describe('XLSX only: the worksheet to read (default: the first)'),
};

const column = z.string().min(1).describe('A column heading exactly as it appears in the file');

const areaLevel = z.enum(['district', 'ward', 'lsoa']).default('ward').describe('What the area column holds: ward, LSOA or district names/codes');

const districtColumn = column
  .optional()
  .describe(
    'The district (local authority) of each row, for an export that covers several districts (a county-wide or force-wide return): rows are placed in their district, the partnership counts only its own and the others are comparators',
  );

/** A date written in one column, or split over three (day, month as a number or a name, year), as some fire services export it. */
const dateColumns = z.union([
  column.describe('The date (or month) of the incident'),
  z
    .strictObject({
      day: column.optional().describe('The day of the month (1–31); omit when the export gives only months'),
      month: column.describe('The month, as a number (1–12) or a name (July, Jul)'),
      year: column.describe('The year, in full (2014)'),
    })
    .describe('A date split over columns, e.g. {day: Day, month: Month, year: Year}'),
]);

export const policeSource = z.strictObject({
  kind: z.literal('police-uk-street'),
  ...common,
});

export const recordsSource = z.strictObject({
  kind: z.literal('records'),
  ...common,
  dateFormat: z
    .enum(['auto', 'dd/mm/yyyy', 'yyyy-mm-dd', 'mm/dd/yyyy', 'yyyy-mm'])
    .default('auto')
    .describe('auto accepts dd/mm/yyyy (UK order), ISO yyyy-mm-dd, yyyy-mm and Excel serial numbers'),
  areaLevel,
  columns: z.strictObject({
    date: dateColumns,
    category: column.optional().describe('The category; omit and set `category` when the whole file is one category'),
    area: column.optional().describe('The ward, LSOA or district of the incident'),
    district: districtColumn,
    id: column.optional().describe('A reference number; repeated references are counted and kept once'),
    flags: z.record(z.string(), column).optional().describe('Yes/no markers to keep, e.g. {repeat: "Repeat Victim"}; "Y", "Yes", "True" and "1" mean yes'),
  }),
  category: z.string().optional().describe('The category of every row, when the file has no category column'),
});

export const countsSource = z.strictObject({
  kind: z.literal('counts'),
  ...common,
  areaLevel,
  columns: z.strictObject({
    period: column.describe('Month (YYYY-MM, MM/YYYY, Jan-24), quarter (2024 Q1) or financial year (2024/25)'),
    category: column.optional(),
    area: column.optional(),
    areaName: column
      .optional()
      .describe('The name of the area when `area` holds its code (e.g. LSOA code and LSOA name): a code given under two names is reported'),
    district: districtColumn,
    count: column.describe('A whole number of incidents, 0 or more'),
  }),
  category: z.string().optional().describe('The category of every row, when the file has no category column'),
});

export const populationSource = z.strictObject({
  kind: z.literal('population'),
  ...common,
  columns: z.strictObject({
    area: column.describe('Area name or code (district, ward or LSOA)'),
    population: column,
    year: column.optional().describe('Year of the estimate; the latest year is used for rates'),
    level: column.optional().describe('district, ward or lsoa; omit and set `level` when the file has one level'),
  }),
  level: z.enum(['district', 'ward', 'lsoa']).default('district'),
});

export const surveySource = z.strictObject({
  kind: z.literal('survey'),
  ...common,
  columns: z.strictObject({
    id: column.optional(),
    problems: column.describe('Multi-select "which of these are problems in your area", options separated by `problemsSeparator`'),
    agreement: column.optional().describe('Agreement with the proposed priorities (Likert)'),
    safeDay: column.optional().describe('How safe the respondent feels outside during the day'),
    safeDark: column.optional().describe('How safe the respondent feels outside after dark'),
    area: column.optional(),
    comment: column.optional().describe('Free-text comment (kept as written; rendered as text)'),
  }),
  problemsSeparator: z.string().min(1).default(';'),
  agreeValues: z.array(z.string()).default(['Strongly agree', 'Agree']),
  safeValues: z.array(z.string()).default(['Very safe', 'Fairly safe']),
});

export const judgementsSource = z.strictObject({
  kind: z.literal('judgements'),
  ...common,
  columns: z.strictObject({
    theme: column.describe('The theme id or name the practitioner scored'),
    practitioner: column.optional(),
    agency: column.optional(),
    scores: z.record(z.string(), column).describe('Judged criterion id → column, e.g. {influence: "Influence (1-5)"}'),
  }),
  scale: z
    .strictObject({ min: z.number().default(1), max: z.number().default(5) })
    .refine((s) => s.min < s.max, { message: 'min must be below max' })
    .default({ min: 1, max: 5 })
    .describe('The scale practitioners scored on; a score outside it is rejected'),
});

export const actionsSource = z.strictObject({
  kind: z.literal('actions'),
  ...common,
  columns: z.strictObject({
    action: column,
    status: column.describe('completed, ongoing or carried forward'),
    theme: column.optional(),
    measure: column.optional().describe('What was measured, e.g. "Community Protection Notices issued"'),
    baseline: column.optional().describe('The value before (a number)'),
    latest: column.optional().describe('The value now (a number)'),
  }),
});

export const source = z.discriminatedUnion('kind', [
  policeSource,
  recordsSource,
  countsSource,
  populationSource,
  surveySource,
  judgementsSource,
  actionsSource,
]);

export type SourceConfig = z.output<typeof source>;
export type SourceKind = SourceConfig['kind'];
export const SOURCE_KINDS = source.options.map((o) => o.shape.kind.value);
