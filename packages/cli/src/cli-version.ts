import { createRequire } from 'node:module';

/** This package's version, from its package.json (present in the published package and in the repository). */
export const cliVersion: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
