import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shannonEntropy } from './shannon-entropy.js';

const TOLERANCE = 1e-12;

describe('shannonEntropy', () => {
  it.each([
    { counts: [], total: 0, bits: 0 },
    { counts: [7], total: 7, bits: 0 },
    { counts: [1, 1], total: 2, bits: 1 },
    { counts: [2, 2, 2, 2], total: 8, bits: 2 },
    { counts: [3, 1], total: 4, bits: -(0.75 * Math.log2(0.75) + 0.25 * Math.log2(0.25)) },
  ])('gives $bits bits when the counts are $counts', ({ counts, total, bits }) => {
    expect(Math.abs(shannonEntropy(counts, total) - bits)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('gives the plain sum to the last bit when counts repeat and some are large', () => {
    // Small counts repeat (their terms are reused), large ones do not.
    const anyCount = fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 300 }));
    fc.assert(
      fc.property(fc.array(anyCount, { minLength: 1, maxLength: 200 }), (counts) => {
        const total = counts.reduce((sum, count) => sum + count, 0);
        let plain = 0;
        for (const count of counts) plain -= (count / total) * Math.log2(count / total);
        expect(shannonEntropy(counts, total)).toBe(plain);
      }),
    );
  });

  it('reads the counts when given a typed array', () => {
    expect(shannonEntropy(new Int32Array([1, 1, 1, 1]), 4)).toBe(2);
  });
});
