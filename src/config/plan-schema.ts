import { z } from 'zod';

const text = z.string().min(1);
const sentence = z.string().min(10, 'write a sentence or more');

/** One action of next year's action plan, as the seeds' plans and Cabinet reports list them. */
const action = z.strictObject({
  action: text.describe('What will be done, e.g. Knife arch operations at the railway stations'),
  lead: text.describe('The agency that leads it and answers for it'),
  measure: text.describe('How success is measured, e.g. Knives surrendered or seized'),
  target: z.union([text, z.number()]).transform(String).describe('The target, e.g. 6 a year, 40; or "Monitor" where none is set'),
  when: z.string().default('').describe('By when, e.g. March 2027'),
});

const priority = z.strictObject({
  name: text,
  description: z.string().default(''),
  themes: z.array(z.string()).min(1).describe('The assessment themes (ids from csp.yaml) beneath this priority'),
  underlying: z.array(text).default([]),
  lead: text.describe('The agency or group that leads the priority, e.g. the Serious Violence sub-group, chaired by Kent Police'),
  whatWeWillDo: text.describe('What the partnership will do under this priority, in its own words'),
  actions: z.array(action).min(1).describe("Next year's actions under this priority, with lead, measure and target"),
  overrideReason: sentence
    .optional()
    .describe(
      'Needed when any theme beneath this priority was not recommended by the ranking: why the partnership includes it all the same. Shown in the plan and the Cabinet report',
    ),
});

/** A point about the area's people; a topic (Age, Deprivation, Ethnicity…) is printed in bold before it. */
const demographic = z.union([text, z.strictObject({ topic: text, text })]);

/**
 * plan.yaml: the partnership's own words for the Community Safety Plan and the covering
 * Cabinet report. Every figure comes from assessment.json, never from here, except the
 * grant, which no partner export carries.
 */
