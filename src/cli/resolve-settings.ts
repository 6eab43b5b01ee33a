/**
 * Resolves the CLI's settings once: command-line flag > `MIAIR_*` variable >
 * config file > default. The result has no optional fields.
 */
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_DOCUMENT_TIMEOUT_MS,
  DEFAULT_BUDGET_USD,
  DEFAULT_GATES,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_ITERATIONS,
  DEFAULT_MAX_REJECTIONS,
  DEFAULT_MOCK_FAILURE_RATE,
  DEFAULT_MOCK_EDIT,
  DEFAULT_MOCK_LATENCY_MS,
  DEFAULT_PROFILE,
  DEFAULT_PROVIDER,
  DEFAULT_SECTION_THRESHOLD_CHARS,
  DEFAULT_STRATEGY,
  DEFAULT_PII_MODE,
  DEFAULT_TEMPERATURE,
  DEFAULT_MAX_OUTPUT_TOKENS,
  DEFAULT_MAX_RETRIES,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_BREAKER_THRESHOLD,
  DEFAULT_MIN_CONCURRENCY,
  DEFAULT_MAX_CONCURRENCY,
  DEFAULT_MAX_IN_FLIGHT,
  DEFAULT_THREADS,
  DEFAULT_MAX_SECTIONS,
  DEFAULT_DRAIN_TIMEOUT_MS,
} from '../config/defaults.js';
import { loadConfig, validateConfig } from '../config/load-config.js';
import { readEnvironment } from '../config/read-environment.js';
import { parseNumberSetting } from '../config/parse-number-setting.js';
import type { MiairConfig } from '../config/schema.js';
import path from 'node:path';
import { defaultCacheDirectory } from '../cache/default-cache-directory.js';
import type { ProfileId } from '../metrics/types.js';
import type { StrategyId } from '../refine/types.js';

/** Every setting the CLI uses, resolved. */
export interface CliSettings {
  profile: ProfileId;
  strategy: StrategyId;
  provider: ProviderId;
  /** The model id, or null for the provider's default. */
  model: string | null;
  /** The provider's base URL, or null for its default (or its `*_BASE_URL` variable). */
  baseUrl: string | null;
  azureApiVersion: string | null;
  /** Models tried in order when the primary fails: `provider` or `provider:model`. */
  fallback: string[];
  pii: 'mask' | 'block' | 'off';
  temperature: number;
  maxOutputTokens: number;
  maxRetries: number;
  requestTimeoutMs: number;
  /** 0 means no client-side limit. */
  requestsPerMinute: number;
  /** 0 means no client-side limit. */
  tokensPerMinute: number;
  breakerThreshold: number;
  prices: Record<string, { inputUsdPerMillionTokens: number; outputUsdPerMillionTokens: number }>;
  maxIterations: number;
  maxRejections: number;
  gate: number;
  failUnder: number | null;
  concurrency: number;
  /** True when `concurrency` was set (flag, environment or file): adaptation is off. */
  concurrencyIsFixed: boolean;
  minConcurrency: number;
  maxConcurrency: number;
  maxInFlight: number;
  /** Worker threads that refine documents; 0: automatic (one per core for a large run). */
  threads: number;
  /** Old-generation heap of each worker thread in MiB, 0: V8's own limit; null: the run's default (a cap for streams, none for files). */
  threadHeapMb: number | null;
  drainTimeoutMs: number;
  maxBytes: number;
  include: string[];
  exclude: string[];
  timeoutMs: number;
  budgetUsd: number;
  sectionThresholdChars: number;
  maxSections: number;
  mockLatencyMs: number;
  mockFailureRate: number;
  mockEdit: 'rules' | 'fast';
  /** Directory of the response cache, or null with `--no-cache`. */
  cacheDirectory: string | null;
  /** A cache directory of an earlier run to preload (`--cache-warm`), or null. */
  cacheWarm: string | null;
  /** The config file used, or null. */
  configPath: string | null;
}

/** The model providers the CLI can create. */
export type ProviderId = 'local' | 'mock' | 'openai' | 'anthropic';

const NUMBER_FLAGS = new Set([
  'minConcurrency', 'maxConcurrency', 'maxInFlight', 'threads', 'threadHeapMb', 'drainTimeoutMs',
  'temperature', 'maxOutputTokens', 'maxRetries', 'requestTimeoutMs', 'requestsPerMinute', 'tokensPerMinute', 'breakerThreshold',
  'maxIterations', 'maxRejections', 'gate', 'failUnder', 'concurrency', 'maxBytes',
  'timeoutMs', 'budgetUsd', 'sectionThresholdChars', 'maxSections', 'mockLatencyMs', 'mockFailureRate',
]);

