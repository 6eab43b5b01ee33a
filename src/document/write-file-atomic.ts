import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { MiairError } from '../errors.js';

/**
 * Writes `content` (a string is written as UTF-8) to `filePath` atomically: the
 * parent directories are created, the bytes go to a unique temporary file in the
 * same directory, are flushed to disk, and the temporary file is renamed over the
 * target, so a reader sees the old file or the new one, never half of it. An
 * existing target keeps its permission bits. On failure the temporary file is removed.
 *
 * @throws MiairError OUTPUT_WRITE_FAILED naming the path.
 */
export async function writeFileAtomic(filePath: string, content: string | Uint8Array): Promise<void> {
  const directory = path.dirname(filePath);
  const temporaryPath = path.join(directory, `.${path.basename(filePath)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let hasTemporaryFile = false;
  try {
    await mkdir(directory, { recursive: true });
    const existingMode = await stat(filePath).then(
      (stats) => stats.mode & 0o7777,
      () => undefined,
    );
    const handle = await open(temporaryPath, 'wx');
    hasTemporaryFile = true;
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (existingMode !== undefined) await chmod(temporaryPath, existingMode);
    await rename(temporaryPath, filePath);
  } catch (error) {
    if (hasTemporaryFile) await rm(temporaryPath, { force: true }).catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new MiairError('OUTPUT_WRITE_FAILED', `Could not write \`${filePath}\` (${reason}). Check that the directory is writable and the disk has space.`, {
      cause: error,
      details: { path: filePath },
    });
  }
}
