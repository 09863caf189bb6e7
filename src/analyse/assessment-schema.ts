import { z } from 'zod';

/**
 * assessment.json: the contract between `csp assess`, scheduled jobs and `csp render-plan`.
 * Bump SCHEMA_VERSION's major part when a name that consumers rely on changes.
 */
export const SCHEMA_VERSION = '1.6.0';

const month = z.string().regex(/^\d{4}-\d{2}$/);
const significance = z.enum(['significant increase', 'no significant change', 'significant decrease']);

const monthCount = z.object({ month, count: z.number().int() });

const comparableSchema = z
  .object({
    gaps: z
      .array(z.object({ month, why: z.enum(['partly published', 'no data', 'not covered by the source']) }))
      .describe("The months of either window whose count is not a whole month's"),
    excludedMonths: z.array(month).describe('Each gap month and the month a window-length away in the other window: left out of both'),
    months: z.number().int().describe('Months compared in each window'),
    current: z.number().int(),
    previous: z.number().int(),
    change: z.number().int(),
    changePct: z.number().nullable(),
    changePctLabel: z.string(),
    pValue: z.number().nullable().describe('Null when no month can be compared'),
    significance: z.enum(['significant increase', 'no significant change', 'significant decrease', 'cannot be compared']),
    fewMonths: z.boolean().describe("Fewer than half of the window's months are compared: every verdict says so"),
    note: z.string(),
  })
  .describe(
    'The change on comparable months, where a window has a partly published or missing month; null when neither has. Headlines and the trend criterion use it.',
  );

export const figureSchema = z.object({
  current: z.number().int().describe('Count in the current window'),
  previous: z.number().int().describe('Count in the previous window of the same length'),
  change: z.number().int(),
  changePct: z.number().nullable().describe('Percentage change; null when the previous count is below the small-base threshold'),
  changePctLabel: z.string(),
  pValue: z.number().describe('Two-sided exact test for two Poisson counts'),
  significance,
  ratePer1000: z.number().nullable(),
  forceAverageRatePer1000: z.number().nullable().describe("All the force's districts together; null for sources that cover only the partnership area"),
  rank: z.number().int().nullable().describe("Rank of the area among the force's districts by rate, 1 = highest"),
  rankOf: z.number().int().nullable(),
  differenceFromForcePer1000: z
    .number()
    .nullable()
    .describe('The rate minus the force average, per 1,000 residents, rounded once to 1 decimal place from the exact rates'),
  comparable: comparableSchema.nullable(),
});

const placeField = z
  .string()
  .optional()
  .describe('The LSOA named with its best-fit ward, "Thanet 001A (Cliftonville West)", where boundary files are given (since 1.5.0)');

const hotspotsSchema = z.object({
  level: z.string(),
  areas: z.number().int(),
  total: z.number().int(),
  byCount: z.array(z.object({ area: z.string(), place: placeField, count: z.number().int(), sharePct: z.number() })),
  byRate: z.array(z.object({ area: z.string(), place: placeField, count: z.number().int(), population: z.number().int(), ratePer1000: z.number() })),
  top10PctAreas: z.number().int(),
  top10PctSharePct: z.number().nullable(),
  unrated: z
    .object({ areas: z.number().int(), count: z.number().int(), examples: z.array(z.string()) })
    .nullable()
    .describe('Where some areas have a population, those that have none (left out of byRate); null when none has one'),
});

const variabilitySchema = z.object({
  cv: z.number().nullable(),
  baselineMonths: z.number().int(),
  mean: z.number().nullable(),
  sd: z.number().nullable(),
  exceptions: z.array(
    z.object({
      month,
      count: z.number().int(),
      direction: z.enum(['above', 'below']),
      mean: z.number(),
      lower: z.number(),
      upper: z.number(),
    }),
  ),
});

const repeatSchema = z.object({ flag: z.string(), flagged: z.number().int(), total: z.number().int(), sharePct: z.number().nullable() });

