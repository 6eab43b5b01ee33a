import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { score } from '../../src/metrics/score.js';
import { createTestIo } from './create-test-io.js';

const EXAMPLES = path.resolve(import.meta.dirname, '../../examples');
let cwd: string;

beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'miair-analyze-'));
  cpSync(EXAMPLES, path.join(cwd, 'docs'), { recursive: true });
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

function parseLines(text: string): Record<string, unknown>[] {
  return text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('miair analyze', () => {
  it('writes a file name with a line break or ESC escaped, one row per file, in the text formats of analyze and optimize', async () => {
    const names = ['two\nlines.md', 'red\u001b[31m.md'];
    for (const name of names) writeFileSync(path.join(cwd, 'docs', name), '# Title\n\nSome text here.\n');
    const analyze = createTestIo({ cwd });
    expect(await run(['analyze', ...names.map((name) => `docs/${name}`)], analyze.io)).toBe(0);
    const optimize = createTestIo({ cwd });
    expect(await run(['optimize', ...names.map((name) => `docs/${name}`), '--dry-run'], optimize.io)).toBe(0);
    for (const output of [analyze.stdout(), optimize.stdout()]) {
      expect(output).not.toContain('\u001b');
      const rows = output.split('\n').filter((line) => line.startsWith('docs/'));
      expect(rows.map((row) => row.split('  ')[0])).toEqual(['docs/two\\nlines.md', 'docs/red\\u001b[31m.md']);
    }
  });

  it('prints one NDJSON object per document with the documented fields', async () => {
    const { io, stdout } = createTestIo({ cwd });
    expect(await run(['analyze', 'docs', '--format', 'ndjson'], io)).toBe(0);
    const rows = parseLines(stdout());
    expect(rows.map((row) => row['path'])).toEqual([
      'docs/README.md',
      'docs/changelog-notes.txt',
      'docs/faq.md',
      'docs/guides/configuration.md',
      'docs/guides/getting-started.md',
    ]);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(expect.arrayContaining(['path', 'profile', 'words', 'uniqueWords', 'entropy', 'coherence', 'quality', 'findings']));
      expect(row['profile']).toBe('miair');
    }
  });

  it('reports the same numbers as the library', async () => {
    const { io, stdout } = createTestIo({ cwd });
    await run(['analyze', 'docs/faq.md', '--format', 'ndjson', '--profile', 'devdocai'], io);
    const [row] = parseLines(stdout());
    const { readFileSync } = await import('node:fs');
    const expected = score(readFileSync(path.join(cwd, 'docs/faq.md'), 'utf8'), { profile: 'devdocai' });
    expect(row).toMatchObject({ quality: expected.quality, entropy: expected.entropy, words: expected.words, profile: 'devdocai' });
  });

  it('gives a bad input its own error row, processes the rest and exits 2', async () => {
    writeFileSync(path.join(cwd, 'docs/binary.md'), Buffer.from([0x61, 0x00, 0x62]));
    writeFileSync(path.join(cwd, 'docs/latin1.md'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    const { io, stdout } = createTestIo({ cwd });
    expect(await run(['analyze', 'docs', 'missing.md', '--format', 'ndjson'], io)).toBe(2);
    const rows = parseLines(stdout());
    expect(rows).toHaveLength(8);
    const errors = Object.fromEntries(rows.filter((row) => row['error'] !== undefined).map((row) => [row['path'], (row['error'] as { code: string }).code]));
    expect(errors).toEqual({ 'docs/binary.md': 'INPUT_BINARY', 'docs/latin1.md': 'INPUT_INVALID_ENCODING', 'missing.md': 'INPUT_NOT_FOUND' });
  });

  it('reports INPUT_INVALID_ENCODING with an iconv command, not INPUT_BINARY, when a file is UTF-16 with a byte order mark', async () => {
    writeFileSync(path.join(cwd, 'docs/wide.md'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# Wide\n\nText.\n', 'utf16le')]));
    const { io, stdout } = createTestIo({ cwd });
    expect(await run(['analyze', 'docs/wide.md', '--format', 'ndjson'], io)).toBe(2);
    const error = parseLines(stdout())[0]?.['error'] as { code: string; message: string };
    expect(error.code).toBe('INPUT_INVALID_ENCODING');
    expect(error.message).toContain('is UTF-16LE text');
    expect(error.message).toContain('iconv -f UTF-16 -t UTF-8 docs/wide.md > docs/wide.md.utf8');
  });

  it('reports INPUT_TOO_LARGE over --max-bytes', async () => {
    const { io, stdout } = createTestIo({ cwd });
    expect(await run(['analyze', 'docs/faq.md', '--format', 'ndjson', '--max-bytes', '10'], io)).toBe(2);
    expect(parseLines(stdout())[0]).toMatchObject({ error: { code: 'INPUT_TOO_LARGE' } });
  });

  it('exits 1 when a document scores below --fail-under, 0 when none does', async () => {
    const low = createTestIo({ cwd });
    expect(await run(['analyze', 'docs', '--fail-under', '100'], low.io)).toBe(1);
    expect(low.stdout()).toMatch(/below 100/);
    const high = createTestIo({ cwd });
    expect(await run(['analyze', 'docs', '--fail-under', '0'], high.io)).toBe(0);
  });

  it('prints a table with findings located by line and column', async () => {
    const { io, stdout } = createTestIo({ cwd });
    await run(['analyze', 'docs/faq.md'], io);
    expect(stdout()).toMatch(/^docs\/faq\.md {2}quality \d+\.\d/);
    expect(stdout()).toMatch(/\n {2}\d+:\d+ +(error|warning|info) /);
    expect(stdout()).toMatch(/1 document, mean quality/);
  });

  it('prints valid JSON and a Markdown table', async () => {
    const json = createTestIo({ cwd });
    await run(['analyze', 'docs', '--format', 'json'], json.io);
    expect(JSON.parse(json.stdout())).toHaveLength(5);
    const markdown = createTestIo({ cwd });
    await run(['analyze', 'docs', '--format', 'markdown'], markdown.io);
    expect(markdown.stdout().split('\n').filter((line) => line.startsWith('| docs/'))).toHaveLength(5);
  });

  it('reads stdin for -', async () => {
    const { io, stdout } = createTestIo({ cwd, stdin: '# Title\n\nSome text here. More text there.\n' });
    expect(await run(['analyze', '-', '--format', 'ndjson'], io)).toBe(0);
    expect(parseLines(stdout())[0]).toMatchObject({ path: '-', profile: 'miair' });
  });

  it('takes the profile from MIAIR_PROFILE and a flag over it', async () => {
    const fromEnvironment = createTestIo({ cwd, env: { MIAIR_PROFILE: 'devdocai' } });
    await run(['analyze', 'docs/faq.md', '--format', 'ndjson'], fromEnvironment.io);
    expect(parseLines(fromEnvironment.stdout())[0]).toMatchObject({ profile: 'devdocai' });
    const fromFlag = createTestIo({ cwd, env: { MIAIR_PROFILE: 'devdocai' } });
    await run(['analyze', 'docs/faq.md', '--format', 'ndjson', '--profile', 'miair'], fromFlag.io);
    expect(parseLines(fromFlag.stdout())[0]).toMatchObject({ profile: 'miair' });
  });

  it('stops with exit 2 and a clear message on a config file with an unknown key', async () => {
    writeFileSync(path.join(cwd, 'miair.config.json'), JSON.stringify({ profil: 'miair' }));
    const { io, stdout, stderr } = createTestIo({ cwd });
    expect(await run(['analyze', 'docs'], io)).toBe(2);
    expect(stderr()).toMatch(/^error CONFIG_UNKNOWN_KEY: Unknown key `profil`/);
    expect(stdout()).toBe('');
  });

  it('rejects a bad option value without a stack trace', async () => {
    const { io, stderr } = createTestIo({ cwd });
    expect(await run(['analyze', 'docs', '--profile', 'fancy'], io)).toBe(2);
    expect(stderr()).toContain('Expected `profile` to be one of `miair`, `devdocai`, got `"fancy"`');
    expect(stderr()).not.toMatch(/\n\s+at /);
  });

  it('exits 2 when no document is found', async () => {
    const { io, stderr } = createTestIo({ cwd });
    expect(await run(['analyze', 'docs', '--include', '*.rst'], io)).toBe(2);
    expect(stderr()).toMatch(/No documents found/);
  });

  it('exits 2 on an unknown option and 0 on --help', async () => {
    const unknown = createTestIo({ cwd });
    expect(await run(['analyze', 'docs', '--fromage'], unknown.io)).toBe(2);
    expect(unknown.stderr()).toMatch(/unknown option '--fromage'/);
    const help = createTestIo({ cwd });
    expect(await run(['--help'], help.io)).toBe(0);
    expect(help.stdout()).toMatch(/analyze/);
  });
});

describe('miair analyze when interrupted', () => {
  it('stops reading after the document in progress, says so in the summary and exits 130 when a signal arrives', async () => {
    const controller = new AbortController();
    const { io, stdout, stderr } = createTestIo({ cwd, signal: controller.signal });
    const write = io.stdout.write.bind(io.stdout);
    // Ctrl-C arrives, as a signal does, in a task of its own once the first row is printed: the other four are never read.
    io.stdout = { ...io.stdout, write: (chunk: string) => (setImmediate(() => controller.abort()), write(chunk)) };
    expect(await run(['analyze', 'docs', '--format', 'ndjson'], io)).toBe(130);
    expect(parseLines(stdout()).map((row) => row['path'])).toEqual(['docs/README.md']);
    expect(stderr()).toMatch(/^1 document, mean quality \d+\.\d \(miair\), interrupted/);
  });

  it('closes the JSON array and exits 130 when interrupted in json format', async () => {
    const controller = new AbortController();
    const { io, stdout, stderr } = createTestIo({ cwd, signal: controller.signal });
    const write = io.stdout.write.bind(io.stdout);
    io.stdout = { ...io.stdout, write: (chunk: string) => (chunk.includes('"path"') && controller.abort(), write(chunk)) };
    expect(await run(['analyze', 'docs', '--format', 'json'], io)).toBe(130);
    expect(JSON.parse(stdout())).toHaveLength(1);
    expect(stderr()).toMatch(/interrupted/);
  });
});
