/*
 * A hand-written loop rather than cockatiel: the rule "honour Retry-After up
 * to a ceiling, and past it fail at once with the server's own error" needs
 * the error inside both the predicate and the delay, the wait must reject
 * with our `ABORTED` (cockatiel throws its own TaskCancelledError), and the
 * whole thing is 30 lines that fake timers drive directly.
 */
import type { LanguageModel, LanguageModelCallOptions, LanguageModelResult } from '../spec.js';
import { abortableSleep } from './abortable-sleep.js';
import { isRetryableFailure } from './is-retryable-failure.js';
import type { LanguageModelMiddleware } from './language-model-middleware.js';
import { DEFAULT_MAX_RETRIES, DEFAULT_MAX_RETRY_AFTER_MS, DEFAULT_RETRY_BASE_DELAY_MS, DEFAULT_RETRY_MAX_DELAY_MS } from '../../config/defaults.js';


/** Options of {@link retryMiddleware}. */
export interface RetryMiddlewareOptions {
  /** Retries after the first attempt; 0 turns retrying off. */
  maxRetries?: number;
  /** The backoff ceiling of retry `n` (0-based) is `min(maxDelayMs, baseDelayMs * 2^n)`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /**
   * The longest `details.retryAfterMs` (the server's Retry-After or reset
   * header) that is waited for; a server asking for more fails the call at
   * once with its error. @default DEFAULT_MAX_RETRY_AFTER_MS (60 s)
   */
  maxRetryAfterMs?: number;
  /** Uniform in [0, 1); the jitter source, replaceable in tests. @default Math.random */
  random?: () => number;
  /** Called before each wait, for logs and tests. */
  onRetry?: (event: { attempt: number; delayMs: number; error: unknown }) => void;
}

/**
 * Retries calls that failed for a transient reason (see `isRetryableFailure`:
 * rate limited, timed out, unavailable, an invalid answer that no guard
 * rejected); never a request error, a refused key, an abort or a guard's
 * rejection. The wait before retry `n` (0-based) is full jitter,
 * `random() * min(maxDelayMs, baseDelayMs * 2^n)`, and at least the
 * server's `details.retryAfterMs`; when the server asks for more than
 * `maxRetryAfterMs` the error is thrown at once (a fallback model or the
 * next document can do better than a long sleep). Waits end with `ABORTED`
 * when the call's `abortSignal` fires. After the last retry the last error
 * is thrown as it is.
 *
 * @example
 * const model = wrapLanguageModel(createOpenAIModel({ apiKey: process.env.OPENAI_API_KEY, modelId: 'gpt-4o-mini' }), [retryMiddleware({ maxRetries: 5 })]);
 */
export function retryMiddleware(options: RetryMiddlewareOptions = {}): LanguageModelMiddleware {
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  const baseDelayMs = options.baseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS;
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_RETRY_MAX_DELAY_MS;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  const random = options.random ?? Math.random;
  return (model: LanguageModel): LanguageModel => ({
    provider: model.provider,
    modelId: model.modelId,
    async doGenerate(callOptions: LanguageModelCallOptions): Promise<LanguageModelResult> {
      for (let attempt = 0; ; attempt++) {
        try {
          return await model.doGenerate(callOptions);
        } catch (error) {
          if (attempt >= maxRetries || !isRetryableFailure(error)) throw error;
          const retryAfterMs = readRetryAfterMs(error.details);
          if (retryAfterMs !== null && retryAfterMs > maxRetryAfterMs) throw error;
          const jitterMs = random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
          const delayMs = Math.max(jitterMs, retryAfterMs ?? 0);
          options.onRetry?.({ attempt: attempt + 1, delayMs, error });
          await abortableSleep(delayMs, callOptions.abortSignal);
        }
      }
    },
  });
}

function readRetryAfterMs(details: Record<string, unknown> | undefined): number | null {
  const value = details?.retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}
