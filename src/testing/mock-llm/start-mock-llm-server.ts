import { createWriteStream, type WriteStream } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extractDocumentBlock } from '../../providers/document-block.js';
import { estimateTokens } from '../../providers/estimate-tokens.js';
import { MiairError } from '../../errors.js';
import { createRandom } from '../../providers/mock/create-random.js';
import { sampleLatency } from '../../providers/mock/sample-latency.js';
import { anthropicDialect } from './anthropic-dialect.js';
import { createMockLlmEdit } from './create-mock-llm-edit.js';
import { matchMockLlmRoute } from './match-mock-llm-route.js';
import { DEFAULT_MOCK_LLM_MAX_BODY_BYTES, MOCK_LLM_FAULTS, resolveMockLlmOptions } from './mock-llm-options.js';
import type { MockLlmChatRequest, MockLlmDialect } from './mock-llm-dialect.js';
import type { MockLlmFault, MockLlmServerOptions } from './mock-llm-options.js';

/** The answer to a request whose prompt has no document block. */
export const MOCK_LLM_NO_DOCUMENT_REPLY = 'This is the mock LLM server. Send a document in a delimited block to get an edited copy back.';

/** One request the server received, as kept in {@link MockLlmServer.requests}. */
export interface MockLlmRequestRecord {
  /** When the body was complete, in milliseconds since the epoch. */
  receivedAt: number;
  method: string;
  /** Path and query, as sent. */
  path: string;
  /** Request headers, lower-case names, as sent (keys included: the server is for tests). */
  headers: IncomingHttpHeaders;
  /** The body as text. */
  body: string;
  /** HTTP status answered; null while pending, for a hang, or for a connection reset. */
  status: number | null;
  /** The fault injected, if any. */
  fault: MockLlmFault | null;
  /** Latency waited before answering, in milliseconds (0 when the request was refused before). */
  latencyMs: number;
}

/** Counters of a mock LLM server since it started. */
export interface MockLlmServerStats {
  /** Requests whose body arrived. */
  received: number;
  /** Chat requests waiting for their latency, or hanging. */
  inFlight: number;
  /** Most chat requests in flight at once. */
  maxInFlight: number;
  /** Responses sent, per HTTP status. */
  byStatus: Record<string, number>;
  /** Faults injected, per kind. */
  faults: Record<MockLlmFault, number>;
}

