import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { invalidInput } from '../core/errors.js';

/** The templates shipped with csp; a partnership copies them and points --templates at its own. */
export const DEFAULT_TEMPLATES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates');

export type DocumentKind = 'assessment' | 'plan' | 'cabinet-report';

export interface Templates {
  dir: string;
  stylesheet: string;
  render(kind: DocumentKind, view: object): string;
}

/**
 * Loads the document templates and partials. Compiled with `strict`, so a field the view does
 * not have fails loudly instead of printing blank; `{{ }}` escapes every value.
 */
export function loadTemplates(dir = DEFAULT_TEMPLATES): Templates {
  if (!existsSync(dir)) {
    throw invalidInput({
      message: `templates folder not found: ${dir}`,
      hint: 'run `csp init --templates` to copy the standard templates, or leave out --templates',
    });
  }
  const hb = Handlebars.create();
  // Narrative from plan.yaml: blank lines separate paragraphs. Each is escaped, then wrapped.
  hb.registerHelper(
    'paragraphs',
    (text: unknown) =>
      new hb.SafeString(
        String(text ?? '')
          .split(/\n\s*\n/)
          .map((p) => p.replaceAll(/\s*\n\s*/g, ' ').trim())
          .filter((p) => p !== '')
          .map((p) => `<p>${hb.escapeExpression(p)}</p>`)
          .join('\n'),
      ),
  );
  const partialsDir = path.join(dir, 'partials');
  if (existsSync(partialsDir)) {
    for (const file of readdirSync(partialsDir)
      .filter((f) => f.endsWith('.hbs'))
      .sort()) {
      hb.registerPartial(path.basename(file, '.hbs'), readFileSync(path.join(partialsDir, file), 'utf8'));
    }
  }
  const stylesheetPath = path.join(dir, 'styles.css');
  const stylesheet = existsSync(stylesheetPath) ? readFileSync(stylesheetPath, 'utf8') : '';
  const compiled = new Map<DocumentKind, HandlebarsTemplateDelegate>();
  return {
    dir,
    stylesheet,
    render(kind, view) {
      let template = compiled.get(kind);
      const file = path.join(dir, kind, 'document.hbs');
      if (!template) {
        if (!existsSync(file))
          throw invalidInput({
            message: `template not found: ${file}`,
            hint: `copy ${path.join(DEFAULT_TEMPLATES, kind, 'document.hbs')} into your templates folder`,
          });
        template = hb.compile(readFileSync(file, 'utf8'), { strict: true, noEscape: false });
        compiled.set(kind, template);
      }
      try {
        return template(view);
      } catch (e) {
        throw invalidInput({
          message: `the ${kind} template cannot be filled: ${(e as Error).message.split('\n')[0]}`,
          where: { file },
          hint: 'the template uses a field the document does not have; check its spelling against the standard templates',
        });
      }
    },
  };
}
