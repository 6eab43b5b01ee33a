/**
 * miair: measure and improve documentation.
 * A curated list of exports; test helpers load through `miair/testing`.
 *
 * @example
 * import { score, refine } from 'miair';
 * const metrics = score(markdown);
 * const result = await refine(markdown, { gate: 85 });
 */
export { MiairError, ERROR_CODES, errorCategory } from './errors.js';
export type { ErrorCode, ErrorCategory, MiairErrorOptions } from './errors.js';

export { score, PROFILE_IDS, isProfileId } from './metrics/score.js';
export type { Metrics, Finding, Severity, ProfileId, ScoreOptions } from './metrics/types.js';

export { refine, resolveRefineOptions, checkPreservation, buildPrompt, MODEL_PRICES } from './refine/index.js';
export type { ResolvedRefineOptions, PreservationCheck, PreservationOptions, ModelPrice } from './refine/index.js';
export type { RefineOptions, RefineResult, RefineIteration, StopReason, StrategyId, RejectionReason, MetricsSummary } from './refine/types.js';

export { parseMarkdown } from './document/parse-markdown.js';
export type { TextRange, ProtectedSpan, ProtectedSpanKind, Heading, Link, Section, ParsedDocument, SourceDocument, TextEncodingInfo } from './document/types.js';

export { createLocalModel, LOCAL_MODEL_ID } from './providers/local/create-local-model.js';
export type { LocalModelOptions } from './providers/local/create-local-model.js';
export type { LanguageModel, LanguageModelCallOptions, LanguageModelMessage, LanguageModelResult, LanguageModelUsage, LanguageModelWarning, FinishReason } from './providers/spec.js';

export { MIAIR_VERSION } from './version.js';
