import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MiairError } from '../../errors.js';
import type { LanguageModel, LanguageModelResult } from '../spec.js';
import { breakerMiddleware } from './breaker-middleware.js';
import { createBreakerRegistry, sharedBreakerRegistry } from './breaker-registry.js';

const ANSWER: LanguageModelResult = { text: 'ok', finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 }, warnings: [] };
const callOptions = { messages: [], maxOutputTokens: 10, temperature: 0 };

/** A model whose next outcome the test sets. */
function switchableModel(modelId = 'm'): LanguageModel & { calls: number; failWith: unknown } {
  const model = {
    provider: 'fake',
    modelId,
    calls: 0,
    failWith: null as unknown,
    async doGenerate() {
      model.calls++;
      if (model.failWith !== null) throw model.failWith;
      return ANSWER;
    },
  };
  return model;
}

const unavailable = new MiairError('PROVIDER_UNAVAILABLE', 'HTTP 503');

async function errorOf(promise: Promise<unknown>): Promise<MiairError> {
  const error = await promise.then(() => null, (thrown: unknown) => thrown);
  if (!MiairError.isInstance(error)) throw new Error(`expected a MiairError, got ${String(error)}`);
  return error;
}

describe('breakerMiddleware', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    sharedBreakerRegistry.clear();
  });
  afterEach(() => {
    vi.useRealTimers();
    sharedBreakerRegistry.clear();
  });

  it('opens after failureThreshold retryable failures in a row and then fails fast', async () => {
    const inner = switchableModel();
    inner.failWith = unavailable;
    const model = breakerMiddleware({ failureThreshold: 3, halfOpenAfterMs: 10_000 })(inner);
    for (let call = 0; call < 3; call++) expect((await errorOf(model.doGenerate(callOptions))).message).toBe('HTTP 503');
    const error = await errorOf(model.doGenerate(callOptions));
    expect(inner.calls).toBe(3);
    expect(error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(error.isRetryable).toBe(false);
    expect(error.details).toEqual({ reason: 'breaker-open', retryAfterMs: 10_000 });
    expect(error.message).toContain('circuit breaker of `fake/m` is open');
    expect(error.message).toContain('2026-01-01T00:00:10.000Z');
  });

  it('is neither opened nor closed by rate limits: the provider is up and asks for fewer calls', async () => {
    const inner = switchableModel();
    const model = breakerMiddleware({ failureThreshold: 3, halfOpenAfterMs: 10_000 })(inner);
    inner.failWith = new MiairError('PROVIDER_RATE_LIMITED', 'HTTP 429', { details: { status: 429, retryAfterMs: 60_000 } });
    for (let call = 0; call < 10; call++) expect((await errorOf(model.doGenerate(callOptions))).code).toBe('PROVIDER_RATE_LIMITED');
    expect(inner.calls).toBe(10);
    // Two failures, a rate limit between them, then a third: the rate limit did not reset the count.
    inner.failWith = unavailable;
    await errorOf(model.doGenerate(callOptions));
    await errorOf(model.doGenerate(callOptions));
    inner.failWith = new MiairError('PROVIDER_RATE_LIMITED', 'HTTP 429');
    await errorOf(model.doGenerate(callOptions));
    inner.failWith = unavailable;
    await errorOf(model.doGenerate(callOptions));
    expect((await errorOf(model.doGenerate(callOptions))).details).toMatchObject({ reason: 'breaker-open' });
    expect(inner.calls).toBe(14);
  });

  it('names the failure that opened it, so a row that shows only the breaker still says what went wrong', async () => {
    const inner = switchableModel();
    inner.failWith = new MiairError('PROVIDER_TIMEOUT', 'Model `fake/m` did not answer within 1000 ms.', { isRetryable: true });
    const model = breakerMiddleware({ failureThreshold: 2, halfOpenAfterMs: 10_000 })(inner);
    await errorOf(model.doGenerate(callOptions));
    await errorOf(model.doGenerate(callOptions));
    const error = await errorOf(model.doGenerate(callOptions));
    expect(error.message).toBe(
      'The circuit breaker of `fake/m` is open after 2 failures in a row (the last: PROVIDER_TIMEOUT: Model `fake/m` did not answer within 1000 ms.); it will let a probe call through at 2026-01-01T00:00:10.000Z (in 10000 ms). Calls fail fast until then; check the provider\'s status or configure a fallback model.',
    );
    expect(error.details).toEqual({ reason: 'breaker-open', retryAfterMs: 10_000 });
  });

  it('keeps one breaker per scope: the same model at another endpoint stays closed', async () => {
    const down = switchableModel();
    down.failWith = unavailable;
    const up = switchableModel();
    const atDown = breakerMiddleware({ failureThreshold: 2, scope: 'http://a/v1' })(down);
    const atUp = breakerMiddleware({ failureThreshold: 2, scope: 'http://b/v1' })(up);
    for (let call = 0; call < 3; call++) await errorOf(atDown.doGenerate(callOptions));
    expect(down.calls).toBe(2);
    await expect(atUp.doGenerate(callOptions)).resolves.toEqual(ANSWER);
    expect(up.calls).toBe(1);
  });

  it('lets one probe through after halfOpenAfterMs and closes when it succeeds', async () => {
    const inner = switchableModel();
    inner.failWith = unavailable;
    const model = breakerMiddleware({ failureThreshold: 1, halfOpenAfterMs: 10_000 })(inner);
    await errorOf(model.doGenerate(callOptions));
    vi.advanceTimersByTime(9_999);
    expect((await errorOf(model.doGenerate(callOptions))).details?.reason).toBe('breaker-open');
    vi.advanceTimersByTime(1);
    inner.failWith = null;
    await expect(model.doGenerate(callOptions)).resolves.toEqual(ANSWER);
    await expect(model.doGenerate(callOptions)).resolves.toEqual(ANSWER);
    expect(inner.calls).toBe(3);
  });

  it('fails other calls fast while the probe is in flight', async () => {
    let release: (value: LanguageModelResult) => void = () => undefined;
    const inner = switchableModel();
    inner.failWith = unavailable;
    const model = breakerMiddleware({ failureThreshold: 1, halfOpenAfterMs: 1000 })(inner);
    await errorOf(model.doGenerate(callOptions));
    vi.advanceTimersByTime(1000);
    inner.doGenerate = () => new Promise((resolve) => (release = resolve));
    const probe = model.doGenerate(callOptions);
    const error = await errorOf(model.doGenerate(callOptions));
    expect(error.message).toContain('a probe call is in flight');
    release(ANSWER);
    await expect(probe).resolves.toEqual(ANSWER);
  });

  it('opens again for halfOpenAfterMs when the probe fails', async () => {
    const inner = switchableModel();
    inner.failWith = unavailable;
    const model = breakerMiddleware({ failureThreshold: 2, halfOpenAfterMs: 1000 })(inner);
    await errorOf(model.doGenerate(callOptions));
    await errorOf(model.doGenerate(callOptions));
    vi.advanceTimersByTime(1000);
    expect((await errorOf(model.doGenerate(callOptions))).message).toBe('HTTP 503');
    expect((await errorOf(model.doGenerate(callOptions))).details).toEqual({ reason: 'breaker-open', retryAfterMs: 1000 });
    expect(inner.calls).toBe(3);
  });

  it('lets the probe through halfOpenAfterMs after opening even when calls started before keep failing', async () => {
    const inner = switchableModel();
    const model = breakerMiddleware({ failureThreshold: 2, halfOpenAfterMs: 10_000 })(inner);
    // Three calls in flight; two fail and open the breaker, the third (a hung call, say) fails 9 s later.
    const rejects: ((error: unknown) => void)[] = [];
    inner.doGenerate = () => new Promise((_resolve, reject) => rejects.push(reject));
    const calls = [0, 1, 2].map(() => errorOf(model.doGenerate(callOptions)));
    rejects[0]?.(unavailable);
    rejects[1]?.(unavailable);
    await Promise.all(calls.slice(0, 2));
    vi.advanceTimersByTime(9_000);
    rejects[2]?.(unavailable);
    await calls[2];
    vi.advanceTimersByTime(1_000);
    // Before the fix the late failure moved the probe to 19 s: the breaker stayed open 9 s longer than it said.
    inner.doGenerate = async () => ANSWER;
    await expect(model.doGenerate(callOptions)).resolves.toEqual(ANSWER);
  });

  it('resets the count when a call succeeds or fails for a reason that is not transient', async () => {
    const inner = switchableModel();
    const model = breakerMiddleware({ failureThreshold: 2 })(inner);
    inner.failWith = unavailable;
    await errorOf(model.doGenerate(callOptions));
    inner.failWith = new MiairError('PROVIDER_ERROR', 'HTTP 400');
    await errorOf(model.doGenerate(callOptions));
    inner.failWith = unavailable;
    await errorOf(model.doGenerate(callOptions));
    inner.failWith = new MiairError('ABORTED', 'aborted');
    await errorOf(model.doGenerate(callOptions));
    inner.failWith = unavailable;
    expect((await errorOf(model.doGenerate(callOptions))).message).toBe('HTTP 503');
    expect((await errorOf(model.doGenerate(callOptions))).details?.reason).toBe('breaker-open');
  });

  it('shares one breaker between wrappers of the same model and keeps models apart', async () => {
    const first = switchableModel('a');
    first.failWith = unavailable;
    await errorOf(breakerMiddleware({ failureThreshold: 1 })(first).doGenerate(callOptions));
    const again = breakerMiddleware({ failureThreshold: 1 })(switchableModel('a'));
    expect((await errorOf(again.doGenerate(callOptions))).details?.reason).toBe('breaker-open');
    await expect(breakerMiddleware({ failureThreshold: 1 })(switchableModel('b')).doGenerate(callOptions)).resolves.toEqual(ANSWER);
  });

  it('keeps breakers apart when each middleware has its own registry', async () => {
    const inner = switchableModel();
    inner.failWith = unavailable;
    await errorOf(breakerMiddleware({ failureThreshold: 1, registry: createBreakerRegistry() })(inner).doGenerate(callOptions));
    inner.failWith = null;
    await expect(breakerMiddleware({ failureThreshold: 1, registry: createBreakerRegistry() })(inner).doGenerate(callOptions)).resolves.toEqual(ANSWER);
  });
});
