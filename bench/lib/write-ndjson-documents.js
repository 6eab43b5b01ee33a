#!/usr/bin/env node
// Writes `count` unique documents (refinableText) as NDJSON lines {"id","text"} to stdout,
// waiting for the pipe to drain (backpressure), for `miair optimize
// --from-ndjson -` to read.
//
//   node bench/lib/write-ndjson-documents.js CORPUS_DIR COUNT
import { readPages, refinableText } from './read-pages.js';

const [corpus, countArgument] = process.argv.slice(2);
const count = Number(countArgument);
if (corpus === undefined || !Number.isInteger(count) || count < 0) {
  process.stderr.write('Usage: node bench/lib/write-ndjson-documents.js CORPUS_DIR COUNT (an integer >= 0)\n');
  process.exit(2);
}
const pages = readPages(corpus);
const LINES_PER_WRITE = 256;
for (let index = 0; index < count; ) {
  let chunk = '';
  for (const end = Math.min(count, index + LINES_PER_WRITE); index < end; index++) chunk += `${JSON.stringify({ id: String(index), text: refinableText(pages, index) })}\n`;
  if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
}
