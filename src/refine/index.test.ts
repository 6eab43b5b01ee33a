import { describe, expect, it } from 'vitest';
import * as refineModule from './index.js';

describe('refine/index', () => {
  it('exports the loop, the options resolver, the guards runner and the prompt builder', () => {
    for (const name of ['refine', 'resolveRefineOptions', 'checkPreservation', 'buildPrompt', 'selectStrategy', 'cleanModelOutput', 'findModelPrice', 'createPriceTable', 'createBudget', 'estimateRun'] as const) {
      expect(typeof refineModule[name]).toBe('function');
    }
    expect(refineModule.MODEL_PRICES['local/*']).toEqual({ inputUsdPerMillionTokens: 0, outputUsdPerMillionTokens: 0 });
  });
});
