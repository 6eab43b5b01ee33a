import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNumbers } from './find-numbers.js';

const MINUS = '\u2212';

describe('findNumbers', () => {
  it.each([
    ['plain and grouped numbers', 'Copy 64 files, 1,024.5 MB in 3.2 s.', ['64', '1,024.5', '3.2']],
    ['digits of other scripts', 'Page ٣ of ١٢', ['٣', '١٢']],
    ['a minus at the start of the text', '-5 hours', ['-5']],
    ['a minus after a space', 'offset -5 hours', ['-5']],
    ['a Unicode minus after an opening parenthesis', `gain (${MINUS}2 dB)`, [`${MINUS}2`]],
    ['a minus after an opening bracket or brace', 'in [-3, {-4}]', ['-3', '-4']],
    ['a minus after a line break', 'a\n-1.5 b', ['-1.5']],
    ['a range', 'steps 1-5', ['1', '5']],
    ['a hyphen inside a word', 'step-2 and UTF-8 and x86-64', ['2', '8', '86', '64']],
    ['an exponent', '1e-5', ['1', '5']],
    ['a double hyphen', 'x --5', ['5']],
    ['a hexadecimal literal as one number', 'allow 0xFF or 0X1f retries', ['0xFF', '0X1f']],
    ['a negative hexadecimal literal', 'mask -0x10', ['-0x10']],
    ['0x without hexadecimal digits as 0', 'a 0x speedup', ['0']],
    ['a size like 10x20 as two numbers', '10x20 pixels', ['10', '20']],
    ['no number in a word without digits', 're-run the step', []],
  ])('reads %s', (_name, text, expected) => {
    expect(findNumbers(text, 0, text.length)).toEqual(expected);
  });

  it('judges a sign by the character before the range when the range starts after it', () => {
    const text = 'steps 1-5 and -5';
    expect(findNumbers(text, text.indexOf('-5'), text.indexOf(' and'))).toEqual(['5']);
    expect(findNumbers(text, text.lastIndexOf('-5'), text.length)).toEqual(['-5']);
  });

  it('tells a negative number from its absolute value whatever the words around it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1 }), fc.lorem({ maxCount: 4 }), fc.constantFrom('-', MINUS), (value, words, minus) => {
        const negative = `${words} ${minus}${value} units`;
        const positive = `${words} ${value} units`;
        expect(findNumbers(negative, 0, negative.length)).toEqual([`${minus}${value}`]);
        expect(findNumbers(positive, 0, positive.length)).toEqual([String(value)]);
      }),
    );
  });
});
