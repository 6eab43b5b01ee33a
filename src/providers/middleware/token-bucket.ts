/**
 * A token bucket that refills continuously: `capacity` tokens at most,
 * `capacity` per minute. Its level may go negative when a call used more
 * than was taken for it (the debt is paid back by refill before the next
 * call). Time is read from `Date.now()`, so fake timers drive it.
 */
export interface TokenBucket {
  /** Tokens at full rate per minute, and the burst size. */
  readonly perMinute: number;
  /** Milliseconds until `amount` tokens are available at `rateFactor` (0 when they are). */
  waitMs(amount: number, nowMs: number, rateFactor: number): number;
  /** Takes `amount` tokens (negative gives them back). */
  take(amount: number): void;
}

/** Creates a full {@link TokenBucket} of `perMinute` tokens. */
export function createTokenBucket(perMinute: number, nowMs: number): TokenBucket {
  let level = perMinute;
  let updatedAtMs = nowMs;
  const refill = (now: number, rateFactor: number): void => {
    const capacity = perMinute * rateFactor;
    level = Math.min(capacity, level + (Math.max(0, now - updatedAtMs) * capacity) / 60_000);
    updatedAtMs = now;
  };
  return {
    perMinute,
    waitMs(amount, now, rateFactor) {
      refill(now, rateFactor);
      const capacity = perMinute * rateFactor;
      // A call larger than the whole bucket waits for a full bucket, not forever.
      const needed = Math.min(amount, capacity);
      return level >= needed ? 0 : Math.ceil(((needed - level) * 60_000) / capacity);
    },
    take(amount) {
      level -= amount;
    },
  };
}
