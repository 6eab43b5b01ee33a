import type { LanguageModel, LanguageModelUsage } from '../providers/spec.js';
import type { Metrics, ProfileId } from '../metrics/types.js';
import type { MiairError } from '../errors.js';
import type { Budget } from './budget.js';
import type { PriceTable } from './cost.js';

/** How the loop chooses what to ask the model for. */
export type StrategyId = 'quality' | 'entropy' | 'performance' | 'adaptive';

/** Why the loop stopped. */
export type StopReason =
  | 'gate-reached'
  | 'max-iterations'
  | 'no-improvement'
  | 'timeout'
  | 'budget'
  | 'error'
  | 'skipped';

/** Why a candidate was not kept; the first failing check wins. */
export type RejectionReason =
  | 'empty'
  | 'scaffolding'
  | 'protected-span-changed'
  | 'front-matter-changed'
  | 'link-changed'
  | 'number-changed'
  | 'heading-changed'
  | 'length-out-of-bounds'
  | 'not-improved'
  | 'model-error'
  /** A guard middleware (PII masking) found a placeholder dropped, duplicated or altered (`details.guard` on the model's error). */
  | 'pii-changed'
  /** The answer was cut off (finish reason `length`): never accepted, whatever it scores. */
  | 'truncated';

/** A short form of metrics kept per iteration. */
export interface MetricsSummary {
  quality: number;
  entropy: number;
  coherence: number;
  words: number;
}

/** One model call and its verdict. */
export interface RefineIteration {
  /** 1-based. */
  index: number;
  strategy: Exclude<StrategyId, 'adaptive'>;
  /** The section refined (0-based index into the document's sections), or null for the whole document. */
  sectionIndex: number | null;
  /** The provider and model that answered (a fallback chain's `answeredBy`), else the model called. */
  provider: string;
  modelId: string;
  accepted: boolean;
  /** Set when not accepted. */
  rejectionReason: RejectionReason | null;
  /** Human-readable detail of the rejection (which guard, which span). */
  rejectionDetail: string | null;
  /** Objective (quality of the whole document) before and with the candidate. */
  objectiveBefore: number;
  objectiveAfter: number | null;
  candidate: MetricsSummary | null;
  usage: LanguageModelUsage;
  costUsd: number;
  durationMs: number;
}

/** The outcome of refining one document. */
export interface RefineResult {
  inputText: string;
  /** The best text found: the input itself when nothing was accepted. */
  text: string;
  initialMetrics: Metrics;
  finalMetrics: Metrics;
  iterations: RefineIteration[];
  stopReason: StopReason;
  /** Set when `stopReason` is `error`. */
  error: MiairError | null;
  usage: LanguageModelUsage;
  costUsd: number;
  durationMs: number;
}

/** Options of {@link refine}; every field has a default in config/defaults.ts. */
export interface RefineOptions {
  /** @default the offline `local` refiner */
  model?: LanguageModel;
  profile?: ProfileId;
  strategy?: StrategyId;
  maxIterations?: number;
  /** 0-100; defaults per profile. */
  gate?: number;
  /** Consecutive rejections that stop the loop. */
  maxRejections?: number;
  /** Per-document deadline in ms; 0 means none. */
  timeoutMs?: number;
  /** Spending limit in USD for this document; 0 means none. Applies together with `budget`. */
  budgetUsd?: number;
  /** A spending limit shared by every document of a run (`createBudget`); calls reserve their estimate in it before they start. */
  budget?: Budget;
  /** Price table to cost calls with (`createPriceTable(overrides)`). @default MODEL_PRICES */
  prices?: PriceTable;
  /** Documents longer than this are refined section by section. */
  sectionThresholdChars?: number;
  /** Sections of a long document sent at most, weakest first; the others stay as they are. */
  maxSections?: number;
  maxOutputTokens?: number;
  temperature?: number;
  abortSignal?: AbortSignal;
}
