#!/usr/bin/env node
// Runs the benchmarks. `npm run bench` runs every one in turn and gathers
// their figures into bench/results/latest.json; `npm run bench -- <name>
// [options]` runs one (bench/<name>.js, whose default export takes the
// remaining arguments and returns an exit code).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const benchDirectory = dirname(fileURLToPath(import.meta.url));
const resultsDirectory = join(benchDirectory, 'results');
const available = readdirSync(benchDirectory)
  .filter((name) => name.endsWith('.js') && name !== 'run.js' && !name.startsWith('_'))
  .map((name) => name.slice(0, -'.js'.length))
  .sort();

async function runOne(name, argv) {
  const benchmark = await import(pathToFileURL(join(benchDirectory, `${name}.js`)).href);
  return (await benchmark.default(argv)) ?? 0;
}

const [name, ...rest] = process.argv.slice(2);
if (name === undefined) {
  // The whole suite, each with its defaults; every benchmark writes bench/results/<name>.json.
  const figures = {};
  let exitCode = 0;
  for (const benchmark of available) {
    process.stdout.write(`\n== ${benchmark} ==\n`);
    // Each in its own process: one benchmark's heap and JIT state must not slow the next (measured: metrics
    // after http in one process ran at half speed).
    const { status } = spawnSync(process.execPath, [fileURLToPath(import.meta.url), benchmark], { stdio: 'inherit' });
    if (status !== 0) exitCode = status ?? 1;
    const file = join(resultsDirectory, `${benchmark}.json`);
    figures[benchmark] = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  }
  mkdirSync(resultsDirectory, { recursive: true });
  const latest = join(resultsDirectory, 'latest.json');
  writeFileSync(`${latest}.tmp`, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cores: cpus().length, cpu: cpus()[0]?.model, benchmarks: figures }, null, 2)}\n`);
  renameSync(`${latest}.tmp`, latest);
  process.stdout.write(`\nwrote ${latest}\n`);
  process.exitCode = exitCode;
} else if (!available.includes(name)) {
  process.stderr.write(`Unknown benchmark \`${name}\`. Available: ${available.join(', ')}. Run one with: npm run bench -- ${available[0] ?? 'metrics'}, or all with: npm run bench\n`);
  process.exitCode = 2;
} else {
  process.exitCode = await runOne(name, rest);
}
