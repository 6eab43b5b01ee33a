// Sustained load: an endless stream of unique, refinable documents (see
// lib/read-pages.js) through refineStream
// (50 ms in-process mock, fast edit, one refinement each, maxInFlight and
// concurrency 4096) for --duration seconds, sampling this process's RSS and
// CPU every second. RSS growth is the last sample minus the sample at the
// end of the warm-up (--warm-up, default a third of the run, at most 60 s),
// when the pipeline is full and the heap has grown to its working size; the
// growth from the very start, and the least-squares slope of RSS after the
// warm-up, are reported beside it. Uses the
// COMPILED library: build first with `npx tsc -p tsconfig.build.json`.
//
//   npm run bench -- sustained [--duration 600] [--warm-up SECONDS] [--max-in-flight 4096] [--latency-ms 50] [--corpus DIR] [--out FILE]
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { areGoalsMet, createFigure } from './lib/create-figure.js';
import { consumeStream } from './lib/consume-stream.js';
import { describeMachine } from './lib/describe-machine.js';
import { parseArguments } from './lib/parse-arguments.js';
import { formatNumber, printFigures } from './lib/print-figures.js';
import { readPages, refinableText } from './lib/read-pages.js';
import { sampleProcess } from './lib/sample-process.js';
import { writeJsonAtomically } from './lib/write-json-atomically.js';
import { loadLibrary } from './lib/load-library.js';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MB = 1e6;
// Goals: issue 4 (RSS growth < 50 MB); the predecessor's plan ("Sustained load: 248K docs/minute for 10 minutes",
// "Memory stability: <1GB growth over 1 hour", "CPU utilization: <80% average").
const GOAL_GROWTH_MB = 50;
const PREDECESSOR_DOCS_PER_MINUTE = 248_000;
const PREDECESSOR_CPU_PERCENT = 80;
const MAX_WARM_UP_SECONDS = 60;

const SPEC = {
  '--duration': { key: 'durationSeconds', type: 'number', min: 1, defaultValue: 600, help: 'SECONDS' },
  '--warm-up': { key: 'warmUpSeconds', type: 'number', min: 0, defaultValue: null, help: 'SECONDS (default: a third of the run, at most 60)' },
  '--max-in-flight': { key: 'maxInFlight', type: 'integer', min: 1, defaultValue: 4096, help: 'N' },
  '--latency-ms': { key: 'latencyMs', type: 'number', min: 0, defaultValue: 50, help: 'MS' },
  '--corpus': { key: 'corpus', type: 'path', defaultValue: resolve(repository, '../shared/corpus/tldr'), help: 'DIR' },
  '--out': { key: 'out', type: 'path', defaultValue: join(repository, 'bench/results/sustained.json'), help: 'FILE' },
};

// Least-squares slope of RSS over time, bytes per second; 0 with fewer than 2 samples.
function rssSlopeBytesPerSecond(samples) {
  if (samples.length < 2) return 0;
  const meanSeconds = samples.reduce((sum, sample) => sum + sample.seconds, 0) / samples.length;
  const meanRss = samples.reduce((sum, sample) => sum + sample.rssBytes, 0) / samples.length;
  let covariance = 0;
  let variance = 0;
  for (const sample of samples) {
    covariance += (sample.seconds - meanSeconds) * (sample.rssBytes - meanRss);
    variance += (sample.seconds - meanSeconds) ** 2;
  }
  return variance === 0 ? 0 : covariance / variance;
}

