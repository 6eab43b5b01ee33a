import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MiairError } from '../../errors.js';

/**
 * The URL of a compiled module for a worker thread to load, given relative
 * to `base` (an `import.meta.url`). From the compiled package that is the
 * sibling file itself; from the TypeScript sources (tests) it is the build's
 * copy under dist/, since Node 20 threads cannot load TypeScript: `npm test`
 * builds first.
 */
export function compiledModuleUrl(relative: string, base: string): URL {
  const sibling = new URL(relative, base);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  const at = sibling.href.lastIndexOf('/src/');
  const built = at === -1 ? null : new URL(`${sibling.href.slice(0, at)}/dist/${sibling.href.slice(at + '/src/'.length)}`);
  if (built !== null && existsSync(fileURLToPath(built))) return built;
  throw new MiairError('INTERNAL', `The compiled module ${fileURLToPath(sibling)} is missing. Build first: npm run build.`);
}
