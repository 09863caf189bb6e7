// Writes csp.schema.json (the JSON Schema of csp.yaml) from the zod schema: `npm run schema`.
// A test fails when the committed file and the schema drift apart.
import { writeFileSync } from 'node:fs';
import { configJsonSchema } from '../dist/config/json-schema.js';

writeFileSync(new URL('../csp.schema.json', import.meta.url), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
