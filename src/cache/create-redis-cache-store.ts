import { Redis } from 'ioredis';
import { decodeCacheEntry, encodeCacheEntry, expiryOf, readStoredEntry } from './cache-entry-codec.js';
import { createCacheStats, type CacheEntry, type CacheStats, type CacheStore, type CacheStoreOptions } from './cache-store.js';
import { createCacheErrorReporter } from './report-cache-error.js';
import { MiairError } from '../errors.js';
import { DEFAULT_REDIS_CACHE_CONNECT_TIMEOUT_MS, DEFAULT_REDIS_CACHE_KEY_PREFIX } from '../config/defaults.js';



/** Keys per SCAN step and per UNLINK call of `clear()`. */
const SCAN_COUNT = 1_000;

/** Options of {@link createRedisCacheStore}: a `url` (the store owns the connection) or a `client` (the caller does). */
export type RedisCacheStoreOptions = CacheStoreOptions & {
  /** Prepended to every key; `clear()` removes only keys under it. @default DEFAULT_REDIS_CACHE_KEY_PREFIX */
  keyPrefix?: string;
} & ({ url: string; client?: never; connectTimeoutMs?: number } | { client: Redis; url?: never });

/**
 * Creates a store in Redis (ioredis 6), shared by every process and machine
 * that uses the same server and prefix: the tier the distributed mode reads
 * through. Entries carry the same checksum and format version as the disk
 * store and, with `ttlMs`, a Redis expiry (`PX`).
 *
 * With a `url`, the store connects on first use, sends nothing while the
 * server is down (no offline queue, so a read fails at once and is a miss)
 * and reconnects in the background; `CACHE_UNAVAILABLE` is reported once.
 * With a `client`, its settings are the caller's and `close()` leaves it open.
 * `clear()` walks the prefix with SCAN and removes keys with UNLINK; it never
 * touches other keys and never flushes the database.
 *
 * @example
 * const store = createRedisCacheStore({ url: 'redis://127.0.0.1:6379', keyPrefix: 'miair:cache:' });
 */
export function createRedisCacheStore(options: RedisCacheStoreOptions): CacheStore {
  const report = createCacheErrorReporter(options.onError);
  const counters = createCacheStats();
  const prefix = options.keyPrefix ?? DEFAULT_REDIS_CACHE_KEY_PREFIX;
  const ownsClient = options.client === undefined;
  if (ownsClient) checkRedisUrl(options.url);
  const client =
    options.client ??
    new Redis(options.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: options.connectTimeoutMs ?? DEFAULT_REDIS_CACHE_CONNECT_TIMEOUT_MS,
      retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
    });
  if (ownsClient) {
    client.on('error', (error: unknown) => unavailable(error));
  }
  let connecting: Promise<void> | null = null;

  function unavailable(error: unknown): void {
    counters.errors++;
    report('CACHE_UNAVAILABLE', `The Redis cache (prefix \`${prefix}\`) cannot be reached, so reads are misses until it is back. Start Redis, check its URL, or pass --no-cache`, error);
  }

  // Every call waits for the first connection attempt, not only the one
  // that started it: without an offline queue, a command sent while
  // connecting fails.
  async function ready(): Promise<void> {
    if (!ownsClient) return;
    if (connecting === null && client.status === 'wait') connecting = client.connect().catch((error: unknown) => unavailable(error));
    if (connecting !== null) await connecting;
  }

  async function* scanKeyBatches(): AsyncGenerator<string[]> {
    const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_COUNT);
      cursor = next;
      if (keys.length > 0) yield keys;
    } while (cursor !== '0');
  }

  return {
    kind: 'redis',
    async get(key) {
      let stored: string | null;
      try {
        await ready();
        stored = await client.get(prefix + key);
      } catch (error) {
        unavailable(error);
        counters.misses++;
        return null;
      }
      const entry = readStoredEntry(stored, counters, () =>
        report('CACHE_CORRUPT_ENTRY', `An entry of the Redis cache (prefix \`${prefix}\`) failed its checksum; it is treated as a miss`),
      );
      if (entry === null) return null;
      counters.hits++;
      return entry.value;
    },
    async set(key, value, setOptions = {}) {
      const ttlMs = setOptions.ttlMs;
      if (ttlMs !== undefined && ttlMs <= 0) return;
      const stored = encodeCacheEntry(value, expiryOf(ttlMs, Date.now()));
      try {
        await ready();
        if (ttlMs === undefined || !Number.isFinite(ttlMs)) await client.set(prefix + key, stored);
        else await client.set(prefix + key, stored, 'PX', Math.max(1, Math.floor(ttlMs)));
        counters.sets++;
      } catch (error) {
        // Not connected is the unavailability already reported once, not a refused write.
        if (client.status !== 'ready') return unavailable(error);
        counters.errors++;
        report('CACHE_WRITE_FAILED', `The Redis cache (prefix \`${prefix}\`) refused a write; the answer is used but not cached. Check that Redis has memory left`, error);
      }
    },
    async delete(key) {
      try {
        await ready();
        await client.unlink(prefix + key);
      } catch (error) {
        unavailable(error);
      }
    },
    async clear() {
      try {
        await ready();
        for await (const keys of scanKeyBatches()) await client.unlink(...keys);
      } catch (error) {
        unavailable(error);
      }
    },
    stats: (): CacheStats => ({ ...counters }),
    async *entries(): AsyncIterable<CacheEntry> {
      // One SCAN batch at a time: memory stays at a batch whatever the size of the cache.
      try {
        await ready();
        for await (const keys of scanKeyBatches()) {
          const values = await client.mget(...keys);
          const batch: CacheEntry[] = [];
          keys.forEach((key, index) => {
            const entry = decodeCacheEntry(values[index]);
            if (entry.ok) batch.push({ key: key.slice(prefix.length), value: entry.value, expiresAt: entry.expiresAt });
          });
          yield* batch;
        }
      } catch (error) {
        unavailable(error);
      }
    },
    async close() {
      if (!ownsClient) return;
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
  };
}

/** Rejects a `url` ioredis could not use, as a MiairError that says what to pass (ioredis throws a bare TypeError). */
function checkRedisUrl(url: string | undefined): void {
  if (url === undefined) return;
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'redis:' || parsed.protocol === 'rediss:') return;
  } catch {
    // Reported below.
  }
  throw new MiairError('CONFIG_INVALID', `Expected \`url\` to be a Redis URL such as \`redis://127.0.0.1:6379\`, got \`${url}\` (string).`);
}
