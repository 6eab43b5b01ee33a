/**
 * The stored form of an entry in the disk and Redis stores: a header line with
 * the format version, the expiry and a checksum of both, then the value.
 *
 *     MIAIR-CACHE/1 <expiresAt or -> <sha256 of "expiresAt\nvalue", base64url>\n<value>
 *
 * A truncated, edited or foreign entry fails the check and reads as corrupt.
 */
import { createHash } from 'node:crypto';
import type { CacheStats } from './cache-store.js';

/** Bumped when the stored form changes; entries of another version read as corrupt. */
export const CACHE_ENTRY_FORMAT_VERSION = 1;

const MAGIC = `MIAIR-CACHE/${CACHE_ENTRY_FORMAT_VERSION} `;

/** What {@link decodeCacheEntry} found. */
export type DecodedCacheEntry = { ok: true; value: string; expiresAt: number | null } | { ok: false };

/** Encodes `value` with its expiry (epoch ms, or null for none) and checksum. */
export function encodeCacheEntry(value: string, expiresAt: number | null): string {
  const expiry = expiresAt === null ? '-' : String(expiresAt);
  return `${MAGIC}${expiry} ${checksum(expiry, value)}\n${value}`;
}

/** Decodes a stored entry; `{ ok: false }` when it is not one, whole and intact, of this format version. */
export function decodeCacheEntry(stored: unknown): DecodedCacheEntry {
  if (typeof stored !== 'string' || !stored.startsWith(MAGIC)) return { ok: false };
  const headerEnd = stored.indexOf('\n');
  if (headerEnd === -1) return { ok: false };
  const fields = stored.slice(MAGIC.length, headerEnd).split(' ');
  if (fields.length !== 2) return { ok: false };
  const [expiry = '', sum = ''] = fields;
  const value = stored.slice(headerEnd + 1);
  if (checksum(expiry, value) !== sum) return { ok: false };
  if (expiry === '-') return { ok: true, value, expiresAt: null };
  const expiresAt = Number(expiry);
  return Number.isSafeInteger(expiresAt) ? { ok: true, value, expiresAt } : { ok: false };
}

/**
 * Reads what a backend returned for a key: absent (null or undefined) is a
 * miss; an entry that fails its check is a miss counted as corrupt, reported
 * through `onCorrupt`. Expiry is left to the store (each removes differently).
 */
export function readStoredEntry(stored: unknown, counters: CacheStats, onCorrupt: () => void): { value: string; expiresAt: number | null } | null {
  if (stored === null || stored === undefined) {
    counters.misses++;
    return null;
  }
  const entry = decodeCacheEntry(stored);
  if (!entry.ok) {
    counters.corrupt++;
    counters.misses++;
    onCorrupt();
    return null;
  }
  return entry;
}

/** The expiry of an entry written now with `ttlMs`, or null for none. */
export function expiryOf(ttlMs: number | undefined, now: number): number | null {
  return ttlMs === undefined || !Number.isFinite(ttlMs) ? null : now + Math.max(0, Math.floor(ttlMs));
}

function checksum(expiry: string, value: string): string {
  return createHash('sha256').update(expiry).update('\n').update(value).digest('base64url');
}
