/**
 * What model calls cost, from a per-model price table. Offline models (`local`,
 * `mock`) are free. A row is keyed `provider/modelId`, or `provider/*` for
 * every model of a provider; a dated snapshot (`claude-sonnet-4-5-20250929`,
 * `gpt-4o-2024-08-06`) is priced as its undated id. Override or add rows with
 * {@link createPriceTable} (the `prices` refine option).
 */
import { MiairError } from '../errors.js';
import { estimateTokens } from '../providers/estimate-tokens.js';
import type { LanguageModel, LanguageModelUsage } from '../providers/spec.js';

/** The price of one model, in US dollars per million tokens. */
export interface ModelPrice {
  inputUsdPerMillionTokens: number;
  outputUsdPerMillionTokens: number;
}

/** Prices keyed `provider/modelId` or `provider/*`. */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

const price = (inputUsdPerMillionTokens: number, outputUsdPerMillionTokens: number): ModelPrice => ({ inputUsdPerMillionTokens, outputUsdPerMillionTokens });

/**
 * Known list prices (standard tier, no caching or batch discount) in USD per
 * million tokens, as of 2026; vendors change them, so override them in
 * config (`prices`) rather than trusting this table for billing.
 */
export const MODEL_PRICES: PriceTable = {
  'local/*': price(0, 0),
  'mock/*': price(0, 0),
  'openai/gpt-5.2': price(1.75, 14),
  'openai/gpt-5.1': price(1.25, 10),
  'openai/gpt-5': price(1.25, 10),
  'openai/gpt-5-mini': price(0.25, 2),
  'openai/gpt-5-nano': price(0.05, 0.4),
  'openai/gpt-4.1': price(2, 8),
  'openai/gpt-4.1-mini': price(0.4, 1.6),
  'openai/gpt-4.1-nano': price(0.1, 0.4),
  'openai/gpt-4o': price(2.5, 10),
  'openai/gpt-4o-mini': price(0.15, 0.6),
  'openai/o3': price(2, 8),
  'openai/o4-mini': price(1.1, 4.4),
  'anthropic/claude-opus-4-5': price(5, 25),
  'anthropic/claude-opus-4-1': price(15, 75),
  'anthropic/claude-opus-4-0': price(15, 75),
  'anthropic/claude-sonnet-4-5': price(3, 15),
  'anthropic/claude-sonnet-4-0': price(3, 15),
  'anthropic/claude-haiku-4-5': price(1, 5),
  'anthropic/claude-3-7-sonnet-latest': price(3, 15),
  'anthropic/claude-3-5-haiku-latest': price(0.8, 4),
};

/**
 * {@link MODEL_PRICES} with `overrides` on top (same keys: `provider/modelId`
 * or `provider/*`), for a vendor's new prices, a negotiated rate, or a
 * self-hosted model that should be counted.
 *
 * @example
 * createPriceTable({ 'openai/gpt-4o-mini': { inputUsdPerMillionTokens: 0.1, outputUsdPerMillionTokens: 0.4 } });
 */
export function createPriceTable(overrides: PriceTable = {}): PriceTable {
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    throw new MiairError('CONFIG_INVALID', `Expected the price overrides to be an object keyed \`provider/modelId\`, got \`${String(overrides)}\`.`);
  }
  for (const [key, row] of Object.entries(overrides)) checkModelPrice(key, row);
  return Object.freeze({ ...MODEL_PRICES, ...overrides });
}

const PRICE_KEYS = ['inputUsdPerMillionTokens', 'outputUsdPerMillionTokens'] as const;

/**
 * Throws unless `row` is a {@link ModelPrice}: exactly its two keys, each a
 * finite number >= 0. A misspelt key gave NaN costs, which no budget stops.
 *
 * @throws MiairError `CONFIG_UNKNOWN_KEY` for another key, `CONFIG_INVALID` for a missing or bad number.
 */
export function checkModelPrice(key: string, row: unknown): asserts row is ModelPrice {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    throw new MiairError('CONFIG_INVALID', `Expected the price of \`${key}\` to be { inputUsdPerMillionTokens, outputUsdPerMillionTokens }, got \`${String(row)}\`.`);
  }
  for (const name of Object.keys(row)) {
    if (!(PRICE_KEYS as readonly string[]).includes(name)) {
      throw new MiairError('CONFIG_UNKNOWN_KEY', `Unknown key \`${name}\` in the price of \`${key}\`. Known keys: ${PRICE_KEYS.join(', ')}.`);
    }
  }
  for (const name of PRICE_KEYS) {
    const value: unknown = (row as Record<string, unknown>)[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new MiairError('CONFIG_INVALID', `Expected \`${name}\` in the price of \`${key}\` to be a number >= 0 (US dollars per million tokens), got \`${String(value)}\` (${typeof value}).`);
    }
  }
}

/** A trailing snapshot date: `-20250929` or `-2024-08-06`. */
const SNAPSHOT_SUFFIX = /-(?:\d{8}|\d{4}-\d{2}-\d{2})$/;

/**
 * The price of `model`: its exact `provider/modelId` row, else the row of
 * its undated id when it names a snapshot, else its `provider/*` row, else
 * null (unknown).
 */
export function findModelPrice(model: Pick<LanguageModel, 'provider' | 'modelId'>, table: PriceTable = MODEL_PRICES): ModelPrice | null {
  const undated = model.modelId.replace(SNAPSHOT_SUFFIX, '');
  return table[`${model.provider}/${model.modelId}`] ?? table[`${model.provider}/${undated}`] ?? table[`${model.provider}/*`] ?? null;
}

/**
 * The price to plan a call of `model` with: its own, or for a fallback chain
 * (a model with a `models` list) the dearest of its models, input and output
 * apart, so that no answer can cost more than planned. Null when any model
 * of the chain has no price.
 */
export function findPlanningPrice(model: LanguageModel, table: PriceTable = MODEL_PRICES): ModelPrice | null {
  const members = (model as { models?: unknown }).models;
  if (!Array.isArray(members)) return findModelPrice(model, table);
  let planning = price(0, 0);
  for (const member of members as LanguageModel[]) {
    const memberPrice = findPlanningPrice(member, table);
    if (memberPrice === null) return null;
    planning = price(
      Math.max(planning.inputUsdPerMillionTokens, memberPrice.inputUsdPerMillionTokens),
      Math.max(planning.outputUsdPerMillionTokens, memberPrice.outputUsdPerMillionTokens),
    );
  }
  return planning;
}

/** The cost in US dollars of `usage` at `price`; 0 when the price is unknown. */
export function costOfUsage(usage: LanguageModelUsage, modelPrice: ModelPrice | null): number {
  if (modelPrice === null) return 0;
  return (usage.inputTokens * modelPrice.inputUsdPerMillionTokens + usage.outputTokens * modelPrice.outputUsdPerMillionTokens) / 1_000_000;
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
