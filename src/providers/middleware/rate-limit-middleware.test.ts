import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MiairError } from '../../errors.js';
import type { LanguageModel, LanguageModelResult, LanguageModelUsage } from '../spec.js';
import { rateLimitMiddleware } from './rate-limit-middleware.js';

/** 400 characters: 100 estimated input tokens. */
const callOptions = { messages: [{ role: 'user' as const, content: 'x'.repeat(400) }], maxOutputTokens: 100, temperature: 0 };

function countingModel(usage: LanguageModelUsage = { inputTokens: 100, outputTokens: 100 }, modelId = 'm'): LanguageModel & { calls: number; failWith: unknown } {
  const model = {
    provider: 'fake',
    modelId,
    calls: 0,
    failWith: null as unknown,
    async doGenerate(): Promise<LanguageModelResult> {
      model.calls++;
      if (model.failWith !== null) {
        const error = model.failWith;
        model.failWith = null;
        throw error;
      }
      return { text: 'ok', finishReason: 'stop', usage, warnings: [] };
    },
  };
  return model;
}

/** Starts `count` calls and returns how many have finished after each step of time. */
function startCalls(model: LanguageModel, count: number, signal?: AbortSignal): { finished: () => number; all: Promise<unknown[]> } {
  let finished = 0;
  const calls = Array.from({ length: count }, () => model.doGenerate({ ...callOptions, ...(signal === undefined ? {} : { abortSignal: signal }) }).finally(() => finished++));
  return { finished: () => finished, all: Promise.allSettled(calls) };
}

