import { createChatResult, parseJsonObject } from '../http/create-chat-result.js';
import { createHttpJsonClient } from '../http/create-http-json-client.js';
import { mapHttpStatus } from '../http/map-http-status.js';
import { readRetryAfterMs } from '../http/read-retry-after-ms.js';
import { requireApiKey } from '../http/require-api-key.js';
import { requireModelId } from '../http/require-model-id.js';
import { readAnthropicAnswer } from './read-anthropic-answer.js';
import type { HttpLanguageModel } from '../http/http-language-model.js';
import type { LanguageModelCallOptions, LanguageModelMessage, LanguageModelResult, LanguageModelWarning } from '../spec.js';
import { DEFAULT_ANTHROPIC_BASE_URL, DEFAULT_ANTHROPIC_VERSION } from '../../config/defaults.js';



/** Highest temperature the Messages API accepts (its range is 0-1, miair's 0-2). */
export const MAX_ANTHROPIC_TEMPERATURE = 1;

/** Anthropic's rate-limit headers; their reset values are RFC 3339 times. */
const ANTHROPIC_RESET_HEADERS = [
  { remaining: 'anthropic-ratelimit-requests-remaining', reset: 'anthropic-ratelimit-requests-reset' },
  { remaining: 'anthropic-ratelimit-tokens-remaining', reset: 'anthropic-ratelimit-tokens-reset' },
  { remaining: 'anthropic-ratelimit-input-tokens-remaining', reset: 'anthropic-ratelimit-input-tokens-reset' },
  { remaining: 'anthropic-ratelimit-output-tokens-remaining', reset: 'anthropic-ratelimit-output-tokens-reset' },
] as const;

/** Options of {@link createAnthropicModel}. */
export interface AnthropicModelOptions {
  /** Sent as `x-api-key`; required, never shown in errors or results. */
  apiKey: string | undefined;
  /** @default DEFAULT_ANTHROPIC_BASE_URL (`https://api.anthropic.com`) */
  baseURL?: string;
  /** The `model` sent, e.g. `claude-sonnet-4-5`. */
  modelId: string;
  /** The `anthropic-version` header. @default DEFAULT_ANTHROPIC_VERSION ('2023-06-01') */
  anthropicVersion?: string;
  /** Wait for the headers, then for each body chunk, in milliseconds. @default DEFAULT_REQUEST_TIMEOUT_MS (120000) */
  timeoutMs?: number;
  /** Connections to the server at most. @default DEFAULT_HTTP_CONNECTIONS (1024) */
  connections?: number;
  /** Extra headers for every request (e.g. `anthropic-beta`). */
  headers?: Record<string, string>;
}

/**
 * Creates a model for the Anthropic Messages API (`POST {baseURL}/v1/messages`).
 * System messages go to `system` (joined by a blank line), the others to
 * `messages`; `max_tokens` is always sent, as the API requires. A temperature
 * above 1 is sent as 1 with a warning. Errors follow the conventions of
 * src/providers/spec.ts; a 429 carries `retryAfterMs` from `Retry-After` or
 * `anthropic-ratelimit-*-reset`. No retries here: that is middleware.
 *
 * @throws MiairError `CONFIG_MISSING_API_KEY` when `apiKey` is missing or blank; `CONFIG_INVALID` for a bad option.
 * @example
 * const model = createAnthropicModel({ apiKey: process.env.ANTHROPIC_API_KEY, modelId: 'claude-sonnet-4-5' });
 */
export function createAnthropicModel(options: AnthropicModelOptions): HttpLanguageModel {
  const apiKey = requireApiKey(options.apiKey, 'Anthropic', 'ANTHROPIC_API_KEY');
  const modelId = requireModelId(options.modelId, 'claude-sonnet-4-5');
  const client = createHttpJsonClient({
    baseURL: options.baseURL ?? DEFAULT_ANTHROPIC_BASE_URL,
    ...(options.connections === undefined ? {} : { connections: options.connections }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    headers: { ...options.headers, 'x-api-key': apiKey, 'anthropic-version': options.anthropicVersion ?? DEFAULT_ANTHROPIC_VERSION },
    errorContext: { vendorName: 'Anthropic', keySource: '--api-key or ANTHROPIC_API_KEY', modelId, secret: apiKey },
  });
  const context = client.errorContext;

  return {
    provider: 'anthropic',
    modelId,
    async doGenerate(callOptions: LanguageModelCallOptions): Promise<LanguageModelResult> {
      const warnings: LanguageModelWarning[] = [];
      let temperature = callOptions.temperature;
      if (temperature > MAX_ANTHROPIC_TEMPERATURE) {
        warnings.push({ type: 'other', setting: 'temperature', message: `Anthropic accepts a temperature from 0 to 1; ${temperature} was sent as 1.` });
        temperature = MAX_ANTHROPIC_TEMPERATURE;
      }
      const body: Record<string, unknown> = { model: modelId, max_tokens: callOptions.maxOutputTokens, temperature, ...splitSystem(callOptions.messages) };
      const response = await client.post({ path: '/v1/messages', body, ...(callOptions.abortSignal === undefined ? {} : { abortSignal: callOptions.abortSignal }) });
      if (response.status < 200 || response.status > 299) {
        const retryAfterMs = readRetryAfterMs(response.headers, ANTHROPIC_RESET_HEADERS, readResetTime, Date.now());
        throw mapHttpStatus(response.status, response.bodyText, retryAfterMs, context);
      }
      const answer = readAnthropicAnswer(parseJsonObject(response, context), response, context);
      return createChatResult(answer, response, callOptions.messages, warnings, context);
    },
    close: () => client.close(),
  };
}

/** System messages become the top-level `system` string; the rest stay in order. */
function splitSystem(messages: readonly LanguageModelMessage[]): { system?: string; messages: { role: string; content: string }[] } {
  const system: string[] = [];
  const rest: { role: string; content: string }[] = [];
  for (const message of messages) {
    if (message.role === 'system') system.push(message.content);
    else rest.push({ role: message.role, content: message.content });
  }
  return system.length === 0 ? { messages: rest } : { system: system.join('\n\n'), messages: rest };
}

/** Milliseconds until an RFC 3339 time (0 when it has passed), or undefined when it is not one. */
function readResetTime(value: string, nowMs: number): number | undefined {
  const resetMs = Date.parse(value);
  return Number.isNaN(resetMs) ? undefined : Math.max(0, resetMs - nowMs);
}
