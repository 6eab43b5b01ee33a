import { describe, expect, it } from 'vitest';
import { MiairError } from '../../errors.js';
import type { LanguageModel, LanguageModelResult } from '../spec.js';
import { createFallbackModel, isFallbackModel } from './create-fallback-model.js';

const callOptions = { messages: [], maxOutputTokens: 10, temperature: 0 };

function model(provider: string, modelId: string, outcome: unknown): LanguageModel & { calls: number } {
  const created = {
    provider,
    modelId,
    calls: 0,
    async doGenerate(): Promise<LanguageModelResult> {
      created.calls++;
      if (outcome instanceof Error) throw outcome;
      return { text: String(outcome), finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 }, warnings: [] };
    },
  };
  return created;
}

describe('createFallbackModel', () => {
  it('answers with the first model and names it in answeredBy when it succeeds', async () => {
    const first = model('openai', 'gpt-4o-mini', 'one');
    const second = model('anthropic', 'claude-haiku-4-5', 'two');
    const chain = createFallbackModel([first, second]);
    expect(chain).toMatchObject({ provider: 'fallback', modelId: 'openai/gpt-4o-mini,anthropic/claude-haiku-4-5' });
    await expect(chain.doGenerate(callOptions)).resolves.toMatchObject({ text: 'one', answeredBy: { provider: 'openai', modelId: 'gpt-4o-mini' } });
    expect(second.calls).toBe(0);
  });

  it.each([
    ['PROVIDER_UNAVAILABLE', {}, true],
    ['PROVIDER_RATE_LIMITED', {}, true],
    ['PROVIDER_TIMEOUT', {}, true],
    ['PROVIDER_INVALID_RESPONSE', {}, true],
    ['PROVIDER_UNAUTHORIZED', {}, false],
  ] as const)('goes to the next model when the first fails with %s', async (code, details, isRetryable) => {
    const first = model('openai', 'gpt-4o-mini', new MiairError(code, 'failed', { details, isRetryable }));
    const chain = createFallbackModel([first, model('anthropic', 'claude-haiku-4-5', 'two')]);
    await expect(chain.doGenerate(callOptions)).resolves.toMatchObject({ text: 'two', answeredBy: { provider: 'anthropic', modelId: 'claude-haiku-4-5' } });
  });

  it('goes to the next model when a breaker is open (not retryable, unavailable)', async () => {
    const open = new MiairError('PROVIDER_UNAVAILABLE', 'breaker open', { isRetryable: false, details: { reason: 'breaker-open' } });
    const chain = createFallbackModel([model('a', '1', open), model('b', '2', 'two')]);
    await expect(chain.doGenerate(callOptions)).resolves.toMatchObject({ text: 'two' });
  });

  it.each([
    ['ABORTED', {}],
    ['PROVIDER_ERROR', {}],
    ['PROVIDER_INVALID_RESPONSE', { guard: 'pii-placeholder' }],
  ] as const)('throws at once when the first fails with %s %j', async (code, details) => {
    const error = new MiairError(code, 'stop', { details });
    const second = model('b', '2', 'two');
    await expect(createFallbackModel([model('a', '1', error), second]).doGenerate(callOptions)).rejects.toBe(error);
    expect(second.calls).toBe(0);
  });

  it('throws the last error when every model fails', async () => {
    const last = new MiairError('PROVIDER_TIMEOUT', 'slow too');
    const chain = createFallbackModel([model('a', '1', new MiairError('PROVIDER_UNAVAILABLE', 'down')), model('b', '2', last)]);
    await expect(chain.doGenerate(callOptions)).rejects.toBe(last);
  });

  it('stops with ABORTED before the next model when the caller aborted meanwhile', async () => {
    const controller = new AbortController();
    const first: LanguageModel = {
      provider: 'a',
      modelId: '1',
      doGenerate: async () => {
        controller.abort();
        throw new MiairError('PROVIDER_UNAVAILABLE', 'down');
      },
    };
    const second = model('b', '2', 'two');
    await expect(createFallbackModel([first, second]).doGenerate({ ...callOptions, abortSignal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
    expect(second.calls).toBe(0);
  });

  it('keeps the answeredBy of a nested chain', async () => {
    const inner = createFallbackModel([model('a', '1', new MiairError('PROVIDER_UNAVAILABLE', 'down')), model('b', '2', 'two')]);
    await expect(createFallbackModel([inner]).doGenerate(callOptions)).resolves.toMatchObject({ answeredBy: { provider: 'b', modelId: '2' } });
  });

  it('throws CONFIG_INVALID when the chain is empty', () => {
    expect(() => createFallbackModel([])).toThrow(MiairError);
  });

  it('recognises a chain and nothing else', () => {
    expect(isFallbackModel(createFallbackModel([model('a', '1', 'x')]))).toBe(true);
    expect(isFallbackModel(model('fallback', 'x', 'x'))).toBe(false);
  });
});
