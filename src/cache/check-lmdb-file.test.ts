import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLmdbFile } from './check-lmdb-file.js';
import { createDiskCacheStore, DISK_CACHE_FILE_NAME } from './create-disk-cache-store.js';

let directory: string;
let valid: Buffer;

beforeAll(async () => {
  directory = mkdtempSync(path.join(tmpdir(), 'miair-lmdb-check-'));
  const store = createDiskCacheStore({ directory: path.join(directory, 'store') });
  for (let index = 0; index < 200; index++) await store.set(`key-${index}`, `value-${index}`.repeat(50));
  await store.close();
  valid = readFileSync(path.join(directory, 'store', DISK_CACHE_FILE_NAME));
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

function file(name: string, bytes: Buffer | string): string {
  const target = path.join(directory, name);
  writeFileSync(target, bytes);
  return target;
}

describe('checkLmdbFile', () => {
  it('accepts a file LMDB wrote, and a file that does not exist yet', () => {
    expect(checkLmdbFile(file('valid.mdb', valid))).toBeNull();
    expect(checkLmdbFile(path.join(directory, 'missing.mdb'))).toBeNull();
  });

  it('names a file that is not LMDB (garbage, zeros, random bytes over the meta pages)', () => {
    expect(checkLmdbFile(file('garbage.mdb', 'garbage\n'))).toMatch(/^it is not an LMDB file \(8 bytes/);
    expect(checkLmdbFile(file('zeros.mdb', Buffer.alloc(valid.length)))).toMatch(/^it is not an LMDB file/);
    const scrambled = Buffer.from(valid);
    for (let index = 0; index < 8192; index++) scrambled[index] = (index * 7919) & 0xff;
    expect(checkLmdbFile(file('scrambled.mdb', scrambled))).toMatch(/^it is not an LMDB file/);
  });

  it('names a file cut short of the last page its meta names', () => {
    const cut = file('cut.mdb', valid);
    truncateSync(cut, valid.length - 4096);
    expect(checkLmdbFile(cut)).toMatch(/^it is cut short \(\d+ bytes, its last page ends at byte \d+\)/);
  });
});
