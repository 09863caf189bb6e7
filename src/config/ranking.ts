import { z } from 'zod';

const weight = z.number().positive('a weight must be a positive number (0 switches nothing off: use enabled: false)');

const criterionBase = {
  enabled: z.boolean().default(true),
  weight: weight.default(1),
  thresholds: z.array(z.number()).optional().describe('Band boundaries, lowest first: scale − 1 of them. A raw value at a boundary takes the higher band'),
  step: z.number().positive().optional().describe('How far the sensitivity check moves each threshold (default per criterion)'),
};

export const rankingSchema = z.strictObject({
  method: z
    .enum(['weighted-sum', 'product'])
    .default('weighted-sum')
    .describe('weighted-sum: Σ weight × band. product: (harm group) × (likelihood group), as in MoRiLE'),
  scale: z
    .union([z.literal(3), z.literal(5)])
    .default(3)
    .describe('Bands run 1–3 (default) or 1–5'),
  recommend: z.number().int().min(1).default(3).describe('How many top-ranked themes are recommended as priorities'),
  criteria: z
    .strictObject({
      volume: z
        .strictObject({
          ...criterionBase,
          measure: z
            .enum(['rate-vs-average', 'share'])
            .default('rate-vs-average')
            .describe("rate-vs-average: the area's rate as a % of the force average (100 = average). share: % of all crime"),
        })
        .optional(),
      trend: z.strictObject(criterionBase).optional().describe('The % change when the test says it is significant, else 0'),
      harm: z
        .strictObject({
          ...criterionBase,
          weights: z
            .record(z.string(), z.record(z.string(), z.number().nonnegative()))
            .describe(
              'Source id → category → harm weight. No official weights exist per police.uk category: supply your own (e.g. from the ONS Crime Severity Score)',
            ),
          note: z.string().optional().describe('Where the weights come from, printed with the ranking'),
        })
        .optional()
        .describe('Harm-weighted incidents per 1,000 residents'),
      perception: z.strictObject(criterionBase).optional().describe('% of survey respondents naming the theme'),
    })
    .catchall(
      z.strictObject({
        ...criterionBase,
        judged: z.literal(true).describe("Scored by practitioners: the mean of the judgements source's column of this name"),
      }),
    )
    .optional()
    .describe('Each criterion turned into a band; judged criteria (influence, vulnerability, …) come from the judgements source'),
  groups: z
    .strictObject({ harm: z.array(z.string()).min(1), likelihood: z.array(z.string()).min(1) })
    .optional()
    .describe('For method: product, which criteria make up harm and which likelihood'),
  overrides: z
    .array(
      z.strictObject({
        theme: z.string(),
        recommend: z.boolean().describe('true: always recommended; false: never'),
        reason: z.string().min(10, 'an override needs a written reason (at least a sentence)'),
      }),
    )
    .default([]),
});

export type RankingConfig = z.output<typeof rankingSchema>;
