import type { IncomingHttpHeaders } from 'node:http';
import type { LanguageModelMessage } from '../../providers/spec.js';
import { readTextContent, readTokenLimit, type MockLlmDialect } from './mock-llm-dialect.js';

/** Anthropic's error `type` per HTTP status. */
const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  503: 'overloaded_error',
};

/**
 * The Anthropic Messages dialect: `x-api-key` plus `anthropic-version`, a
 * separate `system` field, content as a string or text blocks, required
 * `max_tokens`, `{ type: 'error', error: { type, message } }` errors.
 */
export const anthropicDialect: MockLlmDialect = {
  checkAuth(headers: IncomingHttpHeaders, expectedKey: string | null): string | null {
    const key = headers['x-api-key'];
    if (typeof key !== 'string' || key === '') return 'x-api-key header is required';
    if (expectedKey !== null && key !== expectedKey) return 'invalid x-api-key';
    return null;
  },

  checkHeaders(headers: IncomingHttpHeaders): string | null {
    const version = headers['anthropic-version'];
    return typeof version === 'string' && version !== '' ? null : 'anthropic-version: header is required';
  },

  readRequest(body: unknown) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The request body must be a JSON object.';
    const request = body as Record<string, unknown>;
    const model = request['model'];
    if (typeof model !== 'string' || model === '') return 'model: Field required';
    if (request['stream'] === true) return 'The mock LLM server does not stream: set stream to false.';
    const maxTokens = readTokenLimit(request['max_tokens']);
    if (maxTokens === undefined || maxTokens === null) return 'max_tokens: Field required (an integer >= 1)';
    const messages: LanguageModelMessage[] = [];
    if (request['system'] !== undefined) {
      const system = readTextContent(request['system']);
      if (system === null) return 'system: Input should be a string or a list of text blocks';
      messages.push({ role: 'system', content: system });
    }
    const rawMessages = request['messages'];
    if (!Array.isArray(rawMessages) || rawMessages.length === 0) return 'messages: at least one message is required';
    for (const [index, raw] of (rawMessages as unknown[]).entries()) {
      const { role, content } = (typeof raw === 'object' && raw !== null ? raw : {}) as { role?: unknown; content?: unknown };
      const text = readTextContent(content);
      if ((role !== 'user' && role !== 'assistant') || text === null) {
        return `messages.${index}: expected role "user" or "assistant" and a string or text-block content`;
      }
      messages.push({ role, content: text });
    }
    return { model, messages, maxTokens };
  },

  formatReply(reply) {
    return JSON.stringify({
      id: `msg_mock_${reply.sequence}`,
      type: 'message',
      role: 'assistant',
      model: reply.model,
      // An empty answer comes back as no content block at all, as the real API does.
      content: reply.text === '' ? [] : [{ type: 'text', text: reply.text }],
      stop_reason: reply.finish === 'length' ? 'max_tokens' : 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: reply.inputTokens, output_tokens: reply.outputTokens },
    });
  },

  formatError(status: number, message: string): string {
    return JSON.stringify({ type: 'error', error: { type: ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error'), message } });
  },
};
