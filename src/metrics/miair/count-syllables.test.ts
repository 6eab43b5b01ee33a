import { describe, expect, it } from 'vitest';
import { countSyllables } from './count-syllables.js';

describe('countSyllables', () => {
  it.each([
    ['documentation', 5],
    ['the', 1],
    ['make', 1],
    ['table', 2],
    ['queue', 1],
    ['rhythm', 1],
    ['system', 2],
    ['a', 1],
    ['xyz', 1],
    ['free', 1],
  ])('counts %s as %i syllables when estimating by vowel groups', (word, expected) => {
    expect(countSyllables(word)).toBe(expected);
  });
});
