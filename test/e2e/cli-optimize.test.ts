import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyPatch } from 'diff';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { score } from '../../src/metrics/score.js';
import { parseMarkdown } from '../../src/document/parse-markdown.js';
import { createTestIo } from './create-test-io.js';

const EXAMPLES = path.resolve(import.meta.dirname, '../../examples');
let cwd: string;

beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'miair-optimize-'));
  cpSync(EXAMPLES, path.join(cwd, 'docs'), { recursive: true });
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

function listFiles(directory: string, prefix = ''): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(path.join(directory, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  ).sort();
}

function protectedTexts(text: string): string[] {
  return parseMarkdown(text).protectedSpans.map((span) => text.slice(span.start, span.end));
}

describe('miair optimize', () => {
  it('writes every document under --out, mirroring the tree, and never touches the inputs', async () => {
    const before = Object.fromEntries(listFiles(path.join(cwd, 'docs')).map((file) => [file, readFileSync(path.join(cwd, 'docs', file), 'utf8')]));
    const { io, stdout } = createTestIo({ cwd });
    expect(await run(['optimize', 'docs', '--out', 'optimized'], io)).toBe(0);
    // The run journal sits next to the outputs; everything else mirrors the input tree.
    expect(listFiles(path.join(cwd, 'optimized')).filter((file) => !file.startsWith('.miair-journal'))).toEqual(Object.keys(before).sort());
    let improved = 0;
    for (const [file, original] of Object.entries(before)) {
      expect(readFileSync(path.join(cwd, 'docs', file), 'utf8')).toBe(original);
      const output = readFileSync(path.join(cwd, 'optimized', file), 'utf8');
      expect(protectedTexts(output)).toEqual(protectedTexts(original));
      const delta = score(output).quality - score(original).quality;
      expect(delta).toBeGreaterThanOrEqual(0);
      if (delta > 0) improved += 1;
    }
    expect(improved).toBeGreaterThanOrEqual(2);
    expect(stdout()).toMatch(new RegExp(`5 documents: ${improved} improved, ${5 - improved} unchanged, 0 errors`));
    expect(stdout()).toMatch(/mean quality \d+\.\d -> \d+\.\d \(miair, gate 85\)/);
  });

  it('prints one NDJSON line per input with the documented fields', async () => {
    const { io, stdout } = createTestIo({ cwd });
    expect(await run(['optimize', 'docs', 'nope.md', '--out', 'out', '--format', 'ndjson'], io)).toBe(2);
    const rows = stdout().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['durationMs', 'error', 'finalQuality', 'initialQuality', 'iterations', 'outputPath', 'path', 'status', 'stopReason']);
    }
    expect(rows.find((row) => row['path'] === 'nope.md')).toMatchObject({ status: 'error', error: { code: 'INPUT_NOT_FOUND' } });
    expect(rows.find((row) => row['path'] === 'docs/faq.md')).toMatchObject({ status: 'ok', outputPath: path.join('out', 'faq.md') });
  });

  it('overwrites only improved inputs with --in-place', async () => {
    const faq = path.join(cwd, 'docs/faq.md');
    const configuration = path.join(cwd, 'docs/guides/configuration.md');
    const faqBefore = readFileSync(faq, 'utf8');
    const { io, stdout } = createTestIo({ cwd });
    expect(await run(['optimize', 'docs/faq.md', 'docs/guides/configuration.md', '--in-place', '--format', 'ndjson'], io)).toBe(0);
    const rows = stdout().trim().split('\n').map((line) => JSON.parse(line) as { path: string; outputPath: string | null; finalQuality: number; initialQuality: number });
    const faqRow = rows.find((row) => row.path === 'docs/faq.md');
    expect(faqRow?.finalQuality).toBeGreaterThan(faqRow?.initialQuality ?? Infinity);
    expect(readFileSync(faq, 'utf8')).not.toBe(faqBefore);
    const configurationRow = rows.find((row) => row.path === 'docs/guides/configuration.md');
    if (configurationRow?.finalQuality === configurationRow?.initialQuality) expect(configurationRow?.outputPath).toBeNull();
    expect(existsSync(configuration)).toBe(true);
  });

  it('prints a --diff that applies to the file as it is: its BOM and CRLF, a name with a space', async () => {
    const original = '\ufeffthis tool is very fast.\r\n\r\nIt really works in order to help.\r\n';
    writeFileSync(path.join(cwd, 'sp ace.md'), original);
    const { io, stdout } = createTestIo({ cwd });
    await run(['optimize', 'sp ace.md', '--gate', '100', '--dry-run', '--diff'], io);
    const patch = stdout().slice(stdout().indexOf('Index:'), stdout().lastIndexOf('\n', stdout().indexOf('sp ace.md  ')) + 1);
    expect(patch).toMatch(/^--- sp ace\.md\toriginal$/m);
    const patched = applyPatch(original, patch);
    expect(patched).not.toBe(false);
    expect(patched).toMatch(/^\ufeff/);
    expect((patched as string).split('\n').slice(0, -1).every((line) => line.endsWith('\r'))).toBe(true);
    expect(patched).not.toBe(original);
  });

  it('writes nothing with --dry-run and shows a diff with --diff', async () => {
    const before = readFileSync(path.join(cwd, 'docs/faq.md'), 'utf8');
    const { io, stdout } = createTestIo({ cwd });
    expect(await run(['optimize', 'docs/faq.md', '--dry-run', '--diff'], io)).toBe(0);
    expect(readFileSync(path.join(cwd, 'docs/faq.md'), 'utf8')).toBe(before);
    expect(stdout()).toMatch(/^--- docs\/faq\.md/m);
    expect(stdout()).toMatch(/^-.*copies only the the missing ones/m);
    expect(stdout()).toMatch(/^\+.*copies only the missing ones/m);
    expect(stdout()).toMatch(/dry run: nothing written/);
  });

  it('refines stdin to stdout and keeps the summary on stderr', async () => {
    const input = 'Run the the test. In order to test it, we run it.\n\nRun the the test.\n';
    const { io, stdout, stderr } = createTestIo({ cwd, stdin: input });
    expect(await run(['optimize', '-'], io)).toBe(0);
    expect(stdout()).not.toContain('the the');
    expect(stderr()).toMatch(/1 document: 1 improved/);
    expect(stderr()).toContain('refined text written to stdout');
    expect(stderr()).not.toContain('nothing written');
  });

  it('does not claim stdin was written when it could not be read', async () => {
    const { io, stdout, stderr } = createTestIo({ cwd, stdin: `# Big\n\n${'Some words here. '.repeat(200)}\n` });
    expect(await run(['optimize', '-', '--max-bytes', '1000'], io)).toBe(2);
    expect(stdout()).toMatch(/^- {2}error INPUT_TOO_LARGE/);
    expect(stderr()).toContain('nothing written');
    expect(stderr()).not.toContain('written to stdout');
  });

  it('keeps a byte order mark and CRLF line endings', async () => {
    const text = '\ufeff# Notes\r\n\r\nRead the the note. In order to read it, open it.\r\n\r\n```sh\r\nls -la\r\n```\r\n';
    writeFileSync(path.join(cwd, 'notes.md'), text);
    const { io } = createTestIo({ cwd });
    expect(await run(['optimize', 'notes.md', '--out', 'out'], io)).toBe(0);
    const output = readFileSync(path.join(cwd, 'out/notes.md'), 'utf8');
    expect(output.startsWith('\ufeff# Notes\r\n')).toBe(true);
    expect(output).not.toMatch(/[^\r]\n/);
    expect(output).toContain('```sh\r\nls -la\r\n```\r\n');
    expect(output).not.toContain('the the');
  });

  it('reads classic Mac OS line endings (CR only) as lines, and writes them back', async () => {
    const text = '# Notes\r\rRead the the note. In order to read it, open it.\r\r## Usage\r\r```sh\rls -la\r```\r';
    writeFileSync(path.join(cwd, 'mac.md'), text);
    writeFileSync(path.join(cwd, 'unix.md'), text.replaceAll('\r', '\n'));
    const analyzed = createTestIo({ cwd });
    expect(await run(['analyze', 'mac.md', 'unix.md', '--format', 'json'], analyzed.io)).toBe(0);
    // Before, the whole file was one line: no heading, no code block, another score.
    const [mac, unix] = JSON.parse(analyzed.stdout()) as Array<{ quality: number; findings: unknown[] }>;
    expect(mac?.quality).toBe(unix?.quality);
    expect(mac?.findings).toEqual(unix?.findings);
    const { io } = createTestIo({ cwd });
    expect(await run(['optimize', 'mac.md', '--out', 'out'], io)).toBe(0);
    const output = readFileSync(path.join(cwd, 'out/mac.md'), 'utf8');
    expect(output).not.toContain('\n');
    expect(output.startsWith('# Notes\r\r')).toBe(true);
    expect(output).toContain('```sh\rls -la\r```\r');
    expect(output).not.toContain('the the');
  });

  it('runs the mock provider', async () => {
    const { io, stdout } = createTestIo({ cwd });
    expect(await run(['optimize', 'docs/faq.md', '--provider', 'mock', '--mock-latency-ms', '1', '--format', 'ndjson'], io)).toBe(0);
    expect(JSON.parse(stdout())).toMatchObject({ status: 'ok', path: 'docs/faq.md' });
  });

  it('skips documents at the gate without a model call', async () => {
    const { io, stdout } = createTestIo({ cwd });
    await run(['optimize', 'docs', '--gate', '0', '--format', 'ndjson'], io);
    const rows = stdout().trim().split('\n').map((line) => JSON.parse(line) as { stopReason: string; iterations: number });
    expect(rows.every((row) => row.stopReason === 'skipped' && row.iterations === 0)).toBe(true);
  });

  it('rejects --out with --in-place and a model the provider lacks', async () => {
    const both = createTestIo({ cwd });
    expect(await run(['optimize', 'docs', '--out', 'o', '--in-place'], both.io)).toBe(2);
    expect(both.stderr()).toMatch(/CONFIG_INVALID: Pass either --out DIR or --in-place/);
    const model = createTestIo({ cwd });
    expect(await run(['optimize', 'docs', '--model', 'gpt-9'], model.io)).toBe(2);
    expect(model.stderr()).toMatch(/CONFIG_INVALID: Expected `model`/);
    expect(existsSync(path.join(cwd, 'o'))).toBe(false);
  });

  it('does not read its own output directory as input', async () => {
    const first = createTestIo({ cwd });
    await run(['optimize', '.', '--out', 'docs/optimized'], first.io);
    const second = createTestIo({ cwd });
    await run(['optimize', '.', '--out', 'docs/optimized', '--format', 'ndjson'], second.io);
    const paths = second.stdout().trim().split('\n').map((line) => (JSON.parse(line) as { path: string }).path);
    expect(paths.some((file) => file.includes('optimized'))).toBe(false);
    expect(paths).toHaveLength(5);
  });
});

