// Single-document optimize latency: refine() one document at a time (nothing
// else in flight) with the in-process mock model, one refinement per document
// (gate 100, maxIterations 1). Reports p50/p99 of the wall time with a 50 ms
// mock, the overhead above the mock's latency, and the same documents with a
// 0 ms mock (miair's own time, no model wait). The predecessor's target,
// < 25 ms, left the model out: compare it with the overhead. Uses the
// COMPILED library: build first with `npx tsc -p tsconfig.build.json`.
//
//   npm run bench -- latency [--documents 200] [--latency-ms 50] [--profile miair] [--corpus DIR] [--out FILE]
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { areGoalsMet, createFigure } from './lib/create-figure.js';
import { describeMachine } from './lib/describe-machine.js';
import { parseArguments } from './lib/parse-arguments.js';
import { percentile } from './lib/percentile.js';
import { printFigures } from './lib/print-figures.js';
import { readPages, refinableText } from './lib/read-pages.js';
import { writeJsonAtomically } from './lib/write-json-atomically.js';
import { loadLibrary } from './lib/load-library.js';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The predecessor's plan: "Single document optimization: Target <25ms", a figure without the model's time.
const GOAL_OVERHEAD_MS = 25;
const SOURCE = "predecessor's plan (model excluded)";
const WARM_UP_DOCUMENTS = 20;

const SPEC = {
  '--documents': { key: 'documents', type: 'integer', min: 1, defaultValue: 200, help: 'N' },
  '--latency-ms': { key: 'latencyMs', type: 'number', min: 0, defaultValue: 50, help: 'MS' },
  '--profile': { key: 'profile', type: 'string', defaultValue: 'miair', help: 'miair|devdocai' },
  '--corpus': { key: 'corpus', type: 'path', defaultValue: resolve(repository, '../shared/corpus/tldr'), help: 'DIR' },
  '--out': { key: 'out', type: 'path', defaultValue: join(repository, 'bench/results/latency.json'), help: 'FILE' },
};

async function timeRefine(refine, text, options) {
  const started = performance.now();
  const result = await refine(text, options);
  return { ms: performance.now() - started, result };
}

function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99), maxMs: sorted.at(-1) ?? 0, meanMs: sorted.reduce((sum, value) => sum + value, 0) / Math.max(sorted.length, 1) };
}

export default async function latencyBenchmark(argv) {
  const options = parseArguments(argv, SPEC);
  const loaded = await loadLibrary();
  if (loaded === null) return 2;
  const { library: { refine }, testing: { createMockModel, fastMockEdit } } = loaded;
  const pages = readPages(options.corpus);
  const base = { gate: 100, maxIterations: 1, profile: options.profile };
  const withModel = { ...base, model: createMockModel({ latencyMs: options.latencyMs, edit: fastMockEdit }) };
  const withoutModel = { ...base, model: createMockModel({ latencyMs: 0, edit: fastMockEdit }) };
  const machine = describeMachine();
  process.stdout.write(
    `latency: refine() one document at a time, ${options.documents} unique documents from ${options.corpus}, mock ${options.latencyMs} ms and 0 ms alternating, ` +
      `profile ${options.profile}, gate 100, 1 refinement each, node ${machine.node}, ${machine.cores} cores, load ${machine.loadAverage.toFixed(1)}\n`,
  );
  for (let index = 0; index < WARM_UP_DOCUMENTS; index++) {
    await refine(refinableText(pages, options.documents + index), withModel);
    await refine(refinableText(pages, options.documents + index), withoutModel);
  }
  const timesWithModel = [];
  const timesWithoutModel = [];
  let errors = 0;
  let calls = 0;
  for (let index = 0; index < options.documents; index++) {
    const text = refinableText(pages, index);
    for (const [times, refineOptions] of [[timesWithModel, withModel], [timesWithoutModel, withoutModel]]) {
      const { ms, result } = await timeRefine(refine, text, refineOptions);
      times.push(ms);
      calls += result.iterations.length;
      if (result.stopReason === 'error') errors++;
    }
  }
  const model = summarize(timesWithModel);
  const own = summarize(timesWithoutModel);
  const overhead = { p50Ms: model.p50Ms - options.latencyMs, p99Ms: model.p99Ms - options.latencyMs };
  const figures = {
    p50: createFigure({ label: `p50 latency, ${options.latencyMs} ms mock`, value: model.p50Ms, unit: 'ms' }),
    p99: createFigure({ label: `p99 latency, ${options.latencyMs} ms mock`, value: model.p99Ms, unit: 'ms' }),
    overheadP50: createFigure({ label: `p50 above the ${options.latencyMs} ms of the model`, value: overhead.p50Ms, unit: 'ms', comparison: '<', target: GOAL_OVERHEAD_MS, source: SOURCE }),
    overheadP99: createFigure({ label: `p99 above the ${options.latencyMs} ms of the model`, value: overhead.p99Ms, unit: 'ms', comparison: '<', target: GOAL_OVERHEAD_MS, source: SOURCE }),
    ownP50: createFigure({ label: 'p50 latency, 0 ms mock', value: own.p50Ms, unit: 'ms', comparison: '<', target: GOAL_OVERHEAD_MS, source: SOURCE }),
    ownP99: createFigure({ label: 'p99 latency, 0 ms mock', value: own.p99Ms, unit: 'ms', comparison: '<', target: GOAL_OVERHEAD_MS, source: SOURCE }),
  };
  printFigures(figures);
  process.stdout.write(`${options.documents * 2} refinements, ${calls} model calls, ${errors} errors\n`);
  writeJsonAtomically(options.out, {
    benchmark: 'latency',
    date: new Date().toISOString(),
    ...machine,
    options,
    documents: options.documents,
    calls,
    errors,
    withModel: model,
    withoutModel: own,
    overhead,
    figures,
    isGoalMet: areGoalsMet(figures),
  });
  process.stdout.write(`\nwrote ${options.out}\n`);
  return errors > 0 ? 1 : 0;
}
