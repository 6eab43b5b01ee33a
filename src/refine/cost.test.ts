import { describe, expect, it } from 'vitest';
import { costOfUsage, estimateUsage, findModelPrice, MODEL_PRICES } from './cost.js';

describe('findModelPrice', () => {
  it.each([
    ['local', 'rules', 0],
    ['mock', 'anything', 0],
    ['openai', 'gpt-4o-mini', 0.15],
  ])('finds the price of %s/%s', (provider, modelId, input) => {
    expect(findModelPrice({ provider, modelId })?.inputUsdPerMillionTokens).toBe(input);
  });

  it('returns null when the model is not in the table', () => {
    expect(findModelPrice({ provider: 'openai', modelId: 'unknown-model' })).toBeNull();
  });

  it('reads a table it is given when one is passed', () => {
    const table = { ...MODEL_PRICES, 'acme/*': { inputUsdPerMillionTokens: 1, outputUsdPerMillionTokens: 2 } };
    expect(findModelPrice({ provider: 'acme', modelId: 'x' }, table)).toEqual({ inputUsdPerMillionTokens: 1, outputUsdPerMillionTokens: 2 });
  });
});

describe('costOfUsage', () => {
  it('prices input and output tokens per million when the price is known', () => {
    const price = { inputUsdPerMillionTokens: 2.5, outputUsdPerMillionTokens: 10 };
    expect(costOfUsage({ inputTokens: 1_000_000, outputTokens: 500_000 }, price)).toBeCloseTo(7.5, 12);
  });

  it('returns 0 when the price is unknown', () => {
    expect(costOfUsage({ inputTokens: 1000, outputTokens: 1000 }, null)).toBe(0);
  });
});

describe('estimateUsage', () => {
  it('estimates 4 characters per token and caps the answer at maxOutputTokens', () => {
    expect(estimateUsage(['abcd', 'abcde'], 'x'.repeat(41), 100)).toEqual({ inputTokens: 3, outputTokens: 11 });
    expect(estimateUsage([], 'x'.repeat(4000), 100)).toEqual({ inputTokens: 0, outputTokens: 100 });
  });
});