describe('miair optimize when interrupted', () => {
  it('finishes with one row per input, prints the summary and exits 130', async () => {
    const controller = new AbortController();
    const { io, stdout, stderr } = createTestIo({ cwd, signal: controller.signal });
    // A model that would take a minute: the document in flight when Ctrl-C comes is aborted after the drain timeout, not waited for.
    setTimeout(() => controller.abort(), 500);
    const exitCode = await run(['optimize', 'docs', '--provider', 'mock', '--mock-latency-ms', '60000', '--concurrency', '1', '--drain-timeout-ms', '200', '--format', 'ndjson', '--out', 'out'], io);
    expect(exitCode).toBe(130);
    const rows = stdout().trim().split('\n').map((line) => JSON.parse(line) as { status: string; stopReason: string; error: { code: string } | null });
    expect(rows).toHaveLength(5);
    // Each document was aborted (in flight, or before it started), or was at the gate already and never called the model.
    expect(rows.every((row) => row.error?.code === 'ABORTED' || row.stopReason === 'skipped')).toBe(true);
    expect(rows.filter((row) => row.stopReason === 'error' && row.error?.code === 'ABORTED')).toHaveLength(1);
    expect(stderr()).toMatch(/interrupted/);
  });

  it('lets the documents in flight finish within --drain-timeout-ms, and starts no other', async () => {
    const controller = new AbortController();
    const { io, stdout } = createTestIo({ cwd, signal: controller.signal });
    setTimeout(() => controller.abort(), 150);
    const args = ['optimize', 'docs', '--provider', 'mock', '--mock-latency-ms', '400', '--gate', '100', '--max-iterations', '1', '--concurrency', '1', '--format', 'ndjson', '--out', 'out'];
    expect(await run(args, io)).toBe(130);
    const rows = stdout().trim().split('\n').map((line) => JSON.parse(line) as { path: string; status: string; error: { code: string; message: string } | null });
    expect(rows).toHaveLength(5);
    // The first document was in flight: it finished (before the fix it was aborted at once); the others never started.
    expect(rows[0]).toMatchObject({ status: 'ok', error: null });
    expect(rows.slice(1).every((row) => row.error?.code === 'ABORTED' && row.error.message.startsWith('Interrupted before this document was started'))).toBe(true);
    expect(existsSync(path.join(cwd, 'out', path.relative('docs', rows[0]?.path ?? '')))).toBe(true);
  });
});

