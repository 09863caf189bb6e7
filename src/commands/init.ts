import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { configJsonSchema, planJsonSchema } from '../config/json-schema.js';
import { addMonths } from '../core/calendar/months.js';
import { today } from '../core/clock.js';
import { EXIT, invalidInput } from '../core/errors.js';
import type { Io } from '../core/io.js';
import { DEFAULT_TEMPLATES } from '../render/templates.js';
import { samplePlan } from '../samples/plan.js';
import { sampleConfig } from '../samples/workspace.js';

export interface InitOptions {
  /** The district the partnership covers (default Thanet, the sample's). */
  area?: string;
  /** The police force whose files are read (default Kent Police). */
  police?: string;
  templates?: boolean;
  force?: boolean;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
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

/** The commented csp.yaml of a new workspace, for the area and force asked for. */
function workspaceConfig(periodEnd: string, opts: InitOptions): string {
  const area = opts.area?.trim() || 'Thanet';
  const force = opts.police?.trim() || 'Kent Police';
  let text = sampleConfig({ periodEnd, outDir: 'out', sample: false })
    .replace('$schema=../csp.schema.json', '$schema=csp.schema.json')
    .replace('  name: Thanet Community Safety Partnership', `  name: ${yamlText(`${area} Community Safety Partnership`)}`)
    .replace('  area: Thanet', `  area: ${yamlText(area)}`)
    .replace('  force: Kent Police', `  force: ${yamlText(force)}`);
  if (area !== 'Thanet' && !new RegExp(`^    - name: ${area.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm').test(text)) {
    // An area outside Kent: its district is listed first; the force's others are to be listed.
    text = text.replace(
      /^(geography:\n(?: {2}#.*\n)* {2}districts:\n)/m,
      `$1    - name: ${yamlText(area)}          # list every district of ${force.replace(/[#:]/g, '')} here\n`,
    );
  }
  if (opts.templates) text = `${text.trimEnd()}\n\n# Your copy of the document templates (csp init --templates).\ntemplates: templates\n`;
  return text;
}

/** A YAML scalar: quoted when it would not read back as the same text. */
const yamlText = (s: string) => (/^[\w][\w .'()&-]*$/.test(s) ? s : JSON.stringify(s));

/** `csp init --templates` in a workspace that has its csp.yaml: the templates only. */
function addTemplates(root: string, opts: InitOptions, io: Io): number {
  const target = path.join(root, 'templates');
  const shown = path.relative(io.cwd, target) || 'templates';
  if (existsSync(target) && !opts.force) {
    throw invalidInput({ message: `${shown} already exists`, hint: 'csp init never overwrites: add --force to replace your templates with the built-in ones' });
  }
  cpSync(DEFAULT_TEMPLATES, target, { recursive: true, force: true });
  if (opts.json) io.out(`${JSON.stringify({ workspace: root, files: [target] })}\n`);
  if (!opts.quiet) {
    io.err(
      `${io.color.green('✔')} copied the templates to ${shown}; csp.yaml and plan.yaml were left as they are\n\n` +
        `Use them by adding this line to csp.yaml, or with --templates ${shown}:\n  templates: templates\n`,
    );
  }
  return EXIT.ok;
}

/** `csp init [dir]`: a new workspace with commented settings and a folder for each partner's exports. */
export async function init(dir: string | undefined, opts: InitOptions, io: Io): Promise<number> {
  const root = path.resolve(io.cwd, dir ?? '.');
  // Templates added to a workspace that has its csp.yaml: only the templates are written, and
  // the user's csp.yaml and plan.yaml are left as they are edited.
  if (opts.templates && existsSync(path.join(root, 'csp.yaml'))) return addTemplates(root, opts, io);
  const files: Record<string, string> = {
    'csp.yaml': workspaceConfig(addMonths(today(io.env).slice(0, 7), -1), opts),
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
  if (opts.verbose && !opts.quiet) for (const f of written) io.err(io.color.dim(`  created ${path.relative(io.cwd, f) || f}\n`));
  if (!opts.quiet) {
    const shown = path.relative(io.cwd, root) || '.';
    io.err(
      `${io.color.green('✔')} created a workspace in ${shown}\n\nNext:\n` +
        `  1. put each partner's exports in its folder (${Object.keys(FOLDERS).join(', ')}); each has a README.txt\n` +
        `  2. edit ${path.join(shown, 'csp.yaml')}: the partnership, the period, each export's columns, the themes\n` +
        `  3. csp validate --config ${path.join(shown, 'csp.yaml')}\n` +
        `  4. csp assess --config ${path.join(shown, 'csp.yaml')}\n` +
        `  5. write the plan's words in ${path.join(shown, 'plan.yaml')}, then csp render-plan --config ${path.join(shown, 'csp.yaml')}\n` +
        (opts.templates ? `  Templates to adapt are in ${path.join(shown, 'templates')}; use them with --templates ${path.join(shown, 'templates')}\n` : ''),
    );
  }
  return EXIT.ok;
}
