// A 1,000-document batch, one refinement each against a 50 ms mock (gate 100,
// maxIterations 1), every document unique: (a) refineStream with its
// defaults in this process, (b) `miair optimize DIR --provider mock` with the
// CLI's defaults in a child process (start-up included), alternating for
// several rounds; medians. Uses the COMPILED library: build first with
// `npx tsc -p tsconfig.build.json`.
//
//   npm run bench -- batch [--documents 1000] [--rounds 3] [--latency-ms 50] [--corpus DIR] [--out FILE]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { areGoalsMet, createFigure } from './lib/create-figure.js';
import { consumeStream } from './lib/consume-stream.js';
import { describeMachine } from './lib/describe-machine.js';
import { parseArguments } from './lib/parse-arguments.js';
import { median } from './lib/percentile.js';
import { printFigures } from './lib/print-figures.js';
import { readPages, refinableText } from './lib/read-pages.js';
import { runCli } from './lib/run-cli.js';
import { writeJsonAtomically } from './lib/write-json-atomically.js';
import { loadLibrary } from './lib/load-library.js';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The predecessor's plan: "Batch optimization (1000 docs): Target <15 seconds".
const GOAL_SECONDS = 15;
const SOURCE = "predecessor's plan (1,000 docs)";

const SPEC = {
  '--documents': { key: 'documents', type: 'integer', min: 1, defaultValue: 1000, help: 'N' },
  '--rounds': { key: 'rounds', type: 'integer', min: 1, defaultValue: 3, help: 'N' },
  '--latency-ms': { key: 'latencyMs', type: 'number', min: 0, defaultValue: 50, help: 'MS' },
  '--corpus': { key: 'corpus', type: 'path', defaultValue: resolve(repository, '../shared/corpus/tldr'), help: 'DIR' },
  '--out': { key: 'out', type: 'path', defaultValue: join(repository, 'bench/results/batch.json'), help: 'FILE' },
};

async function runLibrary(library, texts, refineOptions) {
  const started = performance.now();
  const counts = await consumeStream(
    library.refineStream(texts.map((text, index) => ({ id: String(index), text })), refineOptions),
    { expectedDocuments: texts.length },
  );
  return { ...counts, seconds: (performance.now() - started) / 1000 };
}

async function runCommand(directory, options) {
  const records = [];
  const run = await runCli(
    [
      'optimize', directory, '--provider', 'mock', '--mock-latency-ms', String(options.latencyMs), '--gate', '100', '--max-iterations', '1',
      '--format', 'ndjson', '--dry-run', '--no-cache', '--no-progress',
    ],
    { onStdoutLine: (line) => records.push(JSON.parse(line)) },
  );
  const paths = new Set(records.map((record) => record.path));
  const errors = records.filter((record) => record.status !== 'ok').length;
  return {
    exitCode: run.exitCode,
    documents: records.length,
    ok: records.length - errors,
    errors,
    calls: records.reduce((sum, record) => sum + record.iterations, 0),
    missing: options.documents - paths.size,
    repeated: records.length - paths.size,
    seconds: run.seconds,
    stderr: run.exitCode === 0 ? '' : run.stderr,
  };
}

export default async function batchBenchmark(argv) {
  const options = parseArguments(argv, SPEC);
  const loaded = await loadLibrary();
  if (loaded === null) return 2;
  const { library, testing: { createMockModel, fastMockEdit } } = loaded;
  const pages = readPages(options.corpus);
  const texts = Array.from({ length: options.documents }, (_, index) => refinableText(pages, index));
  const directory = mkdtempSync(join(tmpdir(), 'miair-bench-batch-'));
  try {
    // One file per document for the CLI (the same unique texts).
    mkdirSync(join(directory, 'pages'));
    texts.forEach((text, index) => writeFileSync(join(directory, 'pages', `${String(index).padStart(7, '0')}.md`), text));
    // The CLI's mock uses the default edit; the library gets the same.
    const refineOptions = { model: createMockModel({ latencyMs: options.latencyMs }), gate: 100, maxIterations: 1 };
    const machine = describeMachine();
    process.stdout.write(
      `batch: ${options.documents} unique documents from ${options.corpus}, mock ${options.latencyMs} ms, gate 100, 1 refinement each; ` +
        `refineStream defaults vs miair optimize DIR (CLI defaults, child process), ${options.rounds} rounds alternating, node ${machine.node}, ${machine.cores} cores, load ${machine.loadAverage.toFixed(1)}\n`,
    );
    // Warm-up of the library path (the CLI starts cold every time, as a user's does).
    await runLibrary(library, texts.slice(0, Math.min(200, texts.length)), refineOptions);
    const rounds = [];
    for (let round = 0; round < options.rounds; round++) {
      const streamed = await runLibrary(library, texts, refineOptions);
      const cli = await runCommand(join(directory, 'pages'), options);
      rounds.push({ library: streamed, cli });
      for (const [name, result] of Object.entries({ refineStream: streamed, cli })) {
        process.stdout.write(
          `round ${round + 1} ${name.padEnd(12)} ${result.documents} docs (${result.ok} ok, ${result.errors} errors, ${result.missing} missing) in ${result.seconds.toFixed(2)} s${result.stderr ? `\n${result.stderr}` : ''}\n`,
        );
      }
    }
    const librarySeconds = median(rounds.map((round) => round.library.seconds));
    const cliSeconds = median(rounds.map((round) => round.cli.seconds));
    const isAccounted = rounds.every((round) => [round.library, round.cli].every((result) => result.documents === options.documents && result.missing === 0 && result.repeated === 0));
    const errors = rounds.reduce((sum, round) => sum + round.library.errors + round.cli.errors, 0);
    const figures = {
      library: createFigure({ label: `${options.documents} docs, refineStream`, value: librarySeconds, unit: 's', comparison: '<', target: GOAL_SECONDS, source: SOURCE }),
      cli: createFigure({ label: `${options.documents} docs, miair optimize DIR`, value: cliSeconds, unit: 's', comparison: '<', target: GOAL_SECONDS, source: SOURCE }),
    };
    printFigures(figures, { isAccounted, errors });
    writeJsonAtomically(options.out, { benchmark: 'batch', date: new Date().toISOString(), ...machine, options, rounds, isAccounted, errors, figures, isGoalMet: areGoalsMet(figures) && isAccounted && errors === 0 });
    process.stdout.write(`\nwrote ${options.out}\n`);
    return isAccounted && errors === 0 ? 0 : 1;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
