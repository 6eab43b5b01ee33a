/**
 * The vendor adapters the conformance suites run against, each pointed at a
 * mock LLM server. Suites iterate `ADAPTERS_UNDER_TEST` with `describe.each`,
 * so adding a vendor here runs every suite against it.
 */
import { createAnthropicModel } from '../../src/providers/anthropic/create-anthropic-model.js';
import { createOpenAIModel } from '../../src/providers/openai/create-openai-model.js';
import type { HttpLanguageModel } from '../../src/providers/http/http-language-model.js';

/** Where a test server listens: `http://127.0.0.1:PORT`, no trailing slash. */
export interface ServerAddress {
  url: string;
}

/** Options every adapter under test accepts. */
export interface AdapterTestOptions {
  apiKey?: string | undefined;
  timeoutMs?: number;
  /** Overrides the base URL derived from the server (for a closed port, say). */
  baseURL?: string;
}

/** One adapter, as the suites see it. */
export interface AdapterUnderTest {
  /** The `provider` of the model it makes. */
  provider: 'openai' | 'anthropic';
  /** Path the server sees for a chat call. */
  chatPath: string;
  /** The message of `CONFIG_MISSING_API_KEY`. */
  missingKeyMessage: string;
  /** The base URL that points the adapter at `server`. */
  baseURLOf(server: ServerAddress): string;
  /** A 2xx body in the vendor's shape, with or without usage. */
  replyBody(text: string, usage: { input: number; output: number } | null): string;
  /** The vendor's rate-limit headers that say the request limit resets in `waitMs`. */
  resetHeaders(waitMs: number): Record<string, string>;
  /** Creates the adapter's model against `server`. */
  create(server: ServerAddress, options?: AdapterTestOptions): HttpLanguageModel;
}

/** A key-shaped test key, so a leak is easy to spot. */
export const TEST_API_KEY = 'sk-test-0123456789abcdefSECRET';

function apiKeyOf(options: AdapterTestOptions): string | undefined {
  return 'apiKey' in options ? options.apiKey : TEST_API_KEY;
}

/** OpenAI Chat Completions and Anthropic Messages. */
export const ADAPTERS_UNDER_TEST: readonly AdapterUnderTest[] = [
  {
    provider: 'openai',
    chatPath: '/v1/chat/completions',
    missingKeyMessage: 'OpenAI API key is missing. Pass it with --api-key or set OPENAI_API_KEY.',
    baseURLOf: (server) => `${server.url}/v1`,
    replyBody: (text, usage) =>
      JSON.stringify({
        id: 'chatcmpl-1',
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
        ...(usage === null ? {} : { usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output } }),
      }),
    resetHeaders: (waitMs) => ({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': `${waitMs}ms`, 'x-ratelimit-reset-tokens': '6m0s' }),
    create: (server, options = {}) =>
      createOpenAIModel({
        apiKey: apiKeyOf(options),
        baseURL: options.baseURL ?? `${server.url}/v1`,
        modelId: 'gpt-4o-mini',
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      }),
  },
  {
    provider: 'anthropic',
    chatPath: '/v1/messages',
    missingKeyMessage: 'Anthropic API key is missing. Pass it with --api-key or set ANTHROPIC_API_KEY.',
    baseURLOf: (server) => server.url,
    replyBody: (text, usage) =>
      JSON.stringify({
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        content: [{ type: 'text', text }],
        stop_reason: 'end_turn',
        ...(usage === null ? {} : { usage: { input_tokens: usage.input, output_tokens: usage.output } }),
      }),
    resetHeaders: (waitMs) => ({
      'anthropic-ratelimit-requests-remaining': '0',
      // Whole seconds, as the vendor sends them; the suite allows for the rounding.
      'anthropic-ratelimit-requests-reset': new Date(Date.now() + waitMs).toISOString(),
    }),
    create: (server, options = {}) =>
      createAnthropicModel({
        apiKey: apiKeyOf(options),
        baseURL: options.baseURL ?? server.url,
        modelId: 'claude-3-5-haiku-latest',
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      }),
  },
];
