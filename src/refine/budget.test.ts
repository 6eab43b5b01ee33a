import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBudget } from './budget.js';

describe('createBudget', () => {
  it('reserves while the estimate fits and refuses when it does not', () => {
    const budget = createBudget(10);
    const first = budget.reserve(6);
    expect(first).not.toBeNull();
    expect(budget.reserve(5)).toBeNull();
    expect([budget.spentUsd, budget.reservedUsd, budget.remainingUsd]).toEqual([0, 6, 4]);
    first?.settle(2);
    expect([budget.spentUsd, budget.reservedUsd, budget.remainingUsd]).toEqual([2, 0, 8]);
    expect(budget.reserve(8)).not.toBeNull();
  });

  it('counts a settlement once when it is settled twice', () => {
    const budget = createBudget(10);
    const reservation = budget.reserve(1);
    reservation?.settle(3);
    reservation?.settle(3);
    expect(budget.spentUsd).toBe(3);
  });

  it('never lets reservations in flight exceed the limit, whatever the order of reserves and settles', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 5, noNaN: true }), fc.boolean()), { maxLength: 40 }), (steps) => {
        const budget = createBudget(10);
        const open: { settle(actualUsd: number): void; estimate: number }[] = [];
        for (const [estimate, settleOne] of steps) {
          if (settleOne && open.length > 0) {
            const held = open.shift();
            held?.settle(held.estimate);
          } else {
            const reservation = budget.reserve(estimate);
            if (reservation !== null) open.push({ settle: (actualUsd) => reservation.settle(actualUsd), estimate });
          }
          expect(budget.spentUsd + budget.reservedUsd).toBeLessThanOrEqual(10 + 1e-9);
        }
      }),
    );
  });

  it('throws CONFIG_INVALID when the limit is negative', () => {
    expect(() => createBudget(-1)).toThrow('Expected `budgetUsd` to be a number >= 0, got `-1` (number).');
  });
});
