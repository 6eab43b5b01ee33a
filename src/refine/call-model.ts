import { MiairError } from '../errors.js';
import { raceAbort } from '../providers/race-abort.js';
import type { LanguageModel, LanguageModelCallOptions, LanguageModelResult, LanguageModelUsage } from '../providers/spec.js';

/**
 * Calls `model` once and checks its answer. The call is abandoned as soon as
 * `signal` aborts, even when the model ignores its own `abortSignal`.
 *
 * @throws MiairError `ABORTED` when `signal` aborts; the model's own error
 * wrapped as `PROVIDER_ERROR` (not retryable) when it is not a MiairError;
 * `PROVIDER_INVALID_RESPONSE` (retryable) when the answer has no text.
 */
export async function callModel(model: LanguageModel, options: LanguageModelCallOptions, signal: AbortSignal | null): Promise<LanguageModelResult> {
  let result: unknown;
  if (signal !== null) result = await generateUntilAborted(model, options, signal);
  else {
    // Inline rather than through generate(): one async frame less per call.
    try {
      result = await model.doGenerate(options);
    } catch (error) {
      throw MiairError.from(error, 'PROVIDER_ERROR');
    }
  }
  const answer = result as Partial<LanguageModelResult> | null;
  if (typeof answer !== 'object' || answer === null || typeof answer.text !== 'string') {
    throw new MiairError('PROVIDER_INVALID_RESPONSE', `Model \`${model.provider}/${model.modelId}\` returned no text.`);
  }
  const checked: LanguageModelResult = {
    text: answer.text,
    finishReason: answer.finishReason ?? 'other',
    usage: sanitizeUsage(answer.usage),
    warnings: Array.isArray(answer.warnings) ? answer.warnings : [],
  };
  if (answer.responseHeaders !== undefined) checked.responseHeaders = answer.responseHeaders;
  if (isAnsweredBy(answer.answeredBy)) checked.answeredBy = { provider: answer.answeredBy.provider, modelId: answer.answeredBy.modelId };
  return checked;
}

/** The model's answer; its error (thrown or rejected) as a MiairError, `PROVIDER_ERROR` when it is not one. */
async function generate(model: LanguageModel, options: LanguageModelCallOptions): Promise<unknown> {
  try {
    return await model.doGenerate(options);
  } catch (error) {
    throw MiairError.from(error, 'PROVIDER_ERROR');
  }
}

/** {@link generate}, rejected with `ABORTED` as soon as `signal` aborts; the model is not called when the signal has already fired. */
function generateUntilAborted(model: LanguageModel, options: LanguageModelCallOptions, signal: AbortSignal): Promise<unknown> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  return raceAbort(generate(model, options), signal, () => abortError(signal));
}

function isAnsweredBy(value: unknown): value is { provider: string; modelId: string } {
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return typeof record.provider === 'string' && typeof record.modelId === 'string';
}

function abortError(signal: AbortSignal): MiairError {
  return new MiairError('ABORTED', 'The model call was aborted.', { cause: signal.reason });
}

/** Token counts with anything missing, negative or not finite read as 0. */
function sanitizeUsage(usage: unknown): LanguageModelUsage {
  const record = (typeof usage === 'object' && usage !== null ? usage : {}) as Record<string, unknown>;
  return { inputTokens: count(record.inputTokens), outputTokens: count(record.outputTokens) };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
