import type { RefineResult } from '../../refine/types.js';

/** The iterations of `result` whose answer was cut off at maxOutputTokens (rejected as `truncated`). */
export function countTruncated(result: RefineResult): number {
  let count = 0;
  for (const iteration of result.iterations) if (iteration.rejectionReason === 'truncated') count += 1;
  return count;
}

/**
 * The summary line for answers cut off at `maxOutputTokens`: such a
 * candidate is rejected, so a run whose every answer was cut short ends
 * "ok, no improvement" and needs saying what to change.
 */
export function truncatedSummary(count: number, maxOutputTokens: number): string {
  return `${count} answer${count === 1 ? ' was' : 's were'} cut off at --max-output-tokens ${maxOutputTokens} and rejected: raise it (or send shorter sections with --section-threshold-chars)`;
}
