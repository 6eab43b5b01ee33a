import { describe, expect, it } from 'vitest';
import { MiairError } from '../errors.js';
import { createFallbackModel, isFallbackModel } from '../providers/middleware/create-fallback-model.js';
import { wrapLanguageModel } from '../providers/middleware/language-model-middleware.js';
import { createMockModel } from '../providers/mock/create-mock-model.js';
import type { LanguageModel, LanguageModelCallOptions } from '../providers/spec.js';
import { wrapDocumentBlock } from '../providers/document-block.js';
import { adaptiveConcurrencyMiddleware } from './adaptive-concurrency-middleware.js';
import { createAdaptiveLimit } from './adaptive-limit.js';

const CALL: LanguageModelCallOptions = { messages: [{ role: 'user', content: wrapDocumentBlock('Some text.', 'b0undary') }], maxOutputTokens: 100, temperature: 0.2 };

function failingModel(code: 'PROVIDER_RATE_LIMITED' | 'PROVIDER_ERROR'): LanguageModel {
  return { provider: 'fake', modelId: code, doGenerate: async () => { throw new MiairError(code, 'no'); } };
}

describe('adaptiveConcurrencyMiddleware', () => {
  it('keeps calls at once under the limit', async () => {
    const mock = createMockModel({ latencyMs: 5 });
    const model = wrapLanguageModel(mock, [adaptiveConcurrencyMiddleware(createAdaptiveLimit({ min: 3, max: 3, initial: 3 }))]);
    await Promise.all(Array.from({ length: 12 }, () => model.doGenerate(CALL)));
    expect(mock.stats().maxInFlight).toBe(3);
    expect(mock.calls).toBe(12);
  });

  it('grows the limit on fast answers', async () => {
    const limit = createAdaptiveLimit({ min: 1, max: 64, initial: 2 });
    const model = adaptiveConcurrencyMiddleware(limit)(createMockModel({ latencyMs: 0 }));
    await Promise.all(Array.from({ length: 40 }, () => model.doGenerate(CALL)));
    expect(limit.current).toBeGreaterThan(2);
    expect(limit.minLatencyMs).not.toBeNull();
  });

  it('shrinks the limit on PROVIDER_RATE_LIMITED and rethrows', async () => {
    const limit = createAdaptiveLimit({ min: 1, max: 64, initial: 32 });
    const model = adaptiveConcurrencyMiddleware(limit)(failingModel('PROVIDER_RATE_LIMITED'));
    await expect(model.doGenerate(CALL)).rejects.toMatchObject({ code: 'PROVIDER_RATE_LIMITED' });
    expect(limit.current).toBe(16);
    expect(limit.inFlight).toBe(0);
  });

  it('leaves the limit alone on other errors', async () => {
    const limit = createAdaptiveLimit({ min: 1, max: 64, initial: 32 });
    const model = adaptiveConcurrencyMiddleware(limit)(failingModel('PROVIDER_ERROR'));
    await expect(model.doGenerate(CALL)).rejects.toMatchObject({ code: 'PROVIDER_ERROR' });
    expect(limit.current).toBe(32);
    expect(limit.inFlight).toBe(0);
  });

  it('keeps the models of a fallback chain so the loop can price it', () => {
    const chain = createFallbackModel([createMockModel(), createMockModel()]);
    const gated = adaptiveConcurrencyMiddleware(createAdaptiveLimit())(chain);
    expect(isFallbackModel(gated)).toBe(true);
    expect(isFallbackModel(adaptiveConcurrencyMiddleware(createAdaptiveLimit())(createMockModel()))).toBe(false);
  });
});
