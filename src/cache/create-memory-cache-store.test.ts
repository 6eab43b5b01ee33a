import { describe, expect, it } from 'vitest';
import { createMemoryCacheStore } from './create-memory-cache-store.js';

describe('createMemoryCacheStore', () => {
  it('returns what was set and counts hits, misses and sets', async () => {
    const store = createMemoryCacheStore({ maxSizeInBytes: 10_000 });
    expect(await store.get('a')).toBeNull();
    await store.set('a', 'alpha');
    expect(await store.get('a')).toBe('alpha');
    expect(store.stats()).toMatchObject({ hits: 1, misses: 1, sets: 1, corrupt: 0, errors: 0, entries: 1, sizeInBytes: (1 + 5) * 2 + 64 });
  });

  it('evicts the least recently used entries when the byte bound is reached', async () => {
    // Each entry: (1 + 100) * 2 + 64 = 266 bytes; 3 fit in 800.
    const store = createMemoryCacheStore({ maxSizeInBytes: 800 });
    const value = 'x'.repeat(100);
    await store.set('a', value);
    await store.set('b', value);
    await store.set('c', value);
    await store.get('a');
    await store.set('d', value);
    expect(await store.get('b')).toBeNull();
    expect(await store.get('a')).toBe(value);
    expect(store.stats().entries).toBe(3);
    expect(store.stats().sizeInBytes).toBeLessThanOrEqual(800);
  });

  it('keeps nothing when an entry is larger than the whole bound', async () => {
    const store = createMemoryCacheStore({ maxSizeInBytes: 100 });
    await store.set('big', 'y'.repeat(200));
    expect(await store.get('big')).toBeNull();
  });

  it('expires an entry after its ttl', async () => {
    // lru-cache reads performance.now(), which fake timers do not drive here.
    const store = createMemoryCacheStore();
    await store.set('k', 'v', { ttlMs: 30 });
    expect(store.getSync('k')).toBe('v');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(store.getSync('k')).toBeNull();
    await store.set('zero', 'v', { ttlMs: 0 });
    expect(store.stats().sets).toBe(1);
  });

  it('lists entries with their expiry, deletes and clears', async () => {
    const store = createMemoryCacheStore();
    await store.set('a', '1');
    await store.set('b', '2', { ttlMs: 60_000 });
    const entries = [];
    for await (const entry of store.entries!()) entries.push(entry);
    expect(entries.map((entry) => [entry.key, entry.value, entry.expiresAt === null])).toEqual([
      ['b', '2', false],
      ['a', '1', true],
    ]);
    await store.delete('a');
    expect(await store.get('a')).toBeNull();
    await store.clear();
    expect(store.stats().entries).toBe(0);
    await store.close();
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => createMemoryCacheStore({ maxSizeInBytes: 0 })).toThrow(/maxSizeInBytes/);
    expect(() => createMemoryCacheStore({ maxSizeInBytes: 1.5 })).toThrow(/integer >= 1/);
  });
});
