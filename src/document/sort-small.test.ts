import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SORT_SMALL_MAX_ITEMS, sortSmall } from './sort-small.js';

describe('sortSmall', () => {
  it('sorts like Array.prototype.sort, stably, at every length around the insertion limit', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ key: fc.integer({ min: 0, max: 5 }), position: fc.nat() }), { maxLength: SORT_SMALL_MAX_ITEMS * 2 }), (records) => {
        const items = records.map((record, position) => ({ key: record.key, position }));
        const compare = (left: { key: number }, right: { key: number }): number => left.key - right.key;
        const expected = [...items].sort(compare);
        const sorted = sortSmall(items, compare);
        expect(sorted).toBe(items);
        expect(sorted).toEqual(expected);
      }),
    );
  });
});
