/**
 * Index of the first item of `items` for which `isBefore` is false, by
 * binary search: `items` must hold every item that `isBefore` accepts first
 * (sorted spans, sections or line starts against an offset). `items.length`
 * when it accepts them all.
 *
 * @example
 * partitionPoint([0, 5, 9], (start) => start <= 6); // 2: two line starts at or before offset 6
 */
export function partitionPoint<T>(items: readonly T[], isBefore: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isBefore(items[middle] as T)) low = middle + 1;
    else high = middle;
  }
  return low;
}
