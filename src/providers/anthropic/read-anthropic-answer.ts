import { malformed, readTokenCount } from '../http/create-chat-result.js';
import type { ChatAnswer } from '../http/create-chat-result.js';
import type { HttpJsonResponse } from '../http/create-http-json-client.js';
import type { ProviderErrorContext } from '../http/provider-error-context.js';
import type { FinishReason } from '../spec.js';

/**
 * Reads text, finish reason and usage from a Messages body: the `text` of
 * every `{ type: 'text' }` block of `content`, joined; `stop_reason`
 * (`end_turn` and `stop_sequence` are `stop`, `max_tokens` is `length`,
 * `refusal` is `content-filter`, anything else `other`); and
 * `usage.input_tokens` / `usage.output_tokens`.
 *
 * @throws MiairError `PROVIDER_INVALID_RESPONSE` (`reason: 'malformed'`) when `content` is not an array.
 */
export function readAnthropicAnswer(body: Record<string, unknown>, response: HttpJsonResponse, context: ProviderErrorContext): ChatAnswer {
  if (!Array.isArray(body.content)) throw malformed(response, context, 'it has no `content` array');
  let text = '';
  for (const block of body.content as unknown[]) {
    if (typeof block !== 'object' || block === null) continue;
    const { type, text: blockText } = block as Record<string, unknown>;
    if (type === 'text' && typeof blockText === 'string') text += blockText;
  }
  const usage = (typeof body.usage === 'object' && body.usage !== null ? body.usage : {}) as Record<string, unknown>;
  return {
    text,
    finishReason: mapStopReason(body.stop_reason),
    inputTokens: readTokenCount(usage.input_tokens),
    outputTokens: readTokenCount(usage.output_tokens),
  };
}

function mapStopReason(value: unknown): FinishReason {
  if (value === 'end_turn' || value === 'stop_sequence') return 'stop';
  if (value === 'max_tokens') return 'length';
  if (value === 'refusal') return 'content-filter';
  return 'other';
}
