import {
  DEFAULT_BUDGET_USD,
  DEFAULT_DOCUMENT_TIMEOUT_MS,
  DEFAULT_GATES,
  DEFAULT_MAX_ITERATIONS,
  DEFAULT_MAX_LENGTH_RATIO,
  DEFAULT_MAX_OUTPUT_TOKENS,
  DEFAULT_MAX_REJECTIONS,
  DEFAULT_MIN_LENGTH_RATIO,
  DEFAULT_PROFILE,
  DEFAULT_SECTION_THRESHOLD_CHARS,
  DEFAULT_MAX_SECTIONS,
  DEFAULT_STRATEGY,
  DEFAULT_TEMPERATURE,
} from '../config/defaults.js';
import { MAX_TIMER_DELAY_MS } from '../config/limits.js';
import { MiairError } from '../errors.js';
import type { ProfileId } from '../metrics/types.js';
import { createLocalModel } from '../providers/local/create-local-model.js';
import type { LanguageModel } from '../providers/spec.js';
import type { Budget } from './budget.js';
import { checkModelPrice, findPlanningPrice, MODEL_PRICES, type ModelPrice, type PriceTable } from './cost.js';
import type { RefineOptions, StrategyId } from './types.js';

/** {@link RefineOptions} with every default applied and every value checked; inner code reads these as they are. */
export interface ResolvedRefineOptions {
  model: LanguageModel;
  profile: ProfileId;
  strategy: StrategyId;
  maxIterations: number;
  gate: number;
  maxRejections: number;
  /** 0 means no deadline. */
  timeoutMs: number;
  /** 0 means no limit. */
  budgetUsd: number;
  sectionThresholdChars: number;
  maxSections: number;
  maxOutputTokens: number;
  temperature: number;
  abortSignal: AbortSignal | null;
  minLengthRatio: number;
  maxLengthRatio: number;
  /** The run's shared spending limit; null when there is none. */
  budget: Budget | null;
  /** The table answers are priced with. */
  prices: PriceTable;
  /**
   * The price calls are planned (budgeted) at: the model's own, or the
   * dearest of a fallback chain; null when unknown (its calls count as free).
   */
  price: ModelPrice | null;
}

const PROFILES: readonly ProfileId[] = ['miair', 'devdocai'];
const STRATEGIES: readonly StrategyId[] = ['quality', 'entropy', 'performance', 'adaptive'];
const OPTION_KEYS = [
  'model', 'profile', 'strategy', 'maxIterations', 'gate', 'maxRejections', 'timeoutMs',
  'budgetUsd', 'budget', 'prices', 'sectionThresholdChars', 'maxSections', 'maxOutputTokens', 'temperature', 'abortSignal',
] as const satisfies readonly (keyof RefineOptions)[];
// A field added to RefineOptions but not to OPTION_KEYS fails to compile here: unlisted, it would be
// refused as unknown and ignored when deciding whether the last resolution can be reused.
const ALL_OPTIONS_LISTED: [Exclude<keyof RefineOptions, (typeof OPTION_KEYS)[number]>] extends [never] ? true : never = true;
void ALL_OPTIONS_LISTED;
const KNOWN_KEYS: ReadonlySet<string> = new Set<string>(OPTION_KEYS);
/** The options whose values decide the resolution: all but the per-document signal. */
const RESOLVED_KEYS = OPTION_KEYS.filter((key) => key !== 'abortSignal');

/** The last options resolved with a model given (every option but `abortSignal`), and their resolution (see resolveRefineOptions). */
let last: { options: RefineOptions; resolved: ResolvedRefineOptions } | null = null;

/**
 * Applies the defaults of config/defaults.ts to `options` and validates every
 * value, once, at the boundary of {@link refine}. Never clamps: a value out of
 * range is an error.
 *
 * A run resolves the same options for every document (refineStream adds only
 * a signal per document), so the last resolution is reused when every option
 * but `abortSignal` is the same value (`===`) as last time: a few µs per
 * document. Values are compared, not the options object, so an options
 * object changed between calls is resolved again; the model, price table and
 * budget are compared by identity (a price table is frozen; a model's
 * provider and id do not change). Without a model every call gets a fresh
 * local model, as before, so nothing is reused. Only one resolution is kept:
 * runs with different options at once resolve in full, as before.
 *
 * @throws MiairError `CONFIG_INVALID` for a bad value, `CONFIG_UNKNOWN_KEY` for an unknown option.
 * @example
 * resolveRefineOptions({ maxIterations: 3 }).gate; // 85
 */
export function resolveRefineOptions(options: RefineOptions = {}): ResolvedRefineOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) fail('options', 'to be an object', options);
  for (const key in options) {
    if (Object.hasOwn(options, key) && !KNOWN_KEYS.has(key)) {
      throw new MiairError('CONFIG_UNKNOWN_KEY', `Unknown refine option \`${key}\`. Known options: ${[...KNOWN_KEYS].join(', ')}.`);
    }
  }
  const abortSignal = options.abortSignal ?? null;
  if (last !== null && options.model !== undefined && hasSameValues(options, last.options)) {
    if (abortSignal !== null && !(abortSignal instanceof AbortSignal)) fail('abortSignal', 'to be an AbortSignal', abortSignal);
    return { ...last.resolved, abortSignal };
  }
  const resolved = resolveAll(options, abortSignal);
  // A copy (the caller may change the object it gets), without the signal of this one document.
  last = options.model === undefined ? null : { options: { ...options, abortSignal: undefined }, resolved: { ...resolved, abortSignal: null } };
  return resolved;
}

