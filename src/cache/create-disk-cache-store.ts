import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { open, type RootDatabase } from 'lmdb';
import { decodeCacheEntry, encodeCacheEntry, expiryOf, readStoredEntry } from './cache-entry-codec.js';
import { createCacheStats, type CacheEntry, type CacheStats, type CacheStore, type CacheStoreOptions } from './cache-store.js';
import { createCacheErrorReporter } from './report-cache-error.js';

/** The file of the disk store inside its directory (LMDB adds `entries.mdb-lock` beside it). */
export const DISK_CACHE_FILE_NAME = 'entries.mdb';

/** Options of {@link createDiskCacheStore}. */
export interface DiskCacheStoreOptions extends CacheStoreOptions {
  /** The cache directory, created when missing (see `defaultCacheDirectory`). */
  directory: string;
  /** Opens without writing (for warming from an earlier run's directory); the file must exist. @default false */
  readOnly?: boolean;
}

/**
 * Creates a store in a directory on disk (LMDB through lmdb 3.5), shared
 * safely by several processes and worker threads at once: LMDB serialises
 * writers with a lock in the file and readers see a consistent snapshot
 * without locking. Each entry carries a format version and a sha256 checksum
 * (see `cache-entry-codec.ts`): a corrupt entry is a miss and counted as
 * `corrupt`. A directory that cannot be opened makes every operation a miss
 * and reports `CACHE_UNAVAILABLE` once; a failed write (disk full) reports
 * `CACHE_WRITE_FAILED` once.
 *
 * Entries are never evicted by size: `clear()` (or `miair cache clear`)
 * empties the store; expired entries are removed when read.
 *
 * @example
 * const store = createDiskCacheStore({ directory: defaultCacheDirectory(), onError: (error) => console.warn(error.message) });
 */
export function createDiskCacheStore(options: DiskCacheStoreOptions): CacheStore {
  const report = createCacheErrorReporter(options.onError);
  const counters = createCacheStats();
  const path = join(options.directory, DISK_CACHE_FILE_NAME);
  let database: RootDatabase<string, string> | null = null;
  try {
    if (options.readOnly !== true) mkdirSync(options.directory, { recursive: true });
    database = open<string, string>({ path, noSubdir: true, encoding: 'string', compression: false, readOnly: options.readOnly === true });
  } catch (error) {
    counters.errors++;
    report('CACHE_UNAVAILABLE', `The disk cache in \`${options.directory}\` could not be opened, so it is not used. Fix the permissions of --cache-dir, pick another directory, or pass --no-cache`, error);
  }

  const failed = (error: unknown, code: 'CACHE_UNAVAILABLE' | 'CACHE_WRITE_FAILED', action: string): void => {
    counters.errors++;
    report(code, `The disk cache in \`${options.directory}\` failed to ${action}; the run goes on without it. Free disk space or run \`miair cache clear\``, error);
  };

  return {
    kind: 'disk',
    async get(key) {
      if (database === null) {
        counters.misses++;
        return null;
      }
      let stored: string | undefined;
      try {
        stored = database.get(key);
      } catch (error) {
        failed(error, 'CACHE_UNAVAILABLE', 'read an entry');
        counters.misses++;
        return null;
      }
      const entry = readStoredEntry(stored, counters, () =>
        report('CACHE_CORRUPT_ENTRY', `An entry of the disk cache in \`${options.directory}\` failed its checksum; it is treated as a miss`),
      );
      if (entry === null) return null;
      if (entry.expiresAt !== null && entry.expiresAt <= Date.now()) {
        counters.misses++;
        if (options.readOnly !== true) database.remove(key).catch(() => undefined);
        return null;
      }
      counters.hits++;
      return entry.value;
    },
    async set(key, value, setOptions = {}) {
      if (database === null || options.readOnly === true) return;
      if (setOptions.ttlMs !== undefined && setOptions.ttlMs <= 0) return;
      try {
        await database.put(key, encodeCacheEntry(value, expiryOf(setOptions.ttlMs, Date.now())));
        counters.sets++;
      } catch (error) {
        failed(error, 'CACHE_WRITE_FAILED', 'write an entry');
      }
    },
    async delete(key) {
      if (database === null || options.readOnly === true) return;
      try {
        await database.remove(key);
      } catch (error) {
        failed(error, 'CACHE_WRITE_FAILED', 'delete an entry');
      }
    },
    async clear() {
      if (database === null || options.readOnly === true) return;
      try {
        await database.clearAsync();
      } catch (error) {
        failed(error, 'CACHE_WRITE_FAILED', 'clear its entries');
      }
    },
    stats(): CacheStats {
      if (database === null) return { ...counters };
      try {
        const lmdbStats = database.getStats() as Record<string, number>;
        const pages = (lmdbStats['treeBranchPageCount'] ?? 0) + (lmdbStats['treeLeafPageCount'] ?? 0) + (lmdbStats['overflowPages'] ?? 0);
        return { ...counters, entries: lmdbStats['entryCount'] ?? 0, sizeInBytes: pages * (lmdbStats['pageSize'] ?? 0) };
      } catch {
        return { ...counters };
      }
    },
    async *entries(): AsyncIterable<CacheEntry> {
      if (database === null) return;
      const now = Date.now();
      for (const { key, value } of database.getRange()) {
        const entry = decodeCacheEntry(value);
        if (!entry.ok || typeof key !== 'string' || (entry.expiresAt !== null && entry.expiresAt <= now)) continue;
        yield { key, value: entry.value, expiresAt: entry.expiresAt };
      }
    },
    async close() {
      const closing = database;
      database = null;
      if (closing !== null) await closing.close();
    },
  };
}
