import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../document/parse-markdown.js';
import { fleschReadingEase, measureReadability, readability, sentenceLengthScore } from './readability.js';

describe('fleschReadingEase', () => {
  it('follows 206.835 - 1.015 ASL - 84.6 ASW when there are words', () => {
    expect(fleschReadingEase(8, 2, 10)).toBeCloseTo(97.025, 9);
    expect(fleschReadingEase(0, 0, 0)).toBe(0);
  });
});

describe('sentenceLengthScore', () => {
  it.each([
    [4, 76],
    [6, 100],
    [22, 100],
    [32, 60],
    [60, 0],
  ])('scores a mean of %d words per sentence as %d', (meanWords, expected) => {
    expect(sentenceLengthScore(meanWords)).toBe(expected);
  });
});

describe('measureReadability', () => {
  it('returns exact values when the sentences are short and plain', () => {
    const result = measureReadability(parseMarkdown('The cat sat. The dog ran away quickly.'));
    expect(result.values).toEqual({ sentences: 2, meanSentenceWords: 4, syllablesPerWord: 1.25, flesch: 97.025 });
    expect(result.score).toBeCloseTo(88, 9);
  });

  it('masks code, URLs and version numbers when counting words', () => {
    const result = measureReadability(parseMarkdown('Install `some-very-long-package-name` v1.2.3 from <https://example.com/a.b.c>.'));
    expect(result.values['sentences']).toBe(1);
    expect(result.values['meanSentenceWords']).toBe(2);
  });

  it('reports the densest sentence when the prose is hard to read', () => {
    const text = 'Internationalisation configuration documentation necessitates considerable organisational understanding beforehand.';
    const result = readability.measure(parseMarkdown(text));
    expect(result.findings.map((finding) => [finding.metric, finding.range])).toEqual([['hard-to-read', { start: 0, end: text.length }]]);
  });

  it('scores 0 when there is no prose sentence', () => {
    expect(measureReadability(parseMarkdown('# Only a heading')).score).toBe(0);
  });
});
