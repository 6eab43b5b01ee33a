import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { open } from 'lmdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MiairError } from '../errors.js';
import { encodeCacheEntry } from './cache-entry-codec.js';
import { DISK_CACHE_FILE_NAME, createDiskCacheStore } from './create-disk-cache-store.js';

const run = promisify(execFile);
let directory: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'miair-disk-cache-'));
});
afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

/** Writes raw values straight into the store's LMDB file, as a crash or a foreign writer would. */
async function writeRaw(entries: Record<string, string>): Promise<void> {
  const database = open<string, string>({ path: join(directory, DISK_CACHE_FILE_NAME), noSubdir: true, encoding: 'string', compression: false });
  for (const [key, value] of Object.entries(entries)) await database.put(key, value);
  await database.close();
}

describe('createDiskCacheStore', () => {
  it('keeps entries across store instances when they share a directory', async () => {
    const first = createDiskCacheStore({ directory });
    await first.set('a', '{"text":"alpha"}');
    await first.close();
    const second = createDiskCacheStore({ directory });
    expect(await second.get('a')).toBe('{"text":"alpha"}');
    expect(await second.get('b')).toBeNull();
    expect(second.stats()).toMatchObject({ hits: 1, misses: 1, sets: 0, corrupt: 0, entries: 1 });
    expect(second.stats().sizeInBytes).toBeGreaterThan(0);
    await second.close();
  });

  it('reads a corrupt or truncated entry as a miss and counts it', async () => {
    const intact = encodeCacheEntry('{"text":"good"}', null);
    await writeRaw({ truncated: intact.slice(0, -3), garbage: '\u0000\u0001binary', old: intact.replace('MIAIR-CACHE/1', 'MIAIR-CACHE/0'), intact });
    const errors: MiairError[] = [];
    const store = createDiskCacheStore({ directory, onError: (error) => errors.push(error) });
    expect(await store.get('truncated')).toBeNull();
    expect(await store.get('garbage')).toBeNull();
    expect(await store.get('old')).toBeNull();
    expect(await store.get('intact')).toBe('{"text":"good"}');
    expect(store.stats()).toMatchObject({ hits: 1, misses: 3, corrupt: 3 });
    expect(errors.map((error) => error.code)).toEqual(['CACHE_CORRUPT_ENTRY']);
    const listed = [];
    for await (const entry of store.entries!()) listed.push(entry.key);
    expect(listed).toEqual(['intact']);
    await store.close();
  });

  it('misses and removes an entry when its ttl has passed', async () => {
    await writeRaw({ stale: encodeCacheEntry('v', Date.now() - 1) });
    const store = createDiskCacheStore({ directory });
    await store.set('fresh', 'v', { ttlMs: 60_000 });
    await store.set('never', 'v', { ttlMs: 0 });
    expect(await store.get('stale')).toBeNull();
    expect(await store.get('fresh')).toBe('v');
    expect(await store.get('never')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(store.stats().entries).toBe(1);
    await store.close();
  });

  it('degrades to misses and reports CACHE_UNAVAILABLE once when the directory cannot be created', async () => {
    const file = join(directory, 'a-file');
    writeFileSync(file, 'not a directory');
    const errors: MiairError[] = [];
    const store = createDiskCacheStore({ directory: join(file, 'cache'), onError: (error) => errors.push(error) });
    await store.set('a', 'v');
    expect(await store.get('a')).toBeNull();
    expect(await store.get('b')).toBeNull();
    await store.delete('a');
    await store.clear();
    expect(store.stats()).toMatchObject({ hits: 0, misses: 2, sets: 0, errors: 1 });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.code).toBe('CACHE_UNAVAILABLE');
    expect(errors[0]?.message).toContain('--no-cache');
    await store.close();
  });

  it('reports CACHE_WRITE_FAILED once and goes on when writes fail', async () => {
    const errors: MiairError[] = [];
    const store = createDiskCacheStore({ directory, onError: (error) => errors.push(error) });
    // LMDB refuses keys over 1,978 bytes: a write failure without filling a disk.
    const longKey = 'k'.repeat(3_000);
    await store.set(longKey, 'v');
    await store.set(`${longKey}2`, 'v');
    expect(await store.get(longKey)).toBeNull();
    await store.set('ok', 'v');
    expect(await store.get('ok')).toBe('v');
    expect(errors.map((error) => error.code)).toContain('CACHE_WRITE_FAILED');
    expect(errors.filter((error) => error.code === 'CACHE_WRITE_FAILED')).toHaveLength(1);
    await store.close();
  });

  it('evicts entries once its pages pass maxSizeInBytes, down to about 80% of it, and keeps serving', async () => {
    const maxSizeInBytes = 1024 * 1024;
    const store = createDiskCacheStore({ directory, maxSizeInBytes });
    const value = 'x'.repeat(1000);
    // 5,000 entries of ~1 KB is ~5 MB unbounded: five size checks (one per 1,000 writes) must have evicted.
    for (let index = 0; index < 5_000; index++) await store.set(`key-${index}`, value);
    // Evictions run in the background; close() waits for the last one.
    await store.close();
    const reopened = createDiskCacheStore({ directory, maxSizeInBytes });
    const { entries = 0, sizeInBytes = 0 } = reopened.stats();
    expect(sizeInBytes).toBeLessThanOrEqual(2 * maxSizeInBytes);
    expect(entries).toBeGreaterThan(0);
    expect(entries).toBeLessThan(2_000);
    await reopened.set('fresh', 'still works');
    expect(await reopened.get('fresh')).toBe('still works');
    await reopened.close();
  });

  it('rejects a maxSizeInBytes that is not a positive number', () => {
    expect(() => createDiskCacheStore({ directory, maxSizeInBytes: 0 })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('deletes and clears entries', async () => {
    const store = createDiskCacheStore({ directory });
    await store.set('a', '1');
    await store.set('b', '2');
    await store.delete('a');
    expect(await store.get('a')).toBeNull();
    await store.clear();
    expect(await store.get('b')).toBeNull();
    expect(store.stats().entries).toBe(0);
    await store.close();
    expect(await store.get('b')).toBeNull();
  });

  it('opens read-only without writing when asked', async () => {
    const writer = createDiskCacheStore({ directory });
    await writer.set('a', '1');
    await writer.close();
    const reader = createDiskCacheStore({ directory, readOnly: true });
    await reader.set('b', '2');
    await reader.delete('a');
    await reader.clear();
    expect(await reader.get('a')).toBe('1');
    expect(await reader.get('b')).toBeNull();
    await reader.close();
  });

  it('stays exact when two processes write and read the same directory at once', async () => {
    const script = join(directory, 'child.mjs');
    writeFileSync(
      script,
      // The children run the compiled store: `npm test` builds dist/ before the tests.
      `const { createDiskCacheStore } = await import(${JSON.stringify(new URL('../../dist/cache/create-disk-cache-store.js', import.meta.url).href)});
const [directory, id, other, count, startAt] = process.argv.slice(2);
const store = createDiskCacheStore({ directory, onError: (error) => { console.error(error.message); process.exitCode = 3; } });
while (Date.now() < Number(startAt)) await new Promise((resolve) => setTimeout(resolve, 5));
let seenFromOther = 0;
for (let index = 0; index < Number(count); index++) {
  const writes = [store.set(id + '-' + index, 'value ' + id + ' ' + index), store.set('shared-' + index, 'shared by ' + id + ' ' + index)];
  if (index % 50 === 0) await Promise.all(writes);
  const seen = await store.get(other + '-' + index);
  if (seen !== null) { if (seen !== 'value ' + other + ' ' + index) throw new Error('wrong value ' + seen); seenFromOther++; }
}
await new Promise((resolve) => setTimeout(resolve, 20));
for (let index = 0; index < Number(count); index++) {
  if (await store.get(id + '-' + index) !== 'value ' + id + ' ' + index) throw new Error('lost ' + index);
}
console.log(JSON.stringify({ seenFromOther, ...store.stats() }));
await store.close();
`,
    );
    const cacheDirectory = join(directory, 'cache');
    const count = 2_000;
    const startAt = Date.now() + 2_500; // both children loaded (jiti takes ~0.5 s) before either writes
    const children = ['one', 'two'].map((id, index) =>
      run(process.execPath, [script, cacheDirectory, id, index === 0 ? 'two' : 'one', String(count), String(startAt)], { cwd: process.cwd() }),
    );
    const outputs = await Promise.all(children);
    const reports = outputs.map(({ stdout }) => JSON.parse(stdout) as { seenFromOther: number; corrupt: number; errors: number; sets: number });
    for (const report of reports) expect(report).toMatchObject({ corrupt: 0, errors: 0, sets: 2 * count });
    // The runs overlapped: at least one process read entries the other wrote while both were writing.
    expect(reports.some((report) => report.seenFromOther > 0)).toBe(true);

    const store = createDiskCacheStore({ directory: cacheDirectory });
    expect(store.stats().entries).toBe(3 * count);
    for (let index = 0; index < count; index += 97) {
      expect(await store.get(`one-${index}`)).toBe(`value one ${index}`);
      expect(await store.get(`two-${index}`)).toBe(`value two ${index}`);
      expect(await store.get(`shared-${index}`)).toMatch(new RegExp(`^shared by (one|two) ${index}$`));
    }
    expect(store.stats().corrupt).toBe(0);
    await store.close();
  });
});