export const measureSchema = figureSchema.extend({
  source: z.string(),
  kind: z.string(),
  categories: z.array(z.string()),
  categoryCounts: z.array(z.object({ category: z.string(), current: z.number().int(), previous: z.number().int() })),
  series: z.array(monthCount.extend({ rolling12: z.number().int().nullable() })),
  variability: variabilitySchema,
  hotspots: hotspotsSchema,
  repeats: z.array(repeatSchema),
  dataQuality: z.array(z.string()).describe('ids of dataQuality findings that affect these figures'),
});

const hotspotWindow = z.object({ count: z.number().int(), sharePct: z.number(), hotspot: z.boolean() }).nullable();

const mapsSchema = z.object({
  attribution: z.string().describe('Printed under every map: geography.boundaries.attribution, else the OGL attribution with the year of the boundaries'),
  lsoaFile: z.string().nullable().describe('The LSOA boundary file the maps are drawn with, as csp.yaml names it; null when none holds the police codes'),
  wardFile: z.string().nullable(),
  lsoas: z
    .array(
      z.object({
        code: z.string(),
        name: z.string().nullable(),
        ward: z.string().nullable().describe("The LSOA's best-fit ward: the one that holds its centroid, else most of its area"),
        wardName: z.string().nullable(),
        place: z.string().describe('"Thanet 001A (Cliftonville West)"'),
        population: z.number().int().nullable(),
      }),
    )
    .describe("The partnership's LSOAs of the drawn file, by code"),
  wards: z
    .array(
      z.object({
        code: z.string(),
        name: z.string().nullable(),
        population: z.number().int().nullable().optional().describe("The ward's population from the population source's ward rows (since 1.6.0)"),
      }),
    )
    .describe('The wards the LSOAs fall in (all of the file without LSOAs)'),
  byLsoa: z
    .array(
      z.object({
        figure: z.string().describe('allCrime, or the id of a theme'),
        name: z.string(),
        source: z.string(),
        areas: z
          .array(z.object({ code: z.string(), count: z.number().int(), ratePer1000: z.number().nullable() }))
          .describe('Every LSOA of lsoas, current window'),
      }),
    )
    .describe("All crime and each theme's police measure, by LSOA, in the current window"),
  byWard: z
    .array(
      z.object({
        figure: z.string(),
        name: z.string(),
        source: z.string(),
        areas: z.array(z.object({ code: z.string(), count: z.number().int() })),
        unmatched: z.array(z.object({ ward: z.string(), count: z.number().int() })).describe('Ward names of the source that are no ward of the file'),
      }),
    )
    .describe("The partners' figures that come by ward (council ASB, fire), current window"),
  hotspotsOverTime: z
    .object({
      figure: z.string(),
      rule: z.object({ factor: z.number(), minCount: z.number().int() }),
      windows: z.number().int(),
      spans: z.array(z.object({ start: month, end: month })).describe('The windows compared, current first'),
      thresholdPct: z.number(),
      areas: z.array(z.object({ area: z.string(), class: z.enum(['persistent', 'emerging', 'former', 'none']), windows: z.array(hotspotWindow) })),
    })
    .nullable()
    .describe('All crime by LSOA: persistent, emerging and former hotspots; null when the data does not cover the previous window'),
});

const densitySchema = z.object({
  figure: z.string().describe('allCrime'),
  name: z.string(),
  source: z.string(),
  rows: z.number().int().describe("The area's rows of the figure in the current window"),
  withoutPoint: z.number().int().describe('Of them, the rows with no longitude and latitude: in every figure, on no density map'),
  lsoas: z.array(z.object({ code: z.string(), name: z.string().nullable() })).describe('The LSOAs the points are in, as the police files name them'),
  points: z
    .array(z.object({ lon: z.number(), lat: z.number(), lsoa: z.string().nullable(), count: z.number().int() }))
    .describe("data.police.uk's anonymised points (each crime is moved to the nearest of a fixed set) with the rows at each, by LSOA"),
});

