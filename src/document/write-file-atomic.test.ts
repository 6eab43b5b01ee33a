import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MiairError } from '../errors.js';
import { writeFileAtomic } from './write-file-atomic.js';

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'miair-write-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('creates the parent directories and writes UTF-8 when they do not exist', async () => {
    const target = path.join(directory, 'a', 'b', 'out.md');
    await writeFileAtomic(target, '\ufeffcafé\r\n');
    expect(await readFile(target)).toEqual(Buffer.from([0xef, 0xbb, 0xbf, 0x63, 0x61, 0x66, 0xc3, 0xa9, 0x0d, 0x0a]));
    expect(await readdir(path.dirname(target))).toEqual(['out.md']);
  });

  it('replaces an existing file and keeps its permission bits', async () => {
    const target = path.join(directory, 'existing.md');
    await writeFile(target, 'old');
    await chmod(target, 0o640);
    await writeFileAtomic(target, Uint8Array.from([0x6e, 0x65, 0x77]));
    expect(await readFile(target, 'utf8')).toBe('new');
    expect((await stat(target)).mode & 0o777).toBe(0o640);
  });

  it('throws OUTPUT_WRITE_FAILED naming the path and leaves no temporary file when the target is a directory', async () => {
    const target = path.join(directory, 'taken');
    await mkdir(path.join(target, 'inside'), { recursive: true });
    const error = await writeFileAtomic(target, 'x').then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(MiairError.isInstance(error) && error.code).toBe('OUTPUT_WRITE_FAILED');
    expect((error as MiairError).message).toContain(`\`${target}\``);
    expect((await readdir(directory)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('throws OUTPUT_WRITE_FAILED when a parent is a file', async () => {
    const parentFile = path.join(directory, 'plain-file');
    await writeFile(parentFile, '');
    await expect(writeFileAtomic(path.join(parentFile, 'child.md'), 'x')).rejects.toMatchObject({ code: 'OUTPUT_WRITE_FAILED' });
  });
});
