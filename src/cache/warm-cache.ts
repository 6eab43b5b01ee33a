import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MiairError } from '../errors.js';
import type { CacheStore } from './cache-store.js';
import { DISK_CACHE_FILE_NAME, createDiskCacheStore } from './create-disk-cache-store.js';

const WRITE_BATCH_SIZE = 1_000;

/** What {@link warmCache} did. */
export interface WarmCacheResult {
  /** Entries written into the target. */
  copied: number;
}

/**
 * Preloads `target` with every live entry of `source`: an earlier run's disk
 * cache directory (`--cache-warm DIR`, opened read-only, so a run still
 * using it is not disturbed) or any store that can list its entries. Expired
 * and corrupt entries are skipped; expiries are kept.
 *
 * @throws MiairError `CACHE_UNAVAILABLE` when `source` is a directory without
 *   a miair cache, or a store that cannot list its entries.
 * @example
 * await warmCache(store, '/tmp/previous-run/cache');
 */
export async function warmCache(target: CacheStore, source: string | CacheStore): Promise<WarmCacheResult> {
  if (typeof source === 'string' && !existsSync(join(source, DISK_CACHE_FILE_NAME))) {
    throw new MiairError('CACHE_UNAVAILABLE', `No miair cache found in \`${source}\` (no ${DISK_CACHE_FILE_NAME}). Pass --cache-warm the --cache-dir of an earlier run.`, { details: { path: source } });
  }
  let openError: MiairError | null = null;
  const store = typeof source === 'string' ? createDiskCacheStore({ directory: source, readOnly: true, onError: (error) => (openError ??= error) }) : source;
  try {
    if (openError !== null) throw openError;
    if (store.entries === undefined) {
      throw new MiairError('CACHE_UNAVAILABLE', `The ${store.kind} cache cannot list its entries, so it cannot warm another store.`);
    }
    let copied = 0;
    const now = Date.now();
    // Writes in batches: LMDB commits the writes of one event turn together,
    // one awaited write at a time would be one commit (and fsync) each.
    let pending: Array<Promise<void>> = [];
    for await (const entry of store.entries()) {
      if (entry.expiresAt !== null && entry.expiresAt <= now) continue;
      pending.push(target.set(entry.key, entry.value, entry.expiresAt === null ? {} : { ttlMs: entry.expiresAt - now }));
      copied++;
      if (pending.length >= WRITE_BATCH_SIZE) {
        await Promise.all(pending);
        pending = [];
      }
    }
    await Promise.all(pending);
    return { copied };
  } finally {
    if (typeof source === 'string') await store.close();
  }
}
