import { makeDirectorySync } from '../fs/make-directory.js';
import { join } from 'node:path';
import { open, type RootDatabase } from 'lmdb';
import { decodeCacheEntry, encodeCacheEntry, expiryOf, readStoredEntry } from './cache-entry-codec.js';
import { createCacheStats, type CacheEntry, type CacheStats, type CacheStore, type CacheStoreOptions } from './cache-store.js';
import { checkLmdbFile } from './check-lmdb-file.js';
import { createCacheErrorReporter } from './report-cache-error.js';
import { DEFAULT_DISK_CACHE_MAX_SIZE_IN_BYTES, DISK_CACHE_SIZE_CHECK_EVERY_WRITES } from '../config/defaults.js';
import { MiairError } from '../errors.js';

/** The file of the disk store inside its directory (LMDB adds `entries.mdb-lock` beside it). */
export const DISK_CACHE_FILE_NAME = 'entries.mdb';

/** Options of {@link createDiskCacheStore}. */
export interface DiskCacheStoreOptions extends CacheStoreOptions {
  /** The cache directory, created when missing (see `defaultCacheDirectory`). */
  directory: string;
  /** Opens without writing (for warming from an earlier run's directory); the file must exist. @default false */
  readOnly?: boolean;
  /** Size the entries may take (LMDB pages in use) before some are evicted. @default DEFAULT_DISK_CACHE_MAX_SIZE_IN_BYTES (1 GiB) */
  maxSizeInBytes?: number;
}

/** Share of `maxSizeInBytes` an eviction brings the store down to. */
const EVICT_DOWN_TO = 0.8;

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
 * Size: every DISK_CACHE_SIZE_CHECK_EVERY_WRITES writes the store looks at the
 * pages LMDB has in use; above `maxSizeInBytes` it deletes entries in key
 * order until it is at 80% of it. Keys are hashes, so that is random
 * eviction (no age index to keep, nothing more to write per entry), which
 * serves a repeated workload about as well as LRU does. Several processes may
 * evict at once: deletes are idempotent. Freed pages are reused by later
 * writes (LMDB files do not shrink). Expired entries are removed when read;
 * `clear()` (or `miair cache clear`) empties the store.
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
    if (options.readOnly !== true) makeDirectorySync(options.directory);
    // LMDB trusts its file: a damaged one kills the process with SIGSEGV/SIGBUS, beyond any catch.
    const damage = checkLmdbFile(path);
    if (damage === null) database = open<string, string>({ path, noSubdir: true, encoding: 'string', compression: false, readOnly: options.readOnly === true });
    else {
      counters.errors++;
      report('CACHE_UNAVAILABLE', `The disk cache file \`${path}\` is damaged (${damage}), so it is not used. Run \`miair cache clear\` to replace it, or pass --no-cache`);
    }
  } catch (error) {
    counters.errors++;
    report('CACHE_UNAVAILABLE', `The disk cache in \`${options.directory}\` could not be opened, so it is not used. Fix the permissions of --cache-dir, pick another directory, or pass --no-cache`, error);
  }

  const maxSizeInBytes = options.maxSizeInBytes ?? DEFAULT_DISK_CACHE_MAX_SIZE_IN_BYTES;
  if (!Number.isFinite(maxSizeInBytes) || maxSizeInBytes <= 0) {
    throw new MiairError('CONFIG_INVALID', `Expected \`maxSizeInBytes\` to be a number > 0, got \`${String(maxSizeInBytes)}\` (${typeof maxSizeInBytes}).`);
  }
  let writesSinceCheck = 0;
  let eviction: Promise<void> | null = null;

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
        if (++writesSinceCheck >= DISK_CACHE_SIZE_CHECK_EVERY_WRITES && eviction === null) {
          writesSinceCheck = 0;
          // In the background: an eviction of a large store deletes many entries, and the write that
          // started it (and the document behind it) must not wait for that. close() does.
          eviction = evictIfOver(database, maxSizeInBytes)
            .catch((error: unknown) => failed(error, 'CACHE_WRITE_FAILED', 'evict old entries'))
            .finally(() => (eviction = null));
        }
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
        return { ...counters, ...readSize(database) };
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
      await eviction;
      const closing = database;
      database = null;
      if (closing !== null) await closing.close();
    },
  };
}

function readSize(database: RootDatabase<string, string>): { entries: number; sizeInBytes: number } {
  const lmdbStats = database.getStats() as Record<string, number>;
  const pages = (lmdbStats['treeBranchPageCount'] ?? 0) + (lmdbStats['treeLeafPageCount'] ?? 0) + (lmdbStats['overflowPages'] ?? 0);
  return { entries: lmdbStats['entryCount'] ?? 0, sizeInBytes: pages * (lmdbStats['pageSize'] ?? 0) };
}

/** Deletes entries in key order (hash order: random) until the store is at EVICT_DOWN_TO of its limit. */
async function evictIfOver(database: RootDatabase<string, string>, maxSizeInBytes: number): Promise<void> {
  const { entries, sizeInBytes } = readSize(database);
  if (sizeInBytes <= maxSizeInBytes || entries === 0) return;
  const toDelete = Math.ceil(entries * (1 - (EVICT_DOWN_TO * maxSizeInBytes) / sizeInBytes));
  let deleted = 0;
  await database.transaction(() => {
    for (const key of database.getKeys({ snapshot: false })) {
      if (deleted >= toDelete) break;
      database.removeSync(key);
      deleted++;
    }
  });
}