describe('miair optimize --out resume', () => {
  it('skips documents a previous run finished, redoes changed ones, and --restart redoes all', async () => {
    const first = createTestIo({ cwd });
    expect(await run(['optimize', 'docs', '--out', 'out', '--format', 'ndjson'], first.io)).toBe(0);
    expect(existsSync(path.join(cwd, 'out/.miair-journal.ndjson'))).toBe(true);
    writeFileSync(path.join(cwd, 'docs/faq.md'), `${readFileSync(path.join(cwd, 'docs/faq.md'), 'utf8')}\nOne more line here.\n`);
    const second = createTestIo({ cwd });
    expect(await run(['optimize', 'docs', '--out', 'out'], second.io)).toBe(0);
    expect(second.stdout()).toMatch(/4 resumed from the journal/);
    expect(second.stdout()).toMatch(/docs\/faq\.md {2}\d+\.\d -> \d+\.\d {2}(gate-reached|no-improvement|max-iterations)/);
    expect(readFileSync(path.join(cwd, 'out/faq.md'), 'utf8')).toContain('One more line here.');
    const third = createTestIo({ cwd });
    await run(['optimize', 'docs', '--out', 'out', '--restart'], third.io);
    expect(third.stdout()).not.toMatch(/resumed/);
  });
});

