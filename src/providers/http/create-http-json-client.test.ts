import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MiairError } from '../../errors.js';
import { createHttpJsonClient, type HttpJsonClient, type HttpJsonClientOptions } from './create-http-json-client.js';

const ERROR_CONTEXT = { vendorName: 'Test', keySource: '--api-key', modelId: 'm', secret: 'sk-test-secret-0123456789' };
const opened: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((item) => item.close()));
});

/** A TCP server that answers each request (read up to its body) with `answer(index)`: raw bytes, or null to hang. */
async function rawServer(answer: (index: number, socket: Socket) => string | Buffer | null): Promise<{ url: string; requests: string[]; connections: () => number }> {
  const requests: string[] = [];
  let connections = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      for (;;) {
        const headEnd = buffered.indexOf('\r\n\r\n');
        if (headEnd === -1) return;
        const length = Number(/content-length: (\d+)/i.exec(buffered.slice(0, headEnd))?.[1] ?? 0);
        if (buffered.length < headEnd + 4 + length) return;
        requests.push(buffered.slice(0, headEnd + 4 + length));
        buffered = buffered.slice(headEnd + 4 + length);
        const reply = answer(requests.length - 1, socket);
        if (reply !== null) socket.write(reply);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  opened.push({
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, requests, connections: () => connections };
}

function client(options: Partial<HttpJsonClientOptions> & { baseURL: string }): HttpJsonClient {
  const created = createHttpJsonClient({ headers: { authorization: `Bearer ${ERROR_CONTEXT.secret}` }, errorContext: ERROR_CONTEXT, ...options });
  opened.push(created);
  return created;
}

function ok(body: string, extra = ''): string {
  return `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;
}

async function errorOf(promise: Promise<unknown>): Promise<MiairError> {
  const error = await promise.then(() => new Error('expected the call to fail'), (thrown: unknown) => thrown);
  expect(MiairError.isInstance(error), String(error)).toBe(true);
  return error as MiairError;
}

describe('createHttpJsonClient', () => {
  it('opens at most `connections` connections and queues the other calls when many run at once', async () => {
    const server = await rawServer(() => ok('{}'));
    const http = client({ baseURL: server.url, connections: 2 });
    const responses = await Promise.all(Array.from({ length: 7 }, () => http.post({ path: '/chat', body: {} })));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 200, 200]);
    expect(server.connections()).toBe(2);
  });

  it('reads the body until the server closes when it sends no length', async () => {
    const server = await rawServer((index, socket) => {
      socket.end(`HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n{"call":${index}}`);
      return null;
    });
    const http = client({ baseURL: server.url });
    expect((await http.post({ path: '/chat', body: {} })).bodyText).toBe('{"call":0}');
    expect((await http.post({ path: '/chat', body: {} })).bodyText).toBe('{"call":1}');
    expect(server.connections()).toBe(2);
  });

  it('sends the next call on a new connection when the server closed the idle one', async () => {
    const server = await rawServer((_index, socket) => {
      socket.end(ok('{}'));
      return null;
    });
    const http = client({ baseURL: server.url });
    await http.post({ path: '/chat', body: {} });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await http.post({ path: '/chat', body: {} })).status).toBe(200);
    expect(server.connections()).toBe(2);
  });

  it('throws PROVIDER_UNAVAILABLE when the server closes in the middle of the body', async () => {
    const server = await rawServer((_index, socket) => {
      socket.end('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{"cut":');
      return null;
    });
    const error = await errorOf(client({ baseURL: server.url }).post({ path: '/chat', body: {} }));
    expect(error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(error.details).toEqual({ code: 'UND_ERR_SOCKET' });
  });

  it('throws PROVIDER_INVALID_RESPONSE and closes the connection when the body grows past maxResponseBytes', async () => {
    let isClosed = false;
    const server = await rawServer((_index, socket) => {
      // A body without end, as a wrong endpoint or a broken proxy may send: every chunk resets undici's body timer.
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n');
      const timer = setInterval(() => socket.write(Buffer.alloc(16 * 1024, 0x20)), 1);
      socket.on('close', () => {
        isClosed = true;
        clearInterval(timer);
      });
      socket.on('error', () => clearInterval(timer));
      return null;
    });
    const error = await errorOf(client({ baseURL: server.url, maxResponseBytes: 256 * 1024 }).post({ path: '/chat', body: {} }));
    expect(error.code).toBe('PROVIDER_INVALID_RESPONSE');
    expect(error.isRetryable).toBe(true);
    expect(error.details).toEqual({ status: 200, reason: 'too-large', maxResponseBytes: 256 * 1024 });
    expect(error.message).toMatch(/^Test sent an answer larger than 262144 bytes for model `m` at http:\/\/127\.0\.0\.1:\d+\/v1; it was not read to the end\./);
    await vi.waitFor(() => expect(isClosed).toBe(true));
  });

  it('throws PROVIDER_TIMEOUT when the body stalls past timeoutMs', async () => {
    const server = await rawServer(() => 'HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{"slow":');
    const error = await errorOf(client({ baseURL: server.url, timeoutMs: 100 }).post({ path: '/chat', body: {} }));
    expect(error.code).toBe('PROVIDER_TIMEOUT');
    expect(error.details).toEqual({ code: 'UND_ERR_BODY_TIMEOUT' });
  });

  it('throws ABORTED for a call waiting for a connection when its signal fires', async () => {
    const server = await rawServer(() => null);
    const http = client({ baseURL: server.url, connections: 1, timeoutMs: 60_000 });
    const first = new AbortController();
    const second = new AbortController();
    // Both rejections are handled from the start: either may come first.
    const errors = Promise.all([errorOf(http.post({ path: '/chat', body: {}, abortSignal: first.signal })), errorOf(http.post({ path: '/chat', body: {}, abortSignal: second.signal }))]);
    second.abort();
    first.abort();
    expect((await errors).map((error) => error.code)).toEqual(['ABORTED', 'ABORTED']);
    expect(server.requests.length).toBeLessThanOrEqual(1);
  });

  it('rejects a call waiting for a connection as soon as its signal fires, and never sends it', async () => {
    const server = await rawServer(() => null);
    const http = client({ baseURL: server.url, connections: 1, timeoutMs: 60_000 });
    const first = new AbortController();
    const second = new AbortController();
    const firstError = errorOf(http.post({ path: '/chat', body: {}, abortSignal: first.signal }));
    const secondError = errorOf(http.post({ path: '/chat', body: { n: 2 }, abortSignal: second.signal }));
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    // The first call still holds the only connection: the second settles without it.
    second.abort();
    expect((await secondError).code).toBe('ABORTED');
    first.abort();
    expect((await firstError).code).toBe('ABORTED');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests.every((request) => !request.includes('"n":2'))).toBe(true);
  });

  it('throws PROVIDER_ERROR on every call when a header could split the request', async () => {
    const server = await rawServer(() => ok('{}'));
    const error = await errorOf(client({ baseURL: server.url, headers: { 'x-title': 'a\r\nx-injected: 1' } }).post({ path: '/chat', body: {} }));
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(server.requests).toHaveLength(0);
  });

});
