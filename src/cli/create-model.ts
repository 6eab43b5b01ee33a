/**
 * Creates the model the CLI's settings ask for: a vendor adapter wrapped in
 * retry, breaker, rate limit and timeout, a fallback chain when asked, and
 * PII masking in front of anything that leaves the machine.
 */
import { DEFAULT_ANTHROPIC_MODEL, DEFAULT_OPENAI_MODEL } from '../config/defaults.js';
import { MiairError } from '../errors.js';
import { createAnthropicModel } from '../providers/anthropic/create-anthropic-model.js';
import { createLocalModel } from '../providers/local/create-local-model.js';
import { breakerMiddleware } from '../providers/middleware/breaker-middleware.js';
import { createFallbackModel } from '../providers/middleware/create-fallback-model.js';
import { wrapLanguageModel } from '../providers/middleware/language-model-middleware.js';
import { rateLimitMiddleware } from '../providers/middleware/rate-limit-middleware.js';
import { retryMiddleware } from '../providers/middleware/retry-middleware.js';
import { timeoutMiddleware } from '../providers/middleware/timeout-middleware.js';
import { warningsMiddleware } from '../providers/middleware/warnings-middleware.js';
import { createMockModel } from '../providers/mock/create-mock-model.js';
import { fastMockEdit } from '../testing/mock-llm/create-mock-llm-edit.js';
import { createOpenAIModel } from '../providers/openai/create-openai-model.js';
import { piiMiddleware } from '../providers/pii/pii-middleware.js';
import { cacheMiddleware } from '../providers/middleware/cache-middleware.js';
import type { LanguageModelMiddleware } from '../providers/middleware/language-model-middleware.js';
import type { CacheStore } from '../cache/cache-store.js';
import { createMemoryCacheStore } from '../cache/create-memory-cache-store.js';
import { createTieredCacheStore } from '../cache/create-tiered-cache-store.js';
import { warmCache } from '../cache/warm-cache.js';
import type { LanguageModel } from '../providers/spec.js';
import type { CliSettings, ProviderId } from './resolve-settings.js';

const PROVIDERS: readonly ProviderId[] = ['local', 'mock', 'openai', 'anthropic'];
const OFFLINE_PROVIDERS = new Set<ProviderId>(['local', 'mock']);

/** One entry of the model chain: the primary model or a `--fallback` one. */
export interface ModelSpec {
  provider: ProviderId;
  /** null: the provider's default. */
  modelId: string | null;
  /** True for the primary model: `--api-key`, `--base-url` and Azure apply to it only. */
  isPrimary: boolean;
}

/** The model of a run and how to release its connections. */
export interface CreatedModel {
  model: LanguageModel;
  /** True when some model of the chain sends text off this machine. */
  isRemote: boolean;
  /** The response cache in front of the model, or null (offline `local` model, or `--no-cache`). */
  cache: CacheStore | null;
  close(): Promise<void>;
}

/** How the model of a run will be used. */
export interface CreateModelOptions {
  /**
   * True for `--estimate`: the model is only planned with (provider, model id,
   * prices), never called, so a remote provider needs no API key and no cache
   * is opened.
   */
  isEstimate: boolean;
  /**
   * Told once per problem the run goes on despite: of the response cache (a
   * damaged or unusable `--cache-dir`, a `--cache-warm` directory without a
   * cache: the run goes without that store or warm-up, as docs/errors.md
   * says). Worker threads build their models silently; this is the main thread's.
   * @default silent
   */
  onWarning?: (warning: MiairError) => void;
  /**
   * Told each distinct warning of the models' answers once, as
   * `provider/modelId: message` (a setting a model did not honour, such as
   * Anthropic's temperature cap, or a usage it did not report). In a worker
   * thread, createWorkerModel collects them for the pool to pass on.
   * @default silent
   */
  onModelWarning?: (text: string) => void;
}

