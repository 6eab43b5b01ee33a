/**
 * What differs between the vendor APIs the mock server speaks: how a request
 * authenticates and carries its messages, and the shapes of answers and errors.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { LanguageModelMessage } from '../../providers/spec.js';

/** The parts of a chat request the mock server uses. */
export interface MockLlmChatRequest {
  /** The model asked for (the deployment id on Azure). */
  model: string;
  /** Every message, system ones included, with text content. */
  messages: LanguageModelMessage[];
  /** The request's output token limit, or null when it set none. */
  maxTokens: number | null;
}

/** One answer to format. */
export interface MockLlmReply {
  /** Sequence number of the request, for the response id. */
  sequence: number;
  model: string;
  text: string;
  /** `length` when the text was cut off at the token limit. */
  finish: 'stop' | 'length';
  inputTokens: number;
  outputTokens: number;
}

/** One vendor's request and response conventions. */
export interface MockLlmDialect {
  /** Returns why the request's credentials are refused (HTTP 401), or null when they are accepted. `expectedKey` null accepts any non-empty key. */
  checkAuth(headers: IncomingHttpHeaders, expectedKey: string | null): string | null;
  /** Returns why a required non-auth header is missing or wrong (HTTP 400), or null. */
  checkHeaders(headers: IncomingHttpHeaders): string | null;
  /** Reads a parsed JSON body; returns the reason it is invalid (HTTP 400) as a string. */
  readRequest(body: unknown, pathModel: string | null): MockLlmChatRequest | string;
  /** The JSON body of a successful answer. */
  formatReply(reply: MockLlmReply): string;
  /** The JSON body of an error with this HTTP status, in the vendor's error shape. */
  formatError(status: number, message: string): string;
}

/** Reads message content given as a string or as an array of `{ type: 'text', text }` parts; null when it is neither. */
export function readTextContent(content: unknown): string | null {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return null;
  let text = '';
  for (const part of content as unknown[]) {
    if (typeof part !== 'object' || part === null) return null;
    const { type, text: partText } = part as { type?: unknown; text?: unknown };
    if (type === 'text' && typeof partText === 'string') text += partText;
  }
  return text;
}

/** Reads an optional positive integer token limit: the number, null when absent, or undefined when invalid. */
export function readTokenLimit(value: unknown): number | null | undefined {
  if (value === undefined || value === null) return null;
  return Number.isInteger(value) && (value as number) >= 1 ? (value as number) : undefined;
}
