/**
 * miair: measure and improve documentation.
 * A curated list of exports; heavy parts load through subpaths (`miair/testing`).
 */
export { MiairError, ERROR_CODES, errorCategory } from './errors.js';
export type { ErrorCode, ErrorCategory, MiairErrorOptions } from './errors.js';
export type { TextRange, ProtectedSpan, ProtectedSpanKind, Heading, Link, Section, ParsedDocument, SourceDocument, TextEncodingInfo } from './document/types.js';
export type { Metrics, Finding, Severity, ProfileId, ScoreOptions } from './metrics/types.js';
export type { LanguageModel, LanguageModelCallOptions, LanguageModelMessage, LanguageModelResult, LanguageModelUsage, LanguageModelWarning, FinishReason } from './providers/spec.js';
export type { RefineOptions, RefineResult, RefineIteration, StopReason, StrategyId, RejectionReason, MetricsSummary } from './refine/types.js';
