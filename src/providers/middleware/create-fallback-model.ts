import { MiairError } from '../../errors.js';
import type { LanguageModel, LanguageModelCallOptions, LanguageModelResult } from '../spec.js';
import { createAbortError } from './abortable-sleep.js';
import { isRetryableFailure } from './is-retryable-failure.js';

/** A model that tries several models in order; see {@link createFallbackModel}. */
export interface FallbackModel extends LanguageModel {
  readonly provider: 'fallback';
  /** The models of the chain, first tried first. */
  readonly models: readonly LanguageModel[];
}

/**
 * Chains `models`: a call goes to the first; when it fails with a transient
 * error (after that model's own retries: wrap each model in its middleware
 * first), with `PROVIDER_UNAVAILABLE` (an open breaker) or with
 * `PROVIDER_UNAUTHORIZED` (a bad key for one vendor should not stop the
 * run), the next model gets the same call. An abort, a guard's rejection of
 * an answer and a request error (`PROVIDER_ERROR`) are thrown at once. When
 * every model failed, the last error is thrown. The answer names the model
 * that produced it in `answeredBy`.
 *
 * `provider` is `fallback` and `modelId` lists the chain
 * (`openai/gpt-4o-mini,anthropic/claude-haiku-4-5`); the refine loop prices
 * each answer by its `answeredBy` and budgets calls at the dearest price of
 * the chain.
 *
 * @throws MiairError `CONFIG_INVALID` when `models` is empty.
 * @example
 * const model = createFallbackModel([withRetries(anthropic), withRetries(openai), createLocalModel()]);
 */
export function createFallbackModel(models: readonly LanguageModel[]): FallbackModel {
  if (models.length === 0) throw new MiairError('CONFIG_INVALID', 'Expected `models` of a fallback chain to hold at least one model, got `[]` (array).');
  const chain = [...models];
  return {
    provider: 'fallback',
    modelId: chain.map((model) => `${model.provider}/${model.modelId}`).join(','),
    models: chain,
    async doGenerate(options: LanguageModelCallOptions): Promise<LanguageModelResult> {
      let lastError: unknown = null;
      for (const model of chain) {
        if (options.abortSignal?.aborted === true) throw createAbortError(options.abortSignal);
        try {
          const result = await model.doGenerate(options);
          return { ...result, answeredBy: result.answeredBy ?? { provider: model.provider, modelId: model.modelId } };
        } catch (error) {
          if (!shouldFallThrough(error)) throw error;
          lastError = error;
        }
      }
      throw lastError;
    },
  };
}

/** Tells whether the next model of a chain should get a call that failed with `error`. */
function shouldFallThrough(error: unknown): boolean {
  if (isRetryableFailure(error)) return true;
  return MiairError.isInstance(error) && (error.code === 'PROVIDER_UNAVAILABLE' || error.code === 'PROVIDER_UNAUTHORIZED');
}

/** Tells whether `model` is a fallback chain made by {@link createFallbackModel}. */
export function isFallbackModel(model: LanguageModel): model is FallbackModel {
  return model.provider === 'fallback' && Array.isArray((model as Partial<FallbackModel>).models);
}