const comparatorSchema = z.object({
  area: z.string(),
  group: z.enum(['force', 'comparator-group']),
  population: z.number().int().nullable(),
  current: z.number().int().nullable(),
  previous: z.number().int().nullable(),
  ratePer1000: z.number().nullable(),
  rank: z.number().int().nullable(),
  isArea: z.boolean(),
});

export const themeResultSchema = figureSchema.extend({
  id: z.string(),
  name: z.string(),
  sensitive: z.boolean(),
  headlineSource: z.string().describe('The first source listed for the theme in csp.yaml gives its headline figures'),
  summary: z.string(),
  measures: z.array(measureSchema),
  perceptionPct: z.number().nullable().describe("Share of survey respondents naming any of the theme's survey options"),
  perceptionOptions: z.array(z.string()).describe('The survey options perceptionPct combines: a respondent naming any of them counts once'),
  judgements: z.record(z.string(), z.object({ mean: z.number(), practitioners: z.number().int() })),
  districts: z
    .array(comparatorSchema)
    .describe(
      "The theme's headline figure in every district of the force, highest rate first; empty when the headline source covers only the partnership area",
    ),
  dataQuality: z.array(z.string()),
});

const findingSchema = z.object({
  id: z.string(),
  severity: z.enum(['info', 'warning', 'error']),
  source: z.string().nullable(),
  message: z.string(),
  effect: z.string().describe('What the finding does to the figures'),
  affects: z.array(z.string()).describe('"allCrime" and theme ids whose figures it affects'),
});

const fileSchema = z.object({
  path: z.string().describe('Relative to csp.yaml'),
  fullPath: z.string().optional().describe('The full path of the file read, links followed: exports kept on a shared drive are read where csp.yaml points'),
  sha256: z.string(),
  bytes: z.number().int(),
  rowsRead: z.number().int(),
  rowsAccepted: z.number().int(),
  rowsRejected: z.number().int(),
  error: z.string().optional(),
  duplicateOf: z.string().optional().describe('A byte-identical copy of this file: not read'),
});

