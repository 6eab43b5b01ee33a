/**
 * Caches model answers, so a repeated call (the same document, prompt,
 * model and settings) costs nothing. Where it sits, and why, is in
 * src/cache/README.md: inside PII masking, outside retry and rate limits.
 */
import { createHash } from 'node:crypto';
import { createCacheKey } from '../../cache/create-cache-key.js';
import { hashSettings } from '../../cache/hash-settings.js';
import type { CacheErrorHandler, CacheStore } from '../../cache/cache-store.js';
import { MiairError } from '../../errors.js';
import { raceAbort } from '../race-abort.js';
import { MIAIR_VERSION } from '../../version.js';
import type { LanguageModelMiddleware } from './language-model-middleware.js';
import type { FinishReason, LanguageModel, LanguageModelCallOptions, LanguageModelMessage, LanguageModelResult, LanguageModelWarning } from '../spec.js';

/** Version of the prompts and of the stored answer; bump it to stop reusing older answers. @default '1' */
export const RESPONSE_CACHE_PROMPT_VERSION = '1';

/** The warning a cached answer carries: no call was made and its usage is 0. */
export const CACHED_RESPONSE_WARNING: Readonly<LanguageModelWarning> = Object.freeze({
  type: 'other',
  setting: 'cache',
  message: 'Answered from the cache: no model call was made, usage is 0.',
});

/** Options of {@link cacheMiddleware}. */
export interface CacheMiddlewareOptions {
  store: CacheStore;
  /** Makes the key of a call. @default {@link responseCacheKey} */
  keyOf?: (model: LanguageModel, callOptions: LanguageModelCallOptions) => string;
  /** Time to live of a stored answer, in milliseconds. @default none */
  ttlMs?: number;
  /** Receives an error a store threw instead of degrading (a custom store); the call goes on as a miss. */
  onError?: CacheErrorHandler;
}

// The 16 hex digits after each marker are random per call (createBoundary):
// they must not reach the key, or no two calls would ever share one.
const BOUNDARY = /(<<<MIAIR-DOCUMENT-(?:BEGIN|END) )[0-9a-f]{16}(>>>)/g;
const FIXED_BOUNDARY = '$1BOUNDARY$2';

/** Replaces the random boundary of every document block marker in `content` with a fixed token. */
export function normaliseDocumentBoundaries(content: string): string {
  return content.includes('<<<MIAIR-DOCUMENT-') ? content.replace(BOUNDARY, FIXED_BOUNDARY) : content;
}

/**
 * The default key of a call: miair version, prompt version, provider, model,
 * temperature, maxOutputTokens, the attempt of a retried prompt and a sha256
 * of every message (role and content, boundaries normalised). The abort
 * signal is not part of it.
 */
export function responseCacheKey(model: LanguageModel, callOptions: LanguageModelCallOptions): string {
  return createCacheKey({
    kind: 'response',
    miairVersion: MIAIR_VERSION,
    promptVersion: RESPONSE_CACHE_PROMPT_VERSION,
    provider: model.provider,
    modelId: model.modelId,
    // A retry after a rejected answer is keyed apart (absent for a first call, so those keys are as before).
    settingsHash: hashSettings({ temperature: callOptions.temperature, maxOutputTokens: callOptions.maxOutputTokens, attempt: callOptions.attempt === undefined || callOptions.attempt === 0 ? undefined : callOptions.attempt }),
    contentHash: hashMessages(callOptions.messages),
  });
}

/** Tells whether an answer came from the cache (it carries {@link CACHED_RESPONSE_WARNING}). */
export function isCachedResult(result: LanguageModelResult): boolean {
  return result.warnings.some((warning) => warning.setting === CACHED_RESPONSE_WARNING.setting && warning.message === CACHED_RESPONSE_WARNING.message);
}

/**
 * Answers a call from `store` when the same call was answered before, else
 * calls the model and stores the answer. Only complete answers
 * (`finishReason: 'stop'`) are stored, with text, finish reason, usage,
 * warnings and `answeredBy`; never response headers (rate-limit state is
 * stale by the next call). A hit resolves without calling the model, with
 * usage 0 (nothing was billed) and {@link CACHED_RESPONSE_WARNING} added to
 * its warnings. A call identical to one still in flight waits for that one
 * and gets its answer the same way (one call paid for both); if the first
 * fails, the second makes its own call. A store failure is a miss: the call
 * is never lost to the cache.
 *
 * Place it INSIDE PII masking (`[piiMiddleware(...), cacheMiddleware(...),
 * retryMiddleware(), ...]`): then keys and entries hold placeholders, never
 * personal data or secrets.
 *
 * @example
 * const model = wrapLanguageModel(openai, [piiMiddleware({ mode: 'mask' }), cacheMiddleware({ store }), retryMiddleware()]);
 */
