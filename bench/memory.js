// Memory: (a) peak RSS of a 10,000-document batch (refineStream over an array
// held in memory, every result kept) in a process of its own; (b) peak RSS of
// `miair optimize --from-ndjson -` streaming --documents unique, refinable documents
// (default 1,000,000) from a generator process through a pipe, output
// counted and dropped. Mock model 50 ms, one refinement per document (gate
// 100, --max-iterations 1). Peak RSS is the child's VmHWM (/proc, Linux).
// Uses the COMPILED library: build first with `npx tsc -p tsconfig.build.json`.
//
//   npm run bench -- memory [--documents 1000000] [--batch-documents 10000] [--latency-ms 50] [--threads N] [--corpus DIR] [--out FILE]
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { areGoalsMet, createFigure } from './lib/create-figure.js';
import { describeMachine } from './lib/describe-machine.js';
import { parseArguments } from './lib/parse-arguments.js';
import { formatNumber, printFigures } from './lib/print-figures.js';
import { CLI_PATH, runCli } from './lib/run-cli.js';
import { writeJsonAtomically } from './lib/write-json-atomically.js';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MB = 1e6;
// The predecessor's plan: "Keep memory usage <2GB for 10,000 document batch"; issue 4: a stream of 1M documents under 300 MB.
const GOAL_BATCH_MB = 2000;
const GOAL_STREAM_MB = 300;

const SPEC = {
  '--documents': { key: 'documents', type: 'integer', min: 1, defaultValue: 1_000_000, help: 'N (streamed through the CLI)' },
  '--batch-documents': { key: 'batchDocuments', type: 'integer', min: 1, defaultValue: 10_000, help: 'N' },
  '--latency-ms': { key: 'latencyMs', type: 'number', min: 0, defaultValue: 50, help: 'MS' },
  '--threads': { key: 'threads', type: 'integer', min: 0, defaultValue: null, help: 'N (the CLI\'s --threads; default: its default)' },
  '--corpus': { key: 'corpus', type: 'path', defaultValue: resolve(repository, '../shared/corpus/tldr'), help: 'DIR' },
  '--out': { key: 'out', type: 'path', defaultValue: join(repository, 'bench/results/memory.json'), help: 'FILE' },
};

