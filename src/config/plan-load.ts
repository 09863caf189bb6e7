import path from 'node:path';
import { MAX_YAML_BYTES } from './load.js';
import { parseYaml } from './yaml.js';
import { invalidInput, type Where } from '../core/errors.js';
import { notAFile, readInputFile } from '../util/input-file.js';
import { planSchema, type Plan } from './plan-schema.js';

export interface LoadedPlan {
  plan: Plan;
  /** Where a key is in plan.yaml (file, key and line), for the problems found after reading it. */
  where(key: string): Where;
}

/** Reads plan.yaml: every problem at once, with key and line. */
export function loadPlan(file: string, cwd: string): LoadedPlan {
  const shown = path.relative(cwd, file) || file;
  // A folder or a device named as plan.yaml is refused naming it, not read (EISDIR).
  const text = readInputFile(
    file,
    { file: shown },
    {
      message: `plan file not found: ${shown}`,
      hint: "write the plan's own words in plan.yaml beside csp.yaml (csp init creates a commented one), or pass --plan PATH",
    },
    MAX_YAML_BYTES,
  );
  const parsed = parseYaml(planSchema, text.toString('utf8'), shown);
  const plan = parsed.value;
  const where = (key: string): Where => ({ file: shown, key, line: parsed.lineOf(key) });
  // An annex the report lists must exist, as a file: a Cabinet member who asks for it must get it.
  const missing = plan.cabinet.annexes
    .map((x, i) => ({ x, i, wrong: notAFile(path.resolve(path.dirname(file), x.file)) }))
    .filter(({ wrong }) => wrong !== undefined);
  if (missing.length > 0) {
    throw invalidInput(
      missing.map(({ x, i, wrong }) => ({
        message: wrong === 'it does not exist' ? `annex "${x.title}" names ${x.file}, which does not exist` : `annex "${x.title}" names ${x.file}: ${wrong}`,
        where: where(`cabinet.annexes.${i}.file`),
        hint: "give the annex's file relative to plan.yaml, or remove the annex: the draft plan is always Annex 1",
      })),
    );
  }
  return { plan, where };
}
