import { describe, expect, it } from 'vitest';
import { MiairError } from '../errors.js';
import { score } from '../metrics/score.js';
import { estimateTokens } from '../providers/estimate-tokens.js';
import { createFallbackModel } from '../providers/middleware/create-fallback-model.js';
import { piiMiddleware } from '../providers/pii/pii-middleware.js';
import type { FinishReason, LanguageModel, LanguageModelResult, LanguageModelUsage } from '../providers/spec.js';
import { createBudget } from './budget.js';
import { createPriceTable } from './cost.js';
import { refine } from './refine.js';

// devdocai scores are exact (docs/metrics.md): WEAK 76.27, BETTER 80.57.
const WEAK = 'test test test bad bad bad document document document';
const BETTER = 'The test test was bad. The bad document was a test document.\n\nThe test was bad.';
const devdocai = { profile: 'devdocai' } as const;

type Step = Error | { text: string; finishReason?: FinishReason; answeredBy?: LanguageModelResult['answeredBy']; usage?: LanguageModelUsage };

/** A model that plays `steps` in order, repeating the last, after `delayMs` of real time. */
function scripted(steps: Step[], settings: { provider?: string; modelId?: string; delayMs?: number } = {}): LanguageModel & { calls: number } {
  const model = {
    provider: settings.provider ?? 'fake',
    modelId: settings.modelId ?? 'scripted',
    calls: 0,
    async doGenerate(): Promise<LanguageModelResult> {
      const step = steps[Math.min(model.calls, steps.length - 1)];
      model.calls++;
      if (settings.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, settings.delayMs));
      if (step === undefined || step instanceof Error) throw step ?? new Error('no step');
      return {
        text: step.text,
        finishReason: step.finishReason ?? 'stop',
        usage: step.usage ?? { inputTokens: 10, outputTokens: 20 },
        warnings: [],
        ...(step.answeredBy === undefined ? {} : { answeredBy: step.answeredBy }),
      };
    },
  };
  return model;
}

