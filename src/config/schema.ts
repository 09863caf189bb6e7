import { z } from 'zod';
import { rankingSchema } from './ranking.js';
import { source } from './sources.js';
import { boundariesSchema } from './boundaries.js';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM, e.g. 2025-12');

const id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a short id of lower-case letters, digits and hyphens, e.g. council-asb');

const partnership = z.strictObject({
  name: z.string().min(1).describe('Full name, e.g. Thanet Community Safety Partnership'),
  area: z.string().min(1).describe('The district the partnership covers, spelt as data.police.uk spells it in "LSOA name"'),
  force: z.string().min(1).describe('The police force, e.g. Kent Police (used for "the force average")'),
  protectiveMarking: z.string().default('OFFICIAL').describe("Marking on the partners' assessment, e.g. OFFICIAL-SENSITIVE"),
});

const district = z.strictObject({
  name: z.string().min(1).describe('District name as it appears at the start of "LSOA name" (e.g. Thanet in "Thanet 012B")'),
  aliases: z.array(z.string().min(1)).default([]).describe('Older names in older files, e.g. Shepway for Folkestone and Hythe'),
});

const geography = z.strictObject({
  districts: z
    .array(district)
    .min(1)
    .describe('Every district in the force area: the comparators for rates and ranks. Rows from other districts are counted as outside the force'),
  wards: z
    .array(z.string().min(1))
    .optional()
    .describe(
      "The partnership area's wards (names or codes). Ward-level rows of a source without a district column are placed by it: rows of other wards are counted as outside the area. Without it, a ward-level export is taken to be the partnership's own",
    ),
  comparatorGroup: z
    .strictObject({
      name: z.string().min(1),
      areas: z.array(z.strictObject({ name: z.string().min(1), population: z.number().int().positive() })).min(1),
    })
    .optional()
    .describe('An optional most-similar group of areas with their populations'),
  boundaries: boundariesSchema.optional(),
});

const period = z.strictObject({
  end: month.describe('Last month of the current assessment window'),
  months: z.number().int().min(1).max(60).default(12).describe('Length of the current window; the previous window is the same length before it'),
  seriesMonths: z.number().int().min(12).max(120).default(36).describe('How many months of monthly series to show'),
});

const allCrime = z
  .strictObject({
    source: z.string().min(1).describe("The source whose rows are all crime, e.g. the force's own crime export (records or counts)"),
    exclude: z
      .array(z.string().min(1))
      .optional()
      .describe('Categories of that source that are not crimes; default: Anti-social behaviour for a police-uk-street source, none otherwise'),
  })
  .describe('Where the all-crime figure comes from; default: the police-uk-street source, all but Anti-social behaviour');

const quality = z.strictObject({
  refuseNoLocationAbovePct: z
    .number()
    .min(0)
    .max(100)
    .default(25)
    .describe(
      'assess refuses police data in which a month has more than this % of rows with no location (they count in no district); validate warns at any share',
    ),
});

const theme = z.strictObject({
  id,
  name: z.string().min(1),
  categories: z.record(z.string(), z.array(z.string().min(1)).min(1)).describe('Source id → the categories of that source that make up this theme'),
  survey: z.array(z.string().min(1)).default([]).describe('Survey options ("which are problems") that name this theme'),
  sensitive: z.boolean().default(false).describe('Small counts are suppressed in public documents (e.g. domestic abuse, sexual offences)'),
});

const branding = z.strictObject({
  name: z.string().optional().describe('The name printed on documents (default: partnership.name)'),
  logo: z.string().optional().describe('A PNG, JPEG or SVG logo, relative to csp.yaml; embedded in the documents'),
  logoAlt: z.string().optional().describe('Text alternative for the logo'),
  wordReference: z
    .string()
    .optional()
    .describe(
      "The council's Word template (.docx), relative to csp.yaml: the Word documents take its styles, page size, margins, headers and footers (as pandoc's reference document)",
    ),
  primaryColour: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour as #rrggbb')
    .default('#1d4f76'),
  accentColour: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour as #rrggbb')
    .default('#b3541e'),
});

const output = z.strictObject({
  dir: z.string().default('out').describe('Where outputs are written, relative to csp.yaml'),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
    .optional()
    .describe('The date printed on outputs; default SOURCE_DATE_EPOCH or today. Fix it for byte-identical reruns'),
  watermark: z.string().optional().describe('A notice printed at the top of every document, e.g. "SAMPLE DATA: illustrative figures"'),
  suppressBelow: z.number().int().min(0).default(5).describe('In public documents, counts below this for sensitive themes are shown as "fewer than N"'),
  formats: z
    .array(z.enum(['html', 'pdf', 'docx']))
    .default(['html', 'pdf'])
    .describe('Documents written by assess and render-plan unless --format says otherwise'),
});

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  partnership,
  period,
  geography,
  sources: z.record(id, source).describe('Partner exports, keyed by a short id of your choice'),
  allCrime: allCrime.optional(),
  themes: z.array(theme).default([]),
  quality: quality.default({ refuseNoLocationAbovePct: 25 }),
  ranking: rankingSchema.optional().describe('How candidate themes are scored and ranked; omit for the defaults'),
  branding: branding.default({ primaryColour: '#1d4f76', accentColour: '#b3541e' }),
  output: output.default({ dir: 'out', suppressBelow: 5, formats: ['html', 'pdf'] }),
  templates: z.string().optional().describe('Your own copy of the document templates (csp init --templates), relative to csp.yaml; --templates overrides it'),
});

export type RawConfig = z.output<typeof configSchema>;
