/**
 * The contract between the refine loop and any model: a vendor adapter, the
 * offline `local` refiner, or the `mock` model. Cross-cutting behaviour
 * (retry, rate limits, breaker, cache, PII masking, usage) wraps a model as
 * middleware; it never lives inside a vendor.
 */

/** One chat message. The document always travels in a user message, inside a delimited block. */
export interface LanguageModelMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** What the loop asks of a model for one call. */
export interface LanguageModelCallOptions {
  messages: LanguageModelMessage[];
  /** Upper bound on generated tokens. */
  maxOutputTokens: number;
  /** 0-2; models that ignore it report a warning. */
  temperature: number;
  abortSignal?: AbortSignal;
  /**
   * How many answers to this same prompt the caller already rejected in a
   * row (absent or 0 for the first call): the refine loop asks again for a
   * different answer, so a response cache must not serve the rejected one.
   * Models ignore it.
   */
  attempt?: number;
}

/** Token counts of one call. */
export interface LanguageModelUsage {
  inputTokens: number;
  outputTokens: number;
}

/** Why generation ended. */
export type FinishReason = 'stop' | 'length' | 'content-filter' | 'error' | 'other';

/** A setting the model did not honour, reported instead of silently dropped. */
export interface LanguageModelWarning {
  type: 'unsupported' | 'other';
  setting?: string;
  message?: string;
}

/** The answer of one call. */
export interface LanguageModelResult {
  text: string;
  finishReason: FinishReason;
  usage: LanguageModelUsage;
  /** Response headers that middleware needs (rate limits, retry-after), lower-case names. */
  responseHeaders?: Record<string, string>;
  warnings: LanguageModelWarning[];
  /**
   * The provider and model that produced this answer when it is not the
   * model called (a fallback chain answered with its second model).
   */
  answeredBy?: { provider: string; modelId: string };
}

/**
 * A model miair can call. Implementations throw `MiairError` with a
 * `PROVIDER_*` code on failure and honour `abortSignal`.
 *
 * Error conventions, so middleware can act without parsing messages:
 * - `PROVIDER_RATE_LIMITED` (HTTP 429): `details.status`, and
 *   `details.retryAfterMs` when the server said how long to wait
 *   (Retry-After seconds or HTTP date, or the vendor's reset headers).
 * - `PROVIDER_UNAVAILABLE` (408, 409, 5xx, connection reset or refused):
 *   `details.status` when there was a response.
 * - `PROVIDER_TIMEOUT`: the call's own timeout fired.
 * - `PROVIDER_UNAUTHORIZED` (401, 403), `PROVIDER_ERROR` (other 4xx): never retried.
 * - `PROVIDER_INVALID_RESPONSE`: the body was malformed or had no text
 *   (`details.reason`: `malformed`, `empty`, `length` for a cut-off answer).
 *   With `details.guard` set (for example `pii-placeholder`), the answer
 *   broke a rule a middleware checks: the loop rejects the candidate with
 *   that reason instead of retrying or stopping.
 * - `ABORTED`: the caller's `abortSignal` fired.
 * Messages and details never contain API keys.
 */
export interface LanguageModel {
  /** e.g. `local`, `mock`, `openai`, `anthropic`. */
  readonly provider: string;
  readonly modelId: string;
  doGenerate(options: LanguageModelCallOptions): Promise<LanguageModelResult>;
}
