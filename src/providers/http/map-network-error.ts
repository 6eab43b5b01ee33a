import { MiairError } from '../../errors.js';
import { redactSecret } from './redact-secret.js';
import type { ProviderErrorContext } from './provider-error-context.js';

/** Error codes of a connection that failed or broke: the server may answer a retry. */
const UNAVAILABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'HPE_INVALID_CONSTANT',
]);

/** Error codes of undici's own timers: the server took longer than `timeoutMs`. */
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * Turns an error thrown while sending a request or reading its answer into
 * the conventional `MiairError`: `ABORTED` when the caller's signal fired,
 * `PROVIDER_TIMEOUT` when undici's headers or body timer fired,
 * `PROVIDER_UNAVAILABLE` for a refused, reset or closed connection ("socket
 * hang up", "other side closed"), and the not retryable `PROVIDER_ERROR` for
 * anything else. `details.code` is the system or undici code when there is
 * one. The original error is kept as `cause`, which `toJSON()` never writes.
 */
export function mapNetworkError(error: unknown, abortSignal: AbortSignal | undefined, timeoutMs: number, context: ProviderErrorContext): MiairError {
  if (MiairError.isInstance(error)) return error;
  if (abortSignal?.aborted === true) {
    return new MiairError('ABORTED', `The ${context.vendorName} call was aborted.`, { cause: error });
  }
  const code = readCode(error);
  const details = code === undefined ? undefined : { code };
  const name = context.vendorName;
  if (code !== undefined && TIMEOUT_CODES.has(code)) {
    return new MiairError('PROVIDER_TIMEOUT', `${name} did not answer within ${timeoutMs} ms (${code}) at ${context.endpoint}. Retry, or raise the timeout.`, {
      cause: error,
      details,
    });
  }
  const message = redactSecret(error instanceof Error ? error.message : String(error), context.secret);
  if ((code !== undefined && UNAVAILABLE_CODES.has(code)) || /socket hang up|other side closed/i.test(message)) {
    const hint = code === 'ECONNREFUSED' || code === 'ENOTFOUND' ? ' Check --base-url and that the server is running.' : ' Retry later.';
    return new MiairError('PROVIDER_UNAVAILABLE', `Connection to ${name} at ${context.endpoint} failed (${code ?? message}).${hint}`, {
      cause: error,
      details,
    });
  }
  return new MiairError('PROVIDER_ERROR', `Request to ${name} at ${context.endpoint} failed: ${message}.`, { cause: error, details });
}

/** The `code` of an error or of its cause (undici wraps system errors). */
function readCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 3 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
