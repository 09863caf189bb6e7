import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { configJsonSchema, planJsonSchema } from '../config/json-schema.js';
import { addMonths } from '../analyse/months.js';
import { today } from '../clock.js';
import { EXIT, invalidInput } from '../errors.js';
import type { Io } from '../io.js';
import { DEFAULT_TEMPLATES } from '../render/templates.js';
import { sampleConfig, samplePlan } from '../samples/workspace.js';

export interface InitOptions {
  templates?: boolean;
  force?: boolean;
  json?: boolean;
  quiet?: boolean;
}

/** One folder per partner's exports, each with a note saying what goes in it. */
const FOLDERS: Record<string, string> = {
  police: 'data.police.uk street-level files for the whole force, one per month, named as downloaded (e.g. 2025-01-kent-street.csv).',
  council: "The council's ASB case-system exports (CSV or XLSX). Map their columns under sources.council-asb in csp.yaml.",
  fire: 'Fire and rescue service returns: deliberate fires by ward and month.',
  population: 'Population by district (every district of the force) and by ward: columns Area, Level, Year, Population.',
  survey: 'The resident perception survey, one row a response.',
  judgements: "Practitioners' scores per theme from the stakeholder event.",
  actions: "Last year's action plan with statuses (completed, ongoing, carried forward) and measures.",
};

/** `csp init [dir]`: a new workspace with commented settings and a folder for each partner's exports. */
export async function init(dir: string | undefined, opts: InitOptions, io: Io): Promise<number> {
  const root = path.resolve(io.cwd, dir ?? '.');
  const files: Record<string, string> = {
    'csp.yaml': sampleConfig({ periodEnd: addMonths(today(io.env).slice(0, 7), -1), outDir: 'out', sample: false }).replace('$schema=../csp.schema.json', '$schema=csp.schema.json'),
    'plan.yaml': samplePlan().replace('$schema=../plan.schema.json', '$schema=plan.schema.json'),
    'csp.schema.json': `${JSON.stringify(configJsonSchema(), null, 2)}\n`,
    'plan.schema.json': `${JSON.stringify(planJsonSchema(), null, 2)}\n`,
    ...Object.fromEntries(Object.entries(FOLDERS).map(([folder, note]) => [path.join(folder, 'README.txt'), `${note}\n`])),
  };
  const existing = Object.keys(files).filter((f) => existsSync(path.join(root, f)));
  if (opts.templates && existsSync(path.join(root, 'templates'))) existing.push('templates/');
  if (existing.length > 0 && !opts.force) {
    throw invalidInput({
      message: `${path.relative(io.cwd, root) || '.'} already has ${existing.join(', ')}`,
      hint: 'csp init never overwrites: choose an empty folder, or add --force to replace these files',
    });
  }
  const written: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    written.push(file);
  }
  if (opts.templates) {
    cpSync(DEFAULT_TEMPLATES, path.join(root, 'templates'), { recursive: true, force: true });
    written.push(path.join(root, 'templates'));
  }
  if (opts.json) io.out(`${JSON.stringify({ workspace: root, files: written })}\n`);
  if (!opts.quiet) {
    const shown = path.relative(io.cwd, root) || '.';
    io.err(`${io.color.green('✔')} created a workspace in ${shown}\n\nNext:\n` +
      `  1. put each partner's exports in its folder (${Object.keys(FOLDERS).join(', ')}); each has a README.txt\n` +
      `  2. edit ${path.join(shown, 'csp.yaml')}: the partnership, the period, each export's columns, the themes\n` +
      `  3. csp validate --config ${path.join(shown, 'csp.yaml')}\n` +
      `  4. csp assess --config ${path.join(shown, 'csp.yaml')}\n` +
      `  5. write the plan's words in ${path.join(shown, 'plan.yaml')}, then csp render-plan --config ${path.join(shown, 'csp.yaml')}\n` +
      (opts.templates ? `  Templates to adapt are in ${path.join(shown, 'templates')}; use them with --templates ${path.join(shown, 'templates')}\n` : ''));
  }
  return EXIT.ok;
}
