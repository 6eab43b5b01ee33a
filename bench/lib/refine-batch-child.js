#!/usr/bin/env node
// A batch in a process of its own, for its peak RSS: refineStream over an
// array of `count` unique documents (refinableText) held in memory, every result kept (as a
// batch returns them); mock model `latencyMs`, fast edit, gate 100, one
// refinement each, refineStream's defaults otherwise. Prints one JSON line:
// { documents, ok, errors, missing, seconds, peakRssBytes } (VmHWM).
//
//   node bench/lib/refine-batch-child.js CORPUS_DIR COUNT LATENCY_MS
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readPages, refinableText } from './read-pages.js';
import { readProcessMemory } from './sample-process.js';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const [corpus, countArgument, latencyArgument] = process.argv.slice(2);
const count = Number(countArgument);
const latencyMs = Number(latencyArgument);
const { refineStream } = await import(pathToFileURL(join(repository, 'dist/index.js')).href);
const { createMockModel, fastMockEdit } = await import(pathToFileURL(join(repository, 'dist/testing/index.js')).href);
const pages = readPages(corpus);
const inputs = Array.from({ length: count }, (_, index) => ({ id: String(index), text: refinableText(pages, index) }));
const started = performance.now();
const results = [];
for await (const item of refineStream(inputs, { model: createMockModel({ latencyMs, edit: fastMockEdit }), gate: 100, maxIterations: 1 })) results.push(item);
const seconds = (performance.now() - started) / 1000;
const seen = new Set(results.map((item) => item.index));
process.stdout.write(
  `${JSON.stringify({
    documents: results.length,
    ok: results.filter((item) => item.status === 'ok').length,
    errors: results.filter((item) => item.status !== 'ok').length,
    missing: count - seen.size,
    seconds,
    peakRssBytes: readProcessMemory(process.pid)?.peakRssBytes ?? null,
  })}\n`,
);
