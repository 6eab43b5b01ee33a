import { MiairError } from '../../errors.js';

/** Codes a retry never helps with, whatever `isRetryable` says: the request, the key or the caller is the problem. */
const NEVER_RETRIED = new Set(['PROVIDER_ERROR', 'PROVIDER_UNAUTHORIZED', 'ABORTED']);

/**
 * Tells whether `error` is a transient failure of the provider, one that the
 * same call may get past later: a `MiairError` marked retryable
 * (`PROVIDER_RATE_LIMITED`, `PROVIDER_TIMEOUT`, `PROVIDER_UNAVAILABLE`,
 * `PROVIDER_INVALID_RESPONSE`) that is not a guard's verdict on the answer
 * (`details.guard`: the model answered, the answer broke a rule) and not a
 * request error, a refused key or an abort.
 */
export function isRetryableFailure(error: unknown): error is MiairError {
  if (!MiairError.isInstance(error)) return false;
  if (!error.isRetryable || NEVER_RETRIED.has(error.code)) return false;
  return !isGuardError(error);
}

/** Tells whether `error` is a guard's rejection of an answer (`details.guard` set), which is never retried and never stops the loop. */
export function isGuardError(error: unknown): boolean {
  return MiairError.isInstance(error) && typeof error.details?.guard === 'string';
}
