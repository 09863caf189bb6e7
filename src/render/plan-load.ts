import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseYaml } from '../config/yaml.js';
import { invalidInput } from '../errors.js';
import { planSchema, type Plan } from './plan-schema.js';

/** Reads plan.yaml: every problem at once, with key and line. */
export function loadPlan(file: string, cwd: string): Plan {
  if (!existsSync(file)) {
    throw invalidInput({
      message: `plan file not found: ${path.relative(cwd, file) || file}`,
      hint: 'write the plan\'s own words in plan.yaml beside csp.yaml (csp init creates a commented one), or pass --plan PATH',
    });
  }
  return parseYaml(planSchema, readFileSync(file, 'utf8'), path.relative(cwd, file) || file).value;
}