describe('miair optimize --out when two inputs map to one output path', () => {
  const modelCalls = (text: string): number => Number(/(\d+) model calls?/.exec(text)?.[1]);

  it('keeps the first result and gives the later different file an OUTPUT_WRITE_FAILED row without refining it when both map to one output path', async () => {
    // Files outside the working directory keep only their name under --out, so both map to out/x.md.
    const outside = mkdtempSync(path.join(tmpdir(), 'miair-outside-'));
    const [first, second] = [path.join(outside, 'one/x.md'), path.join(outside, 'two/x.md')];
    mkdirSync(path.dirname(first));
    mkdirSync(path.dirname(second));
    writeFileSync(first, '# One\n\nFirst doc in order to test.\n');
    writeFileSync(second, '# Two\n\nSecond doc, due to the fact that we test.\n');
    const alone = createTestIo({ cwd });
    expect(await run(['optimize', first, '--out', 'alone'], alone.io)).toBe(0);
    const { io, stdout } = createTestIo({ cwd });
    expect(await run(['optimize', first, second, '--out', 'out'], io)).toBe(2);
    rmSync(outside, { recursive: true, force: true });
    const lines = stdout().split('\n');
    expect(lines[0]).toMatch(/one\/x\.md .* -> out\/x\.md$/);
    expect(lines[1]).toContain(`${second}  error OUTPUT_WRITE_FAILED: \`${second}\` was not optimized: its output \`out/x.md\` is already the output of \`${first}\``);
    expect(lines[1]).toMatch(/separate --out directories/);
    expect(stdout()).toMatch(/1 error/);
    expect(readFileSync(path.join(cwd, 'out/x.md'), 'utf8')).toBe(readFileSync(path.join(cwd, 'alone/x.md'), 'utf8'));
    // The second document was never refined: the run made exactly the model calls of the first one alone.
    expect(modelCalls(stdout())).toBe(modelCalls(alone.stdout()));
  });

  it('refines the same file once, writes it once and exits 0 when it is given twice', async () => {
    const alone = createTestIo({ cwd });
    expect(await run(['optimize', 'docs/faq.md', '--out', 'alone', '--format', 'ndjson'], alone.io)).toBe(0);
    const { io, stdout, stderr } = createTestIo({ cwd });
    expect(await run(['optimize', 'docs/faq.md', './docs/faq.md', '--out', 'out', '--format', 'ndjson'], io)).toBe(0);
    const rows = stdout().trim().split('\n').map((line) => JSON.parse(line) as { path: string; status: string; outputPath: string; finalQuality: number });
    expect(rows.map((row) => [row.path, row.status, row.outputPath])).toEqual([
      ['docs/faq.md', 'ok', path.join('out', 'docs', 'faq.md')],
      ['./docs/faq.md', 'ok', path.join('out', 'docs', 'faq.md')],
    ]);
    expect(rows[1]?.finalQuality).toBe(rows[0]?.finalQuality);
    expect(stderr()).toMatch(/^1 document: .*\n[^]*1 input was the same file as an earlier one \(refined once\)/);
    expect(modelCalls(stderr())).toBe(modelCalls(alone.stderr()));
  });

  it('refines and writes a file once when two directory inputs both reach it', async () => {
    const { io, stdout, stderr } = createTestIo({ cwd });
    expect(await run(['optimize', 'docs', 'docs/guides', '--out', 'out', '--format', 'ndjson'], io)).toBe(0);
    const rows = stdout().trim().split('\n').map((line) => JSON.parse(line) as { path: string; outputPath: string });
    const guides = rows.filter((row) => row.path.startsWith(path.join('docs', 'guides')));
    expect(guides.length).toBe(4);
    expect(new Set(guides.map((row) => row.outputPath)).size).toBe(2);
    // Each guide is written once, where the first input (docs) mirrors it; the second (docs/guides) would have put it at out/.
    expect(listFiles(path.join(cwd, 'out')).filter((file) => !file.startsWith('.miair-journal'))).toEqual(listFiles(path.join(cwd, 'docs')));
    expect(stderr()).toMatch(/^5 documents: [^]*2 inputs were the same file as an earlier one/);
  });
});

