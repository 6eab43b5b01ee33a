import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partitionPoint } from './partition-point.js';

describe('partitionPoint', () => {
  it('finds the first item not before the point, as a linear scan does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 })), fc.integer({ min: -1, max: 51 }), (values, point) => {
        const sorted = [...values].sort((left, right) => left - right);
        const linear = sorted.findIndex((value) => !(value <= point));
        expect(partitionPoint(sorted, (value) => value <= point)).toBe(linear === -1 ? sorted.length : linear);
      }),
    );
  });
});
