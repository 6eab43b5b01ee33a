/**
 * The refine loop: strategies, prompts, preservation guards and the loop
 * itself. See README.md for the rules it follows.
 */
export { refine } from './refine.js';
export { resolveRefineOptions } from './resolve-refine-options.js';
export type { ResolvedRefineOptions } from './resolve-refine-options.js';
export { checkPreservation } from './check-preservation.js';
export type { PreservationCheck, PreservationOptions } from './check-preservation.js';
export { buildPrompt } from './build-prompt.js';
export type { BuildPromptOptions, Prompt } from './build-prompt.js';
export { selectStrategy, STRATEGY_GUIDES } from './select-strategy.js';
export type { ConcreteStrategyId } from './select-strategy.js';
export { cleanModelOutput } from './clean-model-output.js';
export { MODEL_PRICES, createPriceTable, findModelPrice, findPlanningPrice, costOfUsage, estimateUsage } from './cost.js';
export type { ModelPrice, PriceTable } from './cost.js';
export { createBudget } from './budget.js';
export type { Budget, BudgetReservation } from './budget.js';
export { createRunEstimator, estimateRun } from './estimate-run.js';
export type { RunEstimate, RunEstimator, DocumentEstimate, UsageEstimate } from './estimate-run.js';
export type { RefineOptions, RefineResult, RefineIteration, StopReason, StrategyId, RejectionReason, MetricsSummary } from './types.js';
