/**
 * Every default of miair, one named constant each, with its unit.
 * Options are resolved against these once, at the boundary.
 */

/** Quality profile used when none is given. @default 'miair' */
export const DEFAULT_PROFILE = 'miair';

/** Quality gate (0-100) of each profile: a document at or above it is not refined. */
export const DEFAULT_GATES = { miair: 85, devdocai: 85 } as const;

/** Refinement strategy used when none is given. @default 'quality' */
export const DEFAULT_STRATEGY = 'quality';

/** Model calls per document (and per section) at most. @default 7 */
export const DEFAULT_MAX_ITERATIONS = 7;

/** Consecutive rejected candidates that end the loop with `no-improvement`. @default 2 */
export const DEFAULT_MAX_REJECTIONS = 2;

/** Wall-clock limit for refining one document, in milliseconds; 0 means none. @default 0 */
export const DEFAULT_DOCUMENT_TIMEOUT_MS = 0;

/** Spending limit per run in US dollars; 0 means none. @default 0 */
export const DEFAULT_BUDGET_USD = 0;

/** Smallest candidate length, as a share of the text it replaces. @default 0.5 */
export const DEFAULT_MIN_LENGTH_RATIO = 0.5;

/** Largest candidate length, as a multiple of the text it replaces. @default 2 */
export const DEFAULT_MAX_LENGTH_RATIO = 2;

/** Documents longer than this many characters are refined section by section. @default 4000 */
export const DEFAULT_SECTION_THRESHOLD_CHARS = 4000;

/** Model used when none is given. @default 'local' */
export const DEFAULT_PROVIDER = 'local';

/** Latency of the mock model per call, in milliseconds. @default 50 */
export const DEFAULT_MOCK_LATENCY_MS = 50;

/** Share of mock model calls that fail with a transient error (0-1). @default 0 */
export const DEFAULT_MOCK_FAILURE_RATE = 0;

/** Documents refined at once by `miair optimize`. @default 8 */
export const DEFAULT_CONCURRENCY = 8;

/** Largest input file read, in bytes (10 MiB). @default 10485760 */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** File extensions a directory input yields. */
export const DEFAULT_EXTENSIONS = ['.md', '.markdown', '.mdx', '.txt'] as const;

/** Largest output tokens asked of a model per call. @default 4096 */
export const DEFAULT_MAX_OUTPUT_TOKENS = 4096;

/** Sampling temperature asked of a model. @default 0.2 */
export const DEFAULT_TEMPERATURE = 0.2;

/** What happens to personal data and secrets before text goes to a non-local model. @default 'mask' */
export const DEFAULT_PII_MODE = 'mask';

/** Retries of a failed model call (retryable failures only). @default 3 */
export const DEFAULT_MAX_RETRIES = 3;

/** Timeout of one model call, in milliseconds. @default 120000 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;

/** Consecutive failures that open a provider's circuit breaker. @default 5 */
export const DEFAULT_BREAKER_THRESHOLD = 5;

/** Model used by `--provider openai` when `--model` is not given. @default 'gpt-4o-mini' */
export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';

/** Model used by `--provider anthropic` when `--model` is not given. @default 'claude-3-5-haiku-latest' */
export const DEFAULT_ANTHROPIC_MODEL = 'claude-3-5-haiku-latest';

/** Smallest model-call concurrency the adaptive limit may fall to. @default 1 */
export const DEFAULT_MIN_CONCURRENCY = 1;

/** Largest model-call concurrency the adaptive limit may grow to. @default 1024 */
export const DEFAULT_MAX_CONCURRENCY = 1024;

/** Documents in progress at once in stream mode (`--from-ndjson`). @default 1024 */
export const DEFAULT_MAX_IN_FLIGHT = 1024;

/** After SIGINT/SIGTERM, time documents in flight get to finish, in milliseconds. @default 10000 */
export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;
