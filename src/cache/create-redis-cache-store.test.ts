import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiairError } from '../errors.js';
import { encodeCacheEntry } from './cache-entry-codec.js';
import { createRedisCacheStore } from './create-redis-cache-store.js';

const URL = 'redis://127.0.0.1:6379';
const PREFIX = `miair-test:${randomBytes(6).toString('hex')}:`;
let admin: Redis;

async function keysUnder(prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    found.push(...keys);
  } while (cursor !== '0');
  return found.sort();
}

beforeAll(async () => {
  admin = new Redis(URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await admin.connect();
});
afterAll(async () => {
  const left = await keysUnder(PREFIX);
  if (left.length > 0) await admin.unlink(...left);
  await admin.quit();
});

describe('createRedisCacheStore', () => {
  it('stores entries under its prefix with a checksum and reads them back', async () => {
    const store = createRedisCacheStore({ url: URL, keyPrefix: `${PREFIX}a:` });
    expect(await store.get('k')).toBeNull();
    await store.set('k', '{"text":"hello"}');
    expect(await store.get('k')).toBe('{"text":"hello"}');
    expect(await admin.get(`${PREFIX}a:k`)).toBe(encodeCacheEntry('{"text":"hello"}', null));
    expect(store.stats()).toMatchObject({ hits: 1, misses: 1, sets: 1, corrupt: 0, errors: 0 });
    await store.close();
  });

  it('keeps every write when many start at once before the connection is up', async () => {
    const store = createRedisCacheStore({ url: URL, keyPrefix: `${PREFIX}burst:` });
    await Promise.all(Array.from({ length: 300 }, (_, index) => store.set(`k${index}`, 'v')));
    expect(store.stats()).toMatchObject({ sets: 300, errors: 0 });
    expect(await keysUnder(`${PREFIX}burst:`)).toHaveLength(300);
    await store.close();
  });

  it('sets a Redis expiry when a ttl is given', async () => {
    const store = createRedisCacheStore({ url: URL, keyPrefix: `${PREFIX}ttl:` });
    await store.set('k', 'v', { ttlMs: 60_000 });
    await store.set('gone', 'v', { ttlMs: 0 });
    const ttl = await admin.pttl(`${PREFIX}ttl:k`);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(await admin.exists(`${PREFIX}ttl:gone`)).toBe(0);
    await store.close();
  });

  it('reads a corrupt entry as a miss and reports it once', async () => {
    const errors: MiairError[] = [];
    const store = createRedisCacheStore({ client: admin, keyPrefix: `${PREFIX}bad:`, onError: (error) => errors.push(error) });
    await admin.set(`${PREFIX}bad:k`, encodeCacheEntry('v', null).slice(0, -1));
    await admin.set(`${PREFIX}bad:j`, 'garbage');
    expect(await store.get('k')).toBeNull();
    expect(await store.get('j')).toBeNull();
    expect(store.stats()).toMatchObject({ corrupt: 2, misses: 2 });
    expect(errors.map((error) => error.code)).toEqual(['CACHE_CORRUPT_ENTRY']);
    await store.close();
    expect(admin.status).toBe('ready');
  });

  it('clears only the keys under its own prefix, with SCAN and UNLINK', async () => {
    const store = createRedisCacheStore({ client: admin, keyPrefix: `${PREFIX}mine:` });
    const neighbour = createRedisCacheStore({ client: admin, keyPrefix: `${PREFIX}mine-not:` });
    await Promise.all(Array.from({ length: 2_500 }, (_, index) => store.set(`k${index}`, 'v')));
    await neighbour.set('k', 'kept');
    expect(await keysUnder(`${PREFIX}mine:`)).toHaveLength(2_500);
    const listed = [];
    for await (const entry of store.entries!()) listed.push(entry);
    expect(listed).toHaveLength(2_500);
    expect(listed[0]).toMatchObject({ value: 'v', expiresAt: null });
    await store.clear();
    expect(await keysUnder(`${PREFIX}mine:`)).toEqual([]);
    expect(await neighbour.get('k')).toBe('kept');
    await store.set('x', '1');
    await store.delete('x');
    expect(await store.get('x')).toBeNull();
  });

  it('escapes glob characters of the prefix when it clears', async () => {
    const store = createRedisCacheStore({ client: admin, keyPrefix: `${PREFIX}[glob]*:` });
    await admin.set(`${PREFIX}g:other`, 'kept');
    await store.set('k', 'v');
    await store.clear();
    expect(await admin.get(`${PREFIX}g:other`)).toBe('kept');
    expect(await store.get('k')).toBeNull();
  });

  it('degrades to misses and reports CACHE_UNAVAILABLE once when Redis is down', async () => {
    const errors: MiairError[] = [];
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const store = createRedisCacheStore({ url: 'redis://127.0.0.1:1', keyPrefix: PREFIX, connectTimeoutMs: 500, onError: (error) => errors.push(error) });
    const started = Date.now();
    expect(await store.get('a')).toBeNull();
    await store.set('a', 'v');
    expect(await store.get('a')).toBeNull();
    await store.delete('a');
    await store.clear();
    const listed = [];
    for await (const entry of store.entries!()) listed.push(entry);
    expect(listed).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(store.stats()).toMatchObject({ hits: 0, misses: 2, sets: 0 });
    expect(store.stats().errors).toBeGreaterThanOrEqual(3);
    // One warning: a write that fails for want of a connection is the same unavailability, not a refused write.
    expect(errors.map((error) => error.code)).toEqual(['CACHE_UNAVAILABLE']);
    expect(errors[0]?.message).toContain('--no-cache');
    await store.close();
  });

  it('throws CONFIG_INVALID for a url that is not a Redis URL', () => {
    for (const url of ['redis://127.0.0.1:notaport', 'http://127.0.0.1:6379', 'localhost']) {
      expect(() => createRedisCacheStore({ url, keyPrefix: PREFIX })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('Redis URL') }));
    }
  });
});
