import { MiairError } from '../../errors.js';
import { createChatResult, parseJsonObject } from '../http/create-chat-result.js';
import { createHttpJsonClient } from '../http/create-http-json-client.js';
import { mapHttpStatus } from '../http/map-http-status.js';
import { parseDuration } from '../http/parse-duration.js';
import { readRetryAfterMs } from '../http/read-retry-after-ms.js';
import { requireApiKey } from '../http/require-api-key.js';
import { requireModelId } from '../http/require-model-id.js';
import { readOpenAIAnswer } from './read-openai-answer.js';
import type { HttpLanguageModel } from '../http/http-language-model.js';
import type { LanguageModelCallOptions, LanguageModelResult, LanguageModelWarning } from '../spec.js';
import { DEFAULT_OPENAI_BASE_URL } from '../../config/defaults.js';


/** OpenAI's rate-limit headers; their reset values are durations such as `6m0s`. */
const OPENAI_RESET_HEADERS = [
  { remaining: 'x-ratelimit-remaining-requests', reset: 'x-ratelimit-reset-requests' },
  { remaining: 'x-ratelimit-remaining-tokens', reset: 'x-ratelimit-reset-tokens' },
] as const;

/**
 * OpenAI reasoning models (o1, o3, o4-mini, gpt-5 except `gpt-5-chat*`) reject
 * `max_tokens` and any temperature but the default 1.
 */
const REASONING_MODEL_ID = /^(?:o\d+(?:-|$)|gpt-5(?!-chat))/;

/** Options of {@link createOpenAIModel}. */
export interface OpenAIModelOptions {
  /** Sent as `Authorization: Bearer` (Azure: `api-key`); required, never shown in errors or results. */
  apiKey: string | undefined;
  /** `https://api.openai.com/v1`, `http://localhost:11434/v1` (Ollama), ...; for Azure `https://<resource>.openai.azure.com`. @default DEFAULT_OPENAI_BASE_URL */
  baseURL?: string;
  /** The `model` sent, e.g. `gpt-4o-mini`, `llama3.1`. */
  modelId: string;
  /** Azure OpenAI: `api-key` header, `?api-version=`, `/openai/deployments/{deployment}/chat/completions`. */
  azure?: { apiVersion: string; deployment?: string };
  /** Wait for the headers, then for each body chunk, in milliseconds. @default DEFAULT_REQUEST_TIMEOUT_MS (120000) */
  timeoutMs?: number;
  /** Connections to the server at most. @default DEFAULT_HTTP_CONNECTIONS (1024) */
  connections?: number;
  /** Extra headers for every request (e.g. OpenRouter's `HTTP-Referer`). */
  headers?: Record<string, string>;
  /**
   * Field that carries the output token limit. @default `max_completion_tokens`
   * for reasoning model ids (o1, o3, o4-mini, gpt-5), else `max_tokens`, which
   * every OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio) reads.
   */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
}

/**
 * Creates a model for OpenAI Chat Completions (`POST {baseURL}/chat/completions`)
 * and every server that speaks it: Ollama, vLLM, LM Studio, llama.cpp server,
 * OpenRouter, Azure OpenAI. Errors follow the conventions of
 * src/providers/spec.ts; a 429 carries `retryAfterMs` from `retry-after-ms`,
 * `Retry-After` or `x-ratelimit-reset-*`. No retries here: that is middleware.
 *
 * @throws MiairError `CONFIG_MISSING_API_KEY` when `apiKey` is missing or blank; `CONFIG_INVALID` for a bad option.
 * @example
 * const model = createOpenAIModel({ apiKey: process.env.OPENAI_API_KEY, modelId: 'gpt-4o-mini' });
 * const ollama = createOpenAIModel({ apiKey: 'ollama', baseURL: 'http://localhost:11434/v1', modelId: 'llama3.1' });
 */
export function createOpenAIModel(options: OpenAIModelOptions): HttpLanguageModel {
  const apiKey = requireApiKey(options.apiKey, 'OpenAI', 'OPENAI_API_KEY');
  const modelId = requireModelId(options.modelId, 'gpt-4o-mini');
  const azure = options.azure;
  if (azure !== undefined && (typeof azure.apiVersion !== 'string' || azure.apiVersion === '')) {
    throw new MiairError('CONFIG_INVALID', 'Expected `azure.apiVersion` to be an Azure OpenAI API version such as `2024-10-21`, got nothing.');
  }
  if (azure !== undefined && options.baseURL === undefined) {
    throw new MiairError('CONFIG_INVALID', 'Azure OpenAI needs its resource URL: pass --base-url https://<resource>.openai.azure.com.');
  }
  const isReasoningModel = REASONING_MODEL_ID.test(modelId);
  const maxTokensField = options.maxTokensField ?? (isReasoningModel ? 'max_completion_tokens' : 'max_tokens');
  const authorization: Record<string, string> = azure === undefined ? { authorization: `Bearer ${apiKey}` } : { 'api-key': apiKey };
  const client = createHttpJsonClient({
    baseURL: options.baseURL ?? DEFAULT_OPENAI_BASE_URL,
    ...(options.connections === undefined ? {} : { connections: options.connections }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    headers: { ...options.headers, ...authorization },
    errorContext: { vendorName: 'OpenAI', keySource: '--api-key or OPENAI_API_KEY', modelId, secret: apiKey },
  });
  const path = azure === undefined ? '/chat/completions' : `/openai/deployments/${encodeURIComponent(azure.deployment ?? modelId)}/chat/completions`;
  const query = azure === undefined ? undefined : { 'api-version': azure.apiVersion };
  const context = client.errorContext;

  return {
    provider: 'openai',
    modelId,
    async doGenerate(callOptions: LanguageModelCallOptions): Promise<LanguageModelResult> {
      const warnings: LanguageModelWarning[] = [];
      const body: Record<string, unknown> = { model: modelId, messages: callOptions.messages, [maxTokensField]: callOptions.maxOutputTokens };
      if (isReasoningModel && callOptions.temperature !== 1) {
        warnings.push({ type: 'unsupported', setting: 'temperature', message: `Model \`${modelId}\` only accepts the default temperature 1; ${callOptions.temperature} was not sent.` });
      } else {
        body.temperature = callOptions.temperature;
      }
      const response = await client.post({ path, ...(query === undefined ? {} : { query }), body, ...(callOptions.abortSignal === undefined ? {} : { abortSignal: callOptions.abortSignal }) });
      if (response.status < 200 || response.status > 299) {
        const retryAfterMs = readRetryAfterMs(response.headers, OPENAI_RESET_HEADERS, (value) => parseDuration(value), Date.now());
        throw mapHttpStatus(response.status, response.bodyText, retryAfterMs, context);
      }
      const answer = readOpenAIAnswer(parseJsonObject(response, context), response, context);
      return createChatResult(answer, response, callOptions.messages, warnings, context);
    },
    close: () => client.close(),
  };
}

