// Micro-benchmarks of the predecessor's plan: entropy calculation and quality
// measurement (both profiles) in docs/s, on 1 and on 2 worker threads (each
// of the 2 scores half of the documents), alternating, median of several
// rounds after a warm-up. Every document is unique (a numbered comment
// appended). Uses the COMPILED library: build first with
// `npx tsc -p tsconfig.build.json`.
//
//   npm run bench -- micro [--rounds 5] [--documents N] [--corpus DIR] [--out FILE]
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { areGoalsMet, createFigure } from './lib/create-figure.js';
import { describeMachine } from './lib/describe-machine.js';
import { parseArguments } from './lib/parse-arguments.js';
import { median } from './lib/percentile.js';
import { printFigures } from './lib/print-figures.js';
import { readPages, uniqueText } from './lib/read-pages.js';
import { writeJsonAtomically } from './lib/write-json-atomically.js';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The predecessor's plan: "Entropy calculation: Target 10,000+ docs/sec", "Quality measurement: Target 10,000+ docs/sec".
const GOAL_DOCS_PER_SECOND = 10_000;
const SOURCE = "predecessor's plan";
const WARM_UP_MS = 1000;
// Passes over the documents per round are chosen so one round on 1 thread takes about this long.
const ROUND_MS = 500;
const KINDS = ['entropy', 'devdocai', 'miair'];

const SPEC = {
  '--rounds': { key: 'rounds', type: 'integer', min: 1, defaultValue: 5, help: 'N' },
  '--documents': { key: 'documents', type: 'integer', min: 2, defaultValue: 0, help: 'N (default: one per page)' },
  '--corpus': { key: 'corpus', type: 'path', defaultValue: resolve(repository, '../shared/corpus/tldr'), help: 'DIR' },
  '--out': { key: 'out', type: 'path', defaultValue: join(repository, 'bench/results/micro.json'), help: 'FILE' },
};

async function startWorker(texts) {
  const worker = new Worker(join(repository, 'bench/lib/score-worker.js'), { workerData: { texts, dist: join(repository, 'dist') } });
  await new Promise((resolveReady, reject) => {
    worker.once('message', resolveReady);
    worker.once('error', reject);
  });
  return worker;
}

// Wall time of one round: every worker of the group scores its documents `passes` times.
async function runRound(workers, kind, passes) {
  const started = performance.now();
  const replies = await Promise.all(
    workers.map(
      (worker) =>
        new Promise((resolveReply, reject) => {
          const onError = (error) => reject(error);
          worker.once('error', onError);
          worker.once('message', (reply) => {
            worker.off('error', onError);
            resolveReply(reply);
          });
          worker.postMessage({ kind, passes });
        }),
    ),
  );
  if (replies.some((reply) => Number.isNaN(reply.sink))) throw new Error(`A ${kind} score was NaN.`);
  return (performance.now() - started) / 1000;
}

export default async function microBenchmark(argv) {
  const options = parseArguments(argv, SPEC);
  if (!existsSync(join(repository, 'dist/metrics/devdocai/scan-devdocai.js'))) {
    process.stderr.write('dist/ is missing. Build first: npx tsc -p tsconfig.build.json\n');
    return 2;
  }
  const pages = readPages(options.corpus);
  const documents = options.documents === 0 ? pages.length : options.documents;
  const texts = Array.from({ length: documents }, (_, index) => uniqueText(pages, index));
  const half = Math.ceil(texts.length / 2);
  const groups = { 1: [await startWorker(texts)], 2: [await startWorker(texts.slice(0, half)), await startWorker(texts.slice(half))] };
  const machine = describeMachine();
  process.stdout.write(
    `micro: ${documents} unique documents from ${options.corpus}, 1 vs 2 worker threads alternating, median of ${options.rounds} rounds, ` +
      `node ${machine.node}, ${machine.cores} cores, load ${machine.loadAverage.toFixed(1)}\n`,
  );
  const results = {};
  const figures = {};
  try {
    for (const kind of KINDS) {
      // Warm up both groups; time 1 thread to size the rounds.
      let passes = 1;
      const warmUpStarted = performance.now();
      while (performance.now() - warmUpStarted < WARM_UP_MS) {
        const seconds = await runRound(groups[1], kind, 1);
        await runRound(groups[2], kind, 1);
        passes = Math.max(1, Math.round(ROUND_MS / 1000 / seconds));
      }
      const samples = { 1: [], 2: [] };
      for (let round = 0; round < options.rounds; round++) {
        for (const threads of [1, 2]) samples[threads].push((documents * passes) / (await runRound(groups[threads], kind, passes)));
      }
      const result = { passes };
      for (const threads of [1, 2]) {
        result[`threads${threads}`] = { docsPerSecond: median(samples[threads]), minDocsPerSecond: Math.min(...samples[threads]), maxDocsPerSecond: Math.max(...samples[threads]) };
      }
      result.ratio = result.threads2.docsPerSecond / result.threads1.docsPerSecond;
      results[kind] = result;
      const label = kind === 'entropy' ? 'entropy' : `quality (${kind})`;
      for (const threads of [1, 2]) {
        figures[`${kind}Threads${threads}`] = createFigure({ label: `${label}, ${threads} thread${threads === 1 ? '' : 's'}`, value: result[`threads${threads}`].docsPerSecond, unit: 'docs/s', comparison: '>=', target: GOAL_DOCS_PER_SECOND, source: SOURCE });
      }
      figures[`${kind}Ratio`] = createFigure({ label: `${label}, 2 threads / 1`, value: result.ratio, unit: 'x' });
    }
  } finally {
    await Promise.all([...groups[1], ...groups[2]].map((worker) => worker.terminate()));
  }
  printFigures(figures);
  writeJsonAtomically(options.out, { benchmark: 'micro', date: new Date().toISOString(), ...machine, options, results, figures, isGoalMet: areGoalsMet(figures) });
  process.stdout.write(`\nwrote ${options.out}\n`);
  return 0;
}
