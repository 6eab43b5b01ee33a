/**
 * The refine options of a CLI run, built once from its settings and shared by
 * every document (the price table and the run budget included).
 */
import { createBudget } from '../refine/budget.js';
import { createPriceTable } from '../refine/cost.js';
import type { LanguageModel } from '../providers/spec.js';
import type { RefineOptions } from '../refine/types.js';
import type { CliSettings } from './resolve-settings.js';

/** Options every document of the run is refined with; one budget for the whole run. */
export function refineOptionsOf(settings: CliSettings, model: LanguageModel): RefineOptions {
  return {
    model,
    profile: settings.profile,
    strategy: settings.strategy,
    maxIterations: settings.maxIterations,
    maxRejections: settings.maxRejections,
    gate: settings.gate,
    timeoutMs: settings.timeoutMs,
    temperature: settings.temperature,
    maxOutputTokens: settings.maxOutputTokens,
    sectionThresholdChars: settings.sectionThresholdChars,
    maxSections: settings.maxSections,
    prices: createPriceTable(settings.prices),
    ...(settings.budgetUsd > 0 ? { budget: createBudget(settings.budgetUsd) } : {}),
  };
}
