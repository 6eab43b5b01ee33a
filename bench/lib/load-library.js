// Loads the COMPILED library and its testing helpers, or says how to build them.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** `{ library, testing }` (dist/index.js and dist/testing/index.js), or null after telling stderr to build first. */
export async function loadLibrary() {
  if (!existsSync(join(repository, 'dist/index.js'))) {
    process.stderr.write('dist/ is missing. Build first: npx tsc -p tsconfig.build.json\n');
    return null;
  }
  const library = await import(pathToFileURL(join(repository, 'dist/index.js')).href);
  const testing = await import(pathToFileURL(join(repository, 'dist/testing/index.js')).href);
  return { library, testing };
}
