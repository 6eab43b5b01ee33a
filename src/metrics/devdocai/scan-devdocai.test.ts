import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { devdocaiSentenceShare, devdocaiWords, scanDevdocai } from './scan-devdocai.js';

// The predecessor's rules written the straightforward way, to check the scanner against.
function referenceWords(text: string): Map<string, number> {
  const lowered = text.replace(/```[\s\S]*?```/g, '').toLowerCase();
  const counts = new Map<string, number>();
  for (const [word] of lowered.matchAll(/[\p{L}\p{N}_]+/gu)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

const PYTHON_WHITESPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

function referenceSentenceShare(text: string): number {
  const pieces = text.split(/[.!?]+/);
  const sentences = pieces.filter((piece) => {
    const tokens = piece.split(PYTHON_WHITESPACE).filter((token) => token !== '').length;
    return tokens >= 3 && tokens <= 50;
  });
  return sentences.length / pieces.length;
}

// Characters that exercise every branch: fences, stops, Python whitespace and
// its near misses, case mappings that change length or depend on context,
// letters and numbers outside the BMP, lone surrogates.
const TRICKY = [
  '`', '``', '```', '.', '!', '?', '...', ' ', '\n', '\n\n', '\t', '\x0b', '\x1c', '\x1f', '\x85', '\xa0',
  '\u1680', '\u2000', '\u200a', '\u200b', '\u2028', '\u202f', '\u3000', '\ufeff', '_', '-', "'", ':',
  'İ', 'Σ', 'ΑΣ', 'ß', 'Ω', 'A', 'z', '9', '٣', '２', 'é', 'e\u0301', '世界', '🌍', '𝐀', '𐐀', '\ud835',
  '\udc00', 'Ⅻ', 'ǅ',
];
const trickyText = fc
  .array(fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: 'binary', maxLength: 4 }), fc.string({ maxLength: 6 })), {
    maxLength: 60,
  })
  .map((parts) => parts.join(''));

