// Metrics throughput, single thread: docs/s and MB/s (1 MB = 10^6 bytes of UTF-8)
// per profile on the tldr pages and on long (2-200 KB) documents, median of
// several rounds after a warm-up. Scores the COMPILED library: build first
// with `npx tsc -p tsconfig.build.json`.
//
//   npm run bench -- metrics [--rounds 5] [--corpus DIR] [--out FILE]
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MIN_LONG_BYTES = 2 * 1024;
const MAX_LONG_BYTES = 200 * 1024;
const SYNTHETIC_DOCUMENTS = 300;

// The predecessor, measured on this machine (shared/seed/README.md), single thread.
const PREDECESSOR = {
  tldr: { docsPerSecond: 9094, megabytesPerSecond: 5.4 },
  long: { docsPerSecond: 957, megabytesPerSecond: 11.4 },
};
// Goals of issue 2: devdocai >= 10x the predecessor; miair within 3x of that.
const GOAL_FACTOR = { devdocai: 10, miair: 10 / 3 };

function parseArguments(argv) {
  const options = {
    rounds: 5,
    corpus: resolve(repository, '../shared/corpus/tldr'),
    out: join(repository, 'bench/results/metrics.json'),
  };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const value = argv[index + 1];
    if (argument === '--rounds') options.rounds = Number(value);
    else if (argument === '--corpus') options.corpus = resolve(value);
    else if (argument === '--out') options.out = resolve(value);
    else throw new Error(`Unknown option \`${argument}\`. Use --rounds N, --corpus DIR or --out FILE.`);
    index++;
  }
  if (!Number.isInteger(options.rounds) || options.rounds < 1) {
    throw new Error(`Expected \`--rounds\` to be an integer >= 1, got \`${options.rounds}\`.`);
  }
  return options;
}

function readTldr(directory) {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => readFileSync(join(directory, name), 'utf8'));
}

function findReadmes(root, found, seen) {
  let entries;
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) {
      findReadmes(path, found, seen);
    } else if (entry.isFile() && /^readme\.(md|markdown)$/i.test(entry.name)) {
      const size = statSync(path).size;
      if (size > MIN_LONG_BYTES && size <= MAX_LONG_BYTES) {
        const text = readFileSync(path, 'utf8');
        // The same package is often installed twice; score each text once.
        if (!seen.has(text)) {
          seen.add(text);
          found.push(text);
        }
      }
    }
  }
}

// Deterministic 32-bit generator (mulberry32), so every run scores the same set.
function createRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

// Synthetic long documents: consecutive tldr pages joined until a target size
// drawn log-uniformly from 2-200 KB.
function synthesizeLong(pages, count) {
  const random = createRandom(20240601);
  const documents = [];
  for (let index = 0; index < count; index++) {
    const targetBytes = Math.round(MIN_LONG_BYTES * Math.exp(random() * Math.log(MAX_LONG_BYTES / MIN_LONG_BYTES)));
    let page = Math.floor(random() * pages.length);
    let text = '';
    while (Buffer.byteLength(text) < targetBytes) {
      text += `${pages[page % pages.length]}\n`;
      page++;
    }
    // Flatten the concatenation, as text read from a file is, so no scorer pays for it.
    documents.push(Buffer.from(text).toString());
  }
  return documents;
}

