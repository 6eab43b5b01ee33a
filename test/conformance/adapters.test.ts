/**
 * One conformance suite for every vendor adapter, over real HTTP to the mock
 * LLM server: success and usage, each error kind of the provider error
 * conventions (src/providers/spec.ts), abort, and that the API key never
 * leaks. Resilience middleware (retry, breaker, rate limiter, fallback,
 * budget) joins through ADAPTERS_UNDER_TEST in its own file; see README.md.
 */
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { MiairError } from '../../src/errors.js';
import { createBoundary, wrapDocumentBlock } from '../../src/providers/document-block.js';
import { estimateTokens } from '../../src/providers/estimate-tokens.js';
import { startMockLlmServer } from '../../src/testing/mock-llm/start-mock-llm-server.js';
import { ADAPTERS_UNDER_TEST, TEST_API_KEY } from './adapters-under-test.js';
import { startFixedResponseServer } from './start-fixed-response-server.js';
import type { LanguageModelCallOptions, LanguageModelMessage } from '../../src/providers/spec.js';
import type { MockLlmServerOptions } from '../../src/testing/mock-llm/mock-llm-options.js';
import type { MockLlmServer } from '../../src/testing/mock-llm/start-mock-llm-server.js';
import type { AdapterTestOptions, AdapterUnderTest } from './adapters-under-test.js';
import type { HttpLanguageModel } from '../../src/providers/http/http-language-model.js';

const DOCUMENT = '# Title\n\nThis is is a document with a repeated word. It has 3 numbers: 1, 2 and 3.\n';
const SYSTEM = 'You improve documentation. Return only the document.';

function callOptions(overrides: Partial<LanguageModelCallOptions> = {}): LanguageModelCallOptions {
  const messages: LanguageModelMessage[] = [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: `Improve this document.\n${wrapDocumentBlock(DOCUMENT, createBoundary(DOCUMENT))}` },
  ];
  return { messages, maxOutputTokens: 512, temperature: 0.2, ...overrides };
}

/** Servers and models opened by a test, closed after it. */
const openServers: { close(): Promise<void> }[] = [];
const openModels: HttpLanguageModel[] = [];

afterEach(async () => {
  await Promise.all(openModels.splice(0).map((model) => model.close()));
  await Promise.all(openServers.splice(0).map((server) => server.close()));
});

async function setUp(adapter: AdapterUnderTest, serverOptions: MockLlmServerOptions = {}, modelOptions: AdapterTestOptions = {}): Promise<{ server: MockLlmServer; model: HttpLanguageModel }> {
  const server = await startMockLlmServer({ latencyMs: 0, ...serverOptions });
  openServers.push(server);
  const model = adapter.create(server, modelOptions);
  openModels.push(model);
  return { server, model };
}

/** The MiairError a call throws; fails the test when the call succeeds. */
async function callError(model: HttpLanguageModel, options: LanguageModelCallOptions = callOptions()): Promise<MiairError> {
  const error: unknown = await model.doGenerate(options).then(
    () => new Error('expected the call to fail'),
    (thrown: unknown) => thrown,
  );
  expect(MiairError.isInstance(error), String(error)).toBe(true);
  return error as MiairError;
}

function expectNoKey(value: unknown, key = TEST_API_KEY): void {
  const error = value as { message?: unknown };
  expect(JSON.stringify(value)).not.toContain(key);
  if (typeof error.message === 'string') expect(error.message).not.toContain(key);
  // What `--debug` would print: the stack and the undici cause included.
  expect(inspect(value, { depth: 8 })).not.toContain(key);
}