export const assessmentSchema = z.object({
  schemaVersion: z.string(),
  generatedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  tool: z.object({ name: z.literal('csp'), version: z.string() }),
  config: z.record(z.string(), z.unknown()).describe('The resolved csp.yaml, defaults filled in'),
  sources: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      description: z.string().nullable(),
      files: z.array(fileSchema),
      rowsRead: z.number().int(),
      rowsAccepted: z.number().int(),
      rowsRejected: z.number().int(),
      months: z.array(month),
    }),
  ),
  period: z.object({
    start: month,
    end: month,
    months: z.number().int(),
    previousStart: month,
    previousEnd: month,
    label: z.string(),
    previousLabel: z.string(),
    seriesStart: month,
  }),
  area: z.object({
    name: z.string(),
    population: z.number().int().nullable(),
    populationYear: z.number().int().nullable(),
    force: z.string(),
    districts: z.number().int(),
  }),
  definitions: z.record(z.string(), z.string()).describe('How each figure is computed, in words'),
  allCrime: figureSchema.extend({
    source: z.string().describe("The source all crime is counted from: the police street files, or the force's own export named in allCrime"),
    summary: z.string(),
    series: z.array(monthCount.extend({ rolling12: z.number().int().nullable() })),
    variability: variabilitySchema,
    hotspots: hotspotsSchema,
    dataQuality: z.array(z.string()),
  }),
  themes: z.array(themeResultSchema),
  comparators: z.array(comparatorSchema),
  survey: z
    .object({
      source: z.string(),
      responses: z.number().int(),
      agreePct: z.number().nullable().describe('Share of agreeAnswered who agree or strongly agree'),
      agreeAnswered: z.number().int().describe('Respondents who answered the question (the base of agreePct), not those who agreed'),
      agreeRespondents: z.number().int().optional().describe('Respondents who agree or strongly agree (since 1.4.0)'),
      safeDayPct: z.number().nullable().describe('Share of safeDayAnswered who feel very or fairly safe during the day'),
      safeDayAnswered: z.number().int().describe('Respondents who answered the question (the base of safeDayPct)'),
      safeDayRespondents: z.number().int().optional().describe('Respondents who feel very or fairly safe during the day (since 1.4.0)'),
      safeDarkPct: z.number().nullable().describe('Share of safeDarkAnswered who feel very or fairly safe after dark'),
      safeDarkAnswered: z.number().int().describe('Respondents who answered the question (the base of safeDarkPct)'),
      safeDarkRespondents: z.number().int().optional().describe('Respondents who feel very or fairly safe after dark (since 1.4.0)'),
      problems: z
        .array(
          z.object({
            option: z.string(),
            respondents: z.number().int().describe('Respondents who named the option'),
            sharePct: z.number().describe('Share of all respondents (responses), not only of those who named any problem'),
          }),
        )
        .describe("Which are problems in your area: each option's share is of all respondents"),
    })
    .nullable(),
  actions: z.array(
    z.object({
      source: z.string(),
      action: z.string(),
      theme: z.string().nullable(),
      status: z.string(),
      measure: z.string().nullable(),
      baseline: z.number().nullable(),
      latest: z.number().nullable(),
    }),
  ),
  dataQuality: z.array(findingSchema),
  maps: mapsSchema.nullable().optional().describe('What the maps are drawn from; null without boundary files (since 1.5.0)'),
  density: densitySchema
    .nullable()
    .optional()
    .describe("Where all crime is, from the police data's own points, for the density map: with or without boundary files (since 1.6.0)"),
  ranking: z.object({
    method: z.enum(['weighted-sum', 'product']),
    scale: z.number().int(),
    recommend: z.number().int(),
    criteria: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        weight: z.number(),
        thresholds: z.array(z.number()),
        step: z.number(),
        measure: z.string().optional(),
        note: z.string().optional(),
      }),
    ),
    groups: z.object({ harm: z.array(z.string()), likelihood: z.array(z.string()) }).optional(),
    tieBreak: z.string(),
    themes: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        rank: z.number().int(),
        score: z.number(),
        recommended: z.boolean(),
        criteria: z.array(
          z.object({
            id: z.string(),
            raw: z.number(),
            band: z.number().int(),
            weight: z.number(),
            contribution: z.number(),
            reason: z.string(),
            data: z.record(z.string(), z.unknown()),
          }),
        ),
        override: z.object({ recommend: z.boolean(), reason: z.string() }).optional(),
      }),
    ),
    sensitivity: z.object({
      robust: z.boolean(),
      baseline: z.array(z.string()),
      scenarios: z.array(
        z.object({
          change: z.string(),
          criterion: z.string(),
          recommended: z.array(z.string()),
          changed: z.boolean(),
          entered: z.array(z.string()),
          left: z.array(z.string()),
        }),
      ),
      borderline: z.array(z.object({ theme: z.string(), scenarios: z.array(z.string()) })),
    }),
  }),
});

export type Assessment = z.infer<typeof assessmentSchema>;
export type Figure = z.infer<typeof figureSchema>;
export type ComparableFigure = z.infer<typeof comparableSchema>;
export type Measure = z.infer<typeof measureSchema>;
export type ThemeResult = z.infer<typeof themeResultSchema>;
export type Finding = z.infer<typeof findingSchema>;
export type Comparator = z.infer<typeof comparatorSchema>;
export type RankingResult = Assessment['ranking'];

export function assessmentJsonSchema(): object {
  return { ...z.toJSONSchema(assessmentSchema, { unrepresentable: 'any' }), title: 'csp assessment.json', $id: `csp-assessment-${SCHEMA_VERSION}` };
}
