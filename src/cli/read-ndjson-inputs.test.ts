import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { maxNdjsonLineBytes, readNdjsonInputs, type NdjsonInputLine } from './read-ndjson-inputs.js';

async function readAll(chunks: (string | Buffer)[], maxBytes = 1024): Promise<NdjsonInputLine[]> {
  const lines: NdjsonInputLine[] = [];
  const stdin = Readable.from(chunks.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk)));
  for await (const line of readNdjsonInputs('-', stdin, process.cwd(), { maxBytes })) lines.push(line);
  return lines;
}

const record = (id: string, text: string): string => `${JSON.stringify({ id, text })}\n`;

describe('readNdjsonInputs', () => {
  it('skips a UTF-8 byte order mark when it starts line 1', async () => {
    const lines = await readAll([Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(record('a', 'one') + record('b', 'two'))])]);
    expect(lines.map((line) => line.input)).toEqual([{ id: 'a', text: 'one' }, { id: 'b', text: 'two' }]);
  });

  it('keeps a byte order mark inside a later line an error when it is not at the start of the input', async () => {
    const lines = await readAll([Buffer.concat([Buffer.from(record('a', 'one')), Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(record('b', 'two'))])]);
    expect(lines[1]?.error?.code).toBe('INPUT_MALFORMED');
  });

  it('reports INPUT_INVALID_ENCODING with the line number when a line is not UTF-8, and goes on', async () => {
    const bad = Buffer.concat([Buffer.from('{"id":"b","text":"x '), Buffer.from([0xff]), Buffer.from(' y"}\n')]);
    const lines = await readAll([Buffer.concat([Buffer.from(record('a', 'one')), bad, Buffer.from(record('c', 'three'))])]);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatchObject({ lineNumber: 2, error: { code: 'INPUT_INVALID_ENCODING', details: { line: 2, offset: 20 } } });
    expect(lines[1]?.error?.message).toContain('Line 2 ');
    expect(lines[2]?.input).toEqual({ id: 'c', text: 'three' });
  });

  it('reports INPUT_TOO_LARGE with the line and id when a text has more UTF-8 bytes than maxBytes', async () => {
    // 4 characters, 12 bytes: the limit counts bytes, not characters.
    const lines = await readAll([record('a', '€€€€') + record('b', 'fits')], 11);
    expect(lines[0]).toMatchObject({ lineNumber: 1, id: 'a', error: { code: 'INPUT_TOO_LARGE', details: { line: 1, maxBytes: 11, sizeInBytes: 12 } } });
    expect(lines[1]?.input).toEqual({ id: 'b', text: 'fits' });
  });

  it('accepts a text of exactly maxBytes bytes when its JSON escapes make the line longer', async () => {
    const text = '\u0001'.repeat(100);
    const lines = await readAll([record('a', text)], 100);
    expect(lines[0]?.input?.text).toBe(text);
  });

  it('skips a line longer than maxNdjsonLineBytes without assembling it when it arrives in many chunks', async () => {
    const maxBytes = 10;
    const chunk = Buffer.alloc(16 * 1024, 'a');
    const chunks = [Buffer.from('{"id":"big","text":"'), ...Array.from({ length: Math.ceil(maxNdjsonLineBytes(maxBytes) / chunk.length) + 2 }, () => chunk), Buffer.from('"}\n' + record('b', 'ok'))];
    const lines = await readAll(chunks, maxBytes);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ lineNumber: 1, error: { code: 'INPUT_TOO_LARGE', details: { line: 1, maxLineBytes: maxNdjsonLineBytes(maxBytes) } } });
    expect(lines[1]).toMatchObject({ lineNumber: 2, input: { id: 'b', text: 'ok' } });
  });

  it('joins a line split across chunks, even inside a multi-byte character, and drops a CR before LF', async () => {
    const bytes = Buffer.from(`${JSON.stringify({ id: 'a', text: 'naïve €' })}\r\n\n${JSON.stringify({ id: 'b', text: 'last' })}`);
    const lines = await readAll(Array.from(bytes, (byte) => Buffer.from([byte])));
    expect(lines).toEqual([
      { lineNumber: 1, input: { id: 'a', text: 'naïve €' } },
      { lineNumber: 3, input: { id: 'b', text: 'last' } },
    ]);
  });

  it('throws INPUT_INVALID_ENCODING for the whole input when it starts with a UTF-16 byte order mark', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(record('a', 'one'), 'utf16le')]);
    await expect(readAll([bytes])).rejects.toMatchObject({ code: 'INPUT_INVALID_ENCODING', message: expect.stringContaining('iconv -f UTF-16 -t UTF-8') });
  });
});