async function runBatch(options) {
  const { stdout } = await promisify(execFile)(process.execPath, [join(repository, 'bench/lib/refine-batch-child.js'), options.corpus, String(options.batchDocuments), String(options.latencyMs)], {
    cwd: repository,
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout);
}

async function runStream(options) {
  const generator = spawn(process.execPath, [join(repository, 'bench/lib/write-ndjson-documents.js'), options.corpus, String(options.documents)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const seen = new Uint8Array(options.documents);
  const counts = { documents: 0, ok: 0, errors: 0, repeated: 0 };
  const run = await runCli(
    ['optimize', '--from-ndjson', '-', '--provider', 'mock', '--mock-edit', 'fast', '--mock-latency-ms', String(options.latencyMs), '--gate', '100', '--max-iterations', '1', '--format', 'ndjson', '--no-cache', '--no-progress', ...(options.threads === null ? [] : ['--threads', String(options.threads)])],
    {
      stdin: generator.stdout,
      onStdoutLine: (line) => {
        counts.documents++;
        // Lines start {"id":"N","status":...: read both without parsing the whole line.
        const match = /^\{"id":"(\d+)","status":"(\w+)"/.exec(line);
        if (match?.[2] === 'ok') counts.ok++;
        else counts.errors++;
        const index = Number(match?.[1] ?? -1);
        if (index < 0 || index >= options.documents || seen[index] === 1) counts.repeated++;
        else seen[index] = 1;
      },
    },
  );
  const missing = seen.reduce((sum, value) => sum + (value === 0 ? 1 : 0), 0);
  // Does RSS keep growing with the documents read? The highest RSS of each half of the run.
  const half = run.seconds / 2;
  const highest = (samples) => Math.max(0, ...samples.map((sample) => sample.rssBytes));
  return {
    exitCode: run.exitCode,
    ...counts,
    missing,
    seconds: run.seconds,
    docsPerMinute: (counts.documents / run.seconds) * 60,
    peakRssBytes: run.peakRssBytes,
    firstHalfPeakRssBytes: highest(run.rssSamples.filter((sample) => sample.seconds < half)),
    secondHalfPeakRssBytes: highest(run.rssSamples.filter((sample) => sample.seconds >= half)),
    rssSamples: run.rssSamples,
    summary: run.stderr.trim(),
  };
}

export default async function memoryBenchmark(argv) {
  const options = parseArguments(argv, SPEC);
  if (!existsSync(CLI_PATH)) {
    process.stderr.write('dist/ is missing. Build first: npx tsc -p tsconfig.build.json\n');
    return 2;
  }
  const machine = describeMachine();
  process.stdout.write(
    `memory: (a) refineStream over ${formatNumber(options.batchDocuments)} documents in memory, results kept, in a child process; ` +
      `(b) generator | miair optimize --from-ndjson - (${formatNumber(options.documents)} documents) > counted; unique documents from ${options.corpus}, ` +
      `mock ${options.latencyMs} ms, gate 100, 1 refinement each; node ${machine.node}, ${machine.cores} cores, load ${machine.loadAverage.toFixed(1)}\n`,
  );
  const batch = await runBatch(options);
  process.stdout.write(`batch: ${batch.documents} docs (${batch.ok} ok, ${batch.errors} errors, ${batch.missing} missing) in ${batch.seconds.toFixed(2)} s, peak RSS ${formatNumber(batch.peakRssBytes / MB)} MB\n`);
  const stream = await runStream(options);
  process.stdout.write(
    `stream: ${stream.documents} docs (${stream.ok} ok, ${stream.errors} errors, ${stream.missing} missing) in ${stream.seconds.toFixed(1)} s = ${formatNumber(stream.docsPerMinute)} docs/min, ` +
      `exit ${stream.exitCode}, peak RSS ${formatNumber(stream.peakRssBytes / MB)} MB\n${stream.summary}\n`,
  );
  const isAccounted = batch.documents === options.batchDocuments && batch.missing === 0 && stream.documents === options.documents && stream.missing === 0 && stream.repeated === 0;
  const errors = batch.errors + stream.errors;
  const figures = {
    batchPeakRss: createFigure({ label: `peak RSS, ${formatNumber(options.batchDocuments)}-document batch`, value: batch.peakRssBytes / MB, unit: 'MB', comparison: '<', target: GOAL_BATCH_MB, source: "predecessor's plan (10,000 docs)" }),
    streamPeakRss: createFigure({ label: `peak RSS, CLI streaming ${formatNumber(options.documents)} documents`, value: stream.peakRssBytes / MB, unit: 'MB', comparison: '<', target: GOAL_STREAM_MB, source: 'issue 4 (1,000,000 docs)' }),
    streamFirstHalf: createFigure({ label: 'highest RSS, first half of the stream', value: stream.firstHalfPeakRssBytes / MB, unit: 'MB' }),
    streamSecondHalf: createFigure({ label: 'highest RSS, second half of the stream', value: stream.secondHalfPeakRssBytes / MB, unit: 'MB' }),
    streamDocsPerMinute: createFigure({ label: 'CLI streaming throughput', value: stream.docsPerMinute, unit: 'docs/min' }),
  };
  printFigures(figures, { isAccounted, errors });
  writeJsonAtomically(options.out, { benchmark: 'memory', date: new Date().toISOString(), ...machine, options, batch, stream, isAccounted, errors, figures, isGoalMet: areGoalsMet(figures) && isAccounted && errors === 0 });
  process.stdout.write(`\nwrote ${options.out}\n`);
  return isAccounted && errors === 0 && stream.exitCode === 0 ? 0 : 1;
}
