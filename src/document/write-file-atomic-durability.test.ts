import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from './write-file-atomic.js';

// Every fsync, in order, as the path of the handle it went through (the real calls still happen).
const synced: string[] = [];
vi.mock('node:fs/promises', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof original.open = async (file, flags, mode) => {
    const handle = await original.open(file, flags, mode);
    const sync = handle.sync.bind(handle);
    handle.sync = async () => {
      await sync();
      synced.push(String(file));
    };
    return handle;
  };
  return { ...original, open, default: { ...original, open } };
});

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'miair-durable-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

beforeEach(() => {
  synced.length = 0;
});

describe('writeFileAtomic durability', () => {
  it('syncs the file, then its directory after the rename, when the directory exists', async () => {
    const target = path.join(directory, 'out.md');
    await writeFileAtomic(target, 'text');
    expect(synced).toHaveLength(2);
    expect(path.dirname(synced[0] as string)).toBe(directory);
    expect(synced[0]).toMatch(/\.tmp$/);
    expect(synced[1]).toBe(directory);
  });

  it('also syncs the parent of every directory it created', async () => {
    const target = path.join(directory, 'a', 'b', 'out.md');
    await writeFileAtomic(target, 'text');
    expect(synced.slice(1)).toEqual([path.join(directory, 'a', 'b'), path.join(directory, 'a'), directory]);
  });
});
