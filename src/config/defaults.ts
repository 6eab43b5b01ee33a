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

/**
 * Sections of one long document sent to the model at most, weakest first.
 * Every candidate is judged on the whole document, so a document's cost
 * grows with (sections sent) x (its length): a 1 MB document with ~590
 * sections to send took 54 s with a 0 ms model before this bound. @default 32
 */
export const DEFAULT_MAX_SECTIONS = 32;

/** Model used when none is given. @default 'local' */
export const DEFAULT_PROVIDER = 'local';

/** Latency of the mock model per call, in milliseconds. @default 50 */
export const DEFAULT_MOCK_LATENCY_MS = 50;

/** Share of mock model calls that fail with a transient error (0-1). @default 0 */
export const DEFAULT_MOCK_FAILURE_RATE = 0;

/** The `mock` model's edit: `rules` (the local refiner's rules) or `fast` (mock-llm's cheap edit, for load tests). @default 'rules' */
export const DEFAULT_MOCK_EDIT = 'rules';

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

/** Worker threads that refine documents; 0 means one per core for a large run (see DEFAULT_THREADS_AFTER_DOCUMENTS). @default 0 */
export const DEFAULT_THREADS = 0;

/**
 * With automatic threads, the CLI refines this many documents of a file run
 * on its own thread before it starts the worker pool, so a small run does
 * not pay for starting threads (~100 ms each, loading the modules and the
 * model); a stream run (`--from-ndjson`) starts them at once. @default 64
 */
export const DEFAULT_THREADS_AFTER_DOCUMENTS = 64;

/**
 * Young-generation size of each refine worker thread, in MiB. A refinement
 * waiting ~50 ms for the model holds ~8 KB of state (parse, metrics,
 * prompt); with a young generation too small to hold what a thread
 * allocates in that time, every byte of it is copied, promoted and marked
 * by the old-generation collector. At 8 MiB that cost V8's helper threads
 * 60-70 us per document (2 threads, 4,096 in flight). Measured 2026-11-27
 * with the pool's admission by event-loop delay (thread-admission.ts), 2
 * threads, 50 ms mock, 60,000 refinable tldr pages, 3 alternating runs of
 * each: CPU per document 297 us at 8 MiB, 271 at 32, 222-234 at 64; with
 * the admission as committed, 64 / 96 / 128: 482,888 / 473,326 / 500,393
 * docs/min, 239 / 242 / 229 us, 373 / 367 / 505 MB peak RSS of the harness;
 * the CLI streaming 300,000 pages: 272,000 docs/min and 261 MB peak RSS at
 * 8, 358,000 and 386 MB at 64, 419,000 and 384 MB at 96. A faster host
 * allocates faster and so fills a young generation sooner (the host of
 * these runs was ~4x slower than its best): the library's pool takes 96,
 * which cost no more memory than 64 here, and the CLI's stream mode, whose
 * memory must stay bounded, DEFAULT_STREAM_THREAD_YOUNG_GENERATION_MB.
 * @default 96
 */
export const DEFAULT_WORKER_YOUNG_GENERATION_MB = 96;

/**
 * Young-generation size of each refine worker thread in a CLI stream run
 * (`--from-ndjson`), in MiB: the memory goal (1,000,000 documents under
 * 300 MB RSS) holds at 8 (261-268 MB at 300,000 documents, 267 MB at
 * 1,000,000) and not at 64 or 96 (386 / 384 MB); see DEFAULT_WORKER_YOUNG_GENERATION_MB.
 * 16 and 24 (two alternating runs each, 300,000 documents) bought 4-14%
 * (280,097-308,603 against 268,520-270,465 docs/min) for 276-283 MB: too
 * close to the goal for a million. @default 8
 */
export const DEFAULT_STREAM_THREAD_YOUNG_GENERATION_MB = 8;