describe('scanDevdocai', () => {
  it('equals the regex rules when the text is arbitrary unicode with fences and punctuation', () => {
    fc.assert(
      fc.property(trickyText, (text) => {
        const expected = referenceWords(text);
        expect(devdocaiWords(text)).toEqual(expected);
        const scan = scanDevdocai(text);
        const total = [...expected.values()].reduce((sum, count) => sum + count, 0);
        expect(scan.words).toBe(total);
        expect(scan.uniqueWords).toBe(expected.size);
        expect([...scan.frequencies]).toEqual([...expected.values()]);
        expect(scan.sentenceShare).toBe(referenceSentenceShare(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('equals the regex rules when the text is mostly ASCII of mixed case with fences', () => {
    // Mostly the fast path: per-code-unit lower-casing, packed keys (up to 8
    // units under 256), compared keys (longer, or a unit of 256 or more),
    // fences found during the scan, and the joins that make it give up.
    const parts = fc.constantFrom(
      '`', '```', '.', '!', ' ', '\n', '\n\n', '-', '_', 'a', 'B', 'Ab', 'ab', 'abcdefgh', 'ABCDEFGH', 'Abcdefghi',
      'abcdefghi', 'xabcdefgh', 'Documentation', 'DOCUMENTATION', 'é', 'É', 'ÿ', 'Ÿ', 'Ā', 'ā', 'K', 'k', '\u212a', '٣', '9',
    );
    fc.assert(
      fc.property(fc.array(parts, { maxLength: 80 }).map((chosen) => chosen.join('')), (text) => {
        const expected = referenceWords(text);
        expect(devdocaiWords(text)).toEqual(expected);
        const scan = scanDevdocai(text);
        expect([...scan.frequencies]).toEqual([...expected.values()]);
        expect(scan.sentenceShare).toBe(referenceSentenceShare(text));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['long words of mixed case', 'Documentation DOCUMENTATION documentation', [['documentation', 3]]],
    ['the Kelvin sign, whose lower case is ASCII', '\u212a k \u212akkkkkkkkk kkkkkkkkkk', [['k', 2], ['kkkkkkkkkk', 2]]],
    ['words of 8 and 9 units that end alike', 'abcdefgh xabcdefgh ABCDEFGH', [['abcdefgh', 2], ['xabcdefgh', 1]]],
    ['units of 256 or more in short words', 'Āa āA ĀA', [['āa', 3]]],
  ])('counts the same word once when the text has %s', (_, text, expected) => {
    expect(devdocaiWords(text)).toEqual(new Map(expected as [string, number][]));
    expect(devdocaiWords(text)).toEqual(referenceWords(text));
  });

  it('keeps word order and counts exact when many distinct words grow the table', () => {
    const words = Array.from({ length: 20_000 }, (_, index) => `w${(index * 7919) % 5003}x${index % 3}`);
    const text = words.join(' ');
    const scan = scanDevdocai(text);
    const expected = referenceWords(text);
    expect(scan.words).toBe(20_000);
    expect(scan.uniqueWords).toBe(expected.size);
    expect([...scan.frequencies]).toEqual([...expected.values()]);
  });

  it('joins the words around fenced code when the fence is closed', () => {
    expect(devdocaiWords('ab```code here```cd ef')).toEqual(new Map([['abcd', 1], ['ef', 1]]));
  });

  it.each([
    ['a word joined across a fence', 'ab```x```cd. e```y```'],
    ['a surrogate pair joined across a fence', 'x \ud835```code```\udc00 y'],
    ['a final sigma decided across a fence', 'ΑΣ```x```Α and ΟΣ```x``` z'],
    ['a non-ASCII letter next to a fence', 'é```x```é'],
    ['an unclosed fence right after a closed one', 'a ```b``````c d. E```f```g'],
    ['fences that touch', 'a ```b``````c``` d'],
  ])('equals the regex rules when the text has %s', (_, text) => {
    expect(devdocaiWords(text)).toEqual(referenceWords(text));
    expect(scanDevdocai(text).sentenceShare).toBe(referenceSentenceShare(text));
  });

  it('keeps an unclosed fence and the text after it when no closing run follows', () => {
    expect(devdocaiWords('a```b```c```d')).toEqual(new Map([['ac', 1], ['d', 1]]));
  });

  it('splits İ into i and a combining dot when lower-casing', () => {
    expect(devdocaiWords('İstanbul')).toEqual(new Map([['i', 1], ['stanbul', 1]]));
  });

  it('lower-cases a final sigma by its context when the text is Greek', () => {
    expect(devdocaiWords('ΟΔΟΣ ΣΑ')).toEqual(new Map([['οδος', 1], ['σα', 1]]));
  });

  it('counts a letter outside the BMP as part of a word when it is a surrogate pair', () => {
    expect(devdocaiWords('a𝐀b 🌍c \ud835x')).toEqual(new Map([['a𝐀b', 1], ['c', 1], ['x', 1]]));
  });

  it('reads sentences from the original text when the text has fenced code', () => {
    // Original pieces: "A b c", "\n```\nd e f", " g h i", " j\n```\n"; without the code it would be 0.5.
    const text = 'A b c.\n```\nd e f. g h i. j\n```\n';
    expect(scanDevdocai(text).sentenceShare).toBe(0.75);
  });

  it('handles a text longer than the kept scratch buffer', () => {
    const text = 'alpha beta. '.repeat(200_000);
    const scan = scanDevdocai(text);
    expect(scan.words).toBe(400_000);
    expect(scan.uniqueWords).toBe(2);
    expect(scan.sentenceShare).toBe(0);
  });
});

describe('devdocaiSentenceShare', () => {
  it.each([
    ['', 0],
    ['one two three', 1],
    ['One two three. Four', 0.5],
    ['one two three...', 0.5],
    ['...one two three', 0.5],
    ['a\u200bb c. e f g', 0.5],
    ['a\ufeff b c', 1],
    ['a\x1cb\x85c', 1],
    [Array.from({ length: 51 }, () => 'w').join(' '), 0],
    [Array.from({ length: 50 }, () => 'w').join(' '), 1],
  ])('gives %j a share of %d when split at stop runs', (text, expected) => {
    expect(devdocaiSentenceShare(text)).toBe(expected);
    expect(referenceSentenceShare(text)).toBe(expected);
  });
});
