// What the PII detectors mask in documentation that holds no personal data
// or secrets: runs detectPii (the COMPILED library: build first with
// `npx tsc -p tsconfig.build.json`) on the 5,000 tldr pages and on the 64
// real READMEs of test/fixtures/readmes, and prints per corpus and kind the
// spans found and the documents affected. Every span is listed with its
// context (`--show`) so a person can judge it: a true positive is real
// personal data or a secret, anything else is a false positive (the
// judgement and the rates are in docs/security.md).
//
//   npm run bench -- pii-false-positives [--show] [--corpus DIR] [--readmes DIR] [--dist DIR] [--out FILE]
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Characters of context printed on each side of a span.
const CONTEXT_CHARACTERS = 40;

function parseArguments(argv) {
  const options = {
    corpus: resolve(repository, '../shared/corpus/tldr'),
    readmes: join(repository, 'test/fixtures/readmes'),
    dist: join(repository, 'dist'),
    out: join(repository, 'bench/results/pii-false-positives.json'),
    show: false,
  };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--show') {
      options.show = true;
      continue;
    }
    const value = argv[++index];
    if (value === undefined) throw new Error(`Option \`${argument}\` needs a value.`);
    if (argument === '--corpus') options.corpus = resolve(value);
    else if (argument === '--readmes') options.readmes = resolve(value);
    else if (argument === '--dist') options.dist = resolve(value);
    else if (argument === '--out') options.out = resolve(value);
    else throw new Error(`Unknown option \`${argument}\`. Use --show, --corpus DIR, --readmes DIR, --dist DIR or --out FILE.`);
  }
  return options;
}

function readTldr(directory) {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => ({ path: name, text: readFileSync(join(directory, name), 'utf8') }));
}

function readReadmes(directory) {
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(directory, entry.name, 'README.md')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ path: `${name}/README.md`, text: readFileSync(join(directory, name, 'README.md'), 'utf8') }));
}

// Documentation idioms that look like personal data or secrets and must not
// be masked; the bench counts how many occur and how many a finding covers.
const IDIOMS = {
  'uuid': /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
  'git hash (7-40 hex)': /\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}\b/g,
  'sha256 digest': /\bsha256[:-][0-9a-f]{64}\b/gi,
  'version x.y.z': /\bv?\d+\.\d+\.\d+(?:[-+][\w.]+)?\b/g,
  'private/loopback/doc IPv4': /\b(?:127\.\d+\.\d+\.\d+|0\.0\.0\.0|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(?:1[6-9]|2\d|3[01])\.\d+\.\d+|192\.0\.2\.\d+|198\.51\.100\.\d+|203\.0\.113\.\d+)\b/g,
  'IPv6 ::1 / fe80:: / 2001:db8::': /(?:::1\b|\bfe80::|\b2001:db8:)/gi,
  'reserved-domain e-mail': /\b[\w.+-]+@(?:[\w-]+\.)*(?:example\.(?:com|org|net)|localhost)\b/gi,
  'git@host': /\bgit@[\w.-]+:/g,
  'placeholder key': /\b(?:YOUR_[A-Z_]*(?:KEY|TOKEN|SECRET)|sk-\.\.\.|sk-x{4,}|<[\w-]*(?:key|token)[\w-]*>)/gi,
  'date / time': /\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}(?::\d{2})?\b/g,
  'port / numeric id (5-12 digits)': /\b\d{5,12}\b/g,
};

function countIdioms(documents, detectPii) {
  const counts = {};
  for (const document of documents) {
    const ranges = detectPii(document.text).map((finding) => finding.range);
    for (const [name, pattern] of Object.entries(IDIOMS)) {
      const entry = (counts[name] ??= { occurrences: 0, masked: 0 });
      for (const match of document.text.matchAll(pattern)) {
        entry.occurrences++;
        const end = match.index + match[0].length;
        if (ranges.some((range) => range.start < end && match.index < range.end)) entry.masked++;
      }
    }
  }
  return counts;
}

function measure(documents, detectPii) {
  const kinds = {};
  const spans = [];
  const started = process.hrtime.bigint();
  for (const document of documents) {
    const seen = new Set();
    for (const finding of detectPii(document.text)) {
      const { start, end } = finding.range;
      const entry = (kinds[finding.kind] ??= { spans: 0, documents: 0 });
      entry.spans++;
      if (!seen.has(finding.kind)) {
        seen.add(finding.kind);
        entry.documents++;
      }
      spans.push({
        path: document.path,
        kind: finding.kind,
        value: document.text.slice(start, end),
        context: document.text.slice(Math.max(0, start - CONTEXT_CHARACTERS), end + CONTEXT_CHARACTERS).replace(/\s+/g, ' '),
      });
    }
  }
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  const affected = new Set(spans.map((span) => span.path)).size;
  const idioms = countIdioms(documents, detectPii);
  return { documents: documents.length, documentsAffected: affected, spans: spans.length, elapsedMs, kinds, idioms, list: spans };
}

export default async function piiFalsePositives(argv) {
  const options = parseArguments(argv);
  const modulePath = join(options.dist, 'providers/pii/detect-pii.js');
  if (!existsSync(modulePath)) {
    process.stderr.write(`${modulePath} does not exist. Build first: npx tsc -p tsconfig.build.json\n`);
    return 2;
  }
  const { detectPii } = await import(pathToFileURL(modulePath).href);
  const corpora = [
    { corpus: 'tldr', documents: readTldr(options.corpus) },
    { corpus: 'readmes', documents: readReadmes(options.readmes) },
  ];
  const results = [];
  for (const { corpus, documents } of corpora) {
    const result = measure(documents, detectPii);
    results.push({ corpus, ...result });
    process.stdout.write(
      `\n${corpus}: ${result.documents} documents, ${result.spans} spans in ${result.documentsAffected} documents (${result.elapsedMs.toFixed(0)} ms)\n`,
    );
    process.stdout.write('  kind              spans  documents\n');
    for (const [kind, counts] of Object.entries(result.kinds).sort()) {
      process.stdout.write(`  ${kind.padEnd(16)} ${String(counts.spans).padStart(6)} ${String(counts.documents).padStart(10)}\n`);
    }
    process.stdout.write('  not to be masked                 occurrences  masked\n');
    for (const [name, counts] of Object.entries(result.idioms)) {
      process.stdout.write(`  ${name.padEnd(32)} ${String(counts.occurrences).padStart(11)} ${String(counts.masked).padStart(7)}\n`);
    }
    if (options.show) {
      for (const span of result.list) process.stdout.write(`  ${span.kind.padEnd(16)} ${span.path}: ${JSON.stringify(span.value)} in ${JSON.stringify(span.context)}\n`);
    }
  }
  mkdirSync(dirname(options.out), { recursive: true });
  const temporary = `${options.out}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ measuredAt: new Date().toISOString(), results }, null, 2)}\n`);
  renameSync(temporary, options.out);
  return 0;
}
