import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../document/parse-markdown.js';
import { lexicalDiversity, measureLexicalDiversity, movingAverageTypeTokenRatio, rampBetween, wordEntropy } from './lexical-diversity.js';

const TOLERANCE = 12;

describe('movingAverageTypeTokenRatio', () => {
  it.each([
    [[], 3, 0],
    [['a', 'b', 'a'], 5, 2 / 3],
    [['a', 'b', 'a', 'c'], 2, 1],
    [['a', 'a', 'b', 'b'], 2, (1 / 2 + 1 + 1 / 2) / 3],
  ])('averages distinct/total over windows when the words are %j and the window %i', (words, window, expected) => {
    expect(movingAverageTypeTokenRatio(words, window).ratio).toBeCloseTo(expected, TOLERANCE);
  });

  it('finds the window with the fewest distinct words when one passage repeats', () => {
    const result = movingAverageTypeTokenRatio(['a', 'b', 'c', 'x', 'x', 'x'], 3);
    expect(result.worstWindowStart).toBe(3);
    expect(result.worstRatio).toBeCloseTo(1 / 3, TOLERANCE);
  });
});

describe('wordEntropy', () => {
  it('is 0 without words and log2 of the vocabulary when every word is distinct', () => {
    expect(wordEntropy([], 0)).toBe(0);
    expect(wordEntropy([1, 1, 1, 1], 4)).toBeCloseTo(2, TOLERANCE);
  });
});

describe('rampBetween', () => {
  it.each([
    [0, 1, 3, 0],
    [2, 1, 3, 0.5],
    [4, 1, 3, 1],
  ])('maps %d into [0, 1] when the ramp runs from %d to %d', (value, low, high, expected) => {
    expect(rampBetween(value, low, high)).toBe(expected);
  });
});

describe('measureLexicalDiversity', () => {
  it('returns exact values when the text is short', () => {
    const result = measureLexicalDiversity(parseMarkdown('the cat sat on the mat'));
    expect(result.values['words']).toBe(6);
    expect(result.values['uniqueWords']).toBe(5);
    expect(result.values['entropy']).toBeCloseTo(2.2516291673878226, TOLERANCE);
    expect(result.values['normalisedEntropy']).toBeCloseTo(0.8710490642551527, TOLERANCE);
    expect(result.values['mattr']).toBeCloseTo(5 / 6, TOLERANCE);
    expect(result.score).toBeCloseTo(53.75184912218703, 9);
    expect(result.findings).toEqual([]);
  });

  it('reports repetitive vocabulary when a short paragraph repeats', () => {
    const text = 'The system stores documents. Users can edit documents.\n\n'.repeat(10);
    const result = measureLexicalDiversity(parseMarkdown(text));
    expect(result.score).toBeLessThan(10);
    expect(result.findings.map((finding) => finding.metric)).toEqual(['repetitive-vocabulary']);
    expect(result.findings[0]?.range.start).toBeGreaterThanOrEqual(0);
    expect(result.findings[0]?.range.end).toBeLessThanOrEqual(text.length);
  });

  it('scores 0 and counts nothing when the text has no prose', () => {
    const result = lexicalDiversity.measure(parseMarkdown('```\ncode only\n```\n'));
    expect(lexicalDiversity.id).toBe('lexical-diversity');
    expect(result.values['words']).toBe(0);
    expect(result.values['normalisedEntropy']).toBe(0);
  });
});
