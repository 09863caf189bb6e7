import { z } from 'zod';
import { configSchema } from './schema.js';

/** The JSON Schema of csp.yaml, from the same zod schema that validates it (editors autocomplete with it). */
export function configJsonSchema(): object {
  return {
    ...z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'csp.yaml — Community Safety Partnership workspace configuration',
  };
}
