import { randomBytes } from 'node:crypto';
import { chmod, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { MiairError } from '../errors.js';
import { makeDirectory } from '../fs/make-directory.js';
import { syncDirectory } from '../fs/sync-directory.js';

/** Options of {@link writeFileAtomic}. */
export interface WriteFileAtomicOptions {
  /** Collects the directories to sync instead of syncing them; the caller must sync them before it relies on the write. */
  deferDirectorySyncs?: Set<string>;
}

/**
 * Writes `content` (a string is written as UTF-8) to `filePath` atomically: the
 * parent directories are created, the bytes go to a unique temporary file in the
 * same directory, are flushed to disk, and the temporary file is renamed over the
 * target, so a reader sees the old file or the new one, never half of it. The
 * directory is synced after the rename (and the parent of every directory it
 * created), so a write that resolved survives a power loss: a journal that
 * records it afterwards never points at a file that is not there. An existing
 * target keeps its permission bits. On failure the temporary file is removed.
 *
 * With `options.deferDirectorySyncs`, the directories are added to that set
 * instead of synced: a caller that writes many files syncs each directory
 * once per batch (the run journal does, before it records them).
 *
 * @throws MiairError OUTPUT_WRITE_FAILED naming the path.
 */
export async function writeFileAtomic(filePath: string, content: string | Uint8Array, options: WriteFileAtomicOptions = {}): Promise<void> {
  const directory = path.dirname(filePath);
  const temporaryPath = path.join(directory, `.${path.basename(filePath)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let hasTemporaryFile = false;
  try {
    const firstCreated = await makeDirectory(directory);
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
    const toSync = firstCreated === undefined ? [directory] : [directory, ...createdDirectories(firstCreated, directory).map((created) => path.dirname(created))];
    const deferred = options.deferDirectorySyncs;
    for (const synced of toSync) {
      if (deferred === undefined) await syncDirectory(synced);
      else deferred.add(synced);
    }
  } catch (error) {
    if (hasTemporaryFile) await rm(temporaryPath, { force: true }).catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new MiairError('OUTPUT_WRITE_FAILED', `Could not write \`${filePath}\` (${reason}). Check that the directory is writable and the disk has space.`, {
      cause: error,
      details: { path: filePath },
    });
  }
}

/** The directories from `first` (the first one `mkdir` created) down to `last`, each holding the next. */
function createdDirectories(first: string, last: string): string[] {
  const created: string[] = [];
  for (let current = last; ; current = path.dirname(current)) {
    created.push(current);
    if (current === first || path.dirname(current) === current) return created;
  }
}
