import type { ProtectedSpan } from './types.js';
import { sortSmall } from './sort-small.js';

/**
 * Sorts protected spans by start and merges overlapping ones, in place of the input order.
 *
 * When two spans overlap, the one that starts first (the longer one on a tie)
 * absorbs the other and keeps its kind: a link URL inside an HTML block stays an
 * HTML block. Spans that only touch (`a.end === b.start`) are kept apart.
 * Empty spans are dropped.
 *
 * @returns A new array, sorted by start, with no two spans overlapping.
 */
export function mergeProtectedSpans(spans: readonly ProtectedSpan[]): ProtectedSpan[] {
  // Spans arrive almost sorted (block order, then inline order), which keeps the sort cheap.
  const sorted = sortSmall(spans.filter((span) => span.end > span.start), (left, right) => left.start - right.start || right.end - left.end);
  const merged: ProtectedSpan[] = [];
  let current: ProtectedSpan | undefined;
  for (const span of sorted) {
    if (current !== undefined && span.start < current.end) {
      if (span.end > current.end) current.end = span.end;
      continue;
    }
    current = { kind: span.kind, start: span.start, end: span.end };
    merged.push(current);
  }
  return merged;
}
