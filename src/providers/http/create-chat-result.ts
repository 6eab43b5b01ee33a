import { MiairError } from '../../errors.js';
import { estimateTokens } from '../estimate-tokens.js';
import { pickRateLimitHeaders } from './pick-rate-limit-headers.js';
import type { FinishReason, LanguageModelMessage, LanguageModelResult, LanguageModelWarning } from '../spec.js';
import type { HttpJsonResponse } from './create-http-json-client.js';
import type { ProviderErrorContext } from './provider-error-context.js';

/** What an adapter read from a successful answer. */
export interface ChatAnswer {
  text: string;
  finishReason: FinishReason;
  /** Undefined when the server sent no usage (some compatible servers). */
  inputTokens: number | undefined;
  outputTokens: number | undefined;
}

/**
 * Builds the result of a call from a vendor's answer. An answer without text
 * throws `PROVIDER_INVALID_RESPONSE` with `details.reason` `length` (cut off
 * before any text) or `empty`. A cut-off answer WITH text is returned with
 * `finishReason: 'length'`: deciding about it is the caller's job. Missing
 * token counts are estimated (characters / 4) and reported as a warning.
 */
export function createChatResult(
  answer: ChatAnswer,
  response: HttpJsonResponse,
  messages: readonly LanguageModelMessage[],
  warnings: LanguageModelWarning[],
  context: ProviderErrorContext,
): LanguageModelResult {
  if (answer.text.trim() === '') {
    const reason = answer.finishReason === 'length' ? 'length' : 'empty';
    const why = reason === 'length' ? 'it reached the output token limit before writing any text; raise the max output tokens' : 'it had no text';
    // The vendor bills a call without text too: say what it used, so the cost accounting sees it.
    const usage = answer.inputTokens === undefined || answer.outputTokens === undefined ? {} : { usage: { inputTokens: answer.inputTokens, outputTokens: answer.outputTokens } };
    throw new MiairError('PROVIDER_INVALID_RESPONSE', `${context.vendorName} model \`${context.modelId}\` returned no usable answer: ${why}.`, {
      details: { status: response.status, reason, finishReason: answer.finishReason, ...usage },
    });
  }
  let inputTokens = answer.inputTokens;
  let outputTokens = answer.outputTokens;
  if (inputTokens === undefined || outputTokens === undefined) {
    inputTokens ??= messages.reduce((sum, message) => sum + estimateTokens(message.content), 0);
    outputTokens ??= estimateTokens(answer.text);
    warnings.push({ type: 'other', setting: 'usage', message: `${context.vendorName} sent no token usage; it was estimated at 4 characters per token.` });
  }
  return {
    text: answer.text,
    finishReason: answer.finishReason,
    usage: { inputTokens, outputTokens },
    responseHeaders: pickRateLimitHeaders(response.headers),
    warnings,
  };
}

/**
 * Parses a 2xx body as a JSON object, else throws `PROVIDER_INVALID_RESPONSE`
 * with `details.reason: 'malformed'`.
 */
export function parseJsonObject(response: HttpJsonResponse, context: ProviderErrorContext): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(response.bodyText);
  } catch {
    // No cause: a parser message quotes the body, which a server may have filled with anything.
    throw malformed(response, context, 'it is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw malformed(response, context, 'it is not a JSON object');
  return body as Record<string, unknown>;
}

/** The `PROVIDER_INVALID_RESPONSE` error for a body that lacks the vendor's shape. */
export function malformed(response: HttpJsonResponse, context: ProviderErrorContext, why: string): MiairError {
  return new MiairError('PROVIDER_INVALID_RESPONSE', `${context.vendorName} sent a malformed answer for model \`${context.modelId}\` (HTTP ${response.status}): ${why}.`, {
    details: { status: response.status, reason: 'malformed' },
  });
}

/** A token count when `value` is a finite number >= 0, else undefined. */
export function readTokenCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
