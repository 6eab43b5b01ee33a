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

export { score, scoreDocument, PROFILE_IDS, isProfileId } from './metrics/score.js';
export type { Metrics, Finding, Severity, ProfileId, ScoreOptions } from './metrics/types.js';

export { refine, resolveRefineOptions, checkPreservation, buildPrompt, MODEL_PRICES } from './refine/index.js';
export { createBudget } from './refine/budget.js';
export type { Budget, BudgetReservation } from './refine/budget.js';
export { createPriceTable } from './refine/cost.js';
export type { PriceTable } from './refine/cost.js';
export { createRunEstimator, estimateRun } from './refine/estimate-run.js';
export type { RunEstimate, RunEstimator, DocumentEstimate, UsageEstimate } from './refine/estimate-run.js';
export type { ResolvedRefineOptions, PreservationCheck, PreservationOptions, ModelPrice } from './refine/index.js';
export type { RefineOptions, RefineResult, RefineIteration, StopReason, StrategyId, RejectionReason, MetricsSummary } from './refine/types.js';

export { parseMarkdown } from './document/parse-markdown.js';
export type { TextRange, ProtectedSpan, ProtectedSpanKind, Heading, Link, Section, ParsedDocument, SourceDocument, TextEncodingInfo } from './document/types.js';

export { createLocalModel, LOCAL_MODEL_ID } from './providers/local/create-local-model.js';
export { createOpenAIModel } from './providers/openai/create-openai-model.js';
export type { OpenAIModelOptions } from './providers/openai/create-openai-model.js';
export { createAnthropicModel } from './providers/anthropic/create-anthropic-model.js';
export type { AnthropicModelOptions } from './providers/anthropic/create-anthropic-model.js';
export type { HttpLanguageModel } from './providers/http/http-language-model.js';
export { wrapLanguageModel } from './providers/middleware/language-model-middleware.js';
export type { LanguageModelMiddleware } from './providers/middleware/language-model-middleware.js';
export { retryMiddleware } from './providers/middleware/retry-middleware.js';
export type { RetryMiddlewareOptions } from './providers/middleware/retry-middleware.js';
export { timeoutMiddleware } from './providers/middleware/timeout-middleware.js';
export type { TimeoutMiddlewareOptions } from './providers/middleware/timeout-middleware.js';
export { breakerMiddleware } from './providers/middleware/breaker-middleware.js';
export type { BreakerMiddlewareOptions } from './providers/middleware/breaker-middleware.js';
export type { BreakerRegistry, BreakerState } from './providers/middleware/breaker-registry.js';
export { warningsMiddleware } from './providers/middleware/warnings-middleware.js';
export type { WarningsMiddlewareOptions } from './providers/middleware/warnings-middleware.js';
export { rateLimitMiddleware } from './providers/middleware/rate-limit-middleware.js';
export type { RateLimitMiddlewareOptions } from './providers/middleware/rate-limit-middleware.js';
export { createFallbackModel } from './providers/middleware/create-fallback-model.js';
export { fromAiSdkModel } from './providers/ai-sdk/from-ai-sdk-model.js';
export type { AiSdkLanguageModel, AiSdkCallOptions, AiSdkGenerateResult } from './providers/ai-sdk/from-ai-sdk-model.js';
export type { FallbackModel } from './providers/middleware/create-fallback-model.js';
export { piiMiddleware } from './providers/pii/pii-middleware.js';
export type { PiiMiddlewareOptions, PiiMode } from './providers/pii/pii-middleware.js';
export { maskPii } from './providers/pii/mask-pii.js';
export type { MaskPiiOptions, MaskPiiResult, PlaceholderTable, PlaceholderEntry, KnownValueSearch } from './providers/pii/mask-pii.js';
export { restorePii } from './providers/pii/restore-pii.js';
export { detectPii } from './providers/pii/detect-pii.js';
export type { DetectPiiOptions } from './providers/pii/detect-pii.js';
export type { PiiFinding, PiiKind } from './providers/pii/types.js';
export type { LocalModelOptions } from './providers/local/create-local-model.js';
export type { LanguageModel, LanguageModelCallOptions, LanguageModelMessage, LanguageModelResult, LanguageModelUsage, LanguageModelWarning, FinishReason } from './providers/spec.js';

export { refineStream } from './pipeline/refine-stream.js';
export { createRefinePool } from './pipeline/workers/create-refine-pool.js';
export type { RefinePool, RefinePoolOptions } from './pipeline/workers/create-refine-pool.js';
export type { WorkerModelFactory, WorkerRefineOptions } from './pipeline/workers/wire.js';
export type { StreamInput, StreamResult, StreamProgress, RefineStreamOptions } from './pipeline/refine-stream.js';
export { toNdjsonRecord } from './pipeline/to-ndjson-record.js';
export type { NdjsonRecord } from './pipeline/to-ndjson-record.js';
export { createAdaptiveLimit } from './pipeline/adaptive-limit.js';
export type { AdaptiveLimit, AdaptiveLimitOptions, LimitPermit } from './pipeline/adaptive-limit.js';
export { adaptiveConcurrencyMiddleware } from './pipeline/adaptive-concurrency-middleware.js';
export { openJournal, createNdjsonOutput } from './pipeline/journal/index.js';
export type { Journal, JournalOptions, NdjsonOutput } from './pipeline/journal/index.js';
export { createMemoryCacheStore } from './cache/create-memory-cache-store.js';
export type { MemoryCacheStore, MemoryCacheStoreOptions } from './cache/create-memory-cache-store.js';
export { createTieredCacheStore } from './cache/create-tiered-cache-store.js';
export type { TieredCacheStore, TieredCacheStoreOptions, TieredCacheStats } from './cache/create-tiered-cache-store.js';
export { createCacheKey } from './cache/create-cache-key.js';
export type { CacheKeyParts } from './cache/create-cache-key.js';
export type { CacheStore, CacheStoreOptions, CacheErrorHandler, CacheSetOptions, CacheStats, CacheEntry } from './cache/cache-store.js';
export { cacheMiddleware } from './providers/middleware/cache-middleware.js';
export type { CacheMiddlewareOptions } from './providers/middleware/cache-middleware.js';

export { MIAIR_VERSION } from './version.js';
