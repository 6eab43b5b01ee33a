/**
 * Any AI SDK language model (`@ai-sdk/*` providers: specification v2 or v3)
 * as a miair {@link LanguageModel}, so every provider the AI SDK has can
 * refine documents. No dependency: the model is read by its documented shape.
 */
import { MiairError } from '../../errors.js';
import { estimateTokens } from '../estimate-tokens.js';
import { mapHttpStatus } from '../http/map-http-status.js';
import { parseRetryAfter } from '../http/parse-retry-after.js';
import type { FinishReason, LanguageModel, LanguageModelCallOptions, LanguageModelResult, LanguageModelWarning } from '../spec.js';

/** The part of an AI SDK `LanguageModelV2` / `LanguageModelV3` that miair calls. */
export interface AiSdkLanguageModel {
  readonly specificationVersion: 'v2' | 'v3';
  readonly provider: string;
  readonly modelId: string;
  doGenerate(options: AiSdkCallOptions): PromiseLike<AiSdkGenerateResult>;
}

/** What miair passes to the AI SDK model's `doGenerate`. */
export interface AiSdkCallOptions {
  prompt: Array<{ role: 'system'; content: string } | { role: 'user' | 'assistant'; content: Array<{ type: 'text'; text: string }> }>;
  maxOutputTokens: number;
  temperature: number;
  abortSignal?: AbortSignal;
}

/** What miair reads of the AI SDK model's answer (both specification versions; every field as loose as they are). */
export interface AiSdkGenerateResult {
  content: ReadonlyArray<{ type: string; text?: string | undefined }>;
  finishReason: string | { unified: string };
  usage: { inputTokens?: number | { total?: number | undefined } | undefined; outputTokens?: number | { total?: number | undefined } | undefined };
  warnings?: ReadonlyArray<{ type: string; feature?: string | undefined; setting?: string | undefined; details?: string | undefined; message?: string | undefined }> | undefined;
  response?: { headers?: Record<string, string | undefined> | undefined } | undefined;
}

const FINISH_REASONS: ReadonlySet<string> = new Set(['stop', 'length', 'content-filter', 'error', 'other']);

/**
 * Wraps an AI SDK language model (for example
 * `createOpenAICompatible({ name, baseURL, apiKey }).chatModel(id)` or
 * `createAnthropic({ apiKey })(id)`) so that refine, the middleware and the
 * pipeline can use it. Calls `doGenerate` directly: the AI SDK retries only
 * in `generateText`, so miair's retry middleware stays the one retry layer.
 * Its errors become provider errors (429 `PROVIDER_RATE_LIMITED` with the
 * server's Retry-After, 5xx `PROVIDER_UNAVAILABLE`, 401/403
 * `PROVIDER_UNAUTHORIZED`, others `PROVIDER_ERROR`); a missing usage is
 * estimated at 4 characters per token, with a warning. Each call costs the
 * AI SDK's own overhead (~0.45 ms of CPU, see ../shared/STACK.md), several
 * times miair's own HTTP adapters.
 *
 * @throws MiairError `CONFIG_INVALID` when `model` is not an AI SDK language model of specification v2 or v3.
 * @example
 * import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
 * const model = fromAiSdkModel(createOpenAICompatible({ name: 'ollama', baseURL: 'http://localhost:11434/v1' }).chatModel('llama3.1'));
 * const result = await refine(text, { model });
 */
export function fromAiSdkModel(model: AiSdkLanguageModel): LanguageModel {
  const candidate = model as Partial<AiSdkLanguageModel> | null;
  if (
    typeof candidate !== 'object' || candidate === null || typeof candidate.doGenerate !== 'function' ||
    (candidate.specificationVersion !== 'v2' && candidate.specificationVersion !== 'v3') ||
    typeof candidate.provider !== 'string' || typeof candidate.modelId !== 'string'
  ) {
    throw new MiairError(
      'CONFIG_INVALID',
      `Expected an AI SDK language model (specificationVersion 'v2' or 'v3', provider, modelId, doGenerate), got ${describe(candidate)}. Pass a provider's model, such as createOpenAICompatible({ ... }).chatModel(id).`,
    );
  }
  return {
    provider: model.provider,
    modelId: model.modelId,
    async doGenerate(callOptions: LanguageModelCallOptions): Promise<LanguageModelResult> {
      const prompt: AiSdkCallOptions['prompt'] = callOptions.messages.map((message) =>
        message.role === 'system' ? { role: 'system', content: message.content } : { role: message.role, content: [{ type: 'text', text: message.content }] },
      );
      let answer: AiSdkGenerateResult;
      try {
        answer = await model.doGenerate({
          prompt,
          maxOutputTokens: callOptions.maxOutputTokens,
          temperature: callOptions.temperature,
          ...(callOptions.abortSignal === undefined ? {} : { abortSignal: callOptions.abortSignal }),
        });
      } catch (error) {
        throw toProviderError(error, model, callOptions.abortSignal);
      }
      return toResult(answer, model, callOptions);
    },
  };
}

