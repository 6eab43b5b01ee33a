import { LRUCache } from 'lru-cache';
import { MiairError } from '../errors.js';
import { createCacheStats, type CacheEntry, type CacheSetOptions, type CacheStats, type CacheStore, type CacheStoreOptions } from './cache-store.js';
import { DEFAULT_MEMORY_CACHE_MAX_SIZE_IN_BYTES } from '../config/defaults.js';


// V8 keeps strings as UTF-16 in the worst case; the constant covers the
// LRU's per-entry bookkeeping (measured order of magnitude, not exact).
const ENTRY_OVERHEAD_IN_BYTES = 64;

/** Options of {@link createMemoryCacheStore}. */
export interface MemoryCacheStoreOptions extends CacheStoreOptions {
  /** Bytes held at most (keys and values, 2 bytes per UTF-16 unit); least recently used entries go first. @default DEFAULT_MEMORY_CACHE_MAX_SIZE_IN_BYTES */
  maxSizeInBytes?: number;
}

/** The memory store: a {@link CacheStore} with its synchronous core exposed for callers that cannot await. */
export interface MemoryCacheStore extends CacheStore {
  /** The synchronous read behind `get` (counted in the same stats). */
  getSync(key: string): string | null;
  /** The synchronous write behind `set`. */
  setSync(key: string, value: string, options?: CacheSetOptions): void;
}

/**
 * Creates an in-process store bounded in bytes (lru-cache 11): the least
 * recently used entries are evicted first, an entry larger than the whole
 * bound is not kept. Values are held as they are (no serialisation, so
 * nothing can be corrupted); the store is lost with the process.
 *
 * @throws MiairError `CONFIG_INVALID` when `maxSizeInBytes` is not a positive integer.
 * @example
 * const store = createMemoryCacheStore({ maxSizeInBytes: 32 * 1024 * 1024 });
 */
export function createMemoryCacheStore(options: MemoryCacheStoreOptions = {}): MemoryCacheStore {
  const maxSizeInBytes = options.maxSizeInBytes ?? DEFAULT_MEMORY_CACHE_MAX_SIZE_IN_BYTES;
  if (!Number.isSafeInteger(maxSizeInBytes) || maxSizeInBytes < 1) {
    throw new MiairError('CONFIG_INVALID', `Expected \`maxSizeInBytes\` to be an integer >= 1, got \`${String(maxSizeInBytes)}\` (${typeof maxSizeInBytes}).`);
  }
  const lru = new LRUCache<string, string>({
    maxSize: maxSizeInBytes,
    sizeCalculation: (value, key) => (value.length + key.length) * 2 + ENTRY_OVERHEAD_IN_BYTES,
  });
  const counters = createCacheStats();

  const getSync = (key: string): string | null => {
    const value = lru.get(key);
    if (value === undefined) {
      counters.misses++;
      return null;
    }
    counters.hits++;
    return value;
  };
  const setSync = (key: string, value: string, setOptions: CacheSetOptions = {}): void => {
    const ttl = setOptions.ttlMs;
    if (ttl !== undefined && ttl <= 0) return;
    lru.set(key, value, ttl === undefined ? {} : { ttl });
    counters.sets++;
  };

  return {
    kind: 'memory',
    getSync,
    setSync,
    get: async (key) => getSync(key),
    set: async (key, value, setOptions) => setSync(key, value, setOptions),
    delete: async (key) => {
      lru.delete(key);
    },
    clear: async () => lru.clear(),
    stats: (): CacheStats => ({ ...counters, entries: lru.size, sizeInBytes: lru.calculatedSize }),
    async *entries(): AsyncIterable<CacheEntry> {
      const now = Date.now();
      for (const [key, value] of lru.entries()) {
        const remainingMs = lru.getRemainingTTL(key);
        yield { key, value, expiresAt: Number.isFinite(remainingMs) && remainingMs > 0 ? now + remainingMs : null };
      }
    },
    close: async () => lru.clear(),
  };
}
