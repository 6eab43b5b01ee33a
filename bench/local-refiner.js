// Effect of the offline `local` refiner on real documents: the share of
// documents whose quality rose, stayed or fell after one refineText() pass,
// under each profile (miair, devdocai) and strategy, on the README.md files
// over 2 KB under node_modules and on the tldr pages. Uses the COMPILED
// library: build first with `npx tsc -p tsconfig.build.json`.
//
//   npm run bench -- local-refiner [--strategy quality|entropy|performance|all] [--corpus DIR] [--worst N] [--out FILE]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MIN_README_BYTES = 2 * 1024;
// Differences below this are float noise, not a change of quality.
const TOLERANCE = 1e-9;
const PROFILES = ['miair', 'devdocai'];
const STRATEGIES = ['quality', 'entropy', 'performance'];

function parseArguments(argv) {
  const options = {
    strategy: 'all',
    corpus: resolve(repository, '../shared/corpus/tldr'),
    worst: 0,
    out: join(repository, 'bench/results/local-refiner.json'),
  };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const value = argv[index + 1];
    if (argument === '--strategy') options.strategy = value;
    else if (argument === '--corpus') options.corpus = resolve(value);
    else if (argument === '--worst') options.worst = Number(value);
    else if (argument === '--out') options.out = resolve(value);
    else throw new Error(`Unknown option \`${argument}\`. Use --strategy NAME, --corpus DIR, --worst N or --out FILE.`);
    index++;
  }
  if (options.strategy !== 'all' && !STRATEGIES.includes(options.strategy)) {
    throw new Error(`Expected \`--strategy\` to be one of all, ${STRATEGIES.join(', ')}, got \`${options.strategy}\`.`);
  }
  return options;
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
    if (entry.isDirectory()) findReadmes(path, found, seen);
    else if (entry.isFile() && entry.name.toLowerCase() === 'readme.md' && statSync(path).size > MIN_README_BYTES) {
      const text = readFileSync(path, 'utf8');
      // The same README ships in several packages (or versions): count it once.
      const hash = createHash('sha256').update(text).digest('hex');
      if (!seen.has(hash)) {
        seen.add(hash);
        found.push({ path: relative(repository, path), text });
      }
    }
  }
}

function readTldr(directory) {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => ({ path: name, text: readFileSync(join(directory, name), 'utf8') }));
}

function measure(documents, strategy, refineText, score) {
  const counts = Object.fromEntries(PROFILES.map((profile) => [profile, { rose: 0, stayed: 0, fell: 0, meanDelta: 0 }]));
  const falls = [];
  let changed = 0;
  const started = performance.now();
  for (const document of documents) {
    const refined = refineText(document.text, { strategy });
    if (refined !== document.text) changed++;
    for (const profile of PROFILES) {
      const before = score(document.text, { profile }).quality;
      const after = refined === document.text ? before : score(refined, { profile }).quality;
      const delta = after - before;
      const bucket = counts[profile];
      bucket.meanDelta += delta / documents.length;
      if (delta > TOLERANCE) bucket.rose++;
      else if (delta < -TOLERANCE) {
        bucket.fell++;
        falls.push({ profile, path: document.path, before, after, delta });
      } else bucket.stayed++;
    }
  }
  const elapsedMs = performance.now() - started;
  return { documents: documents.length, changed, counts, falls: falls.sort((a, b) => a.delta - b.delta), elapsedMs };
}

function percent(count, total) {
  return total === 0 ? '-' : `${((100 * count) / total).toFixed(1)}%`;
}

export default async function localRefinerBenchmark(argv) {
  const options = parseArguments(argv);
  const dist = join(repository, 'dist');
  if (!existsSync(join(dist, 'providers/local/refine-text.js'))) {
    process.stderr.write('dist/ is missing. Build first: npx tsc -p tsconfig.build.json\n');
    return 2;
  }
  const { refineText } = await import(pathToFileURL(join(dist, 'providers/local/refine-text.js')).href);
  const { score } = await import(pathToFileURL(join(dist, 'metrics/score.js')).href);

  const readmes = [];
  findReadmes(join(repository, 'node_modules'), readmes, new Set());
  readmes.sort((a, b) => a.path.localeCompare(b.path));
  const corpora = { readmes, tldr: readTldr(options.corpus) };
  const strategies = options.strategy === 'all' ? STRATEGIES : [options.strategy];

  const results = [];
  for (const [corpus, documents] of Object.entries(corpora)) {
    for (const strategy of strategies) {
      const result = measure(documents, strategy, refineText, score);
      results.push({ corpus, strategy, ...result });
      for (const profile of PROFILES) {
        const { rose, stayed, fell, meanDelta } = result.counts[profile];
        process.stdout.write(
          `${corpus.padEnd(8)} ${strategy.padEnd(12)} ${profile.padEnd(9)} n=${String(result.documents).padStart(5)} ` +
            `changed=${percent(result.changed, result.documents).padStart(6)} rose=${percent(rose, result.documents).padStart(6)} ` +
            `stayed=${percent(stayed, result.documents).padStart(6)} fell=${percent(fell, result.documents).padStart(6)} ` +
            `mean delta=${meanDelta.toFixed(3)}\n`,
        );
      }
      for (const fall of result.falls.slice(0, options.worst)) {
        process.stdout.write(`  fell ${fall.profile} ${fall.delta.toFixed(4)} ${fall.path}\n`);
      }
    }
  }
  mkdirSync(dirname(options.out), { recursive: true });
  const temporary = `${options.out}.tmp`;
  const summary = results.map(({ falls, ...rest }) => ({ ...rest, falls: falls.slice(0, 20) }));
  writeFileSync(temporary, `${JSON.stringify({ measuredAt: new Date().toISOString(), results: summary }, null, 2)}\n`);
  renameSync(temporary, options.out);
  return 0;
}
