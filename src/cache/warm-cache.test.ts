import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCacheStats, type CacheStore } from './cache-store.js';
import { createDiskCacheStore } from './create-disk-cache-store.js';
import { createMemoryCacheStore } from './create-memory-cache-store.js';
import { warmCache } from './warm-cache.js';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'miair-warm-'));
});
afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('warmCache', () => {
  it('copies every live entry of an earlier run directory and keeps expiries', async () => {
    const earlier = createDiskCacheStore({ directory: join(directory, 'earlier') });
    await Promise.all(Array.from({ length: 2_500 }, (_, index) => earlier.set(`k${index}`, `v${index}`, index === 0 ? { ttlMs: 60_000 } : {})));
    await earlier.set('short', 'v', { ttlMs: 1 });
    await earlier.close();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const target = createDiskCacheStore({ directory: join(directory, 'now') });
    expect(await warmCache(target, join(directory, 'earlier'))).toEqual({ copied: 2_500 });
    expect(await target.get('k1234')).toBe('v1234');
    expect(await target.get('short')).toBeNull();
    const memory = createMemoryCacheStore();
    expect(await warmCache(memory, target)).toEqual({ copied: 2_500 });
    const first = [];
    for await (const entry of memory.entries!()) if (entry.key === 'k0') first.push(entry);
    expect(first[0]?.expiresAt).toBeGreaterThan(Date.now());
    await target.close();
  });

  it('throws CACHE_UNAVAILABLE when the directory holds no cache', async () => {
    await expect(warmCache(createMemoryCacheStore(), join(directory, 'missing'))).rejects.toMatchObject({ code: 'CACHE_UNAVAILABLE', message: expect.stringContaining('--cache-warm') });
  });

  it('throws CACHE_UNAVAILABLE when the source cannot list its entries', async () => {
    const opaque: CacheStore = {
      kind: 'opaque',
      get: async () => null,
      set: async () => undefined,
      delete: async () => undefined,
      clear: async () => undefined,
      stats: createCacheStats,
      close: async () => undefined,
    };
    await expect(warmCache(createMemoryCacheStore(), opaque)).rejects.toMatchObject({ code: 'CACHE_UNAVAILABLE' });
  });
});
