import { z } from 'zod';

const text = z.string().min(1);

/**
 * plan.yaml: the partnership's own words for the Community Safety Plan and the covering
 * Cabinet report. Every figure comes from assessment.json, never from here.
 */
export const planSchema = z.strictObject({
  $schema: z.string().optional(),
  title: text.describe('e.g. Thanet Community Safety Partnership Plan 2026-2029'),
  period: text.describe('The years the plan covers, e.g. April 2026 to March 2029'),
  foreword: z.strictObject({ author: text, role: z.string().default(''), text }),
  statements: z
    .array(z.strictObject({ title: text, author: text, role: z.string().default(''), text }))
    .default([])
    .describe('Further forewords, e.g. from the Violence Reduction Unit'),
  about: z.strictObject({ area: text, partnership: text }),
  membership: z.array(z.union([text, z.strictObject({ name: text, description: z.string().default('') })])).min(1),
  accountability: text,
  structure: z.string().default('').describe('How the partnership is organised: executive group, sub-groups'),
  priorities: z
    .array(z.strictObject({ name: text, description: z.string().default(''), themes: z.array(z.string()).min(1), underlying: z.array(text).default([]) }))
    .min(1)
    .describe('The priorities agreed, each with the assessment themes beneath it'),
  demographics: z.array(text).default([]).describe('Points about the area; the population comes from the assessment'),
  crimePicture: z.string().default('').describe('An introduction to the crime figures, which come from the assessment'),
  achievements: z.string().default('').describe('An introduction to last year\'s achievements; the measures come from the actions source'),
  agencyPriorities: z.array(z.strictObject({ agency: text, priorities: z.array(text).min(1) })).default([]),
  engagement: text.describe('How residents were consulted; the survey figures come from the assessment'),
  comments: z.array(text).default([]).describe('Residents\' comments chosen for publication'),
  nextSteps: z.strictObject({
    text: z.string().default(''),
    cycle: z
      .array(z.strictObject({ activity: text, when: text }))
      .default([
        { activity: 'Identify future challenges (data review)', when: 'Annually in January' },
        { activity: 'Stakeholder consultation (annual perception survey)', when: 'Annually in January' },
        { activity: 'Refresh the community safety plan', when: 'Annually in March' },
        { activity: 'Executive group scrutinises the action plan', when: 'Annually in March' },
        { activity: 'Action plan delivery', when: 'Annually (April to March)' },
      ]),
  }),
  getInvolved: text,
  contacts: z.array(z.strictObject({ name: text, phone: z.string().default(''), email: z.string().default(''), web: z.string().default('') })).default([]),
  cabinet: z.strictObject({
    meeting: text.describe('e.g. Cabinet, or Overview and Scrutiny Panel'),
    date: text,
    reportAuthor: text,
    portfolioHolder: text,
    status: text.describe('e.g. For Decision, For Information'),
    classification: z.string().default('Unrestricted'),
    recommendations: z.array(text).min(1),
    executiveSummary: text,
    background: z.string().default(''),
    implications: z.strictObject({ financial: text, legal: text, corporate: text, equalities: text }),
    contactOfficer: text,
    reportingTo: z.string().default(''),
    annexes: z.array(text).default(['Annex 1: the draft Community Safety Plan']),
    backgroundPapers: z.array(text).default([]),
  }),
});

export type Plan = z.output<typeof planSchema>;
