import { MiairError } from '../errors.js';

/** A spending limit shared by every document of a run; see {@link createBudget}. */
export interface Budget {
  /** The limit, in USD. */
  readonly limitUsd: number;
  /** Settled spending so far, in USD. */
  readonly spentUsd: number;
  /** Estimates of calls in flight, in USD. */
  readonly reservedUsd: number;
  /** `limitUsd - spentUsd - reservedUsd`, never below 0. */
  readonly remainingUsd: number;
  /**
   * Sets `estimateUsd` aside for one call, or returns null when that would
   * exceed the limit (the call must not start).
   */
  reserve(estimateUsd: number): BudgetReservation | null;
}

/** Money set aside for one call in flight. */
export interface BudgetReservation {
  /** Replaces the estimate by what the call really cost. Only the first settle counts. */
  settle(actualUsd: number): void;
}

/**
 * Creates a spending limit for a whole run, to pass as the `budget` option of
 * every document's `refine`. Before each call the loop reserves its
 * estimated cost (prompt tokens in, an answer as long as the text out, at the
 * dearest price the call could be answered at) and does not start the call
 * when the reservation does not fit (stop reason `budget`); after the call
 * it settles with the real cost. Reserving happens synchronously, so
 * documents refined concurrently cannot together spend past the limit on
 * estimates; a call whose real cost exceeds its estimate can overshoot by
 * that difference, which is then taken from what is left.
 *
 * @throws MiairError `CONFIG_INVALID` when `limitUsd` is not a number >= 0.
 * @example
 * const budget = createBudget(5);
 * await Promise.all(texts.map((text) => refine(text, { model, budget })));
 */
export function createBudget(limitUsd: number): Budget {
  if (typeof limitUsd !== 'number' || !Number.isFinite(limitUsd) || limitUsd < 0) {
    throw new MiairError('CONFIG_INVALID', `Expected \`budgetUsd\` to be a number >= 0, got \`${String(limitUsd)}\` (${typeof limitUsd}).`);
  }
  let spentUsd = 0;
  let reservedUsd = 0;
  let inFlight = 0;
  return {
    limitUsd,
    get spentUsd() {
      return spentUsd;
    },
    get reservedUsd() {
      return reservedUsd;
    },
    get remainingUsd() {
      return Math.max(0, limitUsd - spentUsd - reservedUsd);
    },
    reserve(estimateUsd) {
      if (spentUsd + reservedUsd + estimateUsd > limitUsd) return null;
      reservedUsd += estimateUsd;
      inFlight++;
      let isSettled = false;
      return {
        settle(actualUsd) {
          if (isSettled) return;
          isSettled = true;
          inFlight--;
          // Reset at zero calls in flight so float rounding of many reservations cannot pile up.
          reservedUsd = inFlight === 0 ? 0 : reservedUsd - estimateUsd;
          spentUsd += actualUsd;
        },
      };
    },
  };
}
