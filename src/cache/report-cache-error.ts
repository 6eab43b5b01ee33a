import { MiairError, type ErrorCode } from '../errors.js';
import type { CacheErrorHandler } from './cache-store.js';

/** Reports a failure of one store; see {@link createCacheErrorReporter}. */
export type CacheErrorReporter = (code: Extract<ErrorCode, `CACHE_${string}`>, message: string, cause?: unknown) => void;

/**
 * Makes the reporter of one store: it passes a `MiairError` to `onError` the
 * first time each code occurs and stays silent afterwards, so a Redis that is
 * down for a million reads produces one warning, not a million.
 */
export function createCacheErrorReporter(onError: CacheErrorHandler | undefined): CacheErrorReporter {
  const reported = new Set<string>();
  return (code, message, cause) => {
    if (onError === undefined || reported.has(code)) return;
    reported.add(code);
    const reason = cause instanceof Error ? ` (${cause.message})` : '';
    onError(new MiairError(code, `${message}${reason}`, cause === undefined ? {} : { cause }));
  };
}