/**
 * Old-generation heap of each refine worker thread in a stream run
 * (`--from-ndjson`), in MiB; 0 leaves V8's own limit (file runs). Any cap
 * changes how V8 grows a thread's heap: uncapped, each thread held ~80 MB of
 * mostly garbage. Measured 2026-11-26 (2 threads, tldr pages, alternating
 * runs): streaming 100,000 documents through the CLI, peak RSS 347-359 MB
 * uncapped, 252-259 MB at 256 (248-272 at 128 to 1024), mock-model
 * throughput unchanged within noise (medians 359k docs/min both); but over
 * HTTP (`npm run bench -- http`) the cap cost 10-25% (137-141k against
 * 151-192k docs/min, client CPU ~750 against ~520-660 us per call). So the
 * cap is the default where memory must stay bounded whatever the input's
 * length, a stream, and `--thread-heap-mb` sets it for any run. A thread
 * that still runs out is replaced and its documents are refined again on
 * the main thread. @default 256
 */
export const DEFAULT_STREAM_THREAD_HEAP_MB = 256;

/**
 * Characters of text in flight per worker thread; further documents wait on
 * the main thread, as text, until results come back. A refinement holds
 * ~13x its text while it waits for the model (8.2 KB for a 636-character
 * tldr page), so 2 Mi characters (~27 MB held) stay well inside DEFAULT_STREAM_THREAD_HEAP_MB;
 * tldr pages are never held back (~3,300 of them fit). @default 2_097_152
 */
export const DEFAULT_WORKER_IN_FLIGHT_CHARS = 2 * 1024 * 1024;

/**
 * Event-loop delay of a refine worker thread above which the pool gives it
 * fewer documents at once (thread-admission.ts), in ms: a document that
 * waits in a thread for its CPU rather than for the model keeps its parse,
 * metrics and prompt alive long enough for V8 to promote them. Measured
 * 2026-11-27 (2 threads, 50 ms mock, 60,000 tldr pages, 3 alternating runs
 * each, slow host): 10 ms left the threads idle (1.5 of 2 cores), 20 and
 * 40 ms cut the CPU per document from 297 to 232-234 us. @default 30
 */
export const DEFAULT_THREAD_LAG_TARGET_MS = 30;

/** A refine worker thread's admission limit never goes below this many documents. @default 32 */
export const DEFAULT_THREAD_MIN_DOCUMENTS = 32;

/** Documents a refine worker thread may hold at first, before its event-loop delay is known. @default 256 */
export const DEFAULT_THREAD_INITIAL_DOCUMENTS = 256;

/** Shortest time between two changes of a thread's admission limit, in ms (a busy thread posts results every few ms). @default 20 */
export const DEFAULT_THREAD_ADJUST_INTERVAL_MS = 20;

/** Documents longer than this many characters are refined on the main thread, not in a worker thread, whose heap may be capped (DEFAULT_STREAM_THREAD_HEAP_MB); a 4 MB document refines within 128 MB. @default 1_048_576 */
export const DEFAULT_WORKER_MAX_DOCUMENT_CHARS = 1024 * 1024;

/** After SIGINT/SIGTERM, time documents in flight get to finish, in milliseconds. @default 10000 */
export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;

/** Seed of the mock model's failure and latency draws when none is given. @default 1 */
export const DEFAULT_MOCK_SEED = 1;

/** Backoff of the first retry before jitter, in ms; doubles per retry. @default 500 */
export const DEFAULT_RETRY_BASE_DELAY_MS = 500;

/** Ceiling of one backoff, in ms. @default 30000 */
export const DEFAULT_RETRY_MAX_DELAY_MS = 30_000;

/**
 * Longest pause a server may ask for (Retry-After, reset headers) that a call
 * waits through, in ms; a server asking for more fails the call at once
 * (a fallback model takes over, or the candidate is rejected). At 30 s, a
 * provider answering 5% of calls with 429 and Retry-After: 60 ended 597 of
 * 1,000 documents in error within a second (2026-11-27): the calls behind
 * the pause failed at once and opened the breaker. @default 60000
 */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

/** How long an open breaker fails calls before it lets a probe through, in ms. @default 30000 */
export const DEFAULT_BREAKER_HALF_OPEN_AFTER_MS = 30_000;

