import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** csp's version, from package.json. */
export const VERSION = (require('../package.json') as { version: string }).version;