function toResult(answer: AiSdkGenerateResult, model: AiSdkLanguageModel, callOptions: LanguageModelCallOptions): LanguageModelResult {
  let text = '';
  for (const part of answer.content ?? []) if (part.type === 'text' && typeof part.text === 'string') text += part.text;
  const reason = typeof answer.finishReason === 'string' ? answer.finishReason : answer.finishReason?.unified;
  const finishReason: FinishReason = reason !== undefined && FINISH_REASONS.has(reason) ? (reason as FinishReason) : 'other';
  const warnings: LanguageModelWarning[] = (answer.warnings ?? []).map((warning) => {
    const setting = warning.feature ?? warning.setting;
    const message = warning.details ?? warning.message ?? (setting === undefined ? undefined : `${setting} is not supported by this model.`);
    return {
      type: warning.type === 'unsupported' || warning.type === 'unsupported-setting' ? 'unsupported' : 'other',
      ...(setting === undefined ? {} : { setting }),
      ...(message === undefined ? {} : { message }),
    };
  });
  let inputTokens = tokenCount(answer.usage?.inputTokens);
  let outputTokens = tokenCount(answer.usage?.outputTokens);
  if (inputTokens === undefined || outputTokens === undefined) {
    inputTokens ??= estimateTokens(callOptions.messages.map((message) => message.content).join('\n'));
    outputTokens ??= estimateTokens(text);
    warnings.push({ type: 'other', setting: 'usage', message: `${model.provider} sent no token usage; it was estimated at 4 characters per token.` });
  }
  const headers = answer.response?.headers;
  const responseHeaders: Record<string, string> = {};
  if (headers !== undefined) for (const [name, value] of Object.entries(headers)) if (typeof value === 'string') responseHeaders[name.toLowerCase()] = value;
  return { text, finishReason, usage: { inputTokens, outputTokens }, warnings, ...(headers === undefined ? {} : { responseHeaders }) };
}

function tokenCount(value: number | { total?: number } | undefined): number | undefined {
  const count = typeof value === 'number' ? value : value?.total;
  return typeof count === 'number' && Number.isFinite(count) && count >= 0 ? count : undefined;
}

/** An AI SDK error (APICallError and kin, read by shape) as the provider error miair's middleware acts on. */
function toProviderError(error: unknown, model: AiSdkLanguageModel, abortSignal: AbortSignal | undefined): MiairError {
  if (MiairError.isInstance(error)) return error;
  if (abortSignal?.aborted === true) return MiairError.from(abortSignal.reason, 'ABORTED');
  const shaped = (typeof error === 'object' && error !== null ? error : {}) as { statusCode?: unknown; responseBody?: unknown; responseHeaders?: unknown; message?: unknown; name?: unknown };
  const context = { vendorName: model.provider, keySource: "the AI SDK provider's settings", modelId: model.modelId, endpoint: model.provider, secret: '' };
  if (typeof shaped.statusCode === 'number') {
    const headers = (typeof shaped.responseHeaders === 'object' && shaped.responseHeaders !== null ? shaped.responseHeaders : {}) as Record<string, string | undefined>;
    const retryAfterMs = parseRetryAfter(headers['retry-after'], Date.now());
    const mapped = mapHttpStatus(shaped.statusCode, typeof shaped.responseBody === 'string' ? shaped.responseBody : '', retryAfterMs, context);
    return new MiairError(mapped.code, mapped.message, { ...(mapped.details === undefined ? {} : { details: mapped.details }), cause: error });
  }
  const message = typeof shaped.message === 'string' ? shaped.message : String(error);
  // No HTTP status: the connection failed (reset, refused, DNS) or the answer could not be read; retrying may help.
  return new MiairError('PROVIDER_UNAVAILABLE', `${model.provider} (model \`${model.modelId}\`) could not be reached through the AI SDK: ${message}. Retry later, or check the provider's base URL.`, { cause: error });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const version = (value as { specificationVersion?: unknown }).specificationVersion;
  return version === undefined ? 'an object without specificationVersion' : `specificationVersion \`${String(version)}\``;
}
