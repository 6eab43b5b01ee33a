import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

// LMDB's meta pages (pages 0 and 1; lmdb.h, struct MDB_meta): after the page header, a magic number and
// version, then the main databases, whose first `md_pad` holds the page size, the last page used and the
// transaction id. Offsets as written by the LMDB that lmdb-js bundles (checked on this project's files).
const MAGIC = 0xbeefc0de;
const MAGIC_OFFSET = 24;
const VERSION_OFFSET = 28;
const PAGE_SIZE_OFFSET = 48;
const LAST_PAGE_OFFSET = 144;
const TRANSACTION_OFFSET = 152;
const META_BYTES = 160;

/**
 * Why the LMDB data file at `path` cannot be opened safely, or null when its
 * meta pages are sound (or the file does not exist yet). LMDB maps the file
 * and trusts it: a file of garbage or one cut short (a crash, a full disk, a
 * copy interrupted) makes the process die of SIGSEGV or SIGBUS, which no
 * try/catch sees. This reads the two meta pages first: magic number, page
 * size, and a file long enough for the last page the newest meta names.
 * Damage deeper in the tree is not seen (entries carry their own checksums).
 */
export function checkLmdbFile(path: string): string | null {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : `it cannot be read (${(error as Error).message})`;
  }
  try {
    const size = fstatSync(descriptor).size;
    const first = readMeta(descriptor, 0);
    if (first === null) return `it is not an LMDB file (${size} bytes, no valid first meta page)`;
    const second = readMeta(descriptor, first.pageSize);
    const newest = second !== null && second.transaction > first.transaction ? second : first;
    const needed = (newest.lastPage + 1n) * BigInt(newest.pageSize);
    if (BigInt(size) < needed) return `it is cut short (${size} bytes, its last page ends at byte ${needed})`;
    return null;
  } finally {
    closeSync(descriptor);
  }
}

interface Meta {
  pageSize: number;
  lastPage: bigint;
  transaction: bigint;
}

function readMeta(descriptor: number, offset: number): Meta | null {
  const buffer = Buffer.alloc(META_BYTES);
  if (readSync(descriptor, buffer, 0, META_BYTES, offset) < META_BYTES) return null;
  if (buffer.readUInt32LE(MAGIC_OFFSET) !== MAGIC) return null;
  const version = buffer.readUInt32LE(VERSION_OFFSET);
  const pageSize = buffer.readUInt32LE(PAGE_SIZE_OFFSET);
  // A page size is a power of two LMDB accepts; a version is small: anything else is not a meta page.
  if (version === 0 || version > 999 || pageSize < 512 || pageSize > 65_536 || (pageSize & (pageSize - 1)) !== 0) return null;
  return { pageSize, lastPage: buffer.readBigUInt64LE(LAST_PAGE_OFFSET), transaction: buffer.readBigUInt64LE(TRANSACTION_OFFSET) };
}
