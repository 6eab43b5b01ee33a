import { open } from 'node:fs/promises';

/**
 * Syncs a directory so that a rename or a new entry inside it survives a
 * power loss. Platforms that cannot open a directory (Windows) skip this:
 * there the rename is as durable as the file system makes it.
 */
export async function syncDirectory(directory: string): Promise<void> {
  let handle;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // Best effort by design: see the TSDoc above.
  } finally {
    await handle?.close();
  }
}
