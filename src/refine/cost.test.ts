import { describe, expect, it } from 'vitest';
import type { LanguageModel } from '../providers/spec.js';
import { costOfUsage, createPriceTable, estimateUsage, findModelPrice, findPlanningPrice, MODEL_PRICES } from './cost.js';

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

describe('createPriceTable', () => {
  it('puts overrides on top of MODEL_PRICES when a row is given', () => {
    const table = createPriceTable({ 'openai/gpt-4o-mini': { inputUsdPerMillionTokens: 0.1, outputUsdPerMillionTokens: 0.4 } });
    expect(findModelPrice({ provider: 'openai', modelId: 'gpt-4o-mini' }, table)).toEqual({ inputUsdPerMillionTokens: 0.1, outputUsdPerMillionTokens: 0.4 });
    expect(findModelPrice({ provider: 'openai', modelId: 'gpt-4o' }, table)).toEqual(MODEL_PRICES['openai/gpt-4o']);
    expect(MODEL_PRICES['openai/gpt-4o-mini']?.inputUsdPerMillionTokens).toBe(0.15);
  });

  it.each([
    [{ 'acme/x': { inputPerMillionUsd: 1, outputUsdPerMillionTokens: 2 } }, 'CONFIG_UNKNOWN_KEY', 'Unknown key `inputPerMillionUsd` in the price of `acme/x`'],
    [{ 'acme/x': { outputUsdPerMillionTokens: 2 } }, 'CONFIG_INVALID', '`inputUsdPerMillionTokens` in the price of `acme/x` to be a number >= 0'],
    [{ 'acme/x': { inputUsdPerMillionTokens: -1, outputUsdPerMillionTokens: 2 } }, 'CONFIG_INVALID', 'got `-1` (number)'],
    [{ 'acme/x': { inputUsdPerMillionTokens: '1', outputUsdPerMillionTokens: 2 } }, 'CONFIG_INVALID', 'got `1` (string)'],
    [{ 'acme/x': 3 }, 'CONFIG_INVALID', 'Expected the price of `acme/x` to be'],
  ])('refuses a row that would make costs NaN: %j', (overrides, code, message) => {
    expect(() => createPriceTable(overrides as never)).toThrow(expect.objectContaining({ code, message: expect.stringContaining(message) }));
  });
});

describe('findModelPrice with snapshots', () => {
  it.each([
    ['anthropic', 'claude-sonnet-4-5-20250929', 3],
    ['openai', 'gpt-4o-2024-08-06', 2.5],
    ['openai', 'gpt-5-mini', 0.25],
  ])('prices %s/%s as its undated id', (provider, modelId, input) => {
    expect(findModelPrice({ provider, modelId })?.inputUsdPerMillionTokens).toBe(input);
  });
});

describe('findPlanningPrice', () => {
  const doGenerate = (): never => {
    throw new Error('not called');
  };
  const member = (provider: string, modelId: string): LanguageModel => ({ provider, modelId, doGenerate });

  it('takes the dearest input and output of a chain when the model lists models', () => {
    const chain = { ...member('fallback', 'x'), models: [member('openai', 'gpt-4.1'), member('anthropic', 'claude-haiku-4-5')] };
    expect(findPlanningPrice(chain)).toEqual({ inputUsdPerMillionTokens: 2, outputUsdPerMillionTokens: 8 });
  });

  it('returns null when a model of the chain has no price', () => {
    const chain = { ...member('fallback', 'x'), models: [member('openai', 'gpt-4.1'), member('acme', 'y')] };
    expect(findPlanningPrice(chain)).toBeNull();
  });

  it('returns the model own price when it is not a chain', () => {
    expect(findPlanningPrice(member('local', 'rules'))).toEqual({ inputUsdPerMillionTokens: 0, outputUsdPerMillionTokens: 0 });
  });
});
