import { createRequire } from 'node:module';

/** The version of this package, read from its package.json (part of cache keys later). */
export const MIAIR_VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
