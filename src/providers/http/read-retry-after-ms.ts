import { parseRetryAfter } from './parse-retry-after.js';

/** A vendor's pair of rate-limit headers: what is left and when it resets. */
export interface RateLimitResetHeaders {
  /** e.g. `x-ratelimit-remaining-requests`. */
  remaining: string;
  /** e.g. `x-ratelimit-reset-requests`. */
  reset: string;
}

/**
 * How long the server asked the client to wait, in milliseconds: `retry-after-ms`,
 * else `Retry-After` (seconds or HTTP date), else the vendor's reset headers.
 * Of the reset headers, the longest wait among limits whose remaining count
 * is 0 is used; when none is known to be exhausted, the shortest wait, since
 * waiting too little costs one more 429 and waiting too long (a token limit
 * resetting in minutes) stalls the run. Undefined when nothing was said.
 *
 * @param parseReset reads one reset header value into milliseconds from `nowMs`.
 */
export function readRetryAfterMs(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  resets: readonly RateLimitResetHeaders[],
  parseReset: (value: string, nowMs: number) => number | undefined,
  nowMs: number,
): number | undefined {
  const retryAfterMs = Number(first(headers['retry-after-ms']));
  if (first(headers['retry-after-ms']) !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) return Math.ceil(retryAfterMs);
  const retryAfter = parseRetryAfter(first(headers['retry-after']), nowMs);
  if (retryAfter !== undefined) return retryAfter;
  const exhausted: number[] = [];
  const known: number[] = [];
  for (const pair of resets) {
    const value = first(headers[pair.reset]);
    const waitMs = value === undefined ? undefined : parseReset(value, nowMs);
    if (waitMs === undefined) continue;
    known.push(waitMs);
    if (first(headers[pair.remaining])?.trim() === '0') exhausted.push(waitMs);
  }
  if (exhausted.length > 0) return Math.max(...exhausted);
  return known.length > 0 ? Math.min(...known) : undefined;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
