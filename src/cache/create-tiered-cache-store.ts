import { MiairError } from '../errors.js';
import { createCacheStats, type CacheEntry, type CacheSetOptions, type CacheStats, type CacheStore } from './cache-store.js';

/** Stats of a tiered store: its own reads (a hit in any tier is a hit) and each tier's counters, upper tier first. */
export interface TieredCacheStats extends CacheStats {
  /** Reads answered by each tier, upper tier first (sums to `hits`). */
  hitsByTier: number[];
  tiers: Array<CacheStats & { kind: string }>;
}

/** A tiered store; `stats()` also reports every tier. */
export interface TieredCacheStore extends CacheStore {
  stats(): TieredCacheStats;
}

/** Options of {@link createTieredCacheStore}. */
export interface TieredCacheStoreOptions {
  /** Time to live of an entry copied up into faster tiers, in milliseconds. @default none (kept until evicted) */
  promotionTtlMs?: number;
}

/**
 * Combines stores, fastest first (memory, disk, Redis): a read tries each in
 * turn and copies a hit found in a lower tier into the tiers above it
 * (read-through with promotion); a write, delete or clear goes to every tier.
 * A failing tier is a miss (stores never reject), so the next one answers.
 *
 * @throws MiairError `CONFIG_INVALID` when `tiers` is empty.
 * @example
 * const store = createTieredCacheStore([createMemoryCacheStore(), createDiskCacheStore({ directory })]);
 */
export function createTieredCacheStore(tiers: readonly CacheStore[], options: TieredCacheStoreOptions = {}): TieredCacheStore {
  if (tiers.length === 0) {
    throw new MiairError('CONFIG_INVALID', 'Expected `tiers` to hold at least one cache store, got none. Pass [createMemoryCacheStore(), ...].');
  }
  const counters = createCacheStats();
  const hitsByTier = tiers.map(() => 0);
  const promotion: CacheSetOptions = options.promotionTtlMs === undefined ? {} : { ttlMs: options.promotionTtlMs };

  return {
    kind: 'tiered',
    async get(key) {
      for (const [index, tier] of tiers.entries()) {
        const value = await tier.get(key);
        if (value === null) continue;
        counters.hits++;
        hitsByTier[index] = (hitsByTier[index] ?? 0) + 1;
        await Promise.all(tiers.slice(0, index).map((upper) => upper.set(key, value, promotion)));
        return value;
      }
      counters.misses++;
      return null;
    },
    async set(key, value, setOptions) {
      await Promise.all(tiers.map((tier) => tier.set(key, value, setOptions)));
      counters.sets++;
    },
    async delete(key) {
      await Promise.all(tiers.map((tier) => tier.delete(key)));
    },
    async clear() {
      await Promise.all(tiers.map((tier) => tier.clear()));
    },
    stats(): TieredCacheStats {
      const tierStats = tiers.map((tier) => ({ kind: tier.kind, ...tier.stats() }));
      return {
        ...counters,
        corrupt: tierStats.reduce((sum, stats) => sum + stats.corrupt, 0),
        errors: tierStats.reduce((sum, stats) => sum + stats.errors, 0),
        hitsByTier: [...hitsByTier],
        tiers: tierStats,
      };
    },
    async *entries(): AsyncIterable<CacheEntry> {
      // The lowest tier that can list is the most complete (upper tiers evict).
      const source = [...tiers].reverse().find((tier) => tier.entries !== undefined);
      if (source?.entries !== undefined) yield* source.entries();
    },
    async close() {
      await Promise.all(tiers.map((tier) => tier.close()));
    },
  };
}