describe.each(ADAPTERS_UNDER_TEST)('adapter conformance: $provider', (adapter) => {
  it('returns the text, stop and the usage when the server answers', async () => {
    const { server, model } = await setUp(adapter, { edit: (text) => text.replace('is is', 'is') });
    const options = callOptions();
    const result = await model.doGenerate(options);
    const expectedText = DOCUMENT.replace('is is', 'is');
    expect(result.text).toBe(expectedText);
    expect(result.finishReason).toBe('stop');
    // The mock counts 4 characters per token over every message, system included.
    const inputTokens = options.messages.reduce((sum, message) => sum + estimateTokens(message.content), 0);
    expect(result.usage).toEqual({ inputTokens, outputTokens: estimateTokens(expectedText) });
    expect(result.warnings).toEqual([]);
    expect(result.responseHeaders).toEqual({});
    expect(model.provider).toBe(adapter.provider);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.path).toBe(adapter.chatPath);
    expectNoKey(result);
    expectNoKey(model);
  });

  it('throws CONFIG_MISSING_API_KEY naming the variable when the key is missing or blank', () => {
    for (const apiKey of [undefined, '', '   ']) {
      const server = { url: 'http://127.0.0.1:9' };
      let thrown: unknown;
      try {
        adapter.create(server, { apiKey });
      } catch (error) {
        thrown = error;
      }
      expect(MiairError.isInstance(thrown)).toBe(true);
      expect((thrown as MiairError).code).toBe('CONFIG_MISSING_API_KEY');
      expect((thrown as MiairError).message).toBe(adapter.missingKeyMessage);
    }
  });

  it('throws PROVIDER_RATE_LIMITED with retryAfterMs when the server answers 429', async () => {
    const { model } = await setUp(adapter, { faultRates: { '429': 1 }, retryAfterSeconds: 3 });
    const error = await callError(model);
    expect(error.code).toBe('PROVIDER_RATE_LIMITED');
    expect(error.isRetryable).toBe(true);
    expect(error.details).toEqual({ status: 429, retryAfterMs: 3000 });
    expect(error.message).toContain('Rate limit reached');
  });

  it('reads the wait from the vendor reset headers when a 429 has no Retry-After', async () => {
    const fixed = await startFixedResponseServer(429, adapter.resetHeaders(4000), '{"error":{"message":"limit"}}');
    openServers.push(fixed);
    const model = adapter.create(fixed, { baseURL: adapter.baseURLOf(fixed) });
    openModels.push(model);
    const error = await callError(model);
    expect(error.code).toBe('PROVIDER_RATE_LIMITED');
    const retryAfterMs = error.details?.retryAfterMs as number;
    // The Anthropic form is a time with whole seconds: up to 1 s less.
    expect(retryAfterMs).toBeGreaterThan(2900);
    expect(retryAfterMs).toBeLessThanOrEqual(4000);
  });

  it('returns the rate-limit headers of a successful answer, lower-cased', async () => {
    const fixed = await startFixedResponseServer(200, { ...adapter.resetHeaders(1000), 'Set-Cookie': 'session=1' }, adapter.replyBody('Fine.', { input: 7, output: 2 }));
    openServers.push(fixed);
    const model = adapter.create(fixed, { baseURL: adapter.baseURLOf(fixed) });
    openModels.push(model);
    const result = await model.doGenerate(callOptions());
    expect(result.usage).toEqual({ inputTokens: 7, outputTokens: 2 });
    expect(Object.keys(result.responseHeaders ?? {}).sort()).toEqual(Object.keys(adapter.resetHeaders(1000)).sort());
  });

  it('estimates the usage with a warning when the server sends none', async () => {
    const fixed = await startFixedResponseServer(200, {}, adapter.replyBody('Twelve chars', null));
    openServers.push(fixed);
    const model = adapter.create(fixed, { baseURL: adapter.baseURLOf(fixed) });
    openModels.push(model);
    const options = callOptions();
    const result = await model.doGenerate(options);
    const inputTokens = options.messages.reduce((sum, message) => sum + estimateTokens(message.content), 0);
    expect(result.usage).toEqual({ inputTokens, outputTokens: 3 });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ type: 'other', setting: 'usage' });
  });

  it('redacts the key when the server echoes it in an error body', async () => {
    const fixed = await startFixedResponseServer(401, {}, JSON.stringify({ error: { message: `Incorrect API key provided: ${TEST_API_KEY}` } }));
    openServers.push(fixed);
    const model = adapter.create(fixed, { baseURL: adapter.baseURLOf(fixed) });
    openModels.push(model);
    const error = await callError(model);
    expect(error.code).toBe('PROVIDER_UNAUTHORIZED');
    expect(error.message).toContain('Incorrect API key provided: [redacted]');
    expectNoKey(error);
  });

  it('throws PROVIDER_INVALID_RESPONSE (malformed) when the JSON lacks the vendor shape', async () => {
    const fixed = await startFixedResponseServer(200, {}, JSON.stringify({ unexpected: true }));
    openServers.push(fixed);
    const model = adapter.create(fixed, { baseURL: adapter.baseURLOf(fixed) });
    openModels.push(model);
    const error = await callError(model);
    expect(error.details).toEqual({ status: 200, reason: 'malformed' });
  });

  it.each(['500', '503'] as const)('throws PROVIDER_UNAVAILABLE with the status when the server answers %s', async (fault) => {
    const { model } = await setUp(adapter, { faultRates: { [fault]: 1 } });
    const error = await callError(model);
    expect(error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(error.isRetryable).toBe(true);
    expect(error.details).toEqual({ status: Number(fault) });
  });

  it('throws PROVIDER_UNAVAILABLE without a status when the server resets the connection', async () => {
    const { model } = await setUp(adapter, { faultRates: { reset: 1 } });
    const error = await callError(model);
    expect(error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(error.details?.status).toBeUndefined();
    expect(typeof error.details?.code).toBe('string');
  });

  it('throws PROVIDER_UNAVAILABLE when nothing listens on the port', async () => {
    const closed = await startMockLlmServer({ latencyMs: 0 });
    const baseURL = adapter.baseURLOf(closed);
    await closed.close();
    const { model } = await setUp(adapter, {}, { baseURL });
    const error = await callError(model);
    expect(error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(error.details).toEqual({ code: 'ECONNREFUSED' });
    expect(error.message).toContain('--base-url');
  });

  it('throws PROVIDER_TIMEOUT when the server hangs past timeoutMs', async () => {
    const { model } = await setUp(adapter, { faultRates: { hang: 1 } }, { timeoutMs: 150 });
    const startedAt = performance.now();
    const error = await callError(model);
    expect(error.code).toBe('PROVIDER_TIMEOUT');
    expect(error.isRetryable).toBe(true);
    expect(error.message).toContain('150 ms');
    expect(performance.now() - startedAt).toBeLessThan(2000);
  });

  it('throws PROVIDER_INVALID_RESPONSE (malformed) when the body is cut JSON', async () => {
    const { model } = await setUp(adapter, { faultRates: { malformed: 1 } });
    const error = await callError(model);
    expect(error.code).toBe('PROVIDER_INVALID_RESPONSE');
    expect(error.details).toEqual({ status: 200, reason: 'malformed' });
  });

  it('throws PROVIDER_INVALID_RESPONSE (empty) when the answer has no text', async () => {
    const { model } = await setUp(adapter, { faultRates: { empty: 1 } });
    const error = await callError(model);
    expect(error.code).toBe('PROVIDER_INVALID_RESPONSE');
    expect(error.details).toMatchObject({ status: 200, reason: 'empty', usage: { inputTokens: expect.any(Number), outputTokens: 0 } });
  });

  it('returns the cut text with finishReason length when the answer hits the token limit', async () => {
    const { model } = await setUp(adapter, { faultRates: { length: 1 }, edit: (text) => text });
    const result = await model.doGenerate(callOptions());
    expect(result.finishReason).toBe('length');
    expect(result.text).toBe(DOCUMENT.slice(0, Math.floor(DOCUMENT.length / 2)));
  });

  it('throws PROVIDER_UNAUTHORIZED with the status when the server refuses the key', async () => {
    const { model } = await setUp(adapter, { apiKey: 'the-right-key' });
    const error = await callError(model);
    expect(error.code).toBe('PROVIDER_UNAUTHORIZED');
    expect(error.isRetryable).toBe(false);
    expect(error.details).toEqual({ status: 401 });
    expect(error.message).toContain(adapter.provider === 'openai' ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY');
  });

  it('throws PROVIDER_ERROR with the vendor message when the server answers 404', async () => {
    const server = await startMockLlmServer({ latencyMs: 0 });
    openServers.push(server);
    const model = adapter.create(server, { baseURL: `${server.url}/nowhere` });
    openModels.push(model);
    const error = await callError(model);
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(error.isRetryable).toBe(false);
    expect(error.details).toEqual({ status: 404 });
    expect(error.message).toContain('Unknown request URL');
  });

  it('throws ABORTED when the signal fires during the call', async () => {
    const { server, model } = await setUp(adapter, { latencyMs: 5000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const startedAt = performance.now();
    const error = await callError(model, callOptions({ abortSignal: controller.signal }));
    expect(error.code).toBe('ABORTED');
    expect(performance.now() - startedAt).toBeLessThan(2000);
    expect(server.requests).toHaveLength(1);
  });

  it('throws ABORTED without sending when the signal has already fired', async () => {
    const { server, model } = await setUp(adapter);
    const error = await callError(model, callOptions({ abortSignal: AbortSignal.abort() }));
    expect(error.code).toBe('ABORTED');
    expect(server.requests).toHaveLength(0);
  });

  it('keeps answering on the same pool when calls run in parallel', async () => {
    const { server, model } = await setUp(adapter, { latencyMs: 20, edit: (text) => text });
    const results = await Promise.all(Array.from({ length: 50 }, () => model.doGenerate(callOptions())));
    expect(results.every((result) => result.text === DOCUMENT)).toBe(true);
    expect(server.stats().maxInFlight).toBeGreaterThan(1);
  });

  it('never puts the key in an error or result when any kind of failure happens', async () => {
    const faults = ['429', '500', '503', 'reset', 'hang', 'malformed', 'empty', 'length'] as const;
    const seen: unknown[] = [];
    for (const fault of faults) {
      const { model } = await setUp(adapter, { faultRates: { [fault]: 1 } }, { timeoutMs: 150 });
      seen.push(await model.doGenerate(callOptions()).catch((error: unknown) => error));
    }
    const { model: refused } = await setUp(adapter, { apiKey: 'the-right-key' });
    seen.push(await refused.doGenerate(callOptions()).catch((error: unknown) => error));
    const closed = await startMockLlmServer({ latencyMs: 0 });
    const baseURL = adapter.baseURLOf(closed);
    await closed.close();
    const { model: unreachable } = await setUp(adapter, {}, { baseURL });
    seen.push(await unreachable.doGenerate(callOptions()).catch((error: unknown) => error));
    const { model: aborted } = await setUp(adapter, { latencyMs: 5000 });
    seen.push(await aborted.doGenerate(callOptions({ abortSignal: AbortSignal.timeout(20) })).catch((error: unknown) => error));

    expect(seen).toHaveLength(faults.length + 3);
    const errors = seen.filter((value) => MiairError.isInstance(value));
    // Everything but the `length` answer failed.
    expect(errors).toHaveLength(faults.length + 2);
    for (const value of seen) expectNoKey(value);
  });
});
