import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MiairError } from '../errors.js';
import { decodeText, findInvalidUtf8Offset } from './decode-text.js';
import { encodeText } from './encode-text.js';

const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

function errorOf(run: () => unknown): MiairError {
  try {
    run();
  } catch (error) {
    if (MiairError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a MiairError');
}

describe('decodeText', () => {
  it.each([
    ['LF text', 'a\nb\n', 'a\nb\n', false, 'lf'],
    ['uniform CRLF text', 'a\r\nb\r\n', 'a\nb\n', false, 'crlf'],
    ['mixed line breaks', 'a\r\nb\n', 'a\r\nb\n', false, 'lf'],
    ['CRLF text with a lone CR', 'a\r\r\nb\r\n', 'a\r\r\nb\r\n', false, 'lf'],
    ['text without line breaks', 'abc', 'abc', false, 'lf'],
    ['a BOM', '\ufeff# T\n', '# T\n', true, 'lf'],
    ['a BOM and CRLF', '\ufeffx\r\n', 'x\n', true, 'crlf'],
    ['an empty input', '', '', false, 'lf'],
    ['a second BOM kept as text', '\ufeff\ufeffx', '\ufeffx', true, 'lf'],
    ['classic Mac OS text (CR only)', '# T\r\rSome text.\r- item\r', '# T\n\nSome text.\n- item\n', false, 'cr'],
    ['a BOM and CR only', '\ufeffx\ry', 'x\ny', true, 'cr'],
  ])('decodes %s', (_name, input, text, hasBom, lineEnding) => {
    const decoded = decodeText(bytesOf(input), 'a.md');
    expect(decoded).toEqual({ text, encoding: { hasBom, lineEnding } });
    // The inverse: the same bytes back.
    expect(encodeText(decoded.text, decoded.encoding)).toBe(input);
  });

  it('throws INPUT_BINARY naming the path and offset when a byte is NUL', () => {
    const error = errorOf(() => decodeText(bytesOf('ab\0c'), 'docs/x.md'));
    expect(error.code).toBe('INPUT_BINARY');
    expect(error.message).toContain('`docs/x.md`');
    expect(error.details).toEqual({ path: 'docs/x.md', offset: 2 });
  });

  it('throws INPUT_INVALID_ENCODING with the first invalid byte when the bytes are not UTF-8', () => {
    const error = errorOf(() => decodeText(Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20]), 'latin1.md'));
    expect(error.code).toBe('INPUT_INVALID_ENCODING');
    expect(error.message).toContain('`latin1.md`');
    expect(error.message).toContain('offset 3');
  });

  it.each([
    ['UTF-16LE', [0xff, 0xfe], Buffer.from('# Title\n', 'utf16le'), 'UTF-16'],
    ['UTF-16BE', [0xfe, 0xff], Buffer.from('# Title\n', 'utf16le').swap16(), 'UTF-16'],
    ['UTF-32LE', [0xff, 0xfe, 0, 0], Buffer.from([0x23, 0, 0, 0, 0x0a, 0, 0, 0]), 'UTF-32'],
    ['UTF-32BE', [0, 0, 0xfe, 0xff], Buffer.from([0, 0, 0, 0x23, 0, 0, 0, 0x0a]), 'UTF-32'],
  ])('throws INPUT_INVALID_ENCODING saying how to convert when the input starts with a %s byte order mark', (encoding, bom, body, family) => {
    const error = errorOf(() => decodeText(Buffer.concat([Buffer.from(bom), body]), 'docs/wide.md'));
    expect(error.code).toBe('INPUT_INVALID_ENCODING');
    expect(error.message).toContain(`is ${encoding} text`);
    expect(error.message).toContain(`iconv -f ${family} -t UTF-8 docs/wide.md > docs/wide.md.utf8`);
    expect(error.details).toEqual({ path: 'docs/wide.md', offset: 0, encoding });
  });

  it('gives back the original string through encodeText for any text', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.constantFrom('a', 'é', '😀', '\n', '\r\n', '\r', ' '), { maxLength: 30 }), (hasBom, parts) => {
        const original = (hasBom ? '\ufeff' : '') + parts.join('');
        const decoded = decodeText(bytesOf(original), 'x');
        expect(encodeText(decoded.text, decoded.encoding)).toBe(original);
      }),
    );
  });
});

describe('findInvalidUtf8Offset', () => {
  it.each([
    ['valid ASCII and multi-byte text', [0x61, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80], -1],
    ['a lone continuation byte', [0x61, 0x80], 1],
    ['an overlong two-byte form', [0xc0, 0xaf], 0],
    ['an overlong three-byte form', [0xe0, 0x80, 0x80], 0],
    ['a UTF-16 surrogate', [0x61, 0xed, 0xa0, 0x80], 1],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['an overlong four-byte form', [0xf0, 0x80, 0x80, 0x80], 0],
    ['a truncated sequence', [0x61, 0x62, 0xe2, 0x82], 2],
    ['an invalid lead byte', [0xff], 0],
  ])('finds the offset for %s', (_name, bytes, offset) => {
    expect(findInvalidUtf8Offset(Uint8Array.from(bytes))).toBe(offset);
  });

  it('agrees with the fatal TextDecoder on any bytes', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
        let isValid = true;
        try {
          decoder.decode(bytes);
        } catch {
          isValid = false;
        }
        expect(findInvalidUtf8Offset(bytes) === -1).toBe(isValid);
      }),
      { numRuns: 3000 },
    );
  });
});
