import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_ITERATIONS, DEFAULT_MAX_REJECTIONS, DEFAULT_SECTION_THRESHOLD_CHARS } from '../config/defaults.js';
import { MiairError } from '../errors.js';
import type { LanguageModel } from '../providers/spec.js';
import { createBudget } from './budget.js';
import { createPriceTable } from './cost.js';
import { resolveRefineOptions, type ResolvedRefineOptions } from './resolve-refine-options.js';
import type { RefineOptions } from './types.js';

const fakeModel: LanguageModel = {
  provider: 'fake',
  modelId: 'fake-1',
  doGenerate: () => Promise.reject(new Error('not called')),
};

function errorOf(options: unknown): MiairError {
  try {
    resolveRefineOptions(options as RefineOptions);
  } catch (error) {
    if (MiairError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected resolveRefineOptions to throw');
}

describe('resolveRefineOptions', () => {
  it('applies every default when no option is given', () => {
    const resolved = resolveRefineOptions({ model: fakeModel });
    expect(resolved).toMatchObject({
      model: fakeModel,
      profile: 'miair',
      strategy: 'quality',
      maxIterations: DEFAULT_MAX_ITERATIONS,
      gate: 85,
      maxRejections: DEFAULT_MAX_REJECTIONS,
      timeoutMs: 0,
      budgetUsd: 0,
      sectionThresholdChars: DEFAULT_SECTION_THRESHOLD_CHARS,
      maxOutputTokens: 4096,
      temperature: 0.2,
      abortSignal: null,
      minLengthRatio: 0.5,
      maxLengthRatio: 2,
      price: null,
    });
  });

  it('uses the local model when none is given', () => {
    const resolved = resolveRefineOptions();
    expect(resolved.model.provider).toBe('local');
    expect(resolved.price).toEqual({ inputUsdPerMillionTokens: 0, outputUsdPerMillionTokens: 0 });
  });

  it('keeps explicit values when they are valid', () => {
    const controller = new AbortController();
    const resolved = resolveRefineOptions({
      model: fakeModel, profile: 'devdocai', strategy: 'adaptive', maxIterations: 3, gate: 0, maxRejections: 5,
      timeoutMs: 1000, sectionThresholdChars: 10, maxOutputTokens: 10, temperature: 0, abortSignal: controller.signal,
    });
    expect(resolved).toMatchObject({ profile: 'devdocai', strategy: 'adaptive', maxIterations: 3, gate: 0, maxRejections: 5, timeoutMs: 1000, abortSignal: controller.signal });
  });

  it.each([
    [{ maxIterations: 0 }, 'Expected `maxIterations` to be an integer >= 1, got `0` (number).'],
    [{ maxIterations: 1.5 }, 'Expected `maxIterations` to be an integer >= 1, got `1.5` (number).'],
    [{ maxIterations: '3' }, 'Expected `maxIterations` to be an integer >= 1, got `3` (string).'],
    [{ gate: 101 }, 'Expected `gate` to be a number between 0 and 100, got `101` (number).'],
    [{ gate: Number.NaN }, 'Expected `gate` to be a number between 0 and 100, got `NaN` (number).'],
    [{ maxRejections: 0 }, 'Expected `maxRejections` to be an integer >= 1, got `0` (number).'],
    [{ timeoutMs: -1 }, 'Expected `timeoutMs` to be an integer between 0 and 2147483647, got `-1` (number).'],
    [{ timeoutMs: 2_147_483_648 }, 'Expected `timeoutMs` to be an integer between 0 and 2147483647, got `2147483648` (number).'],
    [{ budgetUsd: -0.5 }, 'Expected `budgetUsd` to be a number >= 0, got `-0.5` (number).'],
    [{ sectionThresholdChars: 0 }, 'Expected `sectionThresholdChars` to be an integer >= 1, got `0` (number).'],
    [{ temperature: 3 }, 'Expected `temperature` to be a number between 0 and 2, got `3` (number).'],
    [{ maxOutputTokens: null }, 'Expected `maxOutputTokens` to be an integer >= 1, got `null` (null).'],
    [{ profile: 'fancy' }, 'Expected `profile` to be one of `miair`, `devdocai`, got `fancy` (string).'],
    [{ strategy: 'fast' }, 'Expected `strategy` to be one of `quality`, `entropy`, `performance`, `adaptive`, got `fast` (string).'],
    [{ abortSignal: {} }, 'Expected `abortSignal` to be an AbortSignal, got `[object Object]` (object).'],
    [{ model: { provider: 'x' } }, 'Expected `model` to be a LanguageModel (provider, modelId, doGenerate), got `[object Object]` (object).'],
    [{ model: 'openai' }, 'Expected `model` to be a LanguageModel (provider, modelId, doGenerate), got `openai` (string).'],
  ])('throws CONFIG_INVALID when given %j', (options, message) => {
    const error = errorOf({ model: fakeModel, ...options });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toBe(message);
  });

  it('throws CONFIG_INVALID when options is not an object', () => {
    expect(errorOf([1]).message).toBe('Expected `options` to be an object, got `[…]` (array).');
    expect(errorOf(() => 1).message).toBe('Expected `options` to be an object, got `function` (function).');
  });

  it('throws CONFIG_UNKNOWN_KEY when an option is misspelt', () => {
    const error = errorOf({ model: fakeModel, maxIteration: 3 });
    expect(error.code).toBe('CONFIG_UNKNOWN_KEY');
    expect(error.message).toContain('`maxIteration`');
  });

  it('throws CONFIG_INVALID when a budget is set for a model without a price', () => {
    const error = errorOf({ model: fakeModel, budgetUsd: 1 });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('`fake/fake-1`');
  });

  it('finds the price when the model is in the table', () => {
    const priced: LanguageModel = { ...fakeModel, provider: 'openai', modelId: 'gpt-4o' };
    expect(resolveRefineOptions({ model: priced, budgetUsd: 1 }).price).toEqual({ inputUsdPerMillionTokens: 2.5, outputUsdPerMillionTokens: 10 });
  });

  describe('when the same options come again (the last resolution is reused)', () => {
    const priced: LanguageModel = { ...fakeModel, provider: 'openai', modelId: 'gpt-4o' };

    it('sees an option changed in place on the same object', () => {
      const options: RefineOptions = { model: priced, gate: 70 };
      expect(resolveRefineOptions(options).gate).toBe(70);
      options.gate = 75;
      expect(resolveRefineOptions(options).gate).toBe(75);
      delete options.gate;
      expect(resolveRefineOptions(options).gate).toBe(85);
    });

    it('sees a new value of every option but abortSignal', () => {
      const base: RefineOptions = { model: priced };
      const changes: { [K in keyof RefineOptions]-?: [RefineOptions[K], (resolved: ResolvedRefineOptions) => unknown] } = {
        model: [{ ...priced, modelId: 'gpt-4o-mini' }, (resolved) => resolved.model.modelId],
        profile: ['devdocai', (resolved) => resolved.profile],
        strategy: ['entropy', (resolved) => resolved.strategy],
        maxIterations: [7, (resolved) => resolved.maxIterations],
        gate: [50, (resolved) => resolved.gate],
        maxRejections: [5, (resolved) => resolved.maxRejections],
        timeoutMs: [1000, (resolved) => resolved.timeoutMs],
        budgetUsd: [1, (resolved) => resolved.budgetUsd],
        budget: [createBudget(1), (resolved) => resolved.budget],
        prices: [createPriceTable({}), (resolved) => resolved.prices],
        sectionThresholdChars: [999, (resolved) => resolved.sectionThresholdChars],
        maxSections: [3, (resolved) => resolved.maxSections],
        maxOutputTokens: [77, (resolved) => resolved.maxOutputTokens],
        temperature: [0.5, (resolved) => resolved.temperature],
        abortSignal: [new AbortController().signal, (resolved) => resolved.abortSignal],
      };
      for (const [key, [value, read]] of Object.entries(changes)) {
        resolveRefineOptions(base);
        const expected = key === 'model' ? 'gpt-4o-mini' : value;
        expect(read(resolveRefineOptions({ ...base, [key]: value })), key).toBe(expected);
      }
    });

    it('gives every call its own abortSignal and rejects one that is not an AbortSignal', () => {
      const options: RefineOptions = { model: priced, gate: 60 };
      const first = new AbortController().signal;
      const second = new AbortController().signal;
      expect(resolveRefineOptions({ ...options, abortSignal: first }).abortSignal).toBe(first);
      expect(resolveRefineOptions({ ...options, abortSignal: second }).abortSignal).toBe(second);
      expect(resolveRefineOptions(options).abortSignal).toBeNull();
      expect(errorOf({ ...options, abortSignal: 'stop' }).message).toBe('Expected `abortSignal` to be an AbortSignal, got `stop` (string).');
    });

    it('is not affected by changes to a resolution it returned', () => {
      const options: RefineOptions = { model: priced, gate: 65 };
      const resolved = resolveRefineOptions(options);
      resolved.gate = 1;
      expect(resolveRefineOptions(options).gate).toBe(65);
    });

    it('makes a new local model per call when no model is given', () => {
      expect(resolveRefineOptions({}).model).not.toBe(resolveRefineOptions({}).model);
    });
  });
});

describe('resolveRefineOptions prices', () => {
  it('refuses a plain price table whose row for the model is misspelt, which gave NaN costs and a budget that never stopped', () => {
    const model = { provider: 'acme', modelId: 'x', doGenerate: () => Promise.reject(new Error('unused')) };
    expect(() => resolveRefineOptions({ model, prices: { 'acme/x': { inputPerMillionUsd: 1, outputUsdPerMillionTokens: 2 } as never }, budgetUsd: 1 })).toThrow(
      expect.objectContaining({ code: 'CONFIG_UNKNOWN_KEY' }),
    );
  });
});
