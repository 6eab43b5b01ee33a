import { describe, expect, it } from 'vitest';
import { encodeText } from './encode-text.js';

describe('encodeText', () => {
  it.each([
    ['LF text unchanged', 'a\nb', { hasBom: false, lineEnding: 'lf' as const }, 'a\nb'],
    ['CRLF restored', 'a\nb\n', { hasBom: false, lineEnding: 'crlf' as const }, 'a\r\nb\r\n'],
    ['an existing CRLF kept single', 'a\r\nb\n', { hasBom: false, lineEnding: 'crlf' as const }, 'a\r\nb\r\n'],
    ['the BOM restored', 'x', { hasBom: true, lineEnding: 'lf' as const }, '\ufeffx'],
    ['CR restored, a CRLF of the model as one CR', 'a\nb\r\nc', { hasBom: false, lineEnding: 'cr' as const }, 'a\rb\rc'],
  ])('encodes %s', (_name, text, encoding, expected) => {
    expect(encodeText(text, encoding)).toBe(expected);
  });
});
