/**
 * `miair/cache-stores`: the stores that load a native or network client
 * (LMDB for disk, ioredis for Redis), apart from `miair` so that importing
 * the library loads neither. The memory and tiered stores are in `miair`.
 *
 * @example
 * import { createDiskCacheStore, createRedisCacheStore } from 'miair/cache-stores';
 * import { createMemoryCacheStore, createTieredCacheStore } from 'miair';
 * const store = createTieredCacheStore([createMemoryCacheStore(), createDiskCacheStore({ directory }), createRedisCacheStore({ url: 'redis://127.0.0.1:6379' })]);
 */
export { createDiskCacheStore, DISK_CACHE_FILE_NAME, type DiskCacheStoreOptions } from './create-disk-cache-store.js';
export { createRedisCacheStore, type RedisCacheStoreOptions } from './create-redis-cache-store.js';
export { defaultCacheDirectory } from './default-cache-directory.js';
export { warmCache, type WarmCacheResult } from './warm-cache.js';