describe('refine with real-model failures', () => {
  it('rejects a candidate with pii-changed and goes on when a guard middleware rejects the answer', async () => {
    const guard = new MiairError('PROVIDER_INVALID_RESPONSE', 'placeholder [EMAIL_1] was dropped', { isRetryable: false, details: { guard: 'pii-placeholder' } });
    const model = scripted([guard, { text: BETTER }]);
    const result = await refine(WEAK, { ...devdocai, model, gate: 80 });
    expect(result.iterations.map((iteration) => iteration.rejectionReason)).toEqual(['pii-changed', null]);
    expect(result.iterations[0]?.rejectionDetail).toBe('PROVIDER_INVALID_RESPONSE: placeholder [EMAIL_1] was dropped');
    expect(result.stopReason).toBe('gate-reached');
    expect(result.error).toBeNull();
  });

  it('counts the usage a guard error reports when the rejected answer was paid for', async () => {
    const prices = createPriceTable({ 'fake/*': { inputUsdPerMillionTokens: 1_000_000, outputUsdPerMillionTokens: 0 } });
    const guard = new MiairError('PROVIDER_INVALID_RESPONSE', 'dropped', { details: { guard: 'pii-placeholder', usage: { inputTokens: 3, outputTokens: 4 } } });
    const result = await refine(WEAK, { ...devdocai, model: scripted([guard, { text: BETTER }]), gate: 80, prices });
    expect(result.iterations[0]).toMatchObject({ rejectionReason: 'pii-changed', usage: { inputTokens: 3, outputTokens: 4 }, costUsd: 3 });
    expect(result.usage).toEqual({ inputTokens: 13, outputTokens: 24 });
  });

  it('rejects with pii-changed when the PII middleware finds a placeholder dropped', async () => {
    const text = `${WEAK} Mail alice.smith@acmecorp.io today.`;
    const dropping = scripted([{ text: BETTER }]);
    const model = piiMiddleware({ mode: 'mask' })(dropping);
    const result = await refine(text, { ...devdocai, model, gate: 100, maxRejections: 1 });
    expect(result.iterations.map((iteration) => iteration.rejectionReason)).toEqual(['pii-changed']);
    expect(result.text).toBe(text);
    expect(result.stopReason).toBe('no-improvement');
  });

  it('rejects with model-error and goes on when a guard that is not about PII rejects the answer', async () => {
    const guard = new MiairError('PROVIDER_INVALID_RESPONSE', 'boundary leaked', { isRetryable: false, details: { guard: 'boundary' } });
    const result = await refine(WEAK, { ...devdocai, model: scripted([guard, { text: BETTER }]), gate: 80 });
    expect(result.iterations.map((iteration) => iteration.rejectionReason)).toEqual(['model-error', null]);
    expect(result.stopReason).toBe('gate-reached');
  });

  it('rejects an answer cut off at maxOutputTokens even when it scores higher', async () => {
    expect(score(BETTER, devdocai).quality).toBeGreaterThan(score(WEAK, devdocai).quality);
    const model = scripted([{ text: BETTER, finishReason: 'length', usage: { inputTokens: 5, outputTokens: 7 } }]);
    const result = await refine(WEAK, { ...devdocai, model, gate: 80, maxRejections: 2 });
    expect(result.iterations.map((iteration) => [iteration.rejectionReason, iteration.accepted])).toEqual([['truncated', false], ['truncated', false]]);
    expect(result.iterations[0]?.rejectionDetail).toContain('maxOutputTokens');
    expect(result.text).toBe(WEAK);
    expect(result.stopReason).toBe('no-improvement');
    expect(result.usage).toEqual({ inputTokens: 10, outputTokens: 14 });
  });

  it('rejects with truncated when the adapter reports a cut-off answer as an error', async () => {
    const cut = new MiairError('PROVIDER_INVALID_RESPONSE', 'cut off', { details: { reason: 'length' } });
    const result = await refine(WEAK, { ...devdocai, model: scripted([cut, { text: BETTER }]), gate: 80 });
    expect(result.iterations.map((iteration) => iteration.rejectionReason)).toEqual(['truncated', null]);
  });

  it('records the model that answered and prices the answer at its price when a fallback chain answers', async () => {
    const down = scripted([new MiairError('PROVIDER_UNAVAILABLE', 'HTTP 503')], { provider: 'openai', modelId: 'gpt-4o' });
    const backup = scripted([{ text: BETTER, usage: { inputTokens: 1_000_000, outputTokens: 1_000_000 } }], { provider: 'anthropic', modelId: 'claude-haiku-4-5-20251001' });
    const result = await refine(WEAK, { ...devdocai, model: createFallbackModel([down, backup]), gate: 80 });
    expect(result.iterations[0]).toMatchObject({ provider: 'anthropic', modelId: 'claude-haiku-4-5-20251001', accepted: true });
    // claude-haiku-4-5: $1 in and $5 out per million tokens.
    expect(result.iterations[0]?.costUsd).toBeCloseTo(6, 9);
    expect(result.costUsd).toBeCloseTo(6, 9);
  });

  it('prices calls with the price table it is given', async () => {
    const prices = createPriceTable({ 'fake/*': { inputUsdPerMillionTokens: 1_000_000, outputUsdPerMillionTokens: 0 } });
    const result = await refine(WEAK, { ...devdocai, model: scripted([{ text: BETTER }]), gate: 80, prices });
    expect(result.costUsd).toBe(10);
  });

  it('stops documents refined at once with budget before the run budget is overspent', async () => {
    // $1 per output token: every call is estimated and billed at estimateTokens(WEAK) dollars.
    const prices = createPriceTable({ 'fake/*': { inputUsdPerMillionTokens: 0, outputUsdPerMillionTokens: 1_000_000 } });
    const perCallUsd = estimateTokens(WEAK);
    const budget = createBudget(3 * perCallUsd + 1);
    const model = scripted([{ text: BETTER, usage: { inputTokens: 0, outputTokens: perCallUsd } }], { delayMs: 5 });
    const results = await Promise.all(Array.from({ length: 5 }, () => refine(WEAK, { ...devdocai, model, gate: 80, budget, prices })));
    expect(results.map((result) => result.stopReason).sort()).toEqual(['budget', 'budget', 'gate-reached', 'gate-reached', 'gate-reached']);
    expect(model.calls).toBe(3);
    expect(budget.spentUsd).toBe(3 * perCallUsd);
    expect(budget.reservedUsd).toBe(0);
    expect(budget.remainingUsd).toBe(1);
  });

  it('frees the reservation of a call that failed', async () => {
    const prices = createPriceTable({ 'fake/*': { inputUsdPerMillionTokens: 0, outputUsdPerMillionTokens: 1_000_000 } });
    const budget = createBudget(1000);
    const result = await refine(WEAK, { ...devdocai, model: scripted([new MiairError('PROVIDER_ERROR', 'HTTP 400')]), budget, prices });
    expect(result.stopReason).toBe('error');
    expect([budget.spentUsd, budget.reservedUsd]).toEqual([0, 0]);
  });

  it('applies the document budget and the run budget together', async () => {
    const prices = createPriceTable({ 'fake/*': { inputUsdPerMillionTokens: 0, outputUsdPerMillionTokens: 1_000_000 } });
    const budget = createBudget(1000);
    const result = await refine(WEAK, { ...devdocai, model: scripted([{ text: BETTER }]), budget, budgetUsd: 1, prices });
    expect(result.stopReason).toBe('budget');
    expect(result.iterations).toEqual([]);
    expect(budget.reservedUsd).toBe(0);
  });

  it('throws CONFIG_INVALID when a run budget is given for a chain with an unpriced model', async () => {
    const chain = createFallbackModel([scripted([{ text: BETTER }], { provider: 'openai', modelId: 'gpt-4o' }), scripted([{ text: BETTER }])]);
    await expect(refine(WEAK, { model: chain, budget: createBudget(1) })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});
