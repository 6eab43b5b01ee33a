/**
 * The contract every cache store meets (memory, disk, Redis, tiered), modelled
 * on undici's cache-store interface: asynchronous, string values, and failure
 * is never the caller's problem. A store that cannot read, write or reach its
 * backend answers as a miss and reports the error once through `onError`.
 */
import type { MiairError } from '../errors.js';

/** Options of {@link CacheStore.set}. */
export interface CacheSetOptions {
  /** Time to live in milliseconds; the entry is a miss after it. Absent: kept until evicted or cleared. */
  ttlMs?: number;
}

/** Counters of one store since it was created (per process). */
export interface CacheStats {
  /** Reads that returned a value. */
  hits: number;
  /** Reads that returned null: absent, expired, corrupt, or the store failed. */
  misses: number;
  /** Writes accepted. */
  sets: number;
  /** Reads whose entry failed its checksum or format check (each is also a miss). */
  corrupt: number;
  /** Operations that failed in the backend (each read among them is also a miss). */
  errors: number;
  /** Entries held now, when the store can tell cheaply. */
  entries?: number;
  /** Bytes held now, when the store can tell cheaply. */
  sizeInBytes?: number;
}

/** One stored entry, as {@link CacheStore.entries} yields it (for warming one store from another). */
export interface CacheEntry {
  key: string;
  value: string;
  /** Epoch milliseconds after which the entry is a miss, or null for none. */
  expiresAt: number | null;
}

/** Called with a `CACHE_*` error the first time a store meets each kind of failure. */
export type CacheErrorHandler = (error: MiairError) => void;

/** Options every store factory accepts. */
export interface CacheStoreOptions {
  /** Receives a `CACHE_*` error once per code per store; the operation itself degrades to a miss. */
  onError?: CacheErrorHandler;
}

/**
 * A key-value cache of strings (JSON, in practice). Keys come from
 * `createCacheKey` and never hold raw content or credentials.
 *
 * Every method resolves; none rejects for a backend failure. `get` returns
 * null for a miss, an expired or corrupt entry, or a failed backend.
 */
export interface CacheStore {
  /** A name for stats and messages: `memory`, `disk`, `redis`, `tiered`. */
  readonly kind: string;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, options?: CacheSetOptions): Promise<void>;
  delete(key: string): Promise<void>;
  /** Removes every entry of this store (for Redis, every key under its prefix only). */
  clear(): Promise<void>;
  /** Counters since the store was created; synchronous and cheap. */
  stats(): CacheStats;
  /** Every live entry, for warming another store; stores that cannot list omit it. */
  entries?(): AsyncIterable<CacheEntry>;
  /** Releases the backend (file handles, connections). The store must not be used afterwards. */
  close(): Promise<void>;
}

/** A fresh set of counters. */
export function createCacheStats(): CacheStats {
  return { hits: 0, misses: 0, sets: 0, corrupt: 0, errors: 0 };
}