export const planSchema = z.strictObject({
  $schema: z.string().optional(),
  title: text.describe('e.g. Thanet Community Safety Partnership Plan 2026-2029'),
  period: text.describe('The years the plan covers, e.g. April 2026 to March 2029'),
  actionPlanYear: text.describe('The year of the action plan in this refresh, e.g. 2026 to 2027'),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
    .optional()
    .describe(
      "The date the plan and the Cabinet report carry, e.g. the day the report is published for the meeting; default: the assessment's date. output.date in csp.yaml, where set, wins",
    ),
  foreword: z.strictObject({
    author: text.describe('The person who signs the foreword, by name, e.g. Chief Inspector Jane Smith'),
    role: text.describe('Their role, e.g. Chair of the Executive Group; District Commander'),
    organisation: z.string().default(''),
    text,
    alsoSigned: z
      .array(z.strictObject({ author: text, role: text, organisation: z.string().default('') }))
      .default([])
      .describe('Others who sign the foreword with the author, e.g. the Cabinet Member for Community Safety'),
  }),
  statements: z
    .array(z.strictObject({ title: text, author: text, role: z.string().default(''), organisation: z.string().default(''), text }))
    .default([])
    .describe('Further forewords, e.g. from the Violence Reduction Unit'),
  grant: z
    .strictObject({
      amount: z.number().positive().describe('In pounds, e.g. 33116'),
      from: text.describe('e.g. the Kent Police and Crime Commissioner'),
      year: text.describe('e.g. 2026 to 2027'),
      monitoring: text.describe('How spending is agreed and reported, e.g. ratified by the Executive Group, returns twice a year'),
    })
    .optional()
    .describe("The grant that funds the plan's activity; shown in the foreword and the Cabinet report"),
  about: z.strictObject({ area: text, partnership: text }),
  membership: z.array(z.union([text, z.strictObject({ name: text, description: z.string().default('') })])).min(1),
  accountability: text,
  structure: z
    .strictObject({
      text: z.string().default(''),
      groups: z.array(z.strictObject({ name: text, chair: z.string().default(''), remit: text })).min(1),
    })
    .describe('How the partnership is organised: the executive group and its sub-groups'),
  strategy: z
    .strictObject({
      text: z.string().default(''),
      documents: z.array(z.strictObject({ name: text, summary: text })).min(1),
    })
    .describe('The legislation and the strategies the plan sits within'),
  priorities: z.array(priority).min(1).describe('The priorities agreed, each with the assessment themes beneath it and what will be done'),
  demographics: z.array(demographic).default([]).describe('Points about the area (age, deprivation, ethnicity…); the population comes from the assessment'),
  crimePicture: z.string().default('').describe('An introduction to the crime figures, which come from the assessment'),
  achievements: z.string().default('').describe("An introduction to last year's achievements; the measures come from the actions source"),
  agencyPriorities: z.array(z.strictObject({ agency: text, priorities: z.array(text).min(1) })).default([]),
  engagement: text.describe('How residents were consulted; the survey figures come from the assessment'),
  comments: z.array(text).default([]).describe("Residents' comments chosen for publication"),
  youSaidWeDid: z
    .array(
      z.strictObject({
        concern: text.describe('An answer of the survey\'s "problems in your area" question, as the survey file spells it, e.g. Speeding and road safety'),
        answer: sentence.describe('What the partnership is doing about it, in public words, although no priority covers it'),
      }),
    )
    .default([])
    .describe(
      '"You said, we did": the partnership\'s answer to residents\' top concerns (the 5 problems named most) that no priority covers; render-plan warns of any without an answer',
    ),
  nextSteps: z.strictObject({
    text: z.string().default(''),
    cycle: z.array(z.strictObject({ activity: text, when: text })).default([
      { activity: 'Identify future challenges (data review)', when: 'Annually in January' },
      { activity: 'Stakeholder consultation (annual perception survey)', when: 'Annually in January' },
      { activity: 'Refresh the community safety plan', when: 'Annually in March' },
      { activity: 'Executive group scrutinises the action plan', when: 'Annually in March' },
      { activity: 'Action plan delivery', when: 'Annually (April to March)' },
    ]),
  }),
  getInvolved: text,
  contacts: z
    .array(z.strictObject({ name: text, phone: z.string().default(''), email: z.string().default(''), web: z.string().default('') }))
    .default([])
    .describe('Useful contacts; the plan always adds 999 for emergencies and 101 for the police'),
  cabinet: z.strictObject({
    meeting: text.describe('e.g. Cabinet, or Overview and Scrutiny Panel'),
    date: text,
    reportAuthor: text,
    portfolioHolder: text,
    status: text.describe('e.g. For Decision, For Information'),
    classification: z.string().default('Unrestricted'),
    recommendations: z.array(text).min(1),
    options: z.array(text).min(1).describe('The options open to the meeting, e.g. approve; or make suggestions for the partnership to consider'),
    executiveSummary: text,
    background: z.string().default(''),
    decisionMaking: text.describe('Decision-making process and policy framework: who decides, and where the plan goes next'),
    lastYear: text.describe("An introduction to last year's delivery; the counts of completed and ongoing actions come from the actions source"),
    consultation: z.strictObject({
      practitioners: z.string().default('').describe("e.g. the practitioners' planning event: when, how many came, from how many agencies"),
      from: text.describe("The first day of the residents' consultation, e.g. 5 January 2026"),
      to: text.describe('The last day, e.g. 30 January 2026'),
      method: text.describe('How it was run and promoted, e.g. online, in local newspapers, at community events'),
    }),
    accountability: text.describe('Accountability and performance management: who reports, to whom, how often'),
    implications: z.strictObject({
      financial: text,
      legal: text,
      corporate: text,
      risk: text.optional().describe('Corporate risk: the risks to the council of the decision, or that there are none; render-plan warns when it is missing'),
      equalities: text,
    }),
    scrutiny: z
      .strictObject({
        meeting: text.describe('The meeting that considered the draft, e.g. Overview and Scrutiny Panel, 17 February 2026'),
        comments: text.describe("What it said and what changed as a result, in the report's words"),
      })
      .optional()
      .describe("Overview and Scrutiny's comments on the draft plan; until it has met, the report says so"),
    contactOfficer: text,
    reportingTo: z.string().default(''),
    corporateConsultation: z
      .array(z.strictObject({ area: text.describe('e.g. Finance, Legal, Communications'), name: text.describe('Name and post of the officer consulted') }))
      .min(1)
      .describe('The officers who have seen and cleared the report'),
    annexes: z
      .array(z.strictObject({ title: text, file: text.describe("The annex's file, relative to plan.yaml; it must exist") }))
      .default([])
      .describe('Annexes besides the draft plan, which is always Annex 1'),
    backgroundPapers: z.array(z.strictObject({ title: text, where: text })).default([]),
  }),
});

export type Plan = z.output<typeof planSchema>;
export type PlanPriority = Plan['priorities'][number];
