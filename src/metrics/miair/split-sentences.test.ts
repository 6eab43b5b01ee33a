import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROTECTED_TEXT_HASH_SEED, protectedTextHash, splitSentences } from './split-sentences.js';
import { WordTable } from './word-table.js';

function split(text: string, masked: [number, number][] = []) {
  const mask = new Uint8Array(text.length);
  for (const [start, end] of masked) mask.fill(1, start, end);
  const table = new WordTable();
  return splitSentences(text, mask, 0, text.length, table).map((sentence) => ({
    text: text.slice(sentence.start, sentence.end),
    words: table.slice(sentence.firstWord, sentence.wordCount),
    terminal: sentence.terminal,
    firstLetter: sentence.firstLetter,
  }));
}

describe('splitSentences', () => {
  it('splits at terminal punctuation followed by white space when prose has several sentences', () => {
    expect(split('Hello world. It works! Does it? yes')).toEqual([
      { text: 'Hello world.', words: ['hello', 'world'], terminal: '.', firstLetter: 'upper' },
      { text: 'It works!', words: ['it', 'works'], terminal: '!', firstLetter: 'upper' },
      { text: 'Does it?', words: ['does', 'it'], terminal: '?', firstLetter: 'upper' },
      { text: 'yes', words: ['yes'], terminal: '', firstLetter: 'lower' },
    ]);
  });

  it('keeps abbreviations, initials and inner apostrophes inside the sentence when they occur mid-sentence', () => {
    expect(split('Use e.g. this, etc. and don\'t stop. Done.').map((sentence) => sentence.text)).toEqual([
      "Use e.g. this, etc. and don't stop.",
      'Done.',
    ]);
    expect(split("don't")[0]?.words).toEqual(["don't"]);
  });

  it('ends a sentence at a colon that ends a line when a list or code follows', () => {
    expect(split('Install it:\nnpm now').map((sentence) => [sentence.text, sentence.terminal])).toEqual([
      ['Install it:', ':'],
      ['npm now', ''],
    ]);
  });

  it('skips masked code and reports no first letter when a sentence starts with code', () => {
    const text = '`x.y` is set. Run `a b` now.';
    expect(split(text, [[0, 5], [18, 23]])).toEqual([
      { text: '`x.y` is set.', words: ['is', 'set'], terminal: '.', firstLetter: 'none' },
      { text: 'Run `a b` now.', words: ['run', 'now'], terminal: '.', firstLetter: 'upper' },
    ]);
  });

  it('reads non-ASCII letters as words and lower-cases them when the text is not English', () => {
    expect(split('Ünïcödé Straße, мир 世界.')[0]?.words).toEqual(['ünïcödé', 'straße', 'мир', '世', '界']);
    expect(split('élan vital.')[0]?.firstLetter).toBe('lower');
  });

  it('hashes the protected runs of a sentence in order when it holds code', () => {
    const text = 'Run `a` and `b` now. Run `ab` now. Plain words.';
    const mask = new Uint8Array(text.length).fill(1, 4, 7).fill(1, 12, 15).fill(1, 25, 29);
    const [twoRuns, oneRun, plain] = splitSentences(text, mask, 0, text.length, new WordTable());
    expect([twoRuns?.hasProtectedText, oneRun?.hasProtectedText, plain?.hasProtectedText]).toEqual([true, true, false]);
    const hashOf = (sentence: typeof plain): number => (sentence === undefined ? -1 : protectedTextHash(text, mask, sentence.start, sentence.end));
    expect(hashOf(twoRuns)).toBe(protectedRunsHash(['`a`', '`b`']));
    expect(hashOf(oneRun)).toBe(protectedRunsHash(['`ab`']));
    expect(hashOf(plain)).toBe(PROTECTED_TEXT_HASH_SEED);
  });

  it('finds the same protected text as a scan of the mask when code and markup fall anywhere', () => {
    const piece = fc.constantFrom('word', ' ', '. ', '! ', ':\n', '\n', 'v1.2.3', "it's", 'é', '(', ')', '*', '`');
    const input = fc.record({
      text: fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join('')),
      marks: fc.array(fc.tuple(fc.nat(80), fc.nat(6), fc.constantFrom(1, 2)), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(input, ({ text, marks }) => {
        const mask = new Uint8Array(text.length);
        for (const [start, length, value] of marks) mask.fill(value, start, start + length);
        for (const sentence of splitSentences(text, mask, 0, text.length, new WordTable())) {
          const runs: string[] = [];
          let run = '';
          for (let index = sentence.start; index <= sentence.end; index++) {
            if (index < sentence.end && mask[index] === 1) run += text[index];
            else if (run !== '') {
              runs.push(run);
              run = '';
            }
          }
          expect(sentence.hasProtectedText).toBe(runs.length > 0);
          expect(protectedTextHash(text, mask, sentence.start, sentence.end)).toBe(protectedRunsHash(runs));
        }
      }),
      { numRuns: 500 },
    );
  });
});

/** FNV-1a over the runs, each preceded by 0xffff: the documented protectedTextHash, computed from the runs. */
function protectedRunsHash(runs: string[]): number {
  let hash = PROTECTED_TEXT_HASH_SEED;
  for (const run of runs) {
    hash = Math.imul(hash ^ 0xffff, 0x01000193);
    for (let index = 0; index < run.length; index++) hash = Math.imul(hash ^ run.charCodeAt(index), 0x01000193);
  }
  return hash;
}
