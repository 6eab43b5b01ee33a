import { MiairError } from '../../errors.js';
import type { LanguageModel, LanguageModelCallOptions, LanguageModelResult } from '../spec.js';
import { sharedBreakerRegistry, type BreakerRegistry, type BreakerState } from './breaker-registry.js';
import { isRetryableFailure } from './is-retryable-failure.js';
import type { LanguageModelMiddleware } from './language-model-middleware.js';
import { DEFAULT_BREAKER_HALF_OPEN_AFTER_MS, DEFAULT_BREAKER_THRESHOLD } from '../../config/defaults.js';


/** Options of {@link breakerMiddleware}. */
export interface BreakerMiddlewareOptions {
  failureThreshold?: number;
  halfOpenAfterMs?: number;
  /** Where the breakers live. @default sharedBreakerRegistry */
  registry?: BreakerRegistry;
  /**
   * What else tells two models with one name apart, such as the endpoint
   * (`http://localhost:11434/v1`): a breaker belongs to `provider/modelId`
   * at that place, so a server that is down does not open the breaker of the
   * same model served elsewhere (a fallback to it). @default none
   */
  scope?: string;
}

/**
 * A circuit breaker per provider and model (`provider/modelId` in the
 * registry, so every wrapper of one model shares it). It opens after
 * `failureThreshold` retryable failures in a row (timeouts, unavailable,
 * invalid answers; see `isRetryableFailure`); while open, calls
 * fail at once with `PROVIDER_UNAVAILABLE` (`details.reason: 'breaker-open'`,
 * `details.retryAfterMs`; not retryable, so a retry layer outside does not
 * spin on it, while a fallback chain moves on to its next model). After
 * `halfOpenAfterMs` one probe call goes through: success closes the breaker,
 * a retryable failure opens it again for `halfOpenAfterMs`. Any other
 * outcome (an answer, a request error, a refused key) shows the provider is
 * up: it resets the count; an abort changes nothing, and neither does a
 * rate limit (`PROVIDER_RATE_LIMITED`): the provider is up and asks for
 * fewer calls, which the rate limiter and the retries see to, while an open
 * breaker would fail every document for `halfOpenAfterMs` (with 5% of calls
 * answered 429 and Retry-After: 60, 963 of 1,000 documents ended in error).
 *
 * @example
 * wrapLanguageModel(model, [retryMiddleware(), breakerMiddleware({ failureThreshold: 5 })]);
 */
export function breakerMiddleware(options: BreakerMiddlewareOptions = {}): LanguageModelMiddleware {
  const failureThreshold = options.failureThreshold ?? DEFAULT_BREAKER_THRESHOLD;
  const halfOpenAfterMs = options.halfOpenAfterMs ?? DEFAULT_BREAKER_HALF_OPEN_AFTER_MS;
  const registry = options.registry ?? sharedBreakerRegistry;
  return (model: LanguageModel): LanguageModel => {
    const key = options.scope === undefined ? `${model.provider}/${model.modelId}` : `${model.provider}/${model.modelId} at ${options.scope}`;
    return {
      provider: model.provider,
      modelId: model.modelId,
      async doGenerate(callOptions: LanguageModelCallOptions): Promise<LanguageModelResult> {
        const breaker = registry.get(key);
        const now = Date.now();
        if (breaker.state === 'open' && now >= breaker.probeAtMs) breaker.state = 'half-open';
        if (breaker.state === 'open' || (breaker.state === 'half-open' && breaker.isProbing)) {
          throw openError(key, breaker, now);
        }
        const isProbe = breaker.state === 'half-open';
        if (isProbe) breaker.isProbing = true;
        try {
          const result = await model.doGenerate(callOptions);
          close(breaker);
          return result;
        } catch (error) {
          if (MiairError.isInstance(error) && (error.code === 'ABORTED' || error.code === 'PROVIDER_RATE_LIMITED')) {
            // Neither says anything about whether the provider is up.
          } else if (isRetryableFailure(error)) {
            breaker.consecutiveFailures++;
            breaker.lastFailure = error;
            // Only the probe or a closed breaker's threshold opens it: a call that started before it opened
            // and fails later (a hung call, one deep in its retries) must not push the probe back.
            if (isProbe || (breaker.state === 'closed' && breaker.consecutiveFailures >= failureThreshold)) {
              breaker.state = 'open';
              breaker.probeAtMs = Date.now() + halfOpenAfterMs;
            }
          } else {
            close(breaker);
          }
          throw error;
        } finally {
          if (isProbe) breaker.isProbing = false;
        }
      },
    };
  };
}

function close(breaker: BreakerState): void {
  breaker.state = 'closed';
  breaker.consecutiveFailures = 0;
  breaker.probeAtMs = 0;
  breaker.lastFailure = null;
}

function openError(key: string, breaker: BreakerState, now: number): MiairError {
  const retryAfterMs = Math.max(0, breaker.probeAtMs - now);
  const when = breaker.state === 'half-open' ? 'a probe call is in flight' : `it will let a probe call through at ${new Date(breaker.probeAtMs).toISOString()} (in ${retryAfterMs} ms)`;
  // The failures that opened it say what is wrong (timeouts, 503s, rate limits); a row that shows only this error must too.
  const last = breaker.lastFailure === null ? '' : ` (the last: ${breaker.lastFailure.code}: ${breaker.lastFailure.message})`;
  return new MiairError(
    'PROVIDER_UNAVAILABLE',
    `The circuit breaker of \`${key}\` is open after ${breaker.consecutiveFailures} failures in a row${last}; ${when}. Calls fail fast until then; check the provider's status or configure a fallback model.`,
    { isRetryable: false, details: { reason: 'breaker-open', retryAfterMs }, ...(breaker.lastFailure === null ? {} : { cause: breaker.lastFailure }) },
  );
}