/** A running mock LLM server. */
export interface MockLlmServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:40123`; OpenAI clients use `${url}/v1`. */
  readonly url: string;
  readonly port: number;
  /** The newest requests (at most `maxRecordedRequests`), oldest first. */
  readonly requests: MockLlmRequestRecord[];
  /** A snapshot of the counters. */
  stats(): MockLlmServerStats;
  /** Stops listening, drops every connection (hanging requests included) and closes the log file. */
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json';

/**
 * Starts an HTTP server on 127.0.0.1 that answers like the OpenAI Chat
 * Completions and Anthropic Messages APIs, for tests and benchmarks. It checks
 * keys like the vendors do, waits a (seeded, random or fixed) latency, injects
 * faults at configured rates, and answers with a deterministic edit of the
 * document in the prompt (see document-block.ts), with estimated token usage.
 *
 * Built for load: keep-alive, one JSON parse per request, no per-request
 * logging unless `logFile` is set. See README.md in this folder.
 *
 * @throws MiairError `CONFIG_INVALID` for invalid options, or a port that is in use or needs privileges.
 * @example
 * const server = await startMockLlmServer({ latencyMs: 0, faultRates: { '429': 0.1 }, seed: 7 });
 * const model = createOpenAIModel({ baseURL: `${server.url}/v1`, apiKey: 'test', modelId: 'gpt-4o-mini' });
 * await server.close();
 */
export async function startMockLlmServer(options: MockLlmServerOptions = {}): Promise<MockLlmServer> {
  const resolved = resolveMockLlmOptions(options);
  const edit = createMockLlmEdit(resolved.edit);
  const { faultThresholds, latencyMs, maxRecordedRequests, apiKey } = resolved;
  const fixedLatencyMs = typeof latencyMs === 'number' ? latencyMs : null;
  // Two streams, so changing the latency setting never changes which requests fail.
  const faultRandom = createRandom(resolved.seed);
  const latencyRandom = createRandom(resolved.seed ^ 0x9e3779b9);
  const retryAfter = String(resolved.retryAfterSeconds);
  const requests: MockLlmRequestRecord[] = [];
  const faults = Object.fromEntries(MOCK_LLM_FAULTS.map((fault) => [fault, 0])) as Record<MockLlmFault, number>;
  const byStatus: Record<string, number> = {};
  let received = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let sequence = 0;
  let closed = false;
  const log: WriteStream | null = resolved.logFile === null ? null : await openLog(resolved.logFile);
  const modelsBody = JSON.stringify({
    object: 'list',
    data: resolved.models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'miair-mock' })),
  });

  // Hanging requests end when the client gives up or close() drops them, whichever comes first.
  const hanging = new Set<MockLlmRequestRecord>();
  const settleHang = (record: MockLlmRequestRecord): void => {
    if (!hanging.delete(record)) return;
    inFlight--;
    finish(record);
  };

  const drawFault = (): MockLlmFault | null => {
    if (faultThresholds.length === 0) return null;
    const draw = faultRandom();
    for (const threshold of faultThresholds) if (draw < threshold.upTo) return threshold.fault;
    return null;
  };

  const finish = (record: MockLlmRequestRecord): void => {
    if (record.status !== null) byStatus[record.status] = (byStatus[record.status] ?? 0) + 1;
    if (log !== null && !log.writableEnded) {
      const { receivedAt, method, path, status, fault, latencyMs: waited, body } = record;
      log.write(`${JSON.stringify({ time: new Date(receivedAt).toISOString(), method, path, status, fault, latencyMs: waited, body })}\n`);
    }
  };

  const send = (response: ServerResponse, record: MockLlmRequestRecord, status: number, body: string, extraHeaders?: Record<string, string>): void => {
    record.status = status;
    response.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(body), ...extraHeaders });
    response.end(body);
    finish(record);
  };

  const answer = (response: ServerResponse, record: MockLlmRequestRecord, dialect: MockLlmDialect, chat: MockLlmChatRequest, sequenceNumber: number): void => {
    inFlight--;
    if (closed) return;
    const fault = record.fault;
    if (fault === 'reset') {
      response.socket?.destroy();
      finish(record);
      return;
    }
    if (fault === '429') {
      send(response, record, 429, dialect.formatError(429, 'Rate limit reached for requests (mock). Please try again later.'), rateLimitHeaders(dialect, retryAfter));
      return;
    }
    if (fault === '500') return send(response, record, 500, dialect.formatError(500, 'The server had an error while processing your request (mock).'));
    if (fault === '503') return send(response, record, 503, dialect.formatError(503, 'The server is overloaded or not ready yet (mock).'));
    let inputTokens = 0;
    for (const message of chat.messages) inputTokens += estimateTokens(message.content);
    const document = extractDocumentBlock(chat.messages);
    let text = fault === 'empty' ? '' : document === null ? MOCK_LLM_NO_DOCUMENT_REPLY : edit(document);
    let finishReason: 'stop' | 'length' = 'stop';
    if (fault === 'length') {
      text = text.slice(0, Math.floor(text.length / 2));
      finishReason = 'length';
    } else if (chat.maxTokens !== null && estimateTokens(text) > chat.maxTokens) {
      // Like a real model: the answer stops at the request's token limit.
      text = text.slice(0, chat.maxTokens * 4);
      finishReason = 'length';
    }
    const body = dialect.formatReply({ sequence: sequenceNumber, model: chat.model, text, finish: finishReason, inputTokens, outputTokens: estimateTokens(text) });
    send(response, record, 200, fault === 'malformed' ? body.slice(0, Math.max(1, Math.floor(body.length / 2))) : body);
  };

  const handle = (request: IncomingMessage, response: ServerResponse, bodyBuffer: Buffer, sizeInBytes: number): void => {
    received++;
    const url = request.url ?? '/';
    const headers = request.headers;
    const body = sizeInBytes > DEFAULT_MOCK_LLM_MAX_BODY_BYTES ? '' : bodyBuffer.toString('utf8');
    const record: MockLlmRequestRecord = { receivedAt: Date.now(), method: request.method ?? 'GET', path: url, headers, body, status: null, fault: null, latencyMs: 0 };
    if (maxRecordedRequests > 0) {
      if (requests.length >= maxRecordedRequests) requests.shift();
      requests.push(record);
    }
    const route = matchMockLlmRoute(request.method, url);
    const dialect = route.dialect;
    if (route.kind === 'not-found') return send(response, record, 404, dialect.formatError(404, `Unknown request URL: ${record.method} ${url}. The mock LLM server serves POST /v1/chat/completions, POST /v1/messages and GET /v1/models.`));
    if (route.kind === 'models') {
      const refusal = dialect.checkAuth(headers, apiKey) === null ? null : anthropicDialect.checkAuth(headers, apiKey);
      if (refusal !== null) return send(response, record, 401, dialect.formatError(401, refusal));
      return send(response, record, 200, modelsBody);
    }
    const refusal = dialect.checkAuth(headers, apiKey);
    if (refusal !== null) return send(response, record, 401, dialect.formatError(401, refusal));
    if (route.kind === 'invalid') return send(response, record, 400, dialect.formatError(400, route.message));
    const headerProblem = dialect.checkHeaders(headers);
    if (headerProblem !== null) return send(response, record, 400, dialect.formatError(400, headerProblem));
    if (sizeInBytes > DEFAULT_MOCK_LLM_MAX_BODY_BYTES) {
      return send(response, record, 413, dialect.formatError(413, `The request body has ${sizeInBytes} bytes; the mock LLM server accepts at most ${DEFAULT_MOCK_LLM_MAX_BODY_BYTES}.`));
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return send(response, record, 400, dialect.formatError(400, 'The request body is not valid JSON.'));
    }
    const chat = dialect.readRequest(parsed, route.pathModel);
    if (typeof chat === 'string') return send(response, record, 400, dialect.formatError(400, chat));

    // Draw in arrival order, so a seed gives the same faults and latencies for the same request order.
    const fault = drawFault();
    const delayMs = fixedLatencyMs ?? sampleLatency(latencyMs, latencyRandom);
    record.fault = fault;
    record.latencyMs = delayMs;
    if (fault !== null) faults[fault]++;
    inFlight++;
    if (inFlight > maxInFlight) maxInFlight = inFlight;
    if (fault === 'hang') {
      // Never answered: the client's timeout has to end it (or close() does).
      hanging.add(record);
      response.once('close', () => settleHang(record));
      return;
    }
    sequence++;
    if (delayMs <= 0) answer(response, record, dialect, chat, sequence);
    else setTimeout(answer, delayMs, response, record, dialect, chat, sequence);
  };

  const server = createServer({ keepAlive: true, noDelay: true, requestTimeout: 0 }, (request, response) => {
    const chunks: Buffer[] = [];
    let sizeInBytes = 0;
    request.on('data', (chunk: Buffer) => {
      sizeInBytes += chunk.length;
      if (sizeInBytes <= DEFAULT_MOCK_LLM_MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      handle(request, response, chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks), sizeInBytes);
    });
  });
  // Benchmarks keep hundreds of connections open between bursts; hanging requests must outlive any client timeout.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 125_000;
  server.maxRequestsPerSocket = 0;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      // A deep backlog: a benchmark opens up to 1024 connections at once.
      server.listen({ host: '127.0.0.1', port: resolved.port, backlog: 4096 }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    if (log !== null) await new Promise<void>((resolve) => log.end(resolve));
    throw listenError(error, resolved.port);
  }
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    stats: () => ({ received, inFlight, maxInFlight, byStatus: { ...byStatus }, faults: { ...faults } }),
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      for (const record of hanging) settleHang(record);
      await stopped;
      if (log !== null) await new Promise<void>((resolve) => log.end(resolve));
    },
  };
}

/** `Retry-After` plus the vendor's own rate-limit reset header, as real 429s carry. */
function rateLimitHeaders(dialect: MockLlmDialect, retryAfterSeconds: string): Record<string, string> {
  if (dialect === anthropicDialect) {
    return { 'retry-after': retryAfterSeconds, 'anthropic-ratelimit-requests-reset': new Date(Date.now() + Number(retryAfterSeconds) * 1000).toISOString() };
  }
  return { 'retry-after': retryAfterSeconds, 'x-ratelimit-reset-requests': `${retryAfterSeconds}s`, 'x-ratelimit-remaining-requests': '0' };
}

/** A failure to listen on `port`, as a MiairError that says what to do. */
function listenError(error: unknown, port: number): MiairError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const reason = error instanceof Error ? error.message : String(error);
  if (code === 'EADDRINUSE') return new MiairError('CONFIG_INVALID', `Port ${port} on 127.0.0.1 is already in use (${reason}). Pick another port, or 0 for a free one.`, { cause: error });
  if (code === 'EACCES') return new MiairError('CONFIG_INVALID', `Port ${port} on 127.0.0.1 needs privileges this process lacks (${reason}). Pick a port above 1023, or 0 for a free one.`, { cause: error });
  return MiairError.from(error, 'INTERNAL');
}

/** The request log, opened before the server listens: a path that cannot be written is an error of the call, not a crash later. */
async function openLog(logFile: string): Promise<WriteStream> {
  const stream = createWriteStream(logFile, { flags: 'a' });
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => {
      stream.off('error', reject);
      resolve();
    });
    stream.once('error', reject);
  }).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MiairError('CONFIG_INVALID', `Could not open the request log \`${logFile}\` (${reason}). Pass a path in a writable directory.`, { cause: error });
  });
  return stream;
}
