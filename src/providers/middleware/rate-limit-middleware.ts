import { MiairError } from '../../errors.js';
import { estimateTokens } from '../estimate-tokens.js';
import type { LanguageModel, LanguageModelCallOptions, LanguageModelResult } from '../spec.js';
import { abortableSleep, createAbortError } from './abortable-sleep.js';
import type { LanguageModelMiddleware } from './language-model-middleware.js';
import { createTokenBucket, type TokenBucket } from './token-bucket.js';
import { DEFAULT_MAX_RETRY_AFTER_MS } from '../../config/defaults.js';
import { raceAbort } from '../race-abort.js';

/** Lowest share of the configured rate that 429s can push the limiter down to. @default 0.1 */
export const RATE_LIMIT_MIN_FACTOR = 0.1;
/** Share of the configured rate regained per minute without a 429 (additive increase). @default 0.1 */
export const RATE_LIMIT_RECOVERY_PER_MINUTE = 0.1;

/** Options of {@link rateLimitMiddleware}; a limit left out is not enforced. */
export interface RateLimitMiddlewareOptions {
  requestsPerMinute?: number;
  /** Input plus output tokens per minute. */
  tokensPerMinute?: number;
  /**
   * Longest pause asked by a server (Retry-After) that a call sleeps
   * through; while a longer one is in force, calls fail at once with
   * `PROVIDER_RATE_LIMITED` (and its `retryAfterMs`), so that a fallback
   * takes over or the candidate is rejected. @default DEFAULT_MAX_RETRY_AFTER_MS (60 s), as the retry middleware's `maxRetryAfterMs`
   */
  maxPauseMs?: number;
}

/** The client-side limiter of one provider and model. */
interface RateLimiter {
  requests: TokenBucket | null;
  tokens: TokenBucket | null;
  /** Share of the configured rates in force, in [RATE_LIMIT_MIN_FACTOR, 1]. */
  rateFactor: number;
  factorUpdatedAtMs: number;
  /** No call starts before this `Date.now()` (a server's Retry-After). */
  blockedUntilMs: number;
  /** The tail of the FIFO queue of callers waiting for their turn. */
  queue: Promise<void>;
  /** Callers in that queue. */
  waiting: number;
}

/**
 * A client-side rate limiter per provider and model (one limiter per
 * `provider/modelId` for every model this middleware instance wraps): a
 * token bucket of requests and one of tokens, each holding a minute's worth.
 * A call takes one request and an estimate of its tokens (the prompt at ~4
 * characters per token plus `maxOutputTokens`); once it answers, the
 * estimate is replaced by the real usage. Callers wait their turn in order
 * (abortable: `ABORTED`) rather than fail. On `PROVIDER_RATE_LIMITED` the
 * rates are halved (down to 10%) and no call starts before the server's
 * `retryAfterMs`; they then recover by 10% of the configured rate per
 * minute (AIMD, as TCP does).
 *
 * @example
 * wrapLanguageModel(model, [retryMiddleware(), rateLimitMiddleware({ requestsPerMinute: 500, tokensPerMinute: 200_000 })]);
 */
