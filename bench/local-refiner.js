// Effect of the offline `local` refiner through the whole refine loop:
// refine() with default options (local model, miair profile, quality
// strategy, default gate) on the 64 READMEs of test/fixtures/readmes and
// on the tldr pages. For each corpus it prints how many
// documents are below the gate and, of those, how many improved, stayed
// unchanged or got worse (the loop forbids worse: it must be 0), the mean
// quality before and after, and the most common findings left in the
// unchanged documents. Uses the COMPILED library: build first with
// `npx tsc -p tsconfig.build.json`.
//
//   npm run bench -- local-refiner [--corpus DIR] [--gate N] [--top N] [--out FILE]
// --gate 100 sends every document, to measure the editor on good documents too.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Differences below this are float noise, not a change of quality.
const TOLERANCE = 1e-9;

function parseArguments(argv) {
  const options = {
    corpus: resolve(repository, '../shared/corpus/tldr'),
    top: 8,
    gate: null,
    out: join(repository, 'bench/results/local-refiner.json'),
  };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const value = argv[index + 1];
    if (argument === '--corpus') options.corpus = resolve(value);
    else if (argument === '--top') options.top = Number(value);
    else if (argument === '--out') options.out = resolve(value);
    else if (argument === '--gate') options.gate = Number(value);
    else throw new Error(`Unknown option \`${argument}\`. Use --corpus DIR, --gate N, --top N or --out FILE.`);
    index++;
  }
  if (!Number.isInteger(options.top) || options.top < 0) throw new Error(`Expected \`--top\` to be an integer >= 0, got \`${options.top}\`.`);
  return options;
}

// The 64 real READMEs copied into the repository (see test/fixtures/readmes/NOTICE.md).
function readReadmes(directory) {
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ path: name, text: readFileSync(join(directory, name, 'README.md'), 'utf8') }));
}

function readTldr(directory) {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => ({ path: name, text: readFileSync(join(directory, name), 'utf8') }));
}

async function measure(documents, refine) {
  const result = { documents: documents.length, belowGate: 0, improved: 0, unchanged: 0, worse: 0, errors: 0 };
  let sumBefore = 0;
  let sumAfter = 0;
  const remaining = new Map();
  const worse = [];
  const started = performance.now();
  for (const document of documents) {
    const outcome = await refine(document.text);
    if (outcome.stopReason === 'skipped') continue;
    if (outcome.stopReason === 'error') result.errors++;
    result.belowGate++;
    const before = outcome.initialMetrics.quality;
    const after = outcome.finalMetrics.quality;
    sumBefore += before;
    sumAfter += after;
    if (after > before + TOLERANCE) result.improved++;
    else if (after < before - TOLERANCE) {
      result.worse++;
      worse.push({ path: document.path, before, after });
    } else {
      result.unchanged++;
      // Count each finding kind once per document: how many unchanged documents still have it.
      for (const metric of new Set(outcome.finalMetrics.findings.map((finding) => finding.metric))) {
        remaining.set(metric, (remaining.get(metric) ?? 0) + 1);
      }
    }
  }
  result.meanQualityBefore = result.belowGate === 0 ? 0 : sumBefore / result.belowGate;
  result.meanQualityAfter = result.belowGate === 0 ? 0 : sumAfter / result.belowGate;
  result.remainingFindings = [...remaining].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([metric, count]) => ({ metric, documents: count }));
  result.worseDocuments = worse;
  result.elapsedMs = performance.now() - started;
  return result;
}

function percent(count, total) {
  return total === 0 ? '-' : `${((100 * count) / total).toFixed(1)}%`;
}

export default async function localRefinerBenchmark(argv) {
  const options = parseArguments(argv);
  const dist = join(repository, 'dist');
  if (!existsSync(join(dist, 'index.js'))) {
    process.stderr.write('dist/ is missing. Build first: npx tsc -p tsconfig.build.json\n');
    return 2;
  }
  const { refine, resolveRefineOptions } = await import(pathToFileURL(join(dist, 'index.js')).href);
  const { gate, profile } = resolveRefineOptions({});

  const corpora = { readmes: readReadmes(join(repository, 'test/fixtures/readmes')), tldr: readTldr(options.corpus) };
  const refineOptions = options.gate === null ? {} : { gate: options.gate };
  const usedGate = options.gate ?? gate;

  process.stdout.write(`refine() with default options: local model, profile ${profile}, gate ${usedGate}\n`);
  const results = [];
  for (const [corpus, documents] of Object.entries(corpora)) {
    const result = await measure(documents, (text) => refine(text, refineOptions));
    results.push({ corpus, ...result });
    const { belowGate } = result;
    process.stdout.write(
      `${corpus}: ${result.documents} documents, ${belowGate} below the gate; of those improved ${result.improved} (${percent(result.improved, belowGate)}), ` +
        `unchanged ${result.unchanged} (${percent(result.unchanged, belowGate)}), worse ${result.worse}, errors ${result.errors}; ` +
        `mean quality ${result.meanQualityBefore.toFixed(2)} -> ${result.meanQualityAfter.toFixed(2)} (${(result.elapsedMs / 1000).toFixed(1)} s)\n`,
    );
    const top = result.remainingFindings.slice(0, options.top);
    if (top.length > 0) {
      process.stdout.write(`  findings left in unchanged documents (documents): ${top.map(({ metric, documents }) => `${metric} ${documents}`).join(', ')}\n`);
    }
    for (const fall of result.worseDocuments) process.stdout.write(`  worse ${fall.before.toFixed(3)} -> ${fall.after.toFixed(3)} ${fall.path}\n`);
  }
  mkdirSync(dirname(options.out), { recursive: true });
  const temporary = `${options.out}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ measuredAt: new Date().toISOString(), gate: usedGate, profile, results }, null, 2)}\n`);
  renameSync(temporary, options.out);
  return results.some((result) => result.worse > 0) ? 1 : 0;
}
