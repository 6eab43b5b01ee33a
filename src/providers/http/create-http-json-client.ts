import type { Dispatcher, Pool } from 'undici';
import { MiairError } from '../../errors.js';
import { subscribeAbort } from '../subscribe-abort.js';
import { mapNetworkError } from './map-network-error.js';
import type { ProviderErrorContext } from './provider-error-context.js';
import { DEFAULT_HTTP_CONNECTIONS, DEFAULT_HTTP_MAX_RESPONSE_BYTES, DEFAULT_REQUEST_TIMEOUT_MS } from '../../config/defaults.js';

/** Options of {@link createHttpJsonClient}. */
export interface HttpJsonClientOptions {
  /** Base URL with scheme, host and optional path prefix (`https://api.openai.com/v1`); a trailing slash is ignored. */
  baseURL: string;
  /** Connections to the origin at most. @default DEFAULT_HTTP_CONNECTIONS (1024) */
  connections?: number;
  /** Wait for the headers, then for each body chunk, in milliseconds. @default DEFAULT_REQUEST_TIMEOUT_MS (120000) */
  timeoutMs?: number;
  /** Largest answer body read, in bytes; a longer one fails the call. @default DEFAULT_HTTP_MAX_RESPONSE_BYTES (16 MiB) */
  maxResponseBytes?: number;
  /** Headers sent with every request (authentication included); never copied into errors. */
  headers: Record<string, string>;
  /** Names the vendor and the key in error messages; `endpoint` is filled in by the client. */
  errorContext: Omit<ProviderErrorContext, 'endpoint'>;
}

/** One POST of a JSON body. */
export interface HttpJsonRequest {
  /** Path below the base URL's path, starting with `/`. */
  path: string;
  /** Query parameters, encoded by the client. */
  query?: Record<string, string>;
  /** Serialised with `JSON.stringify`. */
  body: unknown;
  abortSignal?: AbortSignal;
}

/** The raw answer: status, headers with lower-case names, and the body text. */
export interface HttpJsonResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bodyText: string;
}

/** A keep-alive JSON client bound to one origin. */
export interface HttpJsonClient {
  /** The base URL without credentials, query or trailing slash, for messages. */
  readonly endpoint: string;
  /** The error context with `endpoint` filled in. */
  readonly errorContext: ProviderErrorContext;
  /**
   * Posts `request.body` as JSON and reads the whole answer, whatever its
   * status. Connection failures and timeouts throw the conventional
   * `MiairError` (see `mapNetworkError`).
   */
  post(request: HttpJsonRequest): Promise<HttpJsonResponse>;
  /** Closes the connections; calls after it fail. */
  close(): Promise<void>;
}

/**
 * Creates the JSON-over-HTTP client of the vendor adapters: one undici `Pool`
 * per client (one origin), keep-alive, pipelining 1. Requests go through
 * `Pool.dispatch` with a handler that gathers the body's chunks: undici's
 * `request()` builds a Readable stream and an AsyncResource per call, which
 * cost 75-89 us of client CPU per call against 51-61 us this way (loopback,
 * 1,024 in flight, chat bodies of tldr pages, measured side by side). Global
 * fetch costs 330-410 us (src/providers/README.md).
 *
 * @throws MiairError `CONFIG_INVALID` for a base URL that is not http(s), or a bad `connections` or `timeoutMs`.
 * @example
 * const client = createHttpJsonClient({ baseURL: 'http://127.0.0.1:11434/v1', headers: {}, errorContext });
 * const { status, bodyText } = await client.post({ path: '/chat/completions', body: { model: 'llama3' } });
 */
