/**
 * Middleware wraps a model to add one cross-cutting behaviour (retry, rate
 * limit, circuit breaker, PII masking, usage, cache) without touching any
 * vendor adapter.
 */
import type { LanguageModel } from '../spec.js';

/** Takes a model and returns one that behaves the same plus one concern. */
export type LanguageModelMiddleware = (model: LanguageModel) => LanguageModel;

/**
 * Wraps `model` in `middlewares`; the first one is the outermost, so
 * `wrapLanguageModel(model, [retry, rateLimit])` retries calls that the rate
 * limiter admits.
 *
 * @example
 * const model = wrapLanguageModel(createOpenAIModel({ ... }), [retryMiddleware(), breakerMiddleware()]);
 */
export function wrapLanguageModel(model: LanguageModel, middlewares: readonly LanguageModelMiddleware[]): LanguageModel {
  return middlewares.reduceRight((wrapped, middleware) => middleware(wrapped), model);
}
