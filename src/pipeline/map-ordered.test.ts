import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapOrdered } from './map-ordered.js';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('mapOrdered', () => {
  it('yields exactly one result per input, in input order, whatever the delays', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(5), { maxLength: 60 }), fc.integer({ min: 1, max: 8 }), async (delays, concurrency) => {
        const results = await collect(
          mapOrdered(delays, concurrency, async (delay, index) => {
            await new Promise((resolve) => setTimeout(resolve, delay));
            return index;
          }),
        );
        expect(results).toEqual(delays.map((_, index) => index));
      }),
      { numRuns: 40 },
    );
  });

  it('never runs more than `concurrency` calls at once', async () => {
    let running = 0;
    let peak = 0;
    await collect(
      mapOrdered(Array.from({ length: 50 }, (_, index) => index), 3, async (item) => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, item % 3));
        running -= 1;
        return item;
      }),
    );
    expect(peak).toBe(3);
  });

  it('reads the source lazily (backpressure)', async () => {
    let read = 0;
    async function* source(): AsyncGenerator<number> {
      for (let index = 0; index < 1000; index++) {
        read += 1;
        yield index;
      }
    }
    const iterator = mapOrdered(source(), 2, async (item) => item)[Symbol.asyncIterator]();
    await iterator.next();
    expect(read).toBeLessThanOrEqual(2 * 4 + 1);
    await iterator.return?.(undefined);
  });
});
