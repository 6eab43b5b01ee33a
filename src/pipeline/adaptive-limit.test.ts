import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAdaptiveLimit, type AdaptiveLimit, type LimitPermit } from './adaptive-limit.js';

/** Takes every permit the limit gives right now. */
function takeAll(limit: AdaptiveLimit): LimitPermit[] {
  const permits: LimitPermit[] = [];
  for (let permit = limit.tryAcquire(); permit !== null; permit = limit.tryAcquire()) permits.push(permit);
  return permits;
}

/** One round: fill the limit, then every call answers after `latencyMs`. */
function round(limit: AdaptiveLimit, latencyMs: number): void {
  for (const permit of takeAll(limit)) permit.success(latencyMs);
}

describe('createAdaptiveLimit', () => {
  it('grows while latency stays at its minimum, up to max', () => {
    const limit = createAdaptiveLimit({ min: 1, max: 100, initial: 4 });
    round(limit, 50);
    // Slow start: about one more per answer.
    expect(limit.current).toBe(8);
    for (let index = 0; index < 20; index++) round(limit, 50);
    expect(limit.current).toBe(100);
    expect(limit.minLatencyMs).toBe(50);
  });

  it('halves on a rate limit, once per window, never below min', () => {
    const limit = createAdaptiveLimit({ min: 3, max: 100, initial: 40 });
    round(limit, 50);
    const before = limit.current;
    const permits = takeAll(limit);
    permits[0]?.drop();
    expect(limit.current).toBe(Math.floor(before / 2));
    // The same burst of 429s counts once.
    permits[1]?.drop();
    expect(limit.current).toBe(Math.floor(before / 2));
    for (const permit of permits.slice(2)) permit.ignore();
    for (let index = 0; index < 10; index++) {
      round(limit, 50);
      limit.tryAcquire()?.drop();
    }
    expect(limit.current).toBe(3);
  });

  it('shrinks when latency inflates and grows slower after a backoff', () => {
    const limit = createAdaptiveLimit({ min: 1, max: 1000, initial: 50 });
    round(limit, 20);
    const grown = limit.current;
    expect(grown).toBe(100);
    for (let index = 0; index < 5; index++) round(limit, 200);
    const shrunk = limit.current;
    expect(shrunk).toBe(Math.floor(100 * 0.9 ** 5));
    // Back at low latency: additive growth, about sqrt(limit) per window, not slow start's doubling.
    for (let index = 0; index < 3; index++) round(limit, 20);
    expect(limit.current).toBeGreaterThan(shrunk);
    expect(limit.current).toBeLessThan(shrunk * 1.8);
  });

  it('reads window means, so one slow answer in a fast window changes nothing', () => {
    const limit = createAdaptiveLimit({ min: 1, max: 1000, initial: 10, isAdaptive: true });
    round(limit, 50);
    const permits = takeAll(limit);
    permits.forEach((permit, index) => permit.success(index === 0 ? 200 : 50));
    expect(limit.current).toBe(40);
  });

  it('does not grow a limit that is not in use', () => {
    const limit = createAdaptiveLimit({ min: 1, max: 100, initial: 20 });
    for (let index = 0; index < 50; index++) limit.tryAcquire()?.success(10);
    expect(limit.current).toBe(20);
  });

  it('stays fixed when isAdaptive is false', () => {
    const limit = createAdaptiveLimit({ min: 5, max: 5, initial: 5, isAdaptive: false });
    round(limit, 10);
    takeAll(limit)[0]?.drop();
    expect(limit.current).toBe(5);
    expect(limit.isAdaptive).toBe(false);
  });

  it('serves waiters first come, first served, and counts a permit once', async () => {
    const limit = createAdaptiveLimit({ min: 1, max: 1, initial: 1 });
    const first = await limit.acquire();
    const order: string[] = [];
    const second = limit.acquire().then((permit) => { order.push('second'); return permit; });
    const third = limit.acquire().then((permit) => { order.push('third'); return permit; });
    expect(limit.waiting).toBe(2);
    expect(limit.tryAcquire()).toBeNull();
    first.ignore();
    first.ignore();
    (await second).ignore();
    (await third).ignore();
    expect(order).toEqual(['second', 'third']);
    expect(limit.inFlight).toBe(0);
  });

  it('rejects a waiter with ABORTED when its signal fires', async () => {
    const limit = createAdaptiveLimit({ min: 1, max: 1, initial: 1 });
    const held = await limit.acquire();
    const controller = new AbortController();
    const waiting = limit.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'ABORTED' });
    await expect(limit.acquire(AbortSignal.abort())).rejects.toMatchObject({ code: 'ABORTED' });
    held.ignore();
    expect(limit.inFlight).toBe(0);
    expect(limit.waiting).toBe(0);
  });

  it('stays within [min, max] whatever the latencies and rate limits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 200 }),
        fc.array(fc.oneof(fc.nat(500), fc.constant(-1)), { maxLength: 300 }),
        (min, span, events) => {
          const max = min + span;
          const limit = createAdaptiveLimit({ min, max, initial: min });
          for (const event of events) {
            const permit = limit.tryAcquire();
            if (permit === null) continue;
            if (event < 0) permit.drop();
            else permit.success(event);
            expect(limit.current).toBeGreaterThanOrEqual(min);
            expect(limit.current).toBeLessThanOrEqual(max);
          }
        },
      ),
    );
  });

  it.each([
    [{ min: 0 }, '`min` to be an integer >= 1'],
    [{ max: 2.5 }, '`max` to be an integer >= 1'],
    [{ min: 5, max: 4 }, '`min` (5) to be at most `max` (4)'],
    [{ min: 2, max: 4, initial: 8 }, '`initial` to be from 2 to 4'],
    [{ latencyTolerance: 1 }, '`latencyTolerance` to be a number > 1'],
  ])('throws CONFIG_INVALID for %j', (options, message) => {
    expect(() => createAdaptiveLimit(options)).toThrow(message);
  });
});
