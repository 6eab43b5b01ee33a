/**
 * What model calls cost, from a per-model price table. Offline models (`local`,
 * `mock`) are free. To price a vendor model, add a row to {@link MODEL_PRICES}
 * keyed `provider/modelId`, or `provider/*` for every model of a provider.
 */
import { estimateTokens } from '../providers/estimate-tokens.js';
import type { LanguageModel, LanguageModelUsage } from '../providers/spec.js';

/** The price of one model, in US dollars per million tokens. */
export interface ModelPrice {
  inputUsdPerMillionTokens: number;
  outputUsdPerMillionTokens: number;
}

/**
 * Known prices, keyed `provider/modelId` or `provider/*`. Vendor list prices
 * as published in 2025; update them when the vendors do.
 */
export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  'local/*': { inputUsdPerMillionTokens: 0, outputUsdPerMillionTokens: 0 },
  'mock/*': { inputUsdPerMillionTokens: 0, outputUsdPerMillionTokens: 0 },
  'openai/gpt-4o-mini': { inputUsdPerMillionTokens: 0.15, outputUsdPerMillionTokens: 0.6 },
  'openai/gpt-4o': { inputUsdPerMillionTokens: 2.5, outputUsdPerMillionTokens: 10 },
  'openai/gpt-4.1-mini': { inputUsdPerMillionTokens: 0.4, outputUsdPerMillionTokens: 1.6 },
  'openai/gpt-4.1': { inputUsdPerMillionTokens: 2, outputUsdPerMillionTokens: 8 },
  'anthropic/claude-3-5-haiku-latest': { inputUsdPerMillionTokens: 0.8, outputUsdPerMillionTokens: 4 },
  'anthropic/claude-sonnet-4-0': { inputUsdPerMillionTokens: 3, outputUsdPerMillionTokens: 15 },
};

/**
 * The price of `model`: its exact `provider/modelId` row, else its
 * `provider/*` row, else null (unknown).
 */
export function findModelPrice(
  model: Pick<LanguageModel, 'provider' | 'modelId'>,
  table: Readonly<Record<string, ModelPrice>> = MODEL_PRICES,
): ModelPrice | null {
  return table[`${model.provider}/${model.modelId}`] ?? table[`${model.provider}/*`] ?? null;
}

/** The cost in US dollars of `usage` at `price`; 0 when the price is unknown. */
export function costOfUsage(usage: LanguageModelUsage, price: ModelPrice | null): number {
  if (price === null) return 0;
  return (usage.inputTokens * price.inputUsdPerMillionTokens + usage.outputTokens * price.outputUsdPerMillionTokens) / 1_000_000;
}

/**
 * Estimates the tokens of a call before it is made (see `estimateTokens`):
 * the prompt's messages in, and an answer as long as the text sent, capped at
 * `maxOutputTokens`, out.
 */
export function estimateUsage(promptTexts: readonly string[], text: string, maxOutputTokens: number): LanguageModelUsage {
  return {
    inputTokens: promptTexts.reduce((sum, item) => sum + estimateTokens(item), 0),
    outputTokens: Math.min(maxOutputTokens, estimateTokens(text)),
  };
}