export function createHttpJsonClient(options: HttpJsonClientOptions): HttpJsonClient {
  const url = parseBaseUrl(options.baseURL);
  const connections = options.connections ?? DEFAULT_HTTP_CONNECTIONS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  requirePositiveInteger('connections', connections);
  requirePositiveInteger('timeoutMs', timeoutMs);
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_HTTP_MAX_RESPONSE_BYTES;
  requirePositiveInteger('maxResponseBytes', maxResponseBytes);
  const basePath = url.pathname.replace(/(?<!\/)\/+$/, '');
  const endpoint = `${url.origin}${basePath}`;
  const errorContext: ProviderErrorContext = { ...options.errorContext, endpoint };
  // undici costs ~100 ms to import: load it at the first call, so that
  // `import 'miair'` and offline runs never pay for it.
  let pool: Pool | null = null;
  let loading: Promise<Pool> | null = null;
  const getPool = (): Promise<Pool> =>
    (loading ??= import('undici').then(({ Pool: UndiciPool }) => {
      pool = new UndiciPool(url.origin, { connections, pipelining: 1, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
      return pool;
    }));
  const headers = { ...options.headers, 'content-type': 'application/json', accept: 'application/json' };
  const send = (target: Pool, request: Dispatcher.DispatchOptions, signal: AbortSignal | undefined): Promise<HttpJsonResponse> =>
    new Promise((resolve, reject) => {
      target.dispatch(request, new JsonResponseHandler(resolve, reject, signal, (error) => mapNetworkError(error, signal, timeoutMs, errorContext), maxResponseBytes, errorContext));
    });

  return {
    endpoint,
    errorContext,
    post(request: HttpJsonRequest): Promise<HttpJsonResponse> {
      const signal = request.abortSignal;
      if (signal?.aborted === true) return Promise.reject(abortedError(errorContext, signal));
      let dispatchOptions: Dispatcher.DispatchOptions;
      try {
        const query = request.query === undefined ? '' : `?${new URLSearchParams(request.query).toString()}`;
        dispatchOptions = { method: 'POST', path: `${basePath}${request.path}${query}`, headers, body: JSON.stringify(request.body) };
      } catch (error) {
        return Promise.reject(mapNetworkError(error, signal, timeoutMs, errorContext));
      }
      if (pool !== null) return send(pool, dispatchOptions, signal);
      return getPool().then((created) => send(created, dispatchOptions, signal));
    },
    close: async () => {
      if (loading !== null) await (await loading).close();
    },
  };
}

function abortedError(errorContext: ProviderErrorContext, signal: AbortSignal): MiairError {
  return new MiairError('ABORTED', `The ${errorContext.vendorName} call was aborted.`, { cause: signal.reason });
}

/**
 * Gathers one response for `Pool.dispatch`: status, headers and the body as
 * text. The caller's signal settles the call at once, even while the request
 * still waits for a connection; undici is told to abort as soon as it has
 * handed the request a connection.
 */
class JsonResponseHandler implements Dispatcher.DispatchHandler {
  private abortRequest: ((reason?: Error) => void) | null = null;
  private abortReason: Error | null = null;
  private status = 0;
  private rawHeaders: Buffer[] | null = null;
  private chunks: Buffer[] = [];
  private receivedBytes = 0;
  private isSettled = false;
  private readonly unsubscribe: (() => void) | null;

  constructor(
    private readonly resolve: (response: HttpJsonResponse) => void,
    private readonly reject: (error: unknown) => void,
    signal: AbortSignal | undefined,
    private readonly mapError: (error: unknown) => MiairError,
    private readonly maxResponseBytes: number,
    private readonly errorContext: ProviderErrorContext,
  ) {
    this.unsubscribe = signal === undefined ? null : subscribeAbort(signal, () => this.abort());
  }

  onConnect(abort: (reason?: Error) => void): void {
    if (this.abortReason !== null) abort(this.abortReason);
    else this.abortRequest = abort;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    // 1xx answers (100 Continue) come before the real one.
    if (statusCode >= 200) {
      this.status = statusCode;
      this.rawHeaders = rawHeaders;
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.receivedBytes += chunk.length;
    if (this.receivedBytes > this.maxResponseBytes) {
      // Read no further and drop the connection: a body without end would otherwise grow the heap until the timeout.
      this.chunks = [];
      const { vendorName, modelId, endpoint } = this.errorContext;
      this.abortWith(
        new MiairError('PROVIDER_INVALID_RESPONSE', `${vendorName} sent an answer larger than ${this.maxResponseBytes} bytes for model \`${modelId}\` at ${endpoint}; it was not read to the end. Check that --base-url points at a chat API.`, {
          details: { status: this.status, reason: 'too-large', maxResponseBytes: this.maxResponseBytes },
        }),
      );
      return false;
    }
    this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    if (!this.settle()) return;
    const { chunks } = this;
    const bodyText = chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8');
    this.resolve({ status: this.status, headers: parseRawHeaders(this.rawHeaders ?? []), bodyText });
  }

  onError(error: Error): void {
    if (this.settle()) this.reject(this.mapError(error));
  }

  private abort(): void {
    this.abortReason = new Error('aborted');
    if (this.settle()) this.reject(this.mapError(this.abortReason));
    this.abortRequest?.(this.abortReason);
  }

  /** Fails the call with `error` and stops the request (its connection is closed). */
  private abortWith(error: MiairError): void {
    if (this.settle()) this.reject(error);
    this.abortReason = new Error('aborted');
    this.abortRequest?.(this.abortReason);
  }

  /** Marks the call settled; false when it already was. */
  private settle(): boolean {
    if (this.isSettled) return false;
    this.isSettled = true;
    this.unsubscribe?.();
    return true;
  }
}

/** Response headers as undici's `request()` gives them: lower-case names, a repeated header as an array. */
function parseRawHeaders(rawHeaders: readonly Buffer[]): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = (rawHeaders[index] as Buffer).toString('latin1').toLowerCase();
    const value = (rawHeaders[index + 1] as Buffer).toString('latin1');
    const previous = headers[name];
    if (previous === undefined) headers[name] = value;
    else if (typeof previous === 'string') headers[name] = [previous, value];
    else previous.push(value);
  }
  return headers;
}

/** Parses the base URL; credentials in it are allowed but never shown. */
function parseBaseUrl(baseURL: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(baseURL);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    // The value itself may hold credentials, so only its type is quoted.
    throw new MiairError('CONFIG_INVALID', `Expected \`baseURL\` to be an http or https URL such as http://localhost:11434/v1, got an invalid value (${typeof baseURL}).`);
  }
  return url;
}

function requirePositiveInteger(name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new MiairError('CONFIG_INVALID', `Expected \`${name}\` to be an integer >= 1, got \`${String(value)}\` (${typeof value}).`);
  }
}
