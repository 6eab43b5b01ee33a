/**
 * Gates every model call through an adaptive concurrency limit and feeds it
 * the latency and rate-limit signals it adapts to.
 */
import { MiairError } from '../errors.js';
import { isFallbackModel } from '../providers/middleware/create-fallback-model.js';
import type { LanguageModelMiddleware } from '../providers/middleware/language-model-middleware.js';
import type { LanguageModel, LanguageModelCallOptions, LanguageModelResult } from '../providers/spec.js';
import type { AdaptiveLimit } from './adaptive-limit.js';

/**
 * Makes each `doGenerate` wait for a permit of `limit` (first come, first
 * served; `ABORTED` when the call's signal fires while waiting), then reports
 * the call's latency on success, a drop on `PROVIDER_RATE_LIMITED`, and
 * nothing on other failures (an abort or a 400 says nothing about load).
 * Place it outside the provider's rate limiter, so the limit sees the real
 * latency of an admitted call; one limit may gate several models.
 * A fallback chain keeps its `models`, so the refine loop still budgets it
 * at the dearest price.
 *
 * @example
 * const limit = createAdaptiveLimit({ min: 4, max: 1024 });
 * const model = wrapLanguageModel(createOpenAIModel({ ... }), [adaptiveConcurrencyMiddleware(limit), rateLimitMiddleware({ requestsPerMinute: 500 })]);
 */
export function adaptiveConcurrencyMiddleware(limit: AdaptiveLimit): LanguageModelMiddleware {
  return (model: LanguageModel): LanguageModel => {
    const gated: LanguageModel = {
      provider: model.provider,
      modelId: model.modelId,
      async doGenerate(options: LanguageModelCallOptions): Promise<LanguageModelResult> {
        const permit = await limit.acquire(options.abortSignal);
        const started = performance.now();
        try {
          const result = await model.doGenerate(options);
          permit.success(performance.now() - started);
          return result;
        } catch (error) {
          if (MiairError.isInstance(error) && error.code === 'PROVIDER_RATE_LIMITED') permit.drop();
          else permit.ignore();
          throw error;
        }
      },
    };
    return isFallbackModel(model) ? Object.assign(gated, { models: model.models }) : gated;
  };
}
