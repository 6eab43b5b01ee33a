import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDirectory, makeDirectorySync } from './make-directory.js';

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'miair-mkdir-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('makeDirectory', () => {
  it('creates the missing parents and returns the first directory it created', async () => {
    const target = path.join(directory, 'a', 'b', 'c');
    expect(await makeDirectory(target)).toBe(path.join(directory, 'a'));
    expect((await stat(target)).isDirectory()).toBe(true);
    expect(makeDirectorySync(path.join(directory, 'a', 'x', 'y'))).toBe(path.join(directory, 'a', 'x'));
  });

  it('returns undefined when the directory exists', async () => {
    expect(await makeDirectory(directory)).toBeUndefined();
    expect(makeDirectorySync(directory)).toBeUndefined();
  });

  it('throws EEXIST when a file holds the name', async () => {
    const file = path.join(directory, 'file');
    await writeFile(file, '');
    await expect(makeDirectory(file)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(() => makeDirectorySync(file)).toThrow(expect.objectContaining({ code: 'EEXIST' }));
  });

  // Node's recursive mkdir spins forever here (procfs answers ENOENT for a child its existing parent cannot hold).
  it.skipIf(!existsSync('/proc/self'))('throws ENOENT at once when the parent exists but cannot hold the child', async () => {
    await expect(makeDirectory('/proc/miair-test/out')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(() => makeDirectorySync('/proc/miair-test/out')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});
