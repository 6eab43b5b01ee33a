import type { IncomingHttpHeaders } from 'node:http';
import type { LanguageModelMessage } from '../../providers/spec.js';
import { readTextContent, readTokenLimit, type MockLlmDialect } from './mock-llm-dialect.js';

/** OpenAI's error `type` and `code` per HTTP status. */
const ERROR_KINDS: Record<number, { type: string; code: string | null }> = {
  400: { type: 'invalid_request_error', code: null },
  401: { type: 'invalid_request_error', code: 'invalid_api_key' },
  404: { type: 'invalid_request_error', code: 'unknown_url' },
  413: { type: 'invalid_request_error', code: 'request_too_large' },
  429: { type: 'requests', code: 'rate_limit_exceeded' },
  500: { type: 'server_error', code: null },
  503: { type: 'server_error', code: 'service_unavailable' },
};

/**
 * The OpenAI Chat Completions dialect (also Azure OpenAI and the
 * OpenAI-compatible servers): `Authorization: Bearer` or Azure's `api-key`,
 * `{ error: { message, type, code } }` errors.
 */
export const openaiDialect: MockLlmDialect = {
  checkAuth(headers: IncomingHttpHeaders, expectedKey: string | null): string | null {
    const authorization = headers.authorization;
    let key: string | undefined;
    if (typeof authorization === 'string' && authorization.startsWith('Bearer ')) key = authorization.slice(7).trim();
    else if (typeof headers['api-key'] === 'string') key = headers['api-key'];
    if (key === undefined || key === '') {
      return "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the api-key header on Azure.";
    }
    if (expectedKey !== null && key !== expectedKey) return 'Incorrect API key provided. You can find your API key in the mock-llm options.';
    return null;
  },

  checkHeaders(): string | null {
    return null;
  },

  readRequest(body: unknown, pathModel: string | null) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The request body must be a JSON object.';
    const request = body as Record<string, unknown>;
    const model = pathModel ?? request['model'];
    if (typeof model !== 'string' || model === '') return 'You must provide a model parameter.';
    if (request['stream'] === true) return 'The mock LLM server does not stream: set stream to false.';
    const rawMessages = request['messages'];
    if (!Array.isArray(rawMessages) || rawMessages.length === 0) return "'messages' must be a non-empty array.";
    const messages: LanguageModelMessage[] = [];
    for (const [index, raw] of (rawMessages as unknown[]).entries()) {
      const { role, content } = (typeof raw === 'object' && raw !== null ? raw : {}) as { role?: unknown; content?: unknown };
      const text = content === null ? '' : readTextContent(content);
      if (typeof role !== 'string' || text === null) return `Invalid message at messages[${index}]: expected a role and a string or text-part content.`;
      messages.push({ role: role === 'system' || role === 'developer' ? 'system' : role === 'assistant' ? 'assistant' : 'user', content: text });
    }
    const maxTokens = readTokenLimit(request['max_completion_tokens'] ?? request['max_tokens']);
    if (maxTokens === undefined) return 'max_tokens must be an integer >= 1.';
    return { model, messages, maxTokens };
  },

  formatReply(reply) {
    return JSON.stringify({
      id: `chatcmpl-mock-${reply.sequence}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: reply.model,
      choices: [{ index: 0, message: { role: 'assistant', content: reply.text }, finish_reason: reply.finish }],
      usage: { prompt_tokens: reply.inputTokens, completion_tokens: reply.outputTokens, total_tokens: reply.inputTokens + reply.outputTokens },
    });
  },

  formatError(status: number, message: string): string {
    const kind = ERROR_KINDS[status] ?? { type: status >= 500 ? 'server_error' : 'invalid_request_error', code: null };
    return JSON.stringify({ error: { message, type: kind.type, param: null, code: kind.code } });
  },
};