describe('rateLimitMiddleware', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets a minute of requests through at once, then one per refill interval', async () => {
    const inner = countingModel();
    const calls = startCalls(rateLimitMiddleware({ requestsPerMinute: 60 })(inner), 62);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.finished()).toBe(60);
    await vi.advanceTimersByTimeAsync(999);
    expect(calls.finished()).toBe(60);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.finished()).toBe(61);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls.finished()).toBe(62);
  });

  it('counts the prompt estimate plus maxOutputTokens against tokensPerMinute', async () => {
    // Each call takes 100 + 100 = 200 tokens: 3 fit in 600, the 4th waits 200 tokens' refill (20 s at 600/min).
    const inner = countingModel({ inputTokens: 100, outputTokens: 100 });
    const calls = startCalls(rateLimitMiddleware({ tokensPerMinute: 600 })(inner), 4);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.finished()).toBe(3);
    await vi.advanceTimersByTimeAsync(19_999);
    expect(calls.finished()).toBe(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.finished()).toBe(4);
  });

  it('gives back the tokens a call did not use once its real usage is known', async () => {
    // Estimated 200 per call, used 20: the refund lets the 4th call start at once.
    const inner = countingModel({ inputTokens: 10, outputTokens: 10 });
    const model = rateLimitMiddleware({ tokensPerMinute: 600 })(inner);
    for (let call = 0; call < 4; call++) await model.doGenerate(callOptions);
    expect(inner.calls).toBe(4);
  });

  it('halves its rate and honours retryAfterMs when the server rate-limits', async () => {
    const inner = countingModel();
    const model = rateLimitMiddleware({ requestsPerMinute: 60 })(inner);
    inner.failWith = new MiairError('PROVIDER_RATE_LIMITED', '429', { details: { status: 429, retryAfterMs: 5000 } });
    await expect(model.doGenerate(callOptions)).rejects.toMatchObject({ code: 'PROVIDER_RATE_LIMITED' });
    const calls = startCalls(model, 1);
    await vi.advanceTimersByTimeAsync(4999);
    expect(calls.finished()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.finished()).toBe(1);
  });

  it('fails calls at once, with what is left of the pause, while the server asked for more than maxPauseMs', async () => {
    const inner = countingModel();
    const model = rateLimitMiddleware()(inner);
    inner.failWith = new MiairError('PROVIDER_RATE_LIMITED', '429', { details: { status: 429, retryAfterMs: 90_000 } });
    await expect(model.doGenerate(callOptions)).rejects.toMatchObject({ code: 'PROVIDER_RATE_LIMITED' });
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(model.doGenerate(callOptions)).rejects.toMatchObject({ code: 'PROVIDER_RATE_LIMITED', details: { retryAfterMs: 80_000 }, message: expect.stringContaining('wait 80 s more') });
    expect(inner.calls).toBe(1);
    // Once what is left is within the 60 s default, a call waits it out and goes.
    await vi.advanceTimersByTimeAsync(25_000);
    const calls = startCalls(model, 1);
    await vi.advanceTimersByTimeAsync(54_999);
    expect(calls.finished()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.finished()).toBe(1);
    expect(inner.calls).toBe(2);
  });

  it('refills at the lowered rate after a 429 and recovers additively', async () => {
    const inner = countingModel();
    const model = rateLimitMiddleware({ requestsPerMinute: 60 })(inner);
    inner.failWith = new MiairError('PROVIDER_RATE_LIMITED', '429');
    await expect(model.doGenerate(callOptions)).rejects.toMatchObject({ code: 'PROVIDER_RATE_LIMITED' });
    // The bucket shrinks to 30 (half of 60): 30 calls at once, not 59.
    const burst = startCalls(model, 31);
    await vi.advanceTimersByTimeAsync(0);
    expect(burst.finished()).toBe(30);
    // At half rate a request refills in 2 s, not 1 s.
    await vi.advanceTimersByTimeAsync(1500);
    expect(burst.finished()).toBe(30);
    await vi.advanceTimersByTimeAsync(600);
    expect(burst.finished()).toBe(31);
    // Ten minutes later the rate is back to 60 per minute: a full bucket of 60.
    await vi.advanceTimersByTimeAsync(600_000);
    const later = startCalls(model, 61);
    await vi.advanceTimersByTimeAsync(0);
    expect(later.finished()).toBe(60);
    await vi.advanceTimersByTimeAsync(1000);
    expect(later.finished()).toBe(61);
  });

  it('rejects a waiting call with ABORTED as soon as its signal fires, and serves the next one', async () => {
    const inner = countingModel();
    const model = rateLimitMiddleware({ requestsPerMinute: 1 })(inner);
    await model.doGenerate(callOptions);
    const controller = new AbortController();
    const waiting = model.doGenerate({ ...callOptions, abortSignal: controller.signal }).then(() => null, (error: unknown) => error);
    const next = startCalls(model, 1);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    expect((await waiting as MiairError).code).toBe('ABORTED');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(next.finished()).toBe(1);
    expect(inner.calls).toBe(2);
  });

  it('rejects at once a call queued behind another waiting call when its signal fires', async () => {
    const inner = countingModel();
    const model = rateLimitMiddleware({ requestsPerMinute: 1 })(inner);
    await model.doGenerate(callOptions);
    const first = startCalls(model, 1);
    const controller = new AbortController();
    const queued = model.doGenerate({ ...callOptions, abortSignal: controller.signal }).then(() => null, (error: unknown) => error);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    // Not a minute later, when the first call's turn has come and gone: now.
    expect(first.finished()).toBe(0);
    expect((await queued as MiairError).code).toBe('ABORTED');
  });

  it('keeps one limiter per provider and model', async () => {
    const limit = rateLimitMiddleware({ requestsPerMinute: 1 });
    const first = limit(countingModel(undefined, 'a'));
    const second = limit(countingModel(undefined, 'b'));
    await first.doGenerate(callOptions);
    await expect(second.doGenerate(callOptions)).resolves.toMatchObject({ text: 'ok' });
    const again = startCalls(limit(countingModel(undefined, 'a')), 1);
    await vi.advanceTimersByTimeAsync(0);
    expect(again.finished()).toBe(0);
  });

  it('lets a call larger than the whole token bucket through once the bucket is full', async () => {
    const inner = countingModel();
    await expect(rateLimitMiddleware({ tokensPerMinute: 50 })(inner).doGenerate(callOptions)).resolves.toMatchObject({ text: 'ok' });
  });

  it('throws CONFIG_INVALID when a limit is not positive', () => {
    expect(() => rateLimitMiddleware({ requestsPerMinute: 0 })).toThrow('Expected `requestsPerMinute` to be a number > 0, got `0` (number).');
    expect(() => rateLimitMiddleware({ maxPauseMs: -1 })).toThrow('Expected `maxPauseMs` to be a number > 0, got `-1` (number).');
  });
});
