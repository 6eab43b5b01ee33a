import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MiairError } from '../errors.js';
import { encodeText } from './encode-text.js';
import { readSource } from './read-source.js';

const fixturesDirectory = fileURLToPath(new URL('../../test/fixtures/documents/', import.meta.url));
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'miair-read-source-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (MiairError.isInstance(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

describe('readSource', () => {
  it('reads a file with its encoding and size when it is valid UTF-8', async () => {
    const source = await readSource({ path: 'readme.md', root: null, absolutePath: `${fixturesDirectory}readme.md` }, { maxBytes: 1_000_000 });
    expect(source.path).toBe('readme.md');
    expect(source.root).toBeNull();
    expect(source.text.startsWith('---\ntitle: Widget')).toBe(true);
    expect(source.encoding).toEqual({ hasBom: false, lineEnding: 'lf' });
    expect(source.sizeInBytes).toBe((await readFile(`${fixturesDirectory}readme.md`)).length);
  });

  it('gives back identical bytes through encodeText when the file has a BOM and CRLF', async () => {
    const filePath = `${fixturesDirectory}bom-crlf.md`;
    const source = await readSource({ path: filePath, root: null }, { maxBytes: 1000 });
    expect(source.encoding).toEqual({ hasBom: true, lineEnding: 'crlf' });
    expect(source.text).toBe('# Windows\n\nA line with CRLF.\nAnother one.\n');
    expect(Buffer.from(encodeText(source.text, source.encoding), 'utf8').equals(await readFile(filePath))).toBe(true);
  });

  it('keeps mixed line endings as they are', async () => {
    const source = await readSource({ path: `${fixturesDirectory}mixed-line-endings.md`, root: null }, { maxBytes: 1000 });
    expect(source.text).toBe('mixed\r\nline\nendings\r\n');
    expect(source.encoding.lineEnding).toBe('lf');
  });

  it('reads an empty file as empty text', async () => {
    const source = await readSource({ path: `${fixturesDirectory}empty.md`, root: 'docs' }, { maxBytes: 10 });
    expect(source).toMatchObject({ text: '', sizeInBytes: 0, root: 'docs' });
  });

  it.each([
    ['binary.md', 'INPUT_BINARY'],
    ['invalid-utf8.md', 'INPUT_INVALID_ENCODING'],
  ])('rejects %s with %s', async (name, code) => {
    expect(await codeOf(readSource({ path: name, root: null, absolutePath: `${fixturesDirectory}${name}` }, { maxBytes: 1000 }))).toMatch(new RegExp(`^${code}: .*\`${name}\``));
  });

  it('rejects a file over maxBytes from its size before reading it', async () => {
    const filePath = path.join(directory, 'large.md');
    await writeFile(filePath, 'x'.repeat(101));
    expect(await codeOf(readSource({ path: filePath, root: null }, { maxBytes: 100 }))).toBe(
      `INPUT_TOO_LARGE: Input \`${filePath}\` is 101 bytes, over the limit of 100 bytes. Pass --max-bytes to raise the limit.`,
    );
    expect((await readSource({ path: filePath, root: null }, { maxBytes: 101 })).text).toHaveLength(101);
  });

  it('throws INPUT_NOT_FOUND naming the path when the file is missing', async () => {
    expect(await codeOf(readSource({ path: 'missing.md', root: null, absolutePath: path.join(directory, 'missing.md') }, { maxBytes: 10 }))).toBe(
      'INPUT_NOT_FOUND: Input `missing.md` does not exist. Check the path.',
    );
  });

  // Tests run as root, where chmod 000 does not stop a read: a directory read as a file stands for an unreadable input.
  it('throws INPUT_UNREADABLE when the path is a directory', async () => {
    const subdirectory = path.join(directory, 'folder.md');
    await mkdir(subdirectory);
    expect(await codeOf(readSource({ path: subdirectory, root: null }, { maxBytes: 10 }))).toMatch(/^INPUT_UNREADABLE: Input `.*folder\.md` cannot be read \(it is a directory, EISDIR\)/);
  });

  it.skipIf(process.platform === 'win32')('reads a named pipe to its end without blocking while it has no writer yet', async () => {
    const fifo = path.join(directory, 'pipe.md');
    execFileSync('mkfifo', [fifo]);
    const reading = readSource({ path: fifo, root: null }, { maxBytes: 100 });
    // The writer comes after the read began: a blocking open of the pipe would have hung the event loop here.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const writer = createWriteStream(fifo);
    writer.end('# Piped\n\nText.\n');
    expect((await reading).text).toBe('# Piped\n\nText.\n');
  });

  it('reads standard input when the path is -', async () => {
    const stdin = Readable.from([Buffer.from('\ufeffhello\r\n'), Buffer.from('world\r\n')]);
    const source = await readSource({ path: '-', root: null }, { maxBytes: 100, stdin });
    expect(source).toEqual({ path: '-', root: null, text: 'hello\nworld\n', encoding: { hasBom: true, lineEnding: 'crlf' }, sizeInBytes: 17 });
  });

  it('stops reading standard input past maxBytes', async () => {
    let pulled = 0;
    const stdin = Readable.from(
      (function* chunks() {
        for (let index = 0; index < 1000; index += 1) {
          pulled += 1;
          yield Buffer.alloc(10, 0x61);
        }
      })(),
    );
    expect(await codeOf(readSource({ path: '-', root: null }, { maxBytes: 25, stdin }))).toBe(
      'INPUT_TOO_LARGE: Input `-` is more than the limit of 25 bytes. Pass --max-bytes to raise the limit.',
    );
    expect(pulled).toBeLessThan(100);
  });

  it('reads a stream of strings from standard input', async () => {
    const source = await readSource({ path: '-', root: null }, { maxBytes: 100, stdin: Readable.from(['a', 'b'], { objectMode: true }) });
    expect(source.text).toBe('ab');
  });

  it('reads a non-regular file as a stream up to the limit', async () => {
    expect(await codeOf(readSource({ path: '/dev/zero', root: null }, { maxBytes: 1000 }))).toMatch(/^INPUT_TOO_LARGE: Input `\/dev\/zero` is more than/);
  });
});
