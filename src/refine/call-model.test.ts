import { describe, expect, it } from 'vitest';
import { MiairError } from '../errors.js';
import type { LanguageModel } from '../providers/spec.js';
import { callModel } from './call-model.js';

const callOptions = { messages: [], maxOutputTokens: 10, temperature: 0 };

function modelAnswering(answer: () => Promise<unknown>): LanguageModel & { calls: number } {
  const model = {
    provider: 'fake',
    modelId: 'fake',
    calls: 0,
    doGenerate: () => {
      model.calls++;
      return answer() as never;
    },
  };
  return model;
}

async function errorOf(promise: Promise<unknown>): Promise<MiairError> {
  try {
    await promise;
  } catch (error) {
    if (MiairError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('callModel', () => {
  it('does not call the model when the signal has already fired', async () => {
    const model = modelAnswering(() => Promise.resolve({ text: 'x' }));
    const error = await errorOf(callModel(model, callOptions, AbortSignal.abort()));
    expect(error.code).toBe('ABORTED');
    expect(model.calls).toBe(0);
  });

  it('wraps a synchronous throw of the model as PROVIDER_ERROR', async () => {
    const model: LanguageModel = {
      provider: 'fake',
      modelId: 'fake',
      doGenerate: () => {
        throw new TypeError('boom');
      },
    };
    const error = await errorOf(callModel(model, callOptions, null));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(error.isRetryable).toBe(false);
  });

  it('keeps the fields of a valid answer and fills the missing ones', async () => {
    const model = modelAnswering(() => Promise.resolve({ text: 'x', responseHeaders: { 'retry-after': '1' } }));
    expect(await callModel(model, callOptions, null)).toEqual({
      text: 'x',
      finishReason: 'other',
      usage: { inputTokens: 0, outputTokens: 0 },
      warnings: [],
      responseHeaders: { 'retry-after': '1' },
    });
  });
});
