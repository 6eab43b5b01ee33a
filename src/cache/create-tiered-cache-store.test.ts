import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCacheStats, type CacheStore } from './cache-store.js';
import { createDiskCacheStore } from './create-disk-cache-store.js';
import { createMemoryCacheStore } from './create-memory-cache-store.js';
import { createTieredCacheStore } from './create-tiered-cache-store.js';

/** A store whose backend is down: every read a miss, every write lost. */
function createDownStore(): CacheStore {
  const counters = createCacheStats();
  return {
    kind: 'down',
    get: async () => (counters.misses++, counters.errors++, null),
    set: async () => void counters.errors++,
    delete: async () => undefined,
    clear: async () => undefined,
    stats: () => ({ ...counters }),
    close: async () => undefined,
  };
}

describe('createTieredCacheStore', () => {
  it('promotes a hit from a lower tier into the tiers above it', async () => {
    const memory = createMemoryCacheStore();
    const middle = createMemoryCacheStore();
    const bottom = createMemoryCacheStore();
    const store = createTieredCacheStore([memory, middle, bottom]);
    await bottom.set('k', 'v');
    expect(await store.get('k')).toBe('v');
    expect(await memory.get('k')).toBe('v');
    expect(await middle.get('k')).toBe('v');
    expect(await store.get('k')).toBe('v');
    expect(await store.get('absent')).toBeNull();
    const stats = store.stats();
    expect(stats).toMatchObject({ hits: 2, misses: 1, hitsByTier: [1, 0, 1] });
    expect(stats.tiers.map((tier) => tier.kind)).toEqual(['memory', 'memory', 'memory']);
    expect(stats.tiers[2]).toMatchObject({ hits: 1, misses: 1 });
  });

  it('writes, deletes and clears every tier', async () => {
    const upper = createMemoryCacheStore();
    const lower = createMemoryCacheStore();
    const store = createTieredCacheStore([upper, lower], { promotionTtlMs: 60_000 });
    await store.set('a', '1');
    await store.set('b', '2');
    expect([await upper.get('a'), await lower.get('a')]).toEqual(['1', '1']);
    await store.delete('a');
    expect([await upper.get('a'), await lower.get('a')]).toEqual([null, null]);
    await store.clear();
    expect(await lower.get('b')).toBeNull();
    expect(store.stats().sets).toBe(2);
    await store.close();
  });

  it('reads through a failing tier to the next one', async () => {
    const lower = createMemoryCacheStore();
    await lower.set('k', 'v');
    const store = createTieredCacheStore([createDownStore(), lower]);
    expect(await store.get('k')).toBe('v');
    expect(store.stats()).toMatchObject({ hits: 1, hitsByTier: [0, 1], errors: 2 });
  });

  it('lists the entries of its lowest tier that can list them', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'miair-tiered-'));
    try {
      const disk = createDiskCacheStore({ directory });
      const store = createTieredCacheStore([createMemoryCacheStore({ maxSizeInBytes: 200 }), disk, createDownStore()]);
      for (let index = 0; index < 10; index++) await store.set(`k${index}`, 'value');
      const keys = [];
      for await (const entry of store.entries!()) keys.push(entry.key);
      expect(keys).toHaveLength(10);
      await store.close();
      const empty = createTieredCacheStore([createDownStore()]);
      const none = [];
      for await (const entry of empty.entries!()) none.push(entry);
      expect(none).toEqual([]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('refuses an empty list of tiers', () => {
    expect(() => createTieredCacheStore([])).toThrow(/at least one/);
  });
});
