// Cache hit rate on a repeated workload: `miair optimize` twice on the same
// pages with the same disk cache (--cache-dir, a fresh temporary directory),
// mock model (5 ms), one refinement per document (gate 100,
// --max-iterations 1). The hit rate of the second run is its model calls
// answered from the cache over its model calls, from the CLI's summary
// ("N model calls ..., M from the cache"); `miair cache stats` gives the
// entries. The pages are NOT made unique here: repetition is the point.
// Uses the COMPILED CLI: build first with `npx tsc -p tsconfig.build.json`.
//
//   npm run bench -- cache [--documents 1000] [--latency-ms 5] [--corpus DIR] [--out FILE]
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { areGoalsMet, createFigure } from './lib/create-figure.js';
import { describeMachine } from './lib/describe-machine.js';
import { parseArguments } from './lib/parse-arguments.js';
import { printFigures } from './lib/print-figures.js';
import { CLI_PATH, runCli } from './lib/run-cli.js';
import { writeJsonAtomically } from './lib/write-json-atomically.js';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The predecessor's plan: "Cache hit rate: Target >90%".
const GOAL_HIT_RATE_PERCENT = 90;
const SOURCE = "predecessor's plan";

const SPEC = {
  '--documents': { key: 'documents', type: 'integer', min: 1, defaultValue: 1000, help: 'N (pages of the corpus, at most all of them)' },
  '--latency-ms': { key: 'latencyMs', type: 'number', min: 0, defaultValue: 5, help: 'MS' },
  '--corpus': { key: 'corpus', type: 'path', defaultValue: resolve(repository, '../shared/corpus/tldr'), help: 'DIR' },
  '--out': { key: 'out', type: 'path', defaultValue: join(repository, 'bench/results/cache.json'), help: 'FILE' },
};

// "501 model calls (mock/mock-v1) in 1.12 s, 501 from the cache"
function readSummary(stderr) {
  const match = /(\d+) model calls? \([^)]*\) in [\d.,]+ s(?:, (\d+) from the cache)?/.exec(stderr);
  if (match === null) throw new Error(`The optimize summary has no "model calls" line:\n${stderr}`);
  return { calls: Number(match[1]), cacheHits: Number(match[2] ?? 0) };
}

async function optimize(pagesDirectory, cacheDirectory, options) {
  const records = [];
  const run = await runCli(
    [
      'optimize', pagesDirectory, '--provider', 'mock', '--mock-latency-ms', String(options.latencyMs), '--gate', '100', '--max-iterations', '1',
      '--cache-dir', cacheDirectory, '--format', 'ndjson', '--dry-run', '--no-progress',
    ],
    { onStdoutLine: (line) => records.push(JSON.parse(line)) },
  );
  if (run.exitCode !== 0) throw new Error(`miair optimize exited with ${run.exitCode}:\n${run.stderr}`);
  const { calls, cacheHits } = readSummary(run.stderr);
  const stats = await runCli(['cache', 'stats', '--cache-dir', cacheDirectory]);
  return {
    documents: records.length,
    accounted: new Set(records.map((record) => record.path)).size,
    errors: records.filter((record) => record.status !== 'ok').length,
    calls,
    cacheHits,
    hitRatePercent: calls === 0 ? 0 : (cacheHits / calls) * 100,
    seconds: run.seconds,
    cacheStats: `${stats.stdout}${stats.stderr}`.trim(),
  };
}

export default async function cacheBenchmark(argv) {
  const options = parseArguments(argv, SPEC);
  if (!existsSync(CLI_PATH)) {
    process.stderr.write('dist/ is missing. Build first: npx tsc -p tsconfig.build.json\n');
    return 2;
  }
  const names = readdirSync(options.corpus).filter((name) => name.endsWith('.md')).sort().slice(0, options.documents);
  const directory = mkdtempSync(join(tmpdir(), 'miair-bench-cache-'));
  try {
    const pagesDirectory = join(directory, 'pages');
    mkdirSync(pagesDirectory);
    for (const name of names) copyFileSync(join(options.corpus, name), join(pagesDirectory, name));
    const cacheDirectory = join(directory, 'cache');
    const machine = describeMachine();
    process.stdout.write(
      `cache: miair optimize twice on ${names.length} pages of ${options.corpus}, --provider mock --mock-latency-ms ${options.latencyMs} --gate 100 --max-iterations 1, ` +
        `--cache-dir (fresh), node ${machine.node}, ${machine.cores} cores, load ${machine.loadAverage.toFixed(1)}\n`,
    );
    const runs = [];
    for (const name of ['first', 'second']) {
      const run = await optimize(pagesDirectory, cacheDirectory, options);
      runs.push({ name, ...run });
      process.stdout.write(
        `${name} run: ${run.documents} docs, ${run.errors} errors, ${run.calls} model calls, ${run.cacheHits} from the cache (${run.hitRatePercent.toFixed(1)}%), ${run.seconds.toFixed(2)} s; ${run.cacheStats}\n`,
      );
    }
    const [first, second] = runs;
    const isAccounted = runs.every((run) => run.documents === names.length && run.accounted === names.length);
    const errors = first.errors + second.errors;
    const figures = {
      hitRate: createFigure({ label: 'hit rate, second run', value: second.hitRatePercent, unit: '%', comparison: '>', target: GOAL_HIT_RATE_PERCENT, source: SOURCE }),
      firstHitRate: createFigure({ label: 'hit rate, first run (cold)', value: first.hitRatePercent, unit: '%' }),
      speedup: createFigure({ label: 'first run time / second run time', value: first.seconds / second.seconds, unit: 'x' }),
    };
    printFigures(figures, { isAccounted, errors });
    writeJsonAtomically(options.out, { benchmark: 'cache', date: new Date().toISOString(), ...machine, options, documents: names.length, runs, isAccounted, errors, figures, isGoalMet: areGoalsMet(figures) && isAccounted && errors === 0 });
    process.stdout.write(`\nwrote ${options.out}\n`);
    return isAccounted && errors === 0 ? 0 : 1;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
