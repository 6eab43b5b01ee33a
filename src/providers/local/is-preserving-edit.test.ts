import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../document/parse-markdown.js';
import { isPreservingEdit } from './is-preserving-edit.js';

const ORIGINAL = '# Offset\n\nSet the offset to -5 hours, allow 0xFF retries and run steps 1-5 again.\n';

describe('isPreservingEdit', () => {
  it.each([
    ['a reworded sentence', 'Set the offset to -5 hours, allow 0xFF retries and repeat steps 1-5.'],
    ['a range written with words', 'Set the offset to -5 hours, allow 0xFF retries and run steps 1 to 5 again.'],
  ])('accepts %s', (_name, sentence) => {
    expect(isPreservingEdit(parseMarkdown(ORIGINAL), parseMarkdown(`# Offset\n\n${sentence}\n`))).toBe(true);
  });

  it.each([
    ['a dropped minus sign', 'Set the offset to 5 hours, allow 0xFF retries and run steps 1-5 again.'],
    ['a changed hexadecimal literal', 'Set the offset to -5 hours, allow 0x0 retries and run steps 1-5 again.'],
  ])('rejects %s when the digits alone are kept', (_name, sentence) => {
    expect(isPreservingEdit(parseMarkdown(ORIGINAL), parseMarkdown(`# Offset\n\n${sentence}\n`))).toBe(false);
  });

  it('rejects a changed heading text when the level is kept', () => {
    expect(isPreservingEdit(parseMarkdown(ORIGINAL), parseMarkdown(ORIGINAL.replace('# Offset', '# Clock')))).toBe(false);
  });
});