/** Parses `--fallback` entries: `provider` or `provider:model`. */
export function parseModelSpecs(settings: Pick<CliSettings, 'provider' | 'model' | 'fallback'>): ModelSpec[] {
  const fallbacks = settings.fallback.map((entry): ModelSpec => {
    const separator = entry.indexOf(':');
    const provider = (separator === -1 ? entry : entry.slice(0, separator)) as ProviderId;
    if (!PROVIDERS.includes(provider)) {
      throw new MiairError('CONFIG_INVALID', `Expected each \`fallback\` entry to start with one of ${PROVIDERS.map((id) => `\`${id}\``).join(', ')}, got \`${entry}\` (string). Write provider or provider:model.`);
    }
    return { provider, modelId: separator === -1 ? null : entry.slice(separator + 1), isPrimary: false };
  });
  return [{ provider: settings.provider, modelId: settings.model, isPrimary: true }, ...fallbacks];
}

/**
 * Creates the run's model from `settings`. `apiKey` is the `--api-key` flag
 * (never read from a config file, so keys stay out of repositories);
 * `environment` supplies `OPENAI_API_KEY`, `ANTHROPIC_API_KEY` and the
 * `*_BASE_URL` variables. A missing key fails here, before any document is
 * read, unless `options.isEstimate`: an estimate sends nothing, so it needs
 * no key.
 */
export async function createModel(
  settings: CliSettings,
  apiKey: string | undefined,
  environment: Record<string, string | undefined>,
  options: CreateModelOptions = { isEstimate: false },
): Promise<CreatedModel> {
  const specs = parseModelSpecs(settings);
  const warnings = options.onModelWarning === undefined ? null : warningsMiddleware({ onWarning: options.onModelWarning });
  const created = specs.map((spec) => createOne(spec, settings, apiKey, environment, options.isEstimate, warnings));
  const chain = created.length === 1 ? (created[0] as CreatedModel).model : createFallbackModel(created.map((entry) => entry.model));
  const isRemote = created.some((entry) => entry.isRemote);
  // The local editor is faster than any cache lookup: only answers that cost time or money are cached.
  const cache = !options.isEstimate && settings.cacheDirectory !== null && specs.some((spec) => spec.provider !== 'local') ? await openResponseCache(settings.cacheDirectory, settings.cacheWarm, options.onWarning) : null;
  const middlewares: LanguageModelMiddleware[] = [
    // Masking wraps the cache and the whole chain: the cache stores placeholders only, every model
    // sees the same placeholders, and retries re-send masked text.
    ...(isRemote ? [piiMiddleware({ mode: settings.pii })] : []),
    ...(cache === null ? [] : [cacheMiddleware({ store: cache })]),
  ];
  return {
    model: middlewares.length === 0 ? chain : wrapLanguageModel(chain, middlewares),
    isRemote,
    cache,
    close: async () => {
      await Promise.all([...created.map((entry) => entry.close()), cache?.close()]);
    },
  };
}

// A memory tier in front of the disk tier; lmdb loads only when a cache is used.
async function openResponseCache(directory: string, warmFrom: string | null, onWarning: ((warning: MiairError) => void) | undefined): Promise<CacheStore> {
  const { createDiskCacheStore } = await import('../cache/create-disk-cache-store.js');
  const store = createTieredCacheStore([createMemoryCacheStore(), createDiskCacheStore({ directory, ...(onWarning === undefined ? {} : { onError: onWarning }) })]);
  if (warmFrom !== null) {
    try {
      await warmCache(store, warmFrom);
    } catch (error) {
      // A warm-up is an optimisation: without it the run answers from the model (docs/errors.md, CACHE_UNAVAILABLE).
      onWarning?.(MiairError.from(error, 'CACHE_UNAVAILABLE'));
    }
  }
  return store;
}