/**
 * Connections a client opens to its origin at most. With pipelining 1 each
 * call in flight holds one connection, so this is only a ceiling: the
 * caller's concurrency decides how many open. Measured against a 50 ms
 * server, 1,024 calls in flight on 256 connections queue in the pool
 * (~3,900 req/s) where 1,024 connections did not. @default 1024
 */
export const DEFAULT_HTTP_CONNECTIONS = 1024;

/**
 * Largest answer body a client reads, in bytes; a longer one is dropped as
 * `PROVIDER_INVALID_RESPONSE`. A chat answer at 128k output tokens is a few
 * MB even with every character JSON-escaped; without a cap, a server that
 * streamed without end (a wrong `--base-url`, a broken proxy) grew the heap
 * until the per-call timeout: 23 GB in 120 s on loopback. @default 16 MiB
 */
export const DEFAULT_HTTP_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** Base URL of the Anthropic API. @default 'https://api.anthropic.com' */
export const DEFAULT_ANTHROPIC_BASE_URL = 'https://api.anthropic.com';

/** Value of the `anthropic-version` header. @default '2023-06-01' */
export const DEFAULT_ANTHROPIC_VERSION = '2023-06-01';

/** Base URL of the OpenAI API. @default 'https://api.openai.com/v1' */
export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** Bytes the memory store holds at most when no size is given (64 MiB). @default 67108864 */
export const DEFAULT_MEMORY_CACHE_MAX_SIZE_IN_BYTES = 64 * 1024 * 1024;

/** Bytes the disk store's entries may take before it evicts some (1 GiB). @default 1073741824 */
export const DEFAULT_DISK_CACHE_MAX_SIZE_IN_BYTES = 1024 * 1024 * 1024;

/** Writes of one disk store between two checks of its size. @default 1000 */
export const DISK_CACHE_SIZE_CHECK_EVERY_WRITES = 1000;

/** Prefix of every key the Redis store writes when none is given. @default 'miair:cache:' */
export const DEFAULT_REDIS_CACHE_KEY_PREFIX = 'miair:cache:';

/** How long the Redis store waits for a connection before treating the cache as a miss, in milliseconds. @default 2000 */
export const DEFAULT_REDIS_CACHE_CONNECT_TIMEOUT_MS = 2_000;

/** Scorings kept by a cached scorer when no bound is given. @default 10000 */
export const DEFAULT_CACHED_SCORER_MAX_ENTRIES = 10_000;

/** Buffered records that trigger a flush. @default 100 */
export const DEFAULT_JOURNAL_FLUSH_RECORDS = 100;

/** Longest time a record waits in the buffer before it is flushed, in milliseconds. @default 200 */
export const DEFAULT_JOURNAL_FLUSH_INTERVAL_MS = 200;

/** Finished texts remembered for deduplication (in-flight ones always are). @default 1024 */
export const DEFAULT_MAX_DEDUPE_ENTRIES = 1024;

/** Shortest time between two readings of the heap size, in milliseconds. @default 50 */
export const DEFAULT_MEMORY_SAMPLE_INTERVAL_MS = 50;

/** Share of V8's heap size limit above which a stream stops admitting documents when no threshold is given. @default 0.7 */
export const DEFAULT_MAX_HEAP_SHARE = 0.7;

/** Model calls at once an adaptive limit starts with. @default 16 */
export const DEFAULT_INITIAL_CONCURRENCY = 16;

/** Smoothed latency above this multiple of the lowest latency seen counts as inflated. @default 1.5 */
export const DEFAULT_LATENCY_TOLERANCE = 1.5;

/** Factor applied to the limit when latency inflates. @default 0.9 */
export const DEFAULT_LATENCY_BACKOFF_RATIO = 0.9;

/** Factor applied to the limit on `PROVIDER_RATE_LIMITED`. @default 0.5 */
export const DEFAULT_RATE_LIMIT_BACKOFF_RATIO = 0.5;
