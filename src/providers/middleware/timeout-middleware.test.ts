import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MiairError } from '../../errors.js';
import type { LanguageModel, LanguageModelCallOptions, LanguageModelResult } from '../spec.js';
import { timeoutMiddleware } from './timeout-middleware.js';

const ANSWER: LanguageModelResult = { text: 'ok', finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 }, warnings: [] };
const callOptions = { messages: [], maxOutputTokens: 10, temperature: 0 };

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
    await vi.advanceTimersByTimeAsync(100);
    const error = await settled;
    expect(MiairError.isInstance(error) && error.code).toBe('PROVIDER_TIMEOUT');
    expect(MiairError.isInstance(error) && error.isRetryable).toBe(true);
    expect(inner.signals[0]?.aborted).toBe(true);
  });

  it('fails with PROVIDER_TIMEOUT when the model ignores its signal', async () => {
    const settled = errorOf(timeoutMiddleware({ timeoutMs: 100 })(slowModel(Number.POSITIVE_INFINITY, false)).doGenerate(callOptions));
    await vi.advanceTimersByTimeAsync(100);
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

  it('throws CONFIG_INVALID when timeoutMs is not positive', () => {
    expect(() => timeoutMiddleware({ timeoutMs: 0 })).toThrow('Expected `timeoutMs` to be a number > 0, got `0` (number).');
  });
});
