import { Command, CommanderError } from 'commander';
import { findConfig } from './config/find.js';
import { cause, isEnvironmentFault } from './util/errno.js';
import { CspError, EXIT, environmentError, formatProblem } from './core/errors.js';
import { cleanIo, processIo, wantsColor, type Io } from './core/io.js';
import { problemJson } from './commands/json.js';
import { VERSION } from './core/version.js';

// bin/csp.js removes temporary files on Ctrl-C through the same registry the commands fill.
export { runCleanups } from './util/cleanup.js';

const EXIT_CODES = `
Exit codes:
  0  success (warnings allowed)
  1  unexpected failure (a bug: run again with --debug and report it)
  2  invalid input: the config or the data (the message names file, line, column or key)
  3  environment: something the machine lacks (e.g. no browser for PDF)`;

/** The whole CLI as a function: parses argv, runs the command, returns the exit code. */
export async function run(argv: string[], given: Io = processIo(wantsColor(argv, process.env, Boolean(process.stderr.isTTY)))): Promise<number> {
  const debug = argv.includes('--debug');
  const json = argv.includes('--json');
  // Every message and JSON object passes here, cleaned of the data's terminal controls; with
  // --json, stdout holds one JSON object, so an error after it is said on stderr only.
  let printed = false;
  const cleaned = cleanIo(given);
  const io: Io = {
    ...cleaned,
    out: (t) => {
      printed = true;
      cleaned.out(t);
    },
  };
  let exitCode: number = EXIT.ok;
  /** --config as given, else csp.yaml here or in the nearest folder above (findConfig). */
  const configOf = (opts: { config?: string }) => ({ config: opts.config ?? findConfig(io.cwd), configNamed: opts.config !== undefined });
  const program = new Command('csp')
    .description('Community Safety Partnership toolkit: partner data in, Strategic Assessment and Community Safety Plan out.')
    .version(VERSION, '-V, --version')
    .option('--no-color', 'no colours in messages (also NO_COLOR)')
    .option('--debug', 'print the stack trace of unexpected errors')
    .addHelpText('after', EXIT_CODES)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });

  program
    .command('init')
    .argument('[dir]', 'folder for the new workspace', '.')
    .description("create a workspace: commented csp.yaml and plan.yaml, and a folder for each partner's exports")
    .option('--area <district>', 'the district the partnership covers, as data.police.uk spells it (default Thanet)')
    .option('--police <force>', 'the police force whose files are read (default "Kent Police")')
    .option('--templates', 'also copy the document templates, to adapt them (in a workspace that has a csp.yaml: only the templates)')
    .option('--force', 'replace files that already exist')
    .option('--json', 'print the files created as one JSON object on stdout')
    .option('-q, --quiet', 'print nothing on stderr but errors')
    .option('-v, --verbose', 'list every file created')
    .addHelpText(
      'after',
      `
Examples:
  csp init thanet-csp
  csp init dover-csp --area Dover --police "Kent Police"
  csp init . --templates
${EXIT_CODES}`,
    )
    .action(async (dir, opts) => {
      const { init } = await import('./commands/init.js');
      exitCode = await init(dir, opts, io);
    });

  program
    .command('validate')
    .description('read every partner export and report rows read, accepted and rejected (with reasons), months, categories and areas')
    .option('-c, --config <file>', 'the workspace configuration (default: csp.yaml here, or in the nearest folder above that has one)')
    .option('--json', 'print one JSON object on stdout (messages stay on stderr)')
    .option('--db <file>', 'keep the DuckDB database in this file, to query it afterwards')
    .option('-q, --quiet', 'print nothing on stderr but errors')
    .option('-v, --verbose', 'list every file and category')
    .addHelpText(
      'after',
      `
Examples:
  csp validate --config data-samples/csp.yaml
  csp validate --json > validation.json
  csp validate --db partners.duckdb   # then: duckdb partners.duckdb "select * from rejects"
${EXIT_CODES}`,
    )
    .action(async (opts) => {
      const { validate } = await import('./commands/validate.js');
      exitCode = await validate({ ...opts, ...configOf(opts) }, io);
    });

  program
    .command('assess')
    .description('the January job: read every source and write the Strategic Assessment figures (assessment.json, tables/*.csv, tables.xlsx)')
    .option('-c, --config <file>', 'the workspace configuration (default: csp.yaml here, or in the nearest folder above that has one)')
    .option('-o, --out <dir>', 'output folder (default: output.dir in csp.yaml)')
    .option('--period <from..to>', 'the current window, e.g. 2025-01..2025-12 or 2024-04..2025-03; the previous window is the same length before it')
    .option('--json', 'print a compact summary as one JSON object on stdout (messages stay on stderr)')
    .option('--db <file>', 'keep the DuckDB database in this file, to query it afterwards')
    .option('--format <list>', 'documents to write, any of html, pdf and docx, e.g. html,pdf (default: output.formats in csp.yaml)')
    .option('--templates <dir>', 'your own copy of the templates (csp init --templates)')
    .option('--browser <path>', 'Chrome, Chromium or Edge for PDF (also CSP_BROWSER)')
    .option('-q, --quiet', 'print nothing on stderr but errors')
    .option('-v, --verbose', 'list every file read')
    .addHelpText(
      'after',
      `
Examples:
  csp assess --config data-samples/csp.yaml
  csp assess --period 2024-04..2025-03 --out out/financial-year
  csp assess --json > summary.json        # in a scheduled job
${EXIT_CODES}`,
    )
    .action(async (opts) => {
      const { assess } = await import('./commands/assess.js');
      exitCode = await assess({ ...opts, ...configOf(opts) }, io);
    });

  program
    .command('render-plan')
    .description('before Cabinet: the public Community Safety Plan and the covering Cabinet report, as HTML and PDF')
    .option('-c, --config <file>', 'the workspace configuration (default: csp.yaml here, or in the nearest folder above that has one)')
    .option('--plan <file>', "the plan's own words (default: plan.yaml beside csp.yaml)")
    .option('--assessment <file>', 'the assessment to publish (default: assessment.json in the output folder)')
    .option('-o, --out <dir>', 'output folder (default: output.dir in csp.yaml)')
    .option('--format <list>', 'any of html, pdf and docx, e.g. html,pdf,docx (default: output.formats in csp.yaml)')
    .option('--templates <dir>', 'your own copy of the templates (csp init --templates)')
    .option('--browser <path>', 'Chrome, Chromium or Edge for PDF (also CSP_BROWSER)')
    .option('--json', 'print the files written as one JSON object on stdout')
    .option('-q, --quiet', 'print nothing on stderr but errors')
    .option('-v, --verbose', 'list every file written')
    .addHelpText(
      'after',
      `
Examples:
  csp render-plan --config data-samples/csp.yaml
  csp render-plan --format html                    # no browser needed
  csp render-plan --templates my-templates --browser "/usr/bin/chromium"
${EXIT_CODES}`,
    )
    .action(async (opts) => {
      const { renderPlan } = await import('./commands/render-plan.js');
      exitCode = await renderPlan({ ...opts, ...configOf(opts) }, io);
    });

  program
    .command('doctor')
    .description('check this machine: Node.js, DuckDB, a browser for PDF, fonts, the config and the output folder')
    .option('-c, --config <file>', 'the workspace configuration (default: csp.yaml here, or in the nearest folder above that has one)')
    .option('--browser <path>', 'the browser to check (also CSP_BROWSER)')
    .option('--json', 'print the checks as one JSON object on stdout')
    .option('-q, --quiet', 'print only the checks that fail')
    .option('-v, --verbose', 'print every check with its detail (the default)')
    .addHelpText(
      'after',
      `
Examples:
  csp doctor
  csp doctor --config data-samples/csp.yaml --json
${EXIT_CODES}`,
    )
    .action(async (opts) => {
      const { doctor } = await import('./commands/doctor.js');
      // A config named with --config must be there; one looked for may not be.
      exitCode = await doctor({ ...opts, ...configOf(opts) }, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here too, with code 0.
      return e.exitCode === 0 ? EXIT.ok : EXIT.invalidInput;
    }
    // A full disk or a folder csp may not write to, wherever it struck (DuckDB's temporary
    // files, a staged copy): the machine's trouble, exit 3, never "a bug in csp". DuckDB's
    // faults carry their errno too (ingest/database.ts).
    const known = isEnvironmentFault(e)
      ? environmentError({
          message: `csp could not write a file: ${cause(e)}`,
          hint: 'free space in the output and temporary folders (TMPDIR), or point --out and TMPDIR at folders csp may write to; the previous outputs are as they were',
        })
      : e;
    if (known instanceof CspError) {
      if (json && !printed) io.out(`${JSON.stringify({ errors: known.problems.map(problemJson), warnings: [] })}\n`);
      if (!known.reported) io.err(`${io.color.red('✖')} ${known.problems.map(formatProblem).join(`\n${io.color.red('✖')} `)}\n`);
      return known.exitCode;
    }
    io.err(`${io.color.red('Unexpected error:')} ${(e as Error)?.message ?? String(e)}\n`);
    if (debug) io.err(`${(e as Error)?.stack ?? ''}\n`);
    else io.err('This is a bug in csp, not in your data. Run the same command with --debug and report what it prints.\n');
    return EXIT.unexpected;
  }
}
