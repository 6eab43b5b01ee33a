import { describe, expect, it } from 'vitest';
import { devdocaiQuality } from './devdocai-quality.js';

// Exact values from the formulas of docs/metrics.md; floats compared to 1e-9.
const TOLERANCE = 1e-9;

describe('devdocaiQuality', () => {
  it.each([
    // entropy, coherence, words, uniqueWords -> quality, E, L, R
    { entropy: 0, coherence: 0, words: 0, uniqueWords: 0, quality: 18, entropyScore: 60, lengthScore: 0, richness: 0 },
    { entropy: 0.75, coherence: 0.5, words: 25, uniqueWords: 5, quality: 0.3 * 80 + 20 + 0.2 * 50 + 0.1 * 40, entropyScore: 80, lengthScore: 50, richness: 40 },
    { entropy: 1.5, coherence: 1, words: 50, uniqueWords: 40, quality: 100, entropyScore: 100, lengthScore: 100, richness: 100 },
    { entropy: 2.5, coherence: 1, words: 5000, uniqueWords: 100, quality: 30 + 40 + 20 + 0.4, entropyScore: 100, lengthScore: 100, richness: 4 },
    { entropy: 3, coherence: 0.9, words: 6000, uniqueWords: 600, quality: 0.3 * 90 + 36 + 0.2 * 90 + 2, entropyScore: 90, lengthScore: 90, richness: 20 },
    { entropy: 9, coherence: 0, words: 20000, uniqueWords: 2000, quality: 6 + 10 + 2, entropyScore: 20, lengthScore: 50, richness: 20 },
  ])('gives $quality when entropy is $entropy over $words words', (row) => {
    const result = devdocaiQuality(row);
    expect(Math.abs(result.quality - row.quality)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(result.entropyScore - row.entropyScore)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(result.lengthScore - row.lengthScore)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(result.richness - row.richness)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('clamps to 100 when the weighted sum exceeds it', () => {
    expect(devdocaiQuality({ entropy: 2, coherence: 1.5, words: 100, uniqueWords: 60 }).quality).toBe(100);
  });
});
