import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MiairError } from '../../errors.js';
import type { LanguageModel, LanguageModelResult } from '../spec.js';
import { wrapLanguageModel } from './language-model-middleware.js';
import { retryMiddleware } from './retry-middleware.js';

const ANSWER: LanguageModelResult = { text: 'ok', finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 }, warnings: [] };
const callOptions = { messages: [{ role: 'user' as const, content: 'hi' }], maxOutputTokens: 10, temperature: 0 };

/** A model that throws the given errors in order, then answers. */
function failingModel(errors: unknown[]): LanguageModel & { calls: number } {
  const model = {
    provider: 'fake',
    modelId: 'flaky',
    calls: 0,
    async doGenerate() {
      const error = errors[model.calls++];
      if (error !== undefined) throw error;
      return ANSWER;
    },
  };
  return model;
}

const unavailable = (): MiairError => new MiairError('PROVIDER_UNAVAILABLE', 'HTTP 503', { details: { status: 503 } });

describe('retryMiddleware', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('retries retryable errors with full-jitter exponential backoff when they are transient', async () => {
    const inner = failingModel([unavailable(), unavailable(), unavailable()]);
    const delays: number[] = [];
    const model = wrapLanguageModel(inner, [retryMiddleware({ baseDelayMs: 100, maxDelayMs: 250, random: () => 0.5, onRetry: (event) => delays.push(event.delayMs) })]);
    const pending = model.doGenerate(callOptions);
    await vi.runAllTimersAsync();
    await expect(pending).resolves.toEqual(ANSWER);
    expect(inner.calls).toBe(4);
    // 0.5 x min(250, 100 x 2^n): 50, 100, then the ceiling 125.
    expect(delays).toEqual([50, 100, 125]);
  });

  it('waits exactly the jittered delay when time advances', async () => {
    const inner = failingModel([unavailable()]);
    const model = retryMiddleware({ baseDelayMs: 1000, random: () => 0.25 })(inner);
    const pending = model.doGenerate(callOptions);
    await vi.advanceTimersByTimeAsync(249);
    expect(inner.calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toEqual(ANSWER);
    expect(inner.calls).toBe(2);
  });

  it('throws the last error when every retry fails', async () => {
    const errors = [unavailable(), unavailable(), new MiairError('PROVIDER_TIMEOUT', 'slow')];
    const inner = failingModel(errors);
    const pending = retryMiddleware({ maxRetries: 2, random: () => 0 })(inner).doGenerate(callOptions);
    const settled = pending.catch((error: unknown) => error);
    await vi.runAllTimersAsync();
    expect(await settled).toBe(errors[2]);
    expect(inner.calls).toBe(3);
  });

  it.each([
    ['PROVIDER_ERROR', {}],
    ['PROVIDER_UNAUTHORIZED', {}],
    ['ABORTED', {}],
    ['PROVIDER_INVALID_RESPONSE', { guard: 'pii-placeholder' }],
  ] as const)('never retries %s %j', async (code, details) => {
    const error = new MiairError(code, 'no', { details, isRetryable: true });
    const inner = failingModel([error]);
    await expect(retryMiddleware({ random: () => 0 })(inner).doGenerate(callOptions)).rejects.toBe(error);
    expect(inner.calls).toBe(1);
  });

  it('does not retry an error that is not a MiairError', async () => {
    const inner = failingModel([new TypeError('bug')]);
    await expect(retryMiddleware()(inner).doGenerate(callOptions)).rejects.toThrow('bug');
    expect(inner.calls).toBe(1);
  });

  it('waits at least retryAfterMs when the server says how long', async () => {
    const inner = failingModel([new MiairError('PROVIDER_RATE_LIMITED', '429', { details: { status: 429, retryAfterMs: 2000 } })]);
    const pending = retryMiddleware({ random: () => 0.1 })(inner).doGenerate(callOptions);
    await vi.advanceTimersByTimeAsync(1999);
    expect(inner.calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toEqual(ANSWER);
  });

  it('waits through a Retry-After of 60 s by default, and fails at once past it', async () => {
    const sixty = new MiairError('PROVIDER_RATE_LIMITED', '429', { details: { status: 429, retryAfterMs: 60_000 } });
    const waits: number[] = [];
    const inner = failingModel([sixty]);
    const pending = retryMiddleware({ onRetry: (event) => waits.push(event.delayMs) })(inner).doGenerate(callOptions);
    await vi.advanceTimersByTimeAsync(60_000);
    await expect(pending).resolves.toEqual(ANSWER);
    expect(waits).toEqual([60_000]);
    const longer = new MiairError('PROVIDER_RATE_LIMITED', '429', { details: { status: 429, retryAfterMs: 60_001 } });
    await expect(retryMiddleware()(failingModel([longer])).doGenerate(callOptions)).rejects.toBe(longer);
  });

  it('fails at once with the server error when retryAfterMs exceeds the ceiling', async () => {
    const error = new MiairError('PROVIDER_RATE_LIMITED', '429', { details: { status: 429, retryAfterMs: 60_000 } });
    const inner = failingModel([error]);
    await expect(retryMiddleware({ maxRetryAfterMs: 30_000 })(inner).doGenerate(callOptions)).rejects.toBe(error);
    expect(inner.calls).toBe(1);
  });

  it('rejects with ABORTED during the wait when the caller aborts', async () => {
    const inner = failingModel([unavailable()]);
    const controller = new AbortController();
    const pending = retryMiddleware({ baseDelayMs: 10_000, random: () => 1 })(inner).doGenerate({ ...callOptions, abortSignal: controller.signal });
    const settled = pending.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    const error = await settled;
    expect(MiairError.isInstance(error) && error.code).toBe('ABORTED');
    expect(inner.calls).toBe(1);
  });

  it('keeps the provider and model id of the model it wraps', () => {
    const model = retryMiddleware()(failingModel([]));
    expect([model.provider, model.modelId]).toEqual(['fake', 'flaky']);
  });
});
