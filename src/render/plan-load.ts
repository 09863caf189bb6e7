import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseYaml } from '../config/yaml.js';
import { invalidInput, type Where } from '../errors.js';
import { planSchema, type Plan } from './plan-schema.js';

export interface LoadedPlan {
  plan: Plan;
  /** Where a key is in plan.yaml (file, key and line), for the problems found after reading it. */
  where(key: string): Where;
}

/** Reads plan.yaml: every problem at once, with key and line. */
export function loadPlan(file: string, cwd: string): LoadedPlan {
  if (!existsSync(file)) {
    throw invalidInput({
      message: `plan file not found: ${path.relative(cwd, file) || file}`,
      hint: 'write the plan\'s own words in plan.yaml beside csp.yaml (csp init creates a commented one), or pass --plan PATH',
    });
  }
  const shown = path.relative(cwd, file) || file;
  const parsed = parseYaml(planSchema, readFileSync(file, 'utf8'), shown);
  const plan = parsed.value;
  const where = (key: string): Where => ({ file: shown, key, line: parsed.lineOf(key) });
  // An annex the report lists must exist: a Cabinet member who asks for it must get it.
  const missing = plan.cabinet.annexes
    .map((x, i) => ({ x, i, where: path.resolve(path.dirname(file), x.file) }))
    .filter(({ where }) => !existsSync(where));
  if (missing.length > 0) {
    throw invalidInput(missing.map(({ x, i }) => ({
      message: `annex "${x.title}" names ${x.file}, which does not exist`,
      where: where(`cabinet.annexes.${i}.file`),
      hint: 'give the annex\'s file relative to plan.yaml, or remove the annex: the draft plan is always Annex 1',
    })));
  }
  return { plan, where };
}