function createOne(
  spec: ModelSpec,
  settings: CliSettings,
  apiKey: string | undefined,
  environment: Record<string, string | undefined>,
  isEstimate: boolean,
  warnings: LanguageModelMiddleware | null,
): CreatedModel {
  // Right around each model, inside the cache: an answer served from the cache is not told again.
  const told = warnings === null ? [] : [warnings];
  if (OFFLINE_PROVIDERS.has(spec.provider)) {
    const offline = spec.provider === 'mock' ? createMockModel({ latencyMs: settings.mockLatencyMs, failureRate: settings.mockFailureRate, ...(settings.mockEdit === 'fast' ? { edit: fastMockEdit } : {}) }) : createLocalModel();
    if (spec.modelId !== null && spec.modelId !== offline.modelId) {
      throw new MiairError(
        'CONFIG_INVALID',
        `Expected \`model\` to be \`${offline.modelId}\` for provider \`${spec.provider}\`, got \`${spec.modelId}\` (string). Drop --model or pick another --provider.`,
      );
    }
    return { model: told.length === 0 ? offline : wrapLanguageModel(offline, told), isRemote: false, cache: null, close: async () => {} };
  }
  const key = (spec.isPrimary ? apiKey : undefined) ?? environment[spec.provider === 'openai' ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY'] ?? '';
  if (isEstimate && key.trim() === '') {
    return { model: createPlanOnlyModel(spec.provider, spec.modelId ?? (spec.provider === 'openai' ? DEFAULT_OPENAI_MODEL : DEFAULT_ANTHROPIC_MODEL)), isRemote: true, cache: null, close: async () => {} };
  }
  const baseURL = (spec.isPrimary ? settings.baseUrl : null) ?? environment[spec.provider === 'openai' ? 'OPENAI_BASE_URL' : 'ANTHROPIC_BASE_URL'];
  // The client's own header/body timer gets the same timeout: left at its 120 s default, it failed every call
  // that --request-timeout-ms above 120 s was meant to wait for (a slow local model).
  const common = { apiKey: key, timeoutMs: settings.requestTimeoutMs, ...(baseURL === undefined || baseURL === '' ? {} : { baseURL }) };
  const vendor =
    spec.provider === 'openai'
      ? createOpenAIModel({
          ...common,
          modelId: spec.modelId ?? DEFAULT_OPENAI_MODEL,
          ...(spec.isPrimary && settings.azureApiVersion !== null ? { azure: { apiVersion: settings.azureApiVersion } } : {}),
        })
      : createAnthropicModel({ ...common, modelId: spec.modelId ?? DEFAULT_ANTHROPIC_MODEL });
  const model = wrapLanguageModel(vendor, [
    // The breaker counts calls that failed after their retries, not attempts: with a thousand calls in
    // flight, a provider failing 5% of attempts at random produced runs of 5 failed attempts and opened a
    // breaker that then failed every document for 30 s (npm run bench -- failures: 2.5-4% of documents
    // in error). A provider that is really down still opens it after a few calls.
    // One breaker per model AND endpoint: `--base-url` down must not open the breaker of the same model id that
    // a fallback reaches elsewhere (OPENAI_BASE_URL), which failed every document of a healthy chain (audit).
    breakerMiddleware({ failureThreshold: settings.breakerThreshold, scope: baseURL === undefined || baseURL === '' ? 'default endpoint' : baseURL }),
    retryMiddleware({ maxRetries: settings.maxRetries }),
    rateLimitMiddleware({
      ...(settings.requestsPerMinute > 0 ? { requestsPerMinute: settings.requestsPerMinute } : {}),
      ...(settings.tokensPerMinute > 0 ? { tokensPerMinute: settings.tokensPerMinute } : {}),
    }),
    timeoutMiddleware({ timeoutMs: settings.requestTimeoutMs }),
    ...told,
  ]);
  return { model, isRemote: true, cache: null, close: () => vendor.close() };
}

/** A model an estimate plans with: its provider and id pick the price; calling it is a bug. */
function createPlanOnlyModel(provider: string, modelId: string): LanguageModel {
  return {
    provider,
    modelId,
    doGenerate: () => Promise.reject(new MiairError('INTERNAL', `The ${provider}/${modelId} model of an estimate was called; an estimate sends nothing.`)),
  };
}
