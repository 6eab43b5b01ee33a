import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sharedBreakerRegistry } from '../providers/middleware/breaker-registry.js';
import { createModel } from './create-model.js';
import { resolveSettings } from './resolve-settings.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  sharedBreakerRegistry.clear();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A TCP server that reads requests and never answers; resolves `received` once `connections` connections sent data. */
async function silentServer(connections: number): Promise<{ url: string; received: Promise<void> }> {
  const sockets = new Set<Socket>();
  let onRequest: () => void = () => undefined;
  const received = new Promise<void>((resolve) => (onRequest = resolve));
  let sending = 0;
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('data', () => {
      if (++sending === connections) onRequest();
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => {
    for (const socket of sockets) socket.destroy();
    server.close(() => resolve());
  }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, received };
}

describe('createModel', () => {
  it('lets OpenAI and Anthropic calls wait up to --request-timeout-ms when it is above the HTTP client default (120 s)', async () => {
    const server = await silentServer(2);
    const cwd = mkdtempSync(path.join(tmpdir(), 'miair-create-model-'));
    cleanups.push(() => rmSync(cwd, { recursive: true, force: true }));
    // Fake timers drive undici's header timer too: it reads setTimeout when the first call loads it (once per test file).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const outcomes: unknown[] = [];
    for (const [provider, baseUrl] of [['openai', server.url], ['anthropic', server.url.replace(/\/v1$/, '')]] as const) {
      const settings = await resolveSettings({ provider, baseUrl, requestTimeoutMs: 300_000, maxRetries: 0, cache: false }, {}, cwd, undefined);
      const created = await createModel(settings, 'sk-test-key-123456', {});
      cleanups.push(() => created.close());
      const index = outcomes.push('pending') - 1;
      created.model.doGenerate({ messages: [{ role: 'user', content: 'Hello.' }], maxOutputTokens: 16, temperature: 0 }).then(
        () => (outcomes[index] = 'answered'),
        (error: unknown) => (outcomes[index] = error),
      );
    }
    await server.received;
    await vi.advanceTimersByTimeAsync(150_000);
    // A timer that fired closes its socket: give that I/O a few turns of the event loop.
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    // Before the fix the HTTP client's own 120 s header timeout failed both calls: a slow local model could never be waited for.
    expect(outcomes).toEqual(['pending', 'pending']);
    await vi.advanceTimersByTimeAsync(160_000);
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(outcomes).toMatchObject([{ code: 'PROVIDER_TIMEOUT' }, { code: 'PROVIDER_TIMEOUT' }]);
  });
});
