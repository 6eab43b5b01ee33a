import { malformed, readTokenCount } from '../http/create-chat-result.js';
import type { ChatAnswer } from '../http/create-chat-result.js';
import type { HttpJsonResponse } from '../http/create-http-json-client.js';
import type { ProviderErrorContext } from '../http/provider-error-context.js';
import type { FinishReason } from '../spec.js';

/**
 * Reads text, finish reason and usage from a Chat Completions body:
 * `choices[0].message.content` (a string, or an array of `{ type: 'text', text }`
 * parts as some compatible servers send), `choices[0].finish_reason`
 * (`stop`, `length`, `content_filter`; anything else is `other`) and
 * `usage.prompt_tokens` / `usage.completion_tokens`.
 *
 * @throws MiairError `PROVIDER_INVALID_RESPONSE` (`reason: 'malformed'`) when there is no `choices[0].message`.
 */
export function readOpenAIAnswer(body: Record<string, unknown>, response: HttpJsonResponse, context: ProviderErrorContext): ChatAnswer {
  const choices = body.choices;
  const choice = Array.isArray(choices) ? (choices[0] as unknown) : undefined;
  if (typeof choice !== 'object' || choice === null) throw malformed(response, context, 'it has no `choices[0]`');
  const { message, finish_reason: finishReason } = choice as Record<string, unknown>;
  if (typeof message !== 'object' || message === null) throw malformed(response, context, 'it has no `choices[0].message`');
  const usage = (typeof body.usage === 'object' && body.usage !== null ? body.usage : {}) as Record<string, unknown>;
  return {
    text: readContent((message as Record<string, unknown>).content),
    finishReason: mapFinishReason(finishReason),
    inputTokens: readTokenCount(usage.prompt_tokens),
    outputTokens: readTokenCount(usage.completion_tokens),
  };
}

function readContent(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content as unknown[]) {
    if (typeof part === 'object' && part !== null && typeof (part as { text?: unknown }).text === 'string') text += (part as { text: string }).text;
  }
  return text;
}

function mapFinishReason(value: unknown): FinishReason {
  if (value === 'stop') return 'stop';
  if (value === 'length') return 'length';
  if (value === 'content_filter') return 'content-filter';
  return 'other';
}
