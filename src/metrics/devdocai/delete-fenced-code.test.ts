import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deleteFencedCode, findFencedCode } from './delete-fenced-code.js';

describe('deleteFencedCode', () => {
  it.each([
    ['', ''],
    ['no code', 'no code'],
    ['a```x```b', 'ab'],
    ['a```x```b```y```c', 'abc'],
    ['a```x', 'a```x'],
    ['a```x```b```y', 'ab```y'],
    ['``````', ''],
    ['````x```', ''],
    ['a``b```c', 'a``b```c'],
  ])('turns %j into %j', (text, expected) => {
    expect(deleteFencedCode(text)).toBe(expected);
  });

  it('merges regions that touch when fences follow each other', () => {
    expect(findFencedCode('a```x``````y```b')).toEqual([1, 15]);
    expect(findFencedCode('```x``` ```y```')).toEqual([0, 7, 8, 15]);
  });

  it('equals the lazy regex when the text is made of backticks and letters', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('`', '``', '```', 'a', '\n'), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(deleteFencedCode(text)).toBe(text.replace(/```[\s\S]*?```/g, ''));
      }),
      { numRuns: 1000 },
    );
  });
});
