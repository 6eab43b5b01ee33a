import { describe, expect, it } from 'vitest';
import { splitSentences } from './split-sentences.js';
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
    expect(split('Ünïcödé Straße, мир 世界.')[0]?.words).toEqual(['ünïcödé', 'straße', 'мир', '世界']);
    expect(split('élan vital.')[0]?.firstLetter).toBe('lower');
  });
});
