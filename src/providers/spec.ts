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
}

/**
 * A model miair can call. Implementations throw `MiairError` with a
 * `PROVIDER_*` code on failure and honour `abortSignal`.
 */
export interface LanguageModel {
  /** e.g. `local`, `mock`, `openai`, `anthropic`. */
  readonly provider: string;
  readonly modelId: string;
  doGenerate(options: LanguageModelCallOptions): Promise<LanguageModelResult>;
}
