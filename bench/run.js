#!/usr/bin/env node
// Runs one benchmark: `npm run bench -- <name> [options]` loads bench/<name>.js
// and calls its default export with the remaining arguments.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const benchDirectory = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(benchDirectory)
  .filter((name) => name.endsWith('.js') && name !== 'run.js' && !name.startsWith('_'))
  .map((name) => name.slice(0, -'.js'.length))
  .sort();

const [name, ...rest] = process.argv.slice(2);
if (name === undefined || !available.includes(name)) {
  const shown = name === undefined ? 'no benchmark name' : `unknown benchmark \`${name}\``;
  process.stderr.write(
    `Got ${shown}. Available: ${available.join(', ')}. Run for example: npm run bench -- ${available[0] ?? 'metrics'}\n`,
  );
  process.exitCode = 2;
} else {
  const benchmark = await import(pathToFileURL(join(benchDirectory, `${name}.js`)).href);
  process.exitCode = (await benchmark.default(rest)) ?? 0;
}
