import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../document/parse-markdown.js';
import { analyzeProse } from './analyze-prose.js';
import { flow } from './flow.js';
import { hygiene } from './hygiene.js';
import { WordTable } from './word-table.js';
import { globalSyllables, globalWord, globalWordCount, HASH_SEED, hashStep, intern, internAscii, trimVocabulary, vocabularyEpoch, WordFacts } from './vocabulary.js';

function asciiHash(word: string): number {
  let hash = HASH_SEED;
  for (const character of word.toLowerCase()) hash = hashStep(hash, character.charCodeAt(0));
  return hash;
}

describe('vocabulary', () => {
  it('gives a word read from text in upper case the id of its lower-case form', () => {
    const text = 'say HeLLo now';
    const id = internAscii(text, 4, 9, asciiHash('HeLLo'));
    expect(intern('hello')).toBe(id);
    expect(globalWord(id)).toBe('hello');
    expect(globalSyllables(id)).toBe(2);
    expect(internAscii(text, 0, 3, asciiHash('say'))).not.toBe(id);
  });

  it('tells apart words with the same hash and length when their letters differ or are not ASCII', () => {
    const text = 'naïve naive NAIVE';
    const accented = intern('naïve');
    const plain = internAscii(text, 6, 11, asciiHash('naive'));
    expect(plain).not.toBe(accented);
    expect(internAscii(text, 12, 17, asciiHash('naive'))).toBe(plain);
    expect(internAscii('naivf', 0, 5, asciiHash('naive'))).not.toBe(plain);
  });

  it('keeps every id and fact when thousands of new words grow the store and a table', () => {
    const text = Array.from({ length: 3000 }, (_, index) => `Word${index}x${'y'.repeat(index % 9)}`).join(' ');
    const table = new WordTable(1);
    const facts = new WordFacts((word) => word.length);
    for (let start = 0; start < text.length; ) {
      const end = text.indexOf(' ', start) === -1 ? text.length : text.indexOf(' ', start);
      const word = text.slice(start, end);
      const id = table.internAscii(text, start, end, asciiHash(word));
      table.push(id, start, end);
      expect(facts.get(table.globalIds[id] as number, table.words[id] as string)).toBe(word.length);
      start = end + 1;
    }
    const accented = table.intern('wörd7xyyyyyyy');
    expect(table.count).toBe(3000);
    expect(table.words.length).toBe(3001);
    expect(globalWordCount()).toBeGreaterThanOrEqual(3001);
    expect(table.slice(2998, 2)).toEqual(['word2998xy', 'word2999xyy']);
    expect(table.intern('word7xyyyyyyy')).toBe(7);
    expect(accented).toBe(3000);
  });

  it('finds every word again, under the same id, after new words grow the store several times', () => {
    const words = Array.from({ length: 20_000 }, (_, index) => `grow${index.toString(36)}`);
    const ids = words.map((word) => internAscii(word, 0, word.length, asciiHash(word)));
    expect(new Set(ids).size).toBe(words.length);
    const text = words.join(' ').toUpperCase();
    let start = 0;
    words.forEach((word, index) => {
      expect(internAscii(text, start, start + word.length, asciiHash(word))).toBe(ids[index]);
      expect(intern(word)).toBe(ids[index]);
      start += word.length + 1;
    });
  });

  it('gives each table its own local ids when tables are made one after the other', () => {
    const first = WordTable.reusing(4);
    const firstIds = ['alpha', 'beta', 'alpha'].map((word) => first.internAscii(word, 0, word.length, asciiHash(word)));
    expect(firstIds).toEqual([0, 1, 0]);
    const second = WordTable.reusing(4);
    const secondIds = ['beta', 'gamma', 'alpha', 'beta'].map((word) => second.internAscii(word, 0, word.length, asciiHash(word)));
    expect(secondIds).toEqual([0, 1, 2, 0]);
    expect(second.words).toEqual(['beta', 'gamma', 'alpha']);
    for (let index = 0; index < 200; index++) second.push(index % 3, index, index + 1);
    expect(second.count).toBe(200);
    expect(second.slice(197, 3)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('clears the store and every fact cache when it is over its bound', () => {
    let computed = 0;
    const facts = new WordFacts((word) => {
      computed++;
      return word.length;
    });
    const id = intern('example');
    expect(facts.get(id, 'example')).toBe(7);
    expect(facts.get(id, 'example')).toBe(7);
    expect(computed).toBe(1);
    const epoch = vocabularyEpoch();
    trimVocabulary(0);
    expect(vocabularyEpoch()).toBe(epoch + 1);
    expect(facts.get(intern('example'), 'example')).toBe(7);
    expect(computed).toBe(2);
  });
});

describe('components on an analysis older than the vocabulary', () => {
  it('give the same results as on a fresh analysis when the store was cleared in between', () => {
    const text = '# Cache setup\n\nThe cache stores pages. The the cache is very fast. The cache stores pages.\n\nRun it:\n\n```sh\nrun\n```\n';
    const stale = parseMarkdown(text);
    analyzeProse(stale);
    trimVocabulary(0);
    const staleFlow = flow.measure(stale);
    const staleHygiene = hygiene.measure(stale);
    const fresh = parseMarkdown(text);
    expect(staleFlow).toEqual(flow.measure(fresh));
    expect(staleHygiene).toEqual(hygiene.measure(fresh));
    expect(staleHygiene.values['duplicateWords']).toBe(1);
    expect(staleHygiene.values['repeatedSentences']).toBe(1);
  });
});
