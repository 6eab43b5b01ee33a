/** Above this many items {@link sortSmall} hands over to Array.prototype.sort. */
export const SORT_SMALL_MAX_ITEMS = 32;

/**
 * Sorts `items` in place, stably, and returns them: by insertion up to
 * {@link SORT_SMALL_MAX_ITEMS} items, by Array.prototype.sort above.
 *
 * V8's sort allocates its merge state whatever the length: ~0.9 KB and
 * ~3 us for 3 items, against 0.2 us and nothing by insertion (measured on
 * Node 20). Scoring sorts a few findings, spans and links per document, and
 * at thousands of documents in flight every allocated byte costs collection
 * time.
 */
export function sortSmall<T>(items: T[], compare: (left: T, right: T) => number): T[] {
  if (items.length > SORT_SMALL_MAX_ITEMS) return items.sort(compare);
  for (let index = 1; index < items.length; index++) {
    const item = items[index] as T;
    let before = index - 1;
    while (before >= 0 && compare(items[before] as T, item) > 0) {
      items[before + 1] = items[before] as T;
      before--;
    }
    items[before + 1] = item;
  }
  return items;
}