function measure(scoreText, documents, bytes) {
  let sink = 0;
  const started = process.hrtime.bigint();
  for (const text of documents) sink += scoreText(text).quality;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (Number.isNaN(sink)) throw new Error('A quality was NaN.');
  return { docsPerSecond: documents.length / seconds, megabytesPerSecond: bytes / 1e6 / seconds, seconds };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function runSet(scoreText, documents, rounds) {
  const bytes = documents.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  // Warm up until the optimizing compiler has seen every path: at least 2 rounds and 1 s.
  const warmUpStarted = Date.now();
  for (let round = 0; round < 2 || Date.now() - warmUpStarted < 1000; round++) measure(scoreText, documents, bytes);
  const samples = [];
  for (let round = 0; round < rounds; round++) samples.push(measure(scoreText, documents, bytes));
  const docs = samples.map((sample) => sample.docsPerSecond);
  const megabytes = samples.map((sample) => sample.megabytesPerSecond);
  return {
    documents: documents.length,
    bytes,
    rounds,
    docsPerSecond: median(docs),
    megabytesPerSecond: median(megabytes),
    minDocsPerSecond: Math.min(...docs),
    maxDocsPerSecond: Math.max(...docs),
    minMegabytesPerSecond: Math.min(...megabytes),
    maxMegabytesPerSecond: Math.max(...megabytes),
  };
}

async function loadScorers() {
  const dist = join(repository, 'dist/metrics');
  const notes = [];
  try {
    const { score } = await import(pathToFileURL(join(dist, 'score.js')).href);
    return { scorers: { devdocai: (text) => score(text, { profile: 'devdocai' }), miair: (text) => score(text, { profile: 'miair' }) }, notes };
  } catch (error) {
    notes.push(`dist/metrics/score.js did not load (${error.code ?? error.message}); miair skipped, devdocai scored directly.`);
  }
  const devdocaiPath = join(dist, 'devdocai/score-devdocai.js');
  if (!existsSync(devdocaiPath)) {
    throw new Error('dist/ has no compiled metrics. Build first: npx tsc -p tsconfig.build.json');
  }
  const { scoreDevdocai } = await import(pathToFileURL(devdocaiPath).href);
  return { scorers: { devdocai: scoreDevdocai }, notes };
}

function format(value) {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1);
}

function writeJsonAtomically(path, value) {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temporary, path);
}

export default async function metricsBenchmark(argv) {
  const options = parseArguments(argv);
  const tldr = readTldr(options.corpus);
  // The 64 READMEs copied into the repository: the same set on every machine.
  const readmes = [];
  findReadmes(join(repository, 'test/fixtures/readmes'), readmes, new Set());
  const long = [...readmes, ...synthesizeLong(tldr, SYNTHETIC_DOCUMENTS)];
  const sets = { tldr, long };
  const { scorers, notes } = await loadScorers();
  for (const note of notes) process.stdout.write(`note: ${note}\n`);
  process.stdout.write(
    `metrics, single thread, node ${process.version}, ${cpus().length} cores, median of ${options.rounds} rounds\n` +
      `tldr: ${tldr.length} pages; long: ${readmes.length} READMEs + ${SYNTHETIC_DOCUMENTS} synthetic (2-200 KB)\n\n`,
  );
  const results = {};
  const header = 'profile   set   docs/s      MB/s   spread MB/s      predecessor MB/s  goal MB/s  x predecessor';
  process.stdout.write(`${header}\n`);
  for (const profile of ['devdocai', 'miair']) {
    const scoreText = scorers[profile];
    if (scoreText === undefined) {
      process.stdout.write(`${profile.padEnd(9)} skipped: not built\n`);
      continue;
    }
    results[profile] = {};
    for (const [setName, documents] of Object.entries(sets)) {
      const result = runSet(scoreText, documents, options.rounds);
      const predecessor = PREDECESSOR[setName];
      const goal = {
        docsPerSecond: predecessor.docsPerSecond * GOAL_FACTOR[profile],
        megabytesPerSecond: predecessor.megabytesPerSecond * GOAL_FACTOR[profile],
      };
      const speedup = result.megabytesPerSecond / predecessor.megabytesPerSecond;
      results[profile][setName] = { ...result, predecessor, goal, speedup, isGoalMet: result.megabytesPerSecond >= goal.megabytesPerSecond };
      process.stdout.write(
        `${profile.padEnd(9)} ${setName.padEnd(5)} ${format(result.docsPerSecond).padStart(8)} ${format(result.megabytesPerSecond).padStart(9)}` +
          `   ${format(result.minMegabytesPerSecond)}-${format(result.maxMegabytesPerSecond)}`.padEnd(17) +
          `${format(predecessor.megabytesPerSecond).padStart(12)} ${format(goal.megabytesPerSecond).padStart(11)} ${speedup.toFixed(1).padStart(10)}x\n`,
      );
    }
  }
  writeJsonAtomically(options.out, {
    benchmark: 'metrics',
    date: new Date().toISOString(),
    node: process.version,
    cores: cpus().length,
    cpu: cpus()[0]?.model,
    notes,
    results,
  });
  process.stdout.write(`\nwrote ${options.out}\n`);
  return 0;
}