/**
 * Turns commander's option values (strings) into config settings, validated
 * like a config file so every source gives the same messages.
 */
export function readFlags(options: Record<string, unknown>, keys: readonly string[]): MiairConfig {
  const raw: Record<string, unknown> = {};
  for (const key of keys) {
    const value = options[key];
    if (value === undefined) continue;
    raw[key] = NUMBER_FLAGS.has(key) && typeof value === 'string' ? parseNumberSetting(value) : value;
  }
  return validateConfig(raw, 'the command line');
}

/** Merges flags, environment, config file and defaults. */
export async function resolveSettings(
  flags: MiairConfig,
  environment: Record<string, string | undefined>,
  cwd: string,
  configPath: string | undefined,
): Promise<CliSettings> {
  const fromEnvironment = readEnvironment(environment);
  const loaded = await loadConfig(cwd, configPath);
  const merged: MiairConfig = { ...loaded.config, ...fromEnvironment, ...flags };
  const profile = merged.profile ?? DEFAULT_PROFILE;
  return {
    profile,
    strategy: merged.strategy ?? DEFAULT_STRATEGY,
    provider: merged.provider ?? DEFAULT_PROVIDER,
    model: merged.model ?? null,
    baseUrl: merged.baseUrl ?? null,
    azureApiVersion: merged.azureApiVersion ?? null,
    fallback: merged.fallback ?? [],
    pii: merged.pii ?? DEFAULT_PII_MODE,
    temperature: merged.temperature ?? DEFAULT_TEMPERATURE,
    maxOutputTokens: merged.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
    maxRetries: merged.maxRetries ?? DEFAULT_MAX_RETRIES,
    requestTimeoutMs: merged.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    requestsPerMinute: merged.requestsPerMinute ?? 0,
    tokensPerMinute: merged.tokensPerMinute ?? 0,
    breakerThreshold: merged.breakerThreshold ?? DEFAULT_BREAKER_THRESHOLD,
    prices: merged.prices ?? {},
    maxIterations: merged.maxIterations ?? DEFAULT_MAX_ITERATIONS,
    maxRejections: merged.maxRejections ?? DEFAULT_MAX_REJECTIONS,
    gate: merged.gate ?? DEFAULT_GATES[profile],
    failUnder: merged.failUnder ?? null,
    concurrency: merged.concurrency ?? DEFAULT_CONCURRENCY,
    concurrencyIsFixed: merged.concurrency !== undefined,
    minConcurrency: merged.minConcurrency ?? DEFAULT_MIN_CONCURRENCY,
    maxConcurrency: merged.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY,
    maxInFlight: merged.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT,
    threads: merged.threads ?? DEFAULT_THREADS,
    threadHeapMb: merged.threadHeapMb ?? null,
    drainTimeoutMs: merged.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS,
    maxBytes: merged.maxBytes ?? DEFAULT_MAX_BYTES,
    include: merged.include ?? [],
    exclude: merged.exclude ?? [],
    timeoutMs: merged.timeoutMs ?? DEFAULT_DOCUMENT_TIMEOUT_MS,
    budgetUsd: merged.budgetUsd ?? DEFAULT_BUDGET_USD,
    sectionThresholdChars: merged.sectionThresholdChars ?? DEFAULT_SECTION_THRESHOLD_CHARS,
    maxSections: merged.maxSections ?? DEFAULT_MAX_SECTIONS,
    mockLatencyMs: merged.mockLatencyMs ?? DEFAULT_MOCK_LATENCY_MS,
    mockFailureRate: merged.mockFailureRate ?? DEFAULT_MOCK_FAILURE_RATE,
    mockEdit: merged.mockEdit ?? DEFAULT_MOCK_EDIT,
    cacheDirectory: merged.cache === false ? null : path.resolve(cwd, merged.cacheDir ?? defaultCacheDirectory(environment)),
    cacheWarm: merged.cacheWarm === undefined ? null : path.resolve(cwd, merged.cacheWarm),
    configPath: loaded.path,
  };
}

/**
 * The cache directory `miair cache stats|clear` looks at, found as `optimize`
 * finds it: `--cache-dir` > `MIAIR_CACHE_DIR` > the config file's `cacheDir`
 * > the default, relative paths from `cwd`. `cache: false` does not apply:
 * a cache written earlier is still there to look at or empty.
 */
export async function resolveCacheDirectory(
  flags: MiairConfig,
  environment: Record<string, string | undefined>,
  cwd: string,
  configPath: string | undefined,
): Promise<string> {
  const fromEnvironment = readEnvironment(environment);
  const loaded = await loadConfig(cwd, configPath);
  return path.resolve(cwd, flags.cacheDir ?? fromEnvironment.cacheDir ?? loaded.config.cacheDir ?? defaultCacheDirectory(environment));
}