export function rateLimitMiddleware(options: RateLimitMiddlewareOptions = {}): LanguageModelMiddleware {
  for (const name of ['requestsPerMinute', 'tokensPerMinute', 'maxPauseMs'] as const) {
    const value = options[name];
    if (value !== undefined && (!Number.isFinite(value) || value <= 0)) {
      throw new MiairError('CONFIG_INVALID', `Expected \`${name}\` to be a number > 0, got \`${String(value)}\` (${typeof value}).`);
    }
  }
  const maxPauseMs = options.maxPauseMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  const limiters = new Map<string, RateLimiter>();
  return (model: LanguageModel): LanguageModel => {
    const key = `${model.provider}/${model.modelId}`;
    return {
      provider: model.provider,
      modelId: model.modelId,
      async doGenerate(callOptions: LanguageModelCallOptions): Promise<LanguageModelResult> {
        let limiter = limiters.get(key);
        if (limiter === undefined) {
          const now = Date.now();
          limiter = {
            requests: options.requestsPerMinute === undefined ? null : createTokenBucket(options.requestsPerMinute, now),
            tokens: options.tokensPerMinute === undefined ? null : createTokenBucket(options.tokensPerMinute, now),
            rateFactor: 1,
            factorUpdatedAtMs: now,
            blockedUntilMs: 0,
            queue: Promise.resolve(),
            waiting: 0,
          };
          limiters.set(key, limiter);
        }
        const estimatedTokens = callOptions.messages.reduce((sum, message) => sum + estimateTokens(message.content), 0) + callOptions.maxOutputTokens;
        // Without limits, nobody queued and no Retry-After in force, a call goes at once: the queue,
        // its promises and an abort listener cost ~8 us per call for nothing.
        if (limiter.requests !== null || limiter.tokens !== null || limiter.waiting > 0 || limiter.blockedUntilMs > Date.now()) {
          await waitForTurn(limiter, estimatedTokens, callOptions.abortSignal, maxPauseMs, key);
        } else if (callOptions.abortSignal?.aborted === true) {
          throw createAbortError(callOptions.abortSignal);
        }
        try {
          const result = await model.doGenerate(callOptions);
          limiter.tokens?.take(result.usage.inputTokens + result.usage.outputTokens - estimatedTokens);
          return result;
        } catch (error) {
          if (MiairError.isInstance(error) && error.code === 'PROVIDER_RATE_LIMITED') slowDown(limiter, error.details?.retryAfterMs);
          throw error;
        }
      },
    };
  };
}

/** Queues the caller, then takes one request and `tokens` tokens once they are there; rejects with `ABORTED` at once when `signal` fires. */
function waitForTurn(limiter: RateLimiter, tokens: number, signal: AbortSignal | undefined, maxPauseMs: number, key: string): Promise<void> {
  limiter.waiting++;
  const turn = limiter.queue.then(() => take(limiter, tokens, signal, maxPauseMs, key)).finally(() => limiter.waiting--);
  limiter.queue = turn.catch(() => undefined);
  return raceAbort(turn, signal, () => createAbortError(signal));
}

async function take(limiter: RateLimiter, tokens: number, signal: AbortSignal | undefined, maxPauseMs: number, key: string): Promise<void> {
  for (;;) {
    if (signal?.aborted === true) throw createAbortError(signal);
    const now = Date.now();
    const pauseMs = limiter.blockedUntilMs - now;
    if (pauseMs > maxPauseMs) {
      throw new MiairError(
        'PROVIDER_RATE_LIMITED',
        `Model \`${key}\` asked to wait ${Math.ceil(pauseMs / 1000)} s more (Retry-After), longer than the ${Math.round(maxPauseMs / 1000)} s a call waits: not sent. Add a fallback (--fallback) or run again later.`,
        { details: { retryAfterMs: pauseMs } },
      );
    }
    const factor = currentFactor(limiter, now);
    const waitMs = Math.max(
      limiter.blockedUntilMs - now,
      limiter.requests?.waitMs(1, now, factor) ?? 0,
      limiter.tokens?.waitMs(tokens, now, factor) ?? 0,
    );
    if (waitMs <= 0) {
      limiter.requests?.take(1);
      limiter.tokens?.take(tokens);
      return;
    }
    await abortableSleep(waitMs, signal);
  }
}

/** The rate factor after additive recovery since it was last updated. */
function currentFactor(limiter: RateLimiter, now: number): number {
  const elapsedMs = Math.max(0, now - limiter.factorUpdatedAtMs);
  limiter.rateFactor = Math.min(1, limiter.rateFactor + (elapsedMs * RATE_LIMIT_RECOVERY_PER_MINUTE) / 60_000);
  limiter.factorUpdatedAtMs = now;
  return limiter.rateFactor;
}

/** Multiplicative decrease, and a pause for as long as the server asked. */
function slowDown(limiter: RateLimiter, retryAfterMs: unknown): void {
  const now = Date.now();
  limiter.rateFactor = Math.max(RATE_LIMIT_MIN_FACTOR, currentFactor(limiter, now) / 2);
  if (typeof retryAfterMs === 'number' && Number.isFinite(retryAfterMs) && retryAfterMs > 0) {
    limiter.blockedUntilMs = Math.max(limiter.blockedUntilMs, now + retryAfterMs);
  }
}

