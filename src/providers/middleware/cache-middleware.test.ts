import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCacheStats, type CacheStore } from '../../cache/cache-store.js';
import { createDiskCacheStore } from '../../cache/create-disk-cache-store.js';
import { createMemoryCacheStore } from '../../cache/create-memory-cache-store.js';
import { createTieredCacheStore } from '../../cache/create-tiered-cache-store.js';
import type { MiairError } from '../../errors.js';
import { refine } from '../../refine/refine.js';
import { createBoundary, wrapDocumentBlock } from '../document-block.js';
import { createMockModel } from '../mock/create-mock-model.js';
import { piiMiddleware } from '../pii/pii-middleware.js';
import type { LanguageModel, LanguageModelCallOptions, LanguageModelResult } from '../spec.js';
import { CACHED_RESPONSE_WARNING, cacheMiddleware, isCachedResult, normaliseDocumentBoundaries, responseCacheKey } from './cache-middleware.js';
import { wrapLanguageModel } from './language-model-middleware.js';

/** A model that echoes the document block and counts its calls. */
function createEchoModel(answer: Partial<LanguageModelResult> = {}): LanguageModel & { calls: LanguageModelCallOptions[] } {
  const calls: LanguageModelCallOptions[] = [];
  return {
    provider: 'echo',
    modelId: 'echo-1',
    calls,
    async doGenerate(options) {
      calls.push(options);
      const user = options.messages.at(-1)?.content ?? '';
      return { text: `answer to ${user.length}`, finishReason: 'stop', usage: { inputTokens: 10, outputTokens: 5 }, warnings: [], responseHeaders: { 'retry-after': '1' }, ...answer };
    },
  };
}

function callOptions(document: string, overrides: Partial<LanguageModelCallOptions> = {}): LanguageModelCallOptions {
  return {
    messages: [
      { role: 'system', content: 'Improve the document.' },
      { role: 'user', content: `Scores...\n${wrapDocumentBlock(document, createBoundary(document))}` },
    ],
    maxOutputTokens: 100,
    temperature: 0.2,
    ...overrides,
  };
}

