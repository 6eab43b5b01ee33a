import { mkdirSync, statSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Creates `directory` and its missing parents, like `mkdir -p`, and returns
 * the first directory it created (undefined when it existed), as
 * `mkdir(directory, { recursive: true })` does. Node's recursive mkdir spins
 * forever, at full CPU and deaf to signals, when a parent exists but cannot
 * hold the child (a path under /proc, a dangling symlink): it reads the
 * child's ENOENT as "parent missing", makes the parent (EEXIST) and retries.
 * Here a child that still gets ENOENT once its parent exists fails with it.
 *
 * @throws the file system's error (ENOENT, ENOTDIR, EACCES...), as mkdir does.
 */
export async function makeDirectory(directory: string): Promise<string | undefined> {
  const absolute = path.resolve(directory);
  try {
    await mkdir(absolute);
    return absolute;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return existingDirectory(absolute, error);
    const parent = path.dirname(absolute);
    if (code !== 'ENOENT' || parent === absolute) throw error;
    const firstCreated = await makeDirectory(parent);
    try {
      await mkdir(absolute);
    } catch (retryError) {
      if ((retryError as NodeJS.ErrnoException).code === 'EEXIST') return existingDirectory(absolute, retryError, firstCreated);
      throw retryError;
    }
    return firstCreated ?? absolute;
  }
}

/** {@link makeDirectory}, synchronous. */
export function makeDirectorySync(directory: string): string | undefined {
  const absolute = path.resolve(directory);
  try {
    mkdirSync(absolute);
    return absolute;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return existingDirectorySync(absolute, error);
    const parent = path.dirname(absolute);
    if (code !== 'ENOENT' || parent === absolute) throw error;
    const firstCreated = makeDirectorySync(parent);
    try {
      mkdirSync(absolute);
    } catch (retryError) {
      if ((retryError as NodeJS.ErrnoException).code === 'EEXIST') return existingDirectorySync(absolute, retryError, firstCreated);
      throw retryError;
    }
    return firstCreated ?? absolute;
  }
}

/** `firstCreated` when `absolute` is a directory (made by another process meanwhile, or there all along), else the EEXIST error. */
async function existingDirectory(absolute: string, error: unknown, firstCreated?: string): Promise<string | undefined> {
  const isDirectory = await stat(absolute).then((stats) => stats.isDirectory(), () => false);
  if (!isDirectory) throw error;
  return firstCreated;
}

function existingDirectorySync(absolute: string, error: unknown, firstCreated?: string): string | undefined {
  let isDirectory = false;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch {
    // Gone again: report the EEXIST that was seen.
  }
  if (!isDirectory) throw error;
  return firstCreated;
}
