import { MiairError } from '../../errors.js';
import type { LanguageModel, LanguageModelCallOptions, LanguageModelResult } from '../spec.js';
import { createAbortError } from './abortable-sleep.js';
import type { LanguageModelMiddleware } from './language-model-middleware.js';
import { subscribeAbort } from '../subscribe-abort.js';

/** Options of {@link timeoutMiddleware}. */
export interface TimeoutMiddlewareOptions {
  /** Longest a single call may take, in ms. */
  timeoutMs: number;
}

/**
 * Gives every call its own deadline. The model gets a signal that aborts
 * when the caller's signal does (with its reason) or at the deadline, and the call is
 * abandoned when either fires even if the model ignores its signal. The
 * deadline fails with `PROVIDER_TIMEOUT` (retryable: put this middleware
 * inside the retry one so each attempt gets its own deadline); the caller's
 * signal fails with `ABORTED`. The timeout signal is driven by `setTimeout`
 * rather than `AbortSignal.timeout` so that fake timers control it in tests.
 *
 * @example
 * wrapLanguageModel(model, [retryMiddleware(), timeoutMiddleware({ timeoutMs: 60_000 })]);
 */
export function timeoutMiddleware(options: TimeoutMiddlewareOptions): LanguageModelMiddleware {
  const { timeoutMs } = options;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new MiairError('CONFIG_INVALID', `Expected \`timeoutMs\` to be a number > 0, got \`${String(timeoutMs)}\` (${typeof timeoutMs}).`);
  }
  return (model: LanguageModel): LanguageModel => ({
    provider: model.provider,
    modelId: model.modelId,
    doGenerate(callOptions: LanguageModelCallOptions): Promise<LanguageModelResult> {
      const caller = callOptions.abortSignal;
      if (caller?.aborted === true) return Promise.reject(createAbortError(caller));
      // One controller that either the deadline or the caller aborts: the model's
      // signal carries the caller's reason as AbortSignal.any would, without
      // AbortSignal.any's extra signal and weak references on every call.
      const deadline = new AbortController();
      const signal = deadline.signal;
      return new Promise<LanguageModelResult>((resolve, reject) => {
        const timer = setTimeout(() => {
          const error = new MiairError(
            'PROVIDER_TIMEOUT',
            `Model \`${model.provider}/${model.modelId}\` did not answer within ${timeoutMs} ms. Raise the per-call timeout or check the endpoint.`,
            { details: { timeoutMs } },
          );
          deadline.abort(error);
          reject(error);
        }, timeoutMs);
        const unsubscribe = caller === undefined ? () => undefined : subscribeAbort(caller, () => {
          reject(createAbortError(caller));
          deadline.abort(caller.reason);
        });
        Promise.resolve()
          .then(() => model.doGenerate({ ...callOptions, abortSignal: signal }))
          .then(resolve, (error: unknown) => {
            // A model that honours its signal rejects with its own abort error: report why it was aborted.
            if (caller?.aborted === true) reject(createAbortError(caller));
            else if (signal.aborted) reject(signal.reason);
            else reject(error);
          })
          .finally(() => {
            clearTimeout(timer);
            unsubscribe();
          });
      });
    },
  });
}