describe('miair optimize --in-place with a symbolic link', () => {
  const text = '# A\n\nThis is is a test in order to see.\n';

  it('writes through the link to its target and keeps the link when the link is the input', async () => {
    mkdirSync(path.join(cwd, 'real'));
    writeFileSync(path.join(cwd, 'real/a.md'), text);
    symlinkSync(path.join('..', 'real', 'a.md'), path.join(cwd, 'docs/link.md'));
    const { io, stdout } = createTestIo({ cwd });
    expect(await run(['optimize', 'docs/link.md', '--in-place'], io)).toBe(0);
    expect(stdout()).toMatch(/^docs\/link\.md .* -> docs\/link\.md$/m);
    expect(lstatSync(path.join(cwd, 'docs/link.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(cwd, 'real/a.md'), 'utf8')).not.toBe(text);
    expect(readFileSync(path.join(cwd, 'real/a.md'), 'utf8')).not.toContain('in order to');
    // The atomic write happened in the target's directory and left nothing behind.
    expect(readdirSync(path.join(cwd, 'real'))).toEqual(['a.md']);
  });

  it('refines a link and its target once and reports the later one as the same file when both are inputs', async () => {
    writeFileSync(path.join(cwd, 'a.md'), text);
    symlinkSync('a.md', path.join(cwd, 'link.md'));
    const alone = createTestIo({ cwd: mkdtempSync(path.join(tmpdir(), 'miair-optimize-alone-')) });
    writeFileSync(path.join(alone.io.cwd, 'a.md'), text);
    await run(['optimize', 'a.md', '--in-place'], alone.io);
    const { io, stdout } = createTestIo({ cwd });
    expect(await run(['optimize', 'link.md', 'a.md', '--in-place'], io)).toBe(0);
    expect(stdout()).toMatch(/^a\.md {2}\d+\.\d -> \d+\.\d {2}same file as link\.md {2}-> link\.md$/m);
    expect(stdout()).toMatch(/^1 document: 1 improved, 0 unchanged, 0 errors$/m);
    expect(stdout()).toMatch(/1 input was the same file as an earlier one \(refined once\)/);
    expect(stdout()).toContain(/\d+ model calls?/.exec(alone.stdout())?.[0]);
    expect(lstatSync(path.join(cwd, 'link.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(cwd, 'a.md'), 'utf8')).toBe(readFileSync(path.join(alone.io.cwd, 'a.md'), 'utf8'));
    rmSync(alone.io.cwd, { recursive: true, force: true });
  });
});