/** Tells whether every option but `abortSignal` is the same value (`===`) in both (a loop over RESOLVED_KEYS cost the same as the spelt-out reads it replaced: 2.8-3.6 us per resolution either way). */
function hasSameValues(options: RefineOptions, previous: RefineOptions): boolean {
  for (const key of RESOLVED_KEYS) if (options[key] !== previous[key]) return false;
  return true;
}

function resolveAll(options: RefineOptions, abortSignal: AbortSignal | null): ResolvedRefineOptions {
  const profile = oneOf('profile', options.profile, PROFILES, DEFAULT_PROFILE);
  const minLengthRatio = DEFAULT_MIN_LENGTH_RATIO;
  const maxLengthRatio = DEFAULT_MAX_LENGTH_RATIO;
  const model = options.model ?? createLocalModel();
  if (
    typeof model !== 'object' || model === null || typeof model.doGenerate !== 'function' ||
    typeof model.provider !== 'string' || typeof model.modelId !== 'string'
  ) {
    fail('model', 'to be a LanguageModel (provider, modelId, doGenerate)', model);
  }
  const budgetUsd = numberInRange('budgetUsd', options.budgetUsd, DEFAULT_BUDGET_USD, 0, Number.POSITIVE_INFINITY, false);
  const prices = options.prices ?? MODEL_PRICES;
  if (typeof prices !== 'object' || prices === null || Array.isArray(prices)) fail('prices', 'to be a price table (createPriceTable)', prices);
  const budget = options.budget ?? null;
  if (budget !== null && (typeof budget !== 'object' || typeof budget.reserve !== 'function')) fail('budget', 'to be a Budget (createBudget)', budget);
  const price = findPlanningPrice(model, prices);
  // A table passed as a plain object is not checked by createPriceTable: a misspelt key gave NaN costs.
  if (price !== null) checkModelPrice(`${model.provider}/${model.modelId}`, price);
  if ((budgetUsd > 0 || budget !== null) && price === null) {
    throw new MiairError(
      'CONFIG_INVALID',
      `No price is known for model \`${model.provider}/${model.modelId}\`, so the budget cannot be enforced. Add its price with the \`prices\` option, or run without a budget.`,
    );
  }
  if (abortSignal !== null && !(abortSignal instanceof AbortSignal)) fail('abortSignal', 'to be an AbortSignal', abortSignal);
  return {
    model,
    profile,
    strategy: oneOf('strategy', options.strategy, STRATEGIES, DEFAULT_STRATEGY),
    maxIterations: numberInRange('maxIterations', options.maxIterations, DEFAULT_MAX_ITERATIONS, 1, Number.MAX_SAFE_INTEGER, true),
    gate: numberInRange('gate', options.gate, DEFAULT_GATES[profile], 0, 100, false),
    maxRejections: numberInRange('maxRejections', options.maxRejections, DEFAULT_MAX_REJECTIONS, 1, Number.MAX_SAFE_INTEGER, true),
    timeoutMs: numberInRange('timeoutMs', options.timeoutMs, DEFAULT_DOCUMENT_TIMEOUT_MS, 0, MAX_TIMER_DELAY_MS, true),
    budgetUsd,
    sectionThresholdChars: numberInRange('sectionThresholdChars', options.sectionThresholdChars, DEFAULT_SECTION_THRESHOLD_CHARS, 1, Number.MAX_SAFE_INTEGER, true),
    maxSections: numberInRange('maxSections', options.maxSections, DEFAULT_MAX_SECTIONS, 1, Number.MAX_SAFE_INTEGER, true),
    maxOutputTokens: numberInRange('maxOutputTokens', options.maxOutputTokens, DEFAULT_MAX_OUTPUT_TOKENS, 1, Number.MAX_SAFE_INTEGER, true),
    temperature: numberInRange('temperature', options.temperature, DEFAULT_TEMPERATURE, 0, 2, false),
    abortSignal,
    budget,
    prices,
    minLengthRatio,
    maxLengthRatio,
    price,
  };
}

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  return fail(name, `to be one of ${allowed.map((item) => `\`${item}\``).join(', ')}`, value);
}

function numberInRange(name: string, value: unknown, fallback: number, minimum: number, maximum: number, isInteger: boolean): number {
  if (value === undefined) return fallback;
  const kind = isInteger ? 'an integer' : 'a number';
  const range = maximum === Number.POSITIVE_INFINITY || maximum === Number.MAX_SAFE_INTEGER ? `>= ${minimum}` : `between ${minimum} and ${maximum}`;
  if (typeof value !== 'number' || !Number.isFinite(value) || (isInteger && !Number.isInteger(value)) || value < minimum || value > maximum) {
    return fail(name, `to be ${kind} ${range}`, value);
  }
  return value;
}

function fail(name: string, expectation: string, value: unknown): never {
  throw new MiairError('CONFIG_INVALID', `Expected \`${name}\` ${expectation}, got ${describeValue(value)}.`);
}

function describeValue(value: unknown): string {
  if (value === null) return '`null` (null)';
  if (Array.isArray(value)) return '`[…]` (array)';
  if (typeof value === 'object') return `\`${Object.prototype.toString.call(value)}\` (object)`;
  if (typeof value === 'function') return '`function` (function)';
  return `\`${String(value)}\` (${typeof value})`;
}
