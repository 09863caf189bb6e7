// Writes csp.schema.json and plan.schema.json (JSON Schemas of csp.yaml and plan.yaml) from
// the zod schemas: `npm run schema`. A test fails when the committed files drift.
import { writeFileSync } from 'node:fs';
import { configJsonSchema, planJsonSchema } from '../dist/config/json-schema.js';

writeFileSync(new URL('../csp.schema.json', import.meta.url), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
writeFileSync(new URL('../plan.schema.json', import.meta.url), `${JSON.stringify(planJsonSchema(), null, 2)}\n`);