describe('cacheMiddleware', () => {
  it('answers a repeated call from the cache although each call has a new boundary', async () => {
    const model = createEchoModel();
    const store = createMemoryCacheStore();
    const cached = wrapLanguageModel(model, [cacheMiddleware({ store })]);
    const first = await cached.doGenerate(callOptions('Hello world.'));
    const second = await cached.doGenerate(callOptions('Hello world.'));
    expect(model.calls).toHaveLength(1);
    expect(second.text).toBe(first.text);
    expect(second.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
    expect(second.warnings).toContainEqual(CACHED_RESPONSE_WARNING);
    expect(second.responseHeaders).toBeUndefined();
    expect(isCachedResult(second)).toBe(true);
    expect(isCachedResult(first)).toBe(false);
    expect(store.stats()).toMatchObject({ hits: 1, misses: 1, sets: 1 });
  });

  it('calls the model again when content, temperature, maxOutputTokens or model differ', async () => {
    const model = createEchoModel();
    const store = createMemoryCacheStore();
    const cached = wrapLanguageModel(model, [cacheMiddleware({ store })]);
    await cached.doGenerate(callOptions('A.'));
    await cached.doGenerate(callOptions('B.'));
    await cached.doGenerate(callOptions('A.', { temperature: 0.7 }));
    await cached.doGenerate(callOptions('A.', { maxOutputTokens: 200 }));
    const other = wrapLanguageModel({ ...createEchoModel(), modelId: 'echo-2' }, [cacheMiddleware({ store })]);
    await other.doGenerate(callOptions('A.'));
    expect(model.calls).toHaveLength(4);
    expect(store.stats().hits).toBe(0);
  });

  it('keys a retry after a rejected answer apart from the first call, and replays each on a repeated run', async () => {
    const model = createEchoModel();
    const store = createMemoryCacheStore();
    const cached = wrapLanguageModel(model, [cacheMiddleware({ store })]);
    await cached.doGenerate(callOptions('A.'));
    await cached.doGenerate(callOptions('A.', { attempt: 1 }));
    expect(model.calls).toHaveLength(2);
    await cached.doGenerate(callOptions('A.', { attempt: 0 }));
    await cached.doGenerate(callOptions('A.', { attempt: 1 }));
    expect(model.calls).toHaveLength(2);
    expect(store.stats().hits).toBe(2);
  });

  it('normalises only the 16 hex digits of document block markers', () => {
    const block = wrapDocumentBlock('x', '0123456789abcdef');
    expect(normaliseDocumentBoundaries(block)).toBe('<<<MIAIR-DOCUMENT-BEGIN BOUNDARY>>>\nx\n<<<MIAIR-DOCUMENT-END BOUNDARY>>>');
    expect(normaliseDocumentBoundaries('<<<MIAIR-DOCUMENT-BEGIN short>>>')).toBe('<<<MIAIR-DOCUMENT-BEGIN short>>>');
    expect(normaliseDocumentBoundaries('plain text')).toBe('plain text');
    const model = createEchoModel();
    const keyA = responseCacheKey(model, callOptions('same'));
    expect(responseCacheKey(model, callOptions('same'))).toBe(keyA);
    expect(responseCacheKey(model, { ...callOptions('same'), messages: callOptions('same').messages.map((message) => ({ ...message, role: 'user' as const })) })).not.toBe(keyA);
  });

  it('does not store an answer that did not finish with stop', async () => {
    const model = createEchoModel({ finishReason: 'length' });
    const store = createMemoryCacheStore();
    const cached = wrapLanguageModel(model, [cacheMiddleware({ store })]);
    await cached.doGenerate(callOptions('A.'));
    await cached.doGenerate(callOptions('A.'));
    expect(model.calls).toHaveLength(2);
    expect(store.stats().sets).toBe(0);
  });

  it('treats a foreign or damaged stored value as a miss', async () => {
    const model = createEchoModel();
    const store = createMemoryCacheStore();
    const options = callOptions('A.');
    const key = responseCacheKey(model, options);
    const cached = wrapLanguageModel(model, [cacheMiddleware({ store })]);
    for (const value of ['not json', 'null', '{"text":1}', '{"text":"t","finishReason":"length","warnings":[],"usage":{}}', '{"text":"t","finishReason":"stop","warnings":[]}']) {
      await store.set(key, value);
      expect((await cached.doGenerate(options)).usage.inputTokens).toBe(10);
    }
    expect(model.calls).toHaveLength(5);
  });

  it('calls the model and reports once when a store throws', async () => {
    const model = createEchoModel();
    const broken: CacheStore = {
      kind: 'broken',
      get: () => Promise.reject(new Error('socket closed')),
      set: () => Promise.reject(new Error('socket closed')),
      delete: async () => undefined,
      clear: async () => undefined,
      stats: createCacheStats,
      close: async () => undefined,
    };
    const errors: MiairError[] = [];
    const cached = wrapLanguageModel(model, [cacheMiddleware({ store: broken, onError: (error) => errors.push(error) })]);
    expect((await cached.doGenerate(callOptions('A.'))).text).toMatch(/^answer/);
    await cached.doGenerate(callOptions('A.'));
    expect(model.calls).toHaveLength(2);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.code).toBe('CACHE_UNAVAILABLE');
  });

  it('makes one call for identical calls in flight at once, and a new call when the first one failed', async () => {
    let calls = 0;
    let fail = false;
    const slow: LanguageModel = {
      provider: 'slow',
      modelId: 'slow-1',
      async doGenerate() {
        calls++;
        await new Promise((resolve) => setTimeout(resolve, 30));
        if (fail) throw new Error('down');
        return { text: `answer ${calls}`, finishReason: 'stop', usage: { inputTokens: 10, outputTokens: 5 }, warnings: [] };
      },
    };
    const model = cacheMiddleware({ store: createMemoryCacheStore() })(slow);
    const [first, second] = await Promise.all([model.doGenerate(callOptions('Same text.')), model.doGenerate(callOptions('Same text.'))]);
    expect(calls).toBe(1);
    expect(second?.text).toBe(first?.text);
    expect(first?.usage).toEqual({ inputTokens: 10, outputTokens: 5 });
    expect(second?.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
    expect(second !== undefined && isCachedResult(second)).toBe(true);

    fail = true;
    const failing = model.doGenerate(callOptions('Other text.')).catch((error: unknown) => error);
    const follower = model.doGenerate(callOptions('Other text.')).catch((error: unknown) => error);
    await failing;
    expect(calls).toBe(2);
    await follower;
    expect(calls).toBe(3);
  });

  it('stops waiting for an identical call in flight when its own signal fires', async () => {
    const slow: LanguageModel = {
      provider: 'slow',
      modelId: 'slow-1',
      doGenerate: () => new Promise((resolve) => setTimeout(() => resolve({ text: 'late', finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 }, warnings: [] }), 200)),
    };
    const model = cacheMiddleware({ store: createMemoryCacheStore() })(slow);
    const leader = model.doGenerate(callOptions('Same text.'));
    const controller = new AbortController();
    const follower = model.doGenerate(callOptions('Same text.', { abortSignal: controller.signal })).catch((error: unknown) => error as MiairError);
    setTimeout(() => controller.abort(), 10);
    expect(await follower).toMatchObject({ code: 'ABORTED' });
    expect((await leader).text).toBe('late');
  });

  it('throws ABORTED on a hit when the caller has already aborted', async () => {
    const store = createMemoryCacheStore();
    const cached = wrapLanguageModel(createEchoModel(), [cacheMiddleware({ store, ttlMs: 60_000 })]);
    await cached.doGenerate(callOptions('A.'));
    await expect(cached.doGenerate(callOptions('A.', { abortSignal: AbortSignal.abort() }))).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('keeps personal data out of keys and entries when PII masking wraps the cache', async () => {
    const model = createEchoModel();
    model.doGenerate = async (options) => {
      model.calls.push(options);
      const user = options.messages.at(-1)?.content ?? '';
      const placeholder = /\[[A-Z_]+_\d+\]/.exec(user)?.[0] ?? '';
      return { text: `Write to ${placeholder} today.`, finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1 }, warnings: [] };
    };
    const store = createMemoryCacheStore();
    const cached = wrapLanguageModel(model, [piiMiddleware({ mode: 'mask' }), cacheMiddleware({ store })]);
    const first = await cached.doGenerate(callOptions('Write to jane.doe@acme-corp.de today.'));
    const second = await cached.doGenerate(callOptions('Write to john.roe@globex.io today.'));
    expect(first.text).toBe('Write to jane.doe@acme-corp.de today.');
    // Both mask to the same prompt: one call, and the hit is restored with the second document's own address.
    expect(second.text).toBe('Write to john.roe@globex.io today.');
    expect(model.calls).toHaveLength(1);
    for await (const entry of store.entries!()) {
      expect(`${entry.key} ${entry.value}`).not.toMatch(/acme-corp|globex|jane|john/);
    }
  });
});

/** 1,000 distinct documents: the tldr pages, and each again with one more paragraph. */
function loadDocuments(): string[] {
  const directory = new URL('../../../test/fixtures/tldr/', import.meta.url);
  const pages = readdirSync(directory)
    .filter((name) => name.endsWith('.md') && name !== 'NOTICE.md')
    .sort()
    .map((name) => readFileSync(new URL(name, directory), 'utf8'));
  return [...pages, ...pages.map((page) => `${page}\nThis page is a short summary. This page is a short summary.\n`)].slice(0, 1_000);
}

describe('cacheMiddleware with refine', () => {
  it('answers more than 90% of calls from the cache with identical results when 1,000 documents are refined twice', async () => {
    const documents = loadDocuments();
    expect(documents).toHaveLength(1_000);
    const mock = createMockModel({ latencyMs: 0 });
    const store = createMemoryCacheStore();
    const model = wrapLanguageModel(mock, [cacheMiddleware({ store })]);
    const first = [];
    for (const text of documents) first.push(await refine(text, { model }));
    const callsAfterFirst = mock.calls;
    const before = store.stats();
    const second = [];
    for (const text of documents) second.push(await refine(text, { model }));
    const after = store.stats();
    const hits = after.hits - before.hits;
    const misses = after.misses - before.misses;
    expect(callsAfterFirst).toBeGreaterThan(500);
    expect(hits / (hits + misses)).toBeGreaterThan(0.9);
    expect(mock.calls - callsAfterFirst).toBe(misses);
    expect(second.map((result) => [result.text, result.stopReason, result.finalMetrics.quality, result.iterations.length])).toEqual(
      first.map((result) => [result.text, result.stopReason, result.finalMetrics.quality, result.iterations.length]),
    );
    expect(second.every((result) => result.usage.inputTokens === 0)).toBe(true);
  });

  it('answers a second process from the disk tier when its memory tier starts empty', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'miair-cache-refine-'));
    try {
      const documents = loadDocuments().slice(0, 150);
      const runOnce = async (): Promise<{ calls: number; texts: string[]; hitsByTier: number[] }> => {
        const mock = createMockModel({ latencyMs: 0 });
        const store = createTieredCacheStore([createMemoryCacheStore(), createDiskCacheStore({ directory })]);
        const model = wrapLanguageModel(mock, [cacheMiddleware({ store })]);
        const results = await Promise.all(documents.map((text) => refine(text, { model })));
        const { hitsByTier } = store.stats();
        await store.close();
        return { calls: mock.calls, texts: results.map((result) => result.text), hitsByTier };
      };
      const first = await runOnce();
      const second = await runOnce();
      expect(first.calls).toBeGreaterThan(50);
      expect(second.calls).toBe(0);
      expect(second.texts).toEqual(first.texts);
      expect(second.hitsByTier[1]).toBeGreaterThan(50);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
