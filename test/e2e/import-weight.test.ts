import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const REGISTER = path.join(ROOT, 'test/e2e/fixtures/import-hooks/register.mjs');

async function packagesLoadedBy(code: string): Promise<string[]> {
  const { stderr } = await promisify(execFile)(process.execPath, ['--import', REGISTER, '--input-type=module', '-e', code], { cwd: ROOT });
  const names = new Set<string>();
  for (const match of stderr.matchAll(/resolved file:\/\/.*?\/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)) names.add(match[1] as string);
  return [...names].sort();
}

describe('the cost of importing miair', () => {
  it('loads no HTTP client, database, Redis client, config loader or CLI parser', async () => {
    const loaded = await packagesLoadedBy(`await import(${JSON.stringify(path.join(ROOT, 'dist/index.js'))});`);
    expect(loaded.filter((name) => ['undici', 'lmdb', 'ioredis', 'c12', 'commander', 'zod'].includes(name))).toEqual([]);
  });

  it('loads the HTTP client only when a remote call is made, and lmdb only for a disk cache', async () => {
    const loaded = await packagesLoadedBy(`const m = await import(${JSON.stringify(path.join(ROOT, 'dist/index.js'))}); m.createOpenAIModel({ apiKey: 'k', modelId: 'x' });`);
    expect(loaded).not.toContain('undici');
    const withDisk = await packagesLoadedBy(`await import(${JSON.stringify(path.join(ROOT, 'dist/cache/create-disk-cache-store.js'))});`);
    expect(withDisk).toContain('lmdb');
  });

  it('exports the disk and Redis stores as miair/cache-stores, which a user can import by the package name', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', "const m = await import('miair/cache-stores'); console.log(Object.keys(m).sort().join(','));"], { cwd: ROOT });
    expect(stdout.trim()).toBe('DISK_CACHE_FILE_NAME,createDiskCacheStore,createRedisCacheStore,defaultCacheDirectory,warmCache');
  });
});
