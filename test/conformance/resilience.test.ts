/**
 * Resilience conformance, for every adapter of ADAPTERS_UNDER_TEST over real
 * HTTP on 127.0.0.1: retry with Retry-After, no retry of refused keys, the
 * breaker, the rate limiter, the fallback chain, the run budget, the
 * per-call timeout and abort. Time is faked (setTimeout, Date) where the
 * middleware waits; the servers answer without latency.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MiairError } from '../../src/errors.js';
import { createBoundary, wrapDocumentBlock } from '../../src/providers/document-block.js';
import { breakerMiddleware } from '../../src/providers/middleware/breaker-middleware.js';
import { createBreakerRegistry } from '../../src/providers/middleware/breaker-registry.js';
import { createFallbackModel } from '../../src/providers/middleware/create-fallback-model.js';
import { wrapLanguageModel } from '../../src/providers/middleware/language-model-middleware.js';
import { rateLimitMiddleware } from '../../src/providers/middleware/rate-limit-middleware.js';
import { retryMiddleware } from '../../src/providers/middleware/retry-middleware.js';
import { timeoutMiddleware } from '../../src/providers/middleware/timeout-middleware.js';
import { createBudget } from '../../src/refine/budget.js';
import { estimateRun } from '../../src/refine/estimate-run.js';
import { refine } from '../../src/refine/refine.js';
import { startMockLlmServer } from '../../src/testing/mock-llm/start-mock-llm-server.js';
import { ADAPTERS_UNDER_TEST } from './adapters-under-test.js';
import type { LanguageModelCallOptions } from '../../src/providers/spec.js';
import type { HttpLanguageModel } from '../../src/providers/http/http-language-model.js';
import type { MockLlmServerOptions } from '../../src/testing/mock-llm/mock-llm-options.js';
import type { MockLlmServer } from '../../src/testing/mock-llm/start-mock-llm-server.js';
import type { AdapterUnderTest } from './adapters-under-test.js';

const DOCUMENT = '# Title\n\nThis is is a document with a repeated word. It has 3 numbers: 1, 2 and 3.\n';

function callOptions(overrides: Partial<LanguageModelCallOptions> = {}): LanguageModelCallOptions {
  return {
    messages: [
      { role: 'system', content: 'You improve documentation. Return only the document.' },
      { role: 'user', content: `Improve this document.\n${wrapDocumentBlock(DOCUMENT, createBoundary(DOCUMENT))}` },
    ],
    maxOutputTokens: 512,
    temperature: 0.2,
    ...overrides,
  };
}

const opened: { close(): Promise<void> }[] = [];

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(opened.splice(0).map((item) => item.close()));
});

async function mockServer(options: MockLlmServerOptions = {}): Promise<MockLlmServer> {
  const server = await startMockLlmServer({ latencyMs: 0, ...options });
  opened.push(server);
  return server;
}

function modelOf(adapter: AdapterUnderTest, server: { url: string }, timeoutMs?: number): HttpLanguageModel {
  const model = adapter.create(server, timeoutMs === undefined ? {} : { timeoutMs });
  opened.push(model);
  return model;
}

/** A loopback server that plays `replies` in order (the last one repeats), and counts requests. */
async function scriptedServer(replies: { status: number; headers?: Record<string, string>; body: string }[]): Promise<{ url: string; count: () => number }> {
  let count = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const reply = replies[Math.min(count, replies.length - 1)];
      count++;
      response.writeHead(reply?.status ?? 500, { 'content-type': 'application/json', ...reply?.headers });
      response.end(reply?.body ?? '{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  opened.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, count: () => count };
}

async function errorOf(promise: Promise<unknown>): Promise<MiairError> {
  const error = await promise.then(() => new Error('expected the call to fail'), (thrown: unknown) => thrown);
  expect(MiairError.isInstance(error), String(error)).toBe(true);
  return error as MiairError;
}

describe.each(ADAPTERS_UNDER_TEST)('resilience conformance: $provider', (adapter) => {
  describe('with fake timers', () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    });

    it('retries a 429 after the Retry-After the server sent, then answers', async () => {
      const server = await scriptedServer([
        { status: 429, headers: { 'retry-after': '2' }, body: '{"error":{"message":"slow down"}}' },
        { status: 200, body: adapter.replyBody('Fixed.', { input: 10, output: 2 }) },
      ]);
      const delays: number[] = [];
      const model = retryMiddleware({ random: () => 0, onRetry: (event) => delays.push(event.delayMs) })(modelOf(adapter, server));
      const pending = model.doGenerate(callOptions());
      await vi.waitFor(() => expect(delays).toEqual([2000]));
      await vi.advanceTimersByTimeAsync(1999);
      expect(server.count()).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      await expect(pending).resolves.toMatchObject({ text: 'Fixed.', usage: { inputTokens: 10, outputTokens: 2 } });
      expect(server.count()).toBe(2);
    });

    it('holds calls back with the rate limiter until the bucket refills', async () => {
      const server = await mockServer();
      const model = rateLimitMiddleware({ requestsPerMinute: 2 })(modelOf(adapter, server));
      await model.doGenerate(callOptions());
      await model.doGenerate(callOptions());
      const third = model.doGenerate(callOptions());
      await vi.advanceTimersByTimeAsync(29_999);
      expect(server.requests).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(1);
      await expect(third).resolves.toMatchObject({ finishReason: 'stop' });
      expect(server.requests).toHaveLength(3);
    });

    it('pauses the rate limiter for the Retry-After of a 429', async () => {
      const server = await scriptedServer([
        { status: 429, headers: { 'retry-after': '5' }, body: '{"error":{"message":"slow down"}}' },
        { status: 200, body: adapter.replyBody('Fixed.', { input: 1, output: 1 }) },
      ]);
      const model = rateLimitMiddleware({ requestsPerMinute: 600 })(modelOf(adapter, server));
      expect((await errorOf(model.doGenerate(callOptions()))).code).toBe('PROVIDER_RATE_LIMITED');
      const next = model.doGenerate(callOptions());
      await vi.advanceTimersByTimeAsync(4_999);
      expect(server.count()).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      await expect(next).resolves.toMatchObject({ text: 'Fixed.' });
    });

    it('fails fast with an open breaker, then closes after a successful probe', async () => {
      const registry = createBreakerRegistry();
      const failing = await mockServer({ faultRates: { '503': 1 } });
      const breaker = breakerMiddleware({ failureThreshold: 2, halfOpenAfterMs: 10_000, registry });
      const model = breaker(modelOf(adapter, failing));
      expect((await errorOf(model.doGenerate(callOptions()))).code).toBe('PROVIDER_UNAVAILABLE');
      expect((await errorOf(model.doGenerate(callOptions()))).details).toMatchObject({ status: 503 });
      const open = await errorOf(model.doGenerate(callOptions()));
      expect(open.details).toEqual({ reason: 'breaker-open', retryAfterMs: 10_000 });
      expect(failing.requests).toHaveLength(2);
      // The same model id on a healthy server shares the breaker: the probe goes through once it is due.
      const healthy = breaker(modelOf(adapter, await mockServer()));
      expect((await errorOf(healthy.doGenerate(callOptions()))).details?.reason).toBe('breaker-open');
      await vi.advanceTimersByTimeAsync(10_000);
      await expect(healthy.doGenerate(callOptions())).resolves.toMatchObject({ finishReason: 'stop' });
      await expect(healthy.doGenerate(callOptions())).resolves.toMatchObject({ finishReason: 'stop' });
    });
  });

  it('does not retry a refused key, and a fallback chain moves on to the next vendor', async () => {
    const refusing = await mockServer({ apiKey: 'another-key' });
    const other = ADAPTERS_UNDER_TEST.find((candidate) => candidate !== adapter) ?? adapter;
    const healthy = await mockServer();
    const first = retryMiddleware({ random: () => 0 })(modelOf(adapter, refusing));
    const second = modelOf(other, healthy);
    const result = await createFallbackModel([first, second]).doGenerate(callOptions());
    expect(refusing.requests).toHaveLength(1);
    expect(healthy.requests).toHaveLength(1);
    expect(result.answeredBy).toEqual({ provider: other.provider, modelId: second.modelId });
  });

  it('falls back after the retries of a model whose server keeps failing', async () => {
    const failing = await mockServer({ faultRates: { '500': 1 } });
    const healthy = await mockServer();
    const first = retryMiddleware({ maxRetries: 2, baseDelayMs: 1, random: () => 0 })(modelOf(adapter, failing));
    const second = modelOf(adapter, healthy);
    const result = await refine('test test test bad bad bad document document document', {
      profile: 'devdocai',
      model: createFallbackModel([first, second]),
      maxIterations: 1,
    });
    expect(failing.requests).toHaveLength(3);
    expect(healthy.requests).toHaveLength(1);
    expect(result.iterations[0]).toMatchObject({ provider: adapter.provider, modelId: second.modelId });
  });

  it('starts no more calls than the run budget holds when documents run at once', async () => {
    const server = await mockServer({ latencyMs: 20 });
    const model = modelOf(adapter, server);
    const text = 'test test test bad bad bad document document document';
    const options = { profile: 'devdocai' as const, model, maxIterations: 1 };
    const perCallUsd = estimateRun([text], options).maximum.costUsd ?? Number.NaN;
    expect(perCallUsd).toBeGreaterThan(0);
    const budget = createBudget(2.5 * perCallUsd);
    const results = await Promise.all(Array.from({ length: 5 }, () => refine(text, { ...options, budget })));
    expect(server.requests).toHaveLength(2);
    expect(results.filter((result) => result.stopReason === 'budget')).toHaveLength(3);
    expect(budget.spentUsd).toBeLessThanOrEqual(budget.limitUsd);
    expect(budget.spentUsd).toBeCloseTo(results.reduce((sum, result) => sum + result.costUsd, 0), 12);
  });

  it('fails with PROVIDER_TIMEOUT when the server hangs past the per-call timeout', async () => {
    const server = await mockServer({ faultRates: { hang: 1 } });
    const model = timeoutMiddleware({ timeoutMs: 100 })(modelOf(adapter, server));
    expect((await errorOf(model.doGenerate(callOptions()))).code).toBe('PROVIDER_TIMEOUT');
  });

  it('fails with ABORTED, not a retry or a timeout, when the caller aborts a hanging call', async () => {
    const server = await mockServer({ faultRates: { hang: 1 } });
    const model = wrapLanguageModel(modelOf(adapter, server), [retryMiddleware(), timeoutMiddleware({ timeoutMs: 10_000 })]);
    const controller = new AbortController();
    const pending = errorOf(model.doGenerate(callOptions({ abortSignal: controller.signal })));
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    controller.abort();
    expect((await pending).code).toBe('ABORTED');
    expect(server.requests).toHaveLength(1);
  });
});
