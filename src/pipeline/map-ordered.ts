/**
 * Runs an async function over a stream of items with bounded concurrency and
 * yields the results in input order.
 */
import pLimit from 'p-limit';

/** How many finished results may wait for a slower earlier one, per unit of concurrency. */
const REORDER_WINDOW_FACTOR = 4;

/**
 * Maps `source` through `map`, at most `concurrency` calls at once, yielding
 * results in input order. The source is read only as results are taken
 * (backpressure): at most `concurrency * 4` items are held at any time.
 * `map` must not throw: turn failures into result values.
 */
export async function* mapOrdered<T, R>(
  source: AsyncIterable<T> | Iterable<T>,
  concurrency: number,
  map: (item: T, index: number) => Promise<R>,
): AsyncGenerator<R> {
  const limit = pLimit(concurrency);
  const window: Promise<R>[] = [];
  let index = 0;
  for await (const item of source) {
    const position = index++;
    window.push(limit(() => map(item, position)));
    if (window.length >= concurrency * REORDER_WINDOW_FACTOR) yield await (window.shift() as Promise<R>);
  }
  while (window.length > 0) yield await (window.shift() as Promise<R>);
}
