import path from 'node:path';
import { assessmentSchema, type Assessment } from '../analyse/assessment-schema.js';
import { loadConfig, type Config } from '../config/load.js';
import { CspError, EXIT, formatProblem, invalidInput } from '../core/errors.js';
import type { Io } from '../core/io.js';
import { renderDocuments } from '../render/documents.js';
import { Printing } from '../render/printing.js';
import { loadPlan } from '../config/plan-load.js';
import { checkPriorities } from '../render/views/plan-priorities.js';
import { checkConcerns } from '../render/views/plan-choice.js';
import { planWarnings } from '../render/views/plan-warnings.js';
import { browserFor, documentOptions, parseFormats, stepper } from './steps.js';
import { problemJson } from './json.js';
import { settingsOf } from '../util/env.js';
import { OutputSet } from '../util/output-set.js';
import { checkTemporaryFolder } from '../util/temporary-folder.js';
import { checkWritable } from '../util/writable.js';
import { readInputFile } from '../util/input-file.js';
import { readWardFile } from '../ingest/boundaries/index.js';

export interface RenderPlanOptions {
  config: string;
  plan?: string;
  assessment?: string;
  out?: string;
  format?: string;
  templates?: string;
  browser?: string;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

/** What render-plan makes, in this order. */
const KINDS = ['plan', 'cabinet-report'] as const;

/** `csp render-plan`: the public Community Safety Plan and the Cabinet report, from assessment.json and plan.yaml. */
export async function renderPlan(opts: RenderPlanOptions, io: Io): Promise<number> {
  const config = loadConfig(path.resolve(io.cwd, opts.config));
  const outDir = opts.out ? path.resolve(io.cwd, opts.out) : path.resolve(config.baseDir, config.output.dir);
  checkWritable(outDir, path.relative(io.cwd, outDir) || '.');
  checkTemporaryFolder();
  const pdf = browserFor(
    opts.format ? parseFormats(opts.format) : config.output.formats,
    opts.browser ? path.resolve(io.cwd, opts.browser) : undefined,
    io.env,
  );
  // The browser starts now, while the assessment and the plan are read and the documents made.
  const printing = await Printing.start(pdf.formats, pdf.browser, io.env, KINDS.length);
  try {
    return await renderWith({ printing, pdf, config, outDir }, opts, io);
  } catch (e) {
    await printing?.abandon(e);
    throw e;
  }
}

/** The rest of render-plan, with the browser started and what was read before it. */
async function renderWith(
  begun: { printing: Printing | undefined; pdf: ReturnType<typeof browserFor>; config: Config; outDir: string },
  opts: RenderPlanOptions,
  io: Io,
): Promise<number> {
  const { printing, pdf, config, outDir } = begun;
  const settings = settingsOf(io.env);
  const step = stepper(io, opts.quiet ?? false);
  const assessmentFile = opts.assessment ? path.resolve(io.cwd, opts.assessment) : path.join(outDir, 'assessment.json');
  const onNote = (note: string) => !opts.quiet && io.err(io.color.dim(`… ${note}\n`));
  // An assess whose commit was cut short left its assessment.json in place: the previous set is
  // put back first, as assess would, so the plan never publishes the figures of a run that failed.
  await OutputSet.settled(path.dirname(assessmentFile), { waitMs: settings.lockWaitMs, onNote });
  const assessment = readAssessment(assessmentFile, io.cwd);
  const { plan, where } = loadPlan(opts.plan ? path.resolve(io.cwd, opts.plan) : path.join(config.baseDir, 'plan.yaml'), io.cwd);
  // Before anything is written: every priority follows the ranking, or says why not.
  checkPriorities(assessment, plan, where);
  checkConcerns(assessment, plan, where);
  step(`read ${path.relative(io.cwd, assessmentFile) || assessmentFile} (${assessment.period.label}) and the plan's words`);
  // What the partnership publishes against the ranking or the data's caveats is its choice, but never unseen.
  const warnings = planWarnings(assessment, plan);
  // The plan's map of crime by ward is drawn with the ward file the assessment's maps used, where
  // it is here; without it the plan is still whole, and says what it left out.
  const wards = readWardFile(config, assessment.maps?.wardFile);
  if (wards.missing)
    warnings.push({
      ...wards.missing,
      message: `the plan's map of crime by ward is left out: ${wards.missing.message}`,
      hint: 'run render-plan where csp.yaml and its boundary files are',
    });
  if (!opts.quiet) for (const w of warnings) io.err(`${io.color.yellow('⚠')} ${formatProblem(w)}\n`);
  step.hold(); // "wrote …" is said once the outputs are in place
  const rendered = await OutputSet.filled(
    outDir,
    (out) =>
      renderDocuments({
        kinds: [...KINDS],
        assessment,
        plan,
        config,
        boundaries: wards.layer ? { lsoa: [], ward: [wards.layer], attribution: null } : null,
        out,
        ...documentOptions(opts, io, step, config),
        formats: pdf.formats,
        browser: pdf.browser,
        printing,
      }),
    { waitMs: settings.lockWaitMs, onNote },
  );
  step.release();
  const noBrowser = pdf.noBrowser ?? rendered.noBrowser;
  // One JSON object: the browser's trouble is in it, not in a second object after it.
  if (opts.json)
    io.out(
      `${JSON.stringify({ outputs: rendered.written, warnings: warnings.map(problemJson), errors: noBrowser instanceof CspError ? noBrowser.problems.map(problemJson) : [] })}\n`,
    );
  if (opts.verbose && !opts.quiet) for (const f of rendered.written) io.err(io.color.dim(`  wrote ${path.relative(io.cwd, f) || f}\n`));
  if (noBrowser) throw noBrowser;
  return EXIT.ok;
}

/** A force's assessment.json is a few megabytes; one over 256 MB cannot be read as one string. */
const MAX_ASSESSMENT_BYTES = 256 * 1024 * 1024;

function readAssessment(file: string, cwd: string): Assessment {
  const shown = path.relative(cwd, file) || file;
  // A folder or a device given as --assessment is refused naming it, never read.
  const text = readInputFile(
    file,
    { file: shown },
    { message: `assessment not found: ${shown}`, hint: 'run `csp assess` first, or pass --assessment FILE' },
    MAX_ASSESSMENT_BYTES,
  );
  let data: unknown;
  try {
    data = JSON.parse(text.toString('utf8'));
  } catch (e) {
    throw invalidInput({ message: `not valid JSON: ${(e as Error).message}`, where: { file: shown }, hint: 'run `csp assess` again to rewrite it' });
  }
  const parsed = assessmentSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw invalidInput({
      message: `not an assessment this version of csp can read (${first.path.join('.')}: ${first.message})`,
      where: { file: shown },
      hint: 'run `csp assess` again with this version of csp',
    });
  }
  return parsed.data;
}
