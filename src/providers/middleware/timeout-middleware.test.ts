import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MiairError } from '../../errors.js';
import type { LanguageModel, LanguageModelCallOptions, LanguageModelResult } from '../spec.js';
import { timeoutMiddleware, timeoutSlotMs } from './timeout-middleware.js';

const ANSWER: LanguageModelResult = { text: 'ok', finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 }, warnings: [] };
const callOptions = { messages: [], maxOutputTokens: 10, temperature: 0 };
// The latest a call started at a slot's opening can time out.
const LATEST_MS = 100 + timeoutSlotMs(100);

/** A model that answers after `delayMs`, or never when it ignores its signal and `delayMs` is Infinity. */
function slowModel(delayMs: number, honoursSignal: boolean): LanguageModel & { signals: (AbortSignal | undefined)[] } {
  const signals: (AbortSignal | undefined)[] = [];
  return {
    provider: 'fake',
    modelId: 'slow',
    signals,
    doGenerate(options: LanguageModelCallOptions) {
      signals.push(options.abortSignal);
      return new Promise((resolve, reject) => {
        if (Number.isFinite(delayMs)) setTimeout(() => resolve(ANSWER), delayMs);
        if (honoursSignal) options.abortSignal?.addEventListener('abort', () => reject(new Error('aborted by signal')));
      });
    },
  };
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => null, (error: unknown) => error);
}

describe('timeoutMiddleware', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers when the model is faster than the timeout', async () => {
    const pending = timeoutMiddleware({ timeoutMs: 100 })(slowModel(50, true)).doGenerate(callOptions);
    await vi.advanceTimersByTimeAsync(50);
    await expect(pending).resolves.toEqual(ANSWER);
  });

  it('fails with PROVIDER_TIMEOUT and aborts the model signal when the deadline passes', async () => {
    const inner = slowModel(Number.POSITIVE_INFINITY, true);
    const settled = errorOf(timeoutMiddleware({ timeoutMs: 100 })(inner).doGenerate(callOptions));
    await vi.advanceTimersByTimeAsync(LATEST_MS);
    const error = await settled;
    expect(MiairError.isInstance(error) && error.code).toBe('PROVIDER_TIMEOUT');
    expect(MiairError.isInstance(error) && error.isRetryable).toBe(true);
    expect(inner.signals[0]?.aborted).toBe(true);
  });

  it('fails with PROVIDER_TIMEOUT when the model ignores its signal', async () => {
    const settled = errorOf(timeoutMiddleware({ timeoutMs: 100 })(slowModel(Number.POSITIVE_INFINITY, false)).doGenerate(callOptions));
    await vi.advanceTimersByTimeAsync(LATEST_MS);
    expect((await settled as MiairError).code).toBe('PROVIDER_TIMEOUT');
  });

  it('fails with ABORTED, not a timeout, when the caller aborts', async () => {
    const controller = new AbortController();
    const settled = errorOf(timeoutMiddleware({ timeoutMs: 100 })(slowModel(Number.POSITIVE_INFINITY, true)).doGenerate({ ...callOptions, abortSignal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    expect((await settled as MiairError).code).toBe('ABORTED');
  });

  it('fails with ABORTED without calling the model when the signal has already fired', async () => {
    const inner = slowModel(1, true);
    const settled = errorOf(timeoutMiddleware({ timeoutMs: 100 })(inner).doGenerate({ ...callOptions, abortSignal: AbortSignal.abort() }));
    expect((await settled as MiairError).code).toBe('ABORTED');
    expect(inner.signals).toEqual([]);
  });

  it('passes the model error through when neither signal fired', async () => {
    const failing: LanguageModel = { provider: 'fake', modelId: 'x', doGenerate: () => Promise.reject(new MiairError('PROVIDER_ERROR', 'bad request')) };
    expect((await errorOf(timeoutMiddleware({ timeoutMs: 100 })(failing).doGenerate(callOptions)) as MiairError).code).toBe('PROVIDER_ERROR');
  });

  it('times a call out no sooner than timeoutMs after it started, even when it joined a slot late', async () => {
    const wrapped = timeoutMiddleware({ timeoutMs: 100 })(slowModel(Number.POSITIVE_INFINITY, true));
    let first: unknown = 'pending';
    void errorOf(wrapped.doGenerate(callOptions)).then((error) => (first = error));
    await vi.advanceTimersByTimeAsync(1);
    let late: unknown = 'pending';
    void errorOf(wrapped.doGenerate(callOptions)).then((error) => (late = error));
    await vi.advanceTimersByTimeAsync(99);
    expect([first, late]).toEqual(['pending', 'pending']);
    await vi.advanceTimersByTimeAsync(LATEST_MS - 100);
    expect([(first as MiairError).code, (late as MiairError).code]).toEqual(['PROVIDER_TIMEOUT', 'PROVIDER_TIMEOUT']);
  });

  it('gives calls of one caller that start together one signal, and calls of another caller their own', async () => {
    const inner = slowModel(10, true);
    const wrapped = timeoutMiddleware({ timeoutMs: 100 })(inner);
    const mine = new AbortController();
    const theirs = new AbortController();
    const calls = [mine, mine, theirs].map((controller) => wrapped.doGenerate({ ...callOptions, abortSignal: controller.signal }));
    expect(inner.signals[0]).toBe(inner.signals[1]);
    expect(inner.signals[2]).not.toBe(inner.signals[0]);
    await vi.advanceTimersByTimeAsync(10);
    await expect(Promise.all(calls)).resolves.toEqual([ANSWER, ANSWER, ANSWER]);
  });

  it("aborts only the calls of the caller whose signal fired", async () => {
    const inner = slowModel(50, true);
    const wrapped = timeoutMiddleware({ timeoutMs: 100 })(inner);
    const mine = new AbortController();
    const theirs = new AbortController();
    const aborted = errorOf(wrapped.doGenerate({ ...callOptions, abortSignal: mine.signal }));
    const kept = wrapped.doGenerate({ ...callOptions, abortSignal: theirs.signal });
    mine.abort();
    expect((await aborted as MiairError).code).toBe('ABORTED');
    expect(inner.signals[0]?.aborted).toBe(true);
    expect(inner.signals[1]?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(50);
    await expect(kept).resolves.toEqual(ANSWER);
  });

  it('leaves no timer behind once its calls have settled', async () => {
    const wrapped = timeoutMiddleware({ timeoutMs: 60_000 })(slowModel(10, true));
    const calls = [wrapped.doGenerate(callOptions), wrapped.doGenerate(callOptions)];
    await vi.advanceTimersByTimeAsync(10);
    await Promise.all(calls);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('throws CONFIG_INVALID when timeoutMs is not positive', () => {
    expect(() => timeoutMiddleware({ timeoutMs: 0 })).toThrow('Expected `timeoutMs` to be a number > 0, got `0` (number).');
  });
});