export default async function sustainedBenchmark(argv) {
  const options = parseArguments(argv, SPEC);
  const loaded = await loadLibrary();
  if (loaded === null) return 2;
  const { library: { refineStream }, testing: { createMockModel, fastMockEdit } } = loaded;
  const pages = readPages(options.corpus);
  const machine = describeMachine();
  process.stdout.write(
    `sustained: ${options.durationSeconds} s of unique documents from ${options.corpus} through refineStream (maxInFlight = concurrency = ${options.maxInFlight}), ` +
      `mock ${options.latencyMs} ms (fast edit), gate 100, 1 refinement each, node ${machine.node}, ${machine.cores} cores, load ${machine.loadAverage.toFixed(1)}\n`,
  );
  let read = 0;
  let finished = 0;
  let isStopping = false;
  async function* documents() {
    while (!isStopping) {
      yield { id: String(read), text: refinableText(pages, read) };
      read++;
    }
  }
  const warmUpSeconds = options.warmUpSeconds ?? Math.min(MAX_WARM_UP_SECONDS, options.durationSeconds / 3);
  let lastFinished = 0;
  const sampler = sampleProcess({
    intervalMs: 1000,
    onSample: (sample) => {
      sample.docsPerMinute = (finished - lastFinished) * 60;
      lastFinished = finished;
      if (Math.round(sample.seconds) % 10 === 0) {
        process.stdout.write(`${Math.round(sample.seconds)} s: ${formatNumber(finished)} docs, RSS ${formatNumber(sample.rssBytes / MB)} MB, CPU ${formatNumber(sample.cpuShare * 100)}%\n`);
      }
    },
  });
  const started = performance.now();
  const stopAt = started + options.durationSeconds * 1000;
  const counts = await consumeStream(
    refineStream(documents(), { model: createMockModel({ latencyMs: options.latencyMs, edit: fastMockEdit }), gate: 100, maxIterations: 1, maxInFlight: options.maxInFlight, concurrency: options.maxInFlight }),
    {
      // Stop reading at the deadline and let the documents in flight finish: every document read is accounted for.
      stop: () => {
        finished++;
        if (!isStopping && performance.now() >= stopAt) isStopping = true;
        return false;
      },
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const { samples, peakRssBytes } = sampler.stop();
  const startRss = samples[0].rssBytes;
  const warmRss = (samples.find((sample) => sample.seconds >= warmUpSeconds) ?? samples[0]).rssBytes;
  const endRss = samples.at(-1).rssBytes;
  const slope = rssSlopeBytesPerSecond(samples.filter((sample) => sample.seconds >= warmUpSeconds));
  const running = samples.filter((sample) => sample.seconds > 0);
  const meanCpuShare = running.reduce((sum, sample) => sum + sample.cpuShare, 0) / Math.max(running.length, 1);
  const docsPerMinute = (counts.documents / seconds) * 60;
  const isAccounted = counts.documents === read;
  const figures = {
    docsPerMinute: createFigure({ label: 'throughput', value: docsPerMinute, unit: 'docs/min', comparison: '>=', target: PREDECESSOR_DOCS_PER_MINUTE, source: "predecessor's plan (248K docs/min for 10 min)" }),
    startRss: createFigure({ label: 'RSS at start', value: startRss / MB, unit: 'MB' }),
    warmRss: createFigure({ label: `RSS after ${formatNumber(warmUpSeconds)} s warm-up`, value: warmRss / MB, unit: 'MB' }),
    peakRss: createFigure({ label: 'RSS peak', value: peakRssBytes / MB, unit: 'MB' }),
    endRss: createFigure({ label: 'RSS at end', value: endRss / MB, unit: 'MB' }),
    growth: createFigure({ label: 'RSS growth after warm-up (end - warm)', value: (endRss - warmRss) / MB, unit: 'MB', comparison: '<', target: GOAL_GROWTH_MB, source: 'issue 4' }),
    slope: createFigure({ label: 'RSS slope after warm-up', value: (slope * 60) / MB, unit: 'MB/min' }),
    growthFromStart: createFigure({ label: 'RSS growth from start (end - start)', value: (endRss - startRss) / MB, unit: 'MB' }),
    cpu: createFigure({ label: `mean CPU, share of ${machine.cores} cores`, value: (meanCpuShare / machine.cores) * 100, unit: '%', comparison: '<', target: PREDECESSOR_CPU_PERCENT, source: "predecessor's plan" }),
  };
  printFigures(figures, { isAccounted, errors: counts.errors });
  process.stdout.write(`${counts.documents} documents read and finished (${counts.ok} ok, ${counts.errors} errors) in ${seconds.toFixed(1)} s\n`);
  writeJsonAtomically(options.out, {
    benchmark: 'sustained',
    date: new Date().toISOString(),
    ...machine,
    options,
    seconds,
    documentsRead: read,
    ...counts,
    isAccounted,
    samples,
    figures,
    isGoalMet: areGoalsMet(figures) && isAccounted && counts.errors === 0,
  });
  process.stdout.write(`\nwrote ${options.out}\n`);
  return isAccounted && counts.errors === 0 ? 0 : 1;
}
