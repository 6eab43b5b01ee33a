import { describe, expect, it } from 'vitest';
import { devdocaiCoherence } from './devdocai-coherence.js';

const TOLERANCE = 1e-12;

describe('devdocaiCoherence', () => {
  it.each([
    // ratio 1 -> D 0.75; ratio 0.5 -> D 1; ratio 0.1 -> D 0.5 + 0.5 * 0.6 = 0.8; ratio 0.3 and 0.7 -> D 1
    { text: 'x', words: 4, uniqueWords: 4, sentenceShare: 0, coherence: (0.75 + 0 + 0.7) / 3, diversity: 0.75, paragraphs: 0.7 },
    { text: 'a\n\nb', words: 10, uniqueWords: 5, sentenceShare: 1, coherence: 1, diversity: 1, paragraphs: 1 },
    { text: 'a\n\nb', words: 10, uniqueWords: 1, sentenceShare: 0.5, coherence: (0.8 + 0.5 + 1) / 3, diversity: 0.8, paragraphs: 1 },
    { text: 'a\nb', words: 10, uniqueWords: 3, sentenceShare: 0.25, coherence: (1 + 0.25 + 0.7) / 3, diversity: 1, paragraphs: 0.7 },
    { text: 'a\r\n\r\nb', words: 10, uniqueWords: 7, sentenceShare: 0, coherence: (1 + 0 + 0.7) / 3, diversity: 1, paragraphs: 0.7 },
  ])('gives $coherence when $uniqueWords of $words words are distinct', (row) => {
    const result = devdocaiCoherence(row);
    expect(Math.abs(result.coherence - row.coherence)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(result.diversity - row.diversity)).toBeLessThanOrEqual(TOLERANCE);
    expect(result.paragraphs).toBe(row.paragraphs);
    expect(result.sentenceShare).toBe(row.sentenceShare);
  });

  it('gives 0 for every part when the text has no words', () => {
    expect(devdocaiCoherence({ text: '...\n\n', words: 0, uniqueWords: 0, sentenceShare: 0.5 })).toEqual({
      coherence: 0,
      diversity: 0,
      sentenceShare: 0,
      paragraphs: 0,
    });
  });
});
