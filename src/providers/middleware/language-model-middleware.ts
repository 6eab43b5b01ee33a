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
  const wrapped = middlewares.reduceRight((inner, middleware) => middleware(inner), model);
  // A fallback chain wrapped in middleware still answers through its models: keep them visible, so that
  // prices, budgets and estimates plan with them (wrapped, a chain read as one model without a price,
  // and every document of `--fallback` with `--budget-usd` failed CONFIG_INVALID).
  const members = (model as { models?: unknown }).models;
  if (wrapped !== model && Array.isArray(members) && !('models' in wrapped)) Object.defineProperty(wrapped, 'models', { value: members, enumerable: true });
  return wrapped;
}
