const FENCE = '```';
const FENCE_LENGTH = 3;

/**
 * Finds fenced code the way the predecessor's `/```[\s\S]*?```/g` did: from a
 * run of three backticks up to and including the next run of three backticks.
 * An opening run without a closing one is not code, and neither is anything
 * after it (a later run cannot find a closing run that an earlier one could not).
 *
 * @returns flat `[start, end, start, end, …]` 0-based UTF-16 offsets, end
 *   exclusive, in order; regions that touch are merged into one.
 * @example
 * findFencedCode('a```x```b'); // [1, 8]
 */
export function findFencedCode(text: string): number[] {
  const regions: number[] = [];
  let open = text.indexOf(FENCE);
  while (open !== -1) {
    const close = text.indexOf(FENCE, open + FENCE_LENGTH);
    if (close === -1) break;
    const end = close + FENCE_LENGTH;
    if (regions.length > 0 && regions[regions.length - 1] === open) regions[regions.length - 1] = end;
    else regions.push(open, end);
    open = text.indexOf(FENCE, end);
  }
  return regions;
}

/**
 * Deletes the fenced code that {@link findFencedCode} finds; returns `text`
 * itself when there is none.
 *
 * @example
 * deleteFencedCode('a```x```b'); // 'ab'
 */
export function deleteFencedCode(text: string, regions: readonly number[] = findFencedCode(text)): string {
  if (regions.length === 0) return text;
  let kept = '';
  let from = 0;
  for (let index = 0; index < regions.length; index += 2) {
    kept += text.slice(from, regions[index]);
    from = regions[index + 1]!;
  }
  return kept + text.slice(from);
}
