import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MiairError } from '../../errors.js';
import { createBoundary, wrapDocumentBlock } from '../document-block.js';
import { createMockModel, defaultMockEdit } from './create-mock-model.js';
import { createRandom } from './create-random.js';
import { sampleLatency } from './sample-latency.js';
import type { LanguageModelCallOptions } from '../spec.js';

const DOCUMENT = 'The the tool runs. It is fast.';

function call(signal?: AbortSignal): LanguageModelCallOptions {
  return {
    messages: [{ role: 'user', content: wrapDocumentBlock(DOCUMENT, createBoundary(DOCUMENT)) }],
    maxOutputTokens: 100,
    temperature: 0.2,
    ...(signal === undefined ? {} : { abortSignal: signal }),
  };
}

describe('createMockModel', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers after the default latency with the default edit when no option is given', async () => {
    const model = createMockModel();
    let settled = false;
    const pending = model.doGenerate(call()).then((result) => {
      settled = true;
      return result;
    });
    await vi.advanceTimersByTimeAsync(49);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const result = await pending;
    expect(result.text).toBe('The tool runs. It is fast.');
    expect(result.finishReason).toBe('stop');
    expect(result.usage.outputTokens).toBe(Math.ceil(result.text.length / 4));
    expect(model.provider).toBe('mock');
    expect(model.modelId).toBe('mock-v1');
    expect(model.calls).toBe(1);
    expect(model.stats()).toMatchObject({ calls: 1, succeeded: 1, failed: 0, inFlight: 0, maxInFlight: 1 });
  });

  it('uses the custom edit when one is given', async () => {
    const model = createMockModel({ latencyMs: 0, edit: (text) => text.toUpperCase() });
    expect((await model.doGenerate(call())).text).toBe(DOCUMENT.toUpperCase());
  });

  it('rejects with ABORTED and clears its timer when the signal fires during the latency', async () => {
    const model = createMockModel({ latencyMs: 1000 });
    const controller = new AbortController();
    const pending = model.doGenerate(call(controller.signal));
    const assertion = expect(pending).rejects.toSatisfy((error: unknown) => MiairError.isInstance(error) && error.code === 'ABORTED');
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    await assertion;
    expect(vi.getTimerCount()).toBe(0);
    expect(model.stats()).toMatchObject({ aborted: 1, inFlight: 0 });
  });

  it('fails the same calls with a retryable PROVIDER_UNAVAILABLE when the seed is the same', async () => {
    const outcomes = async (seed: number): Promise<string[]> => {
      const model = createMockModel({ latencyMs: 0, failureRate: 0.5, seed });
      const results: string[] = [];
      for (let index = 0; index < 20; index++) {
        results.push(
          await model.doGenerate(call()).then(
            () => 'ok',
            (error: unknown) => (MiairError.isInstance(error) && error.code === 'PROVIDER_UNAVAILABLE' && error.isRetryable ? 'failed' : 'other'),
          ),
        );
      }
      expect(model.stats().failed).toBe(results.filter((result) => result === 'failed').length);
      return results;
    };
    const first = await outcomes(7);
    expect(await outcomes(7)).toEqual(first);
    expect(first).toContain('ok');
    expect(first).toContain('failed');
    expect(first).not.toContain('other');
  });

  it('counts calls in flight when several run at once', async () => {
    const model = createMockModel({ latencyMs: { distribution: 'uniform', minMs: 10, maxMs: 20 } });
    const pending = Promise.all([model.doGenerate(call()), model.doGenerate(call()), model.doGenerate(call())]);
    expect(model.stats().inFlight).toBe(3);
    await vi.advanceTimersByTimeAsync(20);
    await pending;
    expect(model.stats()).toMatchObject({ calls: 3, succeeded: 3, inFlight: 0, maxInFlight: 3 });
  });

  it.each([
    [{ failureRate: 1.5 }],
    [{ failureRate: -0.1 }],
    [{ latencyMs: -1 }],
    [{ latencyMs: 3_000_000_000 }],
    [{ latencyMs: { distribution: 'uniform' as const, minMs: 20, maxMs: 10 } }],
    [{ latencyMs: { distribution: 'log-normal' as const, medianMs: 50, sigma: Number.NaN } }],
    [{ latencyMs: 2_147_483_648 }],
    [{ latencyMs: { distribution: 'uniform' as const, minMs: 0, maxMs: 3_000_000_000 } }],
  ])('throws CONFIG_INVALID when the options are %j', (options) => {
    expect(() => createMockModel(options)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});

describe('sampleLatency', () => {
  it('returns the number when the latency is fixed', () => {
    expect(sampleLatency(42, createRandom(1))).toBe(42);
  });

  it('stays within the bounds when the distribution is uniform', () => {
    const random = createRandom(3);
    for (let index = 0; index < 200; index++) {
      const value = sampleLatency({ distribution: 'uniform', minMs: 10, maxMs: 20 }, random);
      expect(value).toBeGreaterThanOrEqual(10);
      expect(value).toBeLessThanOrEqual(20);
    }
  });

  it('draws at most the longest timer delay when the log-normal tail goes beyond it', () => {
    const random = createRandom(7);
    const values = Array.from({ length: 200 }, () => sampleLatency({ distribution: 'log-normal', medianMs: 2_000_000_000, sigma: 3 }, random));
    expect(Math.max(...values)).toBe(2_147_483_647);
  });

  it('has a median near the given one when the distribution is log-normal', () => {
    const random = createRandom(5);
    const values = Array.from({ length: 2001 }, () => sampleLatency({ distribution: 'log-normal', medianMs: 50, sigma: 0.5 }, random)).sort((a, b) => a - b);
    expect(values[1000]).toBeGreaterThan(45);
    expect(values[1000]).toBeLessThan(55);
  });
});

describe('createRandom', () => {
  it('repeats its sequence when the seed is the same', () => {
    const a = createRandom(9);
    const b = createRandom(9);
    const sequence = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(sequence);
    expect(sequence.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(createRandom(10)()).not.toBe(sequence[0]);
  });
});

describe('defaultMockEdit', () => {
  it('falls back to every rule when the cheap rules change nothing', () => {
    expect(defaultMockEdit('We cache files in order to save time.')).toBe('We cache files to save time.');
  });
});