export function cacheMiddleware(options: CacheMiddlewareOptions): LanguageModelMiddleware {
  const { store } = options;
  const keyOf = options.keyOf ?? responseCacheKey;
  const setOptions = options.ttlMs === undefined ? {} : { ttlMs: options.ttlMs };
  let hasReported = false;
  const report = (error: unknown): void => {
    if (hasReported || options.onError === undefined) return;
    hasReported = true;
    options.onError(new MiairError('CACHE_UNAVAILABLE', `The response cache (${store.kind}) failed, so calls go to the model. Pass --no-cache to turn it off (${error instanceof Error ? error.message : String(error)})`, { cause: error }));
  };

  return (model: LanguageModel): LanguageModel => {
    // Calls in flight by key: an identical call that starts meanwhile waits for the first one's
    // answer instead of paying for its own (resolves to null when that call failed or was cut short).
    const inFlight = new Map<string, Promise<StoredResult | null>>();
    const aborted = (): MiairError => new MiairError('ABORTED', `The call to ${model.provider}/${model.modelId} was aborted.`);
    return {
      provider: model.provider,
      modelId: model.modelId,
      async doGenerate(callOptions: LanguageModelCallOptions): Promise<LanguageModelResult> {
        const key = keyOf(model, callOptions);
        const hit = (stored: StoredResult): LanguageModelResult => {
          if (callOptions.abortSignal?.aborted === true) throw aborted();
          return {
            text: stored.text,
            finishReason: stored.finishReason,
            usage: { inputTokens: 0, outputTokens: 0 },
            warnings: [...stored.warnings, { ...CACHED_RESPONSE_WARNING }],
            ...(stored.answeredBy === undefined ? {} : { answeredBy: stored.answeredBy }),
          };
        };
        const pending = inFlight.get(key);
        if (pending !== undefined) {
          const shared = await raceAbort(pending, callOptions.abortSignal, aborted);
          if (shared !== null) return hit(shared);
        }
        // Registered before the store is read, so an identical call that starts meanwhile waits for this one.
        let share: (stored: StoredResult | null) => void = () => undefined;
        const answer = new Promise<StoredResult | null>((resolve) => (share = resolve));
        inFlight.set(key, answer);
        try {
          const cached = parseStoredResult(await store.get(key).catch((error: unknown) => (report(error), null)));
          if (cached !== null) {
            share(cached);
            return hit(cached);
          }
          const result = await model.doGenerate(callOptions);
          share(result.finishReason === 'stop' ? toStored(result) : null);
          if (result.finishReason === 'stop') {
            await store.set(key, serialiseResult(result), setOptions).catch((error: unknown) => report(error));
          }
          return result;
        } finally {
          share(null);
          if (inFlight.get(key) === answer) inFlight.delete(key);
        }
      },
    };
  };
}

interface StoredResult {
  text: string;
  finishReason: FinishReason;
  usage: { inputTokens: number; outputTokens: number };
  warnings: LanguageModelWarning[];
  answeredBy?: { provider: string; modelId: string };
}

function hashMessages(messages: readonly LanguageModelMessage[]): string {
  const hash = createHash('sha256');
  // Length-prefixed, so no two message lists hash the same input stream.
  for (const message of messages) {
    const content = normaliseDocumentBoundaries(message.content);
    hash.update(`${message.role}:${content.length}:`).update(content);
  }
  return hash.digest('base64url');
}

function toStored(result: LanguageModelResult): StoredResult {
  return {
    text: result.text,
    finishReason: result.finishReason,
    usage: { inputTokens: result.usage.inputTokens, outputTokens: result.usage.outputTokens },
    warnings: result.warnings.filter((warning) => warning.setting !== CACHED_RESPONSE_WARNING.setting),
    ...(result.answeredBy === undefined ? {} : { answeredBy: { provider: result.answeredBy.provider, modelId: result.answeredBy.modelId } }),
  };
}

function serialiseResult(result: LanguageModelResult): string {
  return JSON.stringify(toStored(result));
}

/** Reads a stored answer back; anything that is not one (a foreign or older entry) is a miss. */
function parseStoredResult(value: string | null): StoredResult | null {
  if (value === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const candidate = parsed as Partial<StoredResult>;
  if (typeof candidate.text !== 'string' || candidate.finishReason !== 'stop' || !Array.isArray(candidate.warnings)) return null;
  if (typeof candidate.usage !== 'object' || candidate.usage === null) return null;
  return candidate as StoredResult;
}
