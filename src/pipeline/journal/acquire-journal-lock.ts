/**
 * A lock file next to the journal, so two runs never append to one journal at
 * once. A lock left by a killed run (its process is gone) is taken over.
 */
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { MiairError } from '../../errors.js';

/** Journals locked by this process, so a second open in the same process is refused too. */
const lockedHere = new Set<string>();

/**
 * Takes `<journalPath>.lock` (holding this process id) and returns the function
 * that releases it. A lock whose process no longer runs is stale (`kill -9`
 * leaves one) and is taken over.
 *
 * @throws MiairError OUTPUT_WRITE_FAILED when a live run holds the lock.
 */
export async function acquireJournalLock(journalPath: string): Promise<() => Promise<void>> {
  const lockPath = `${journalPath}.lock`;
  const absolute = path.resolve(lockPath);
  if (lockedHere.has(absolute)) throw heldError(journalPath, lockPath, process.pid);
  await mkdir(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; ; attempt += 1) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const holder = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isRunning(holder)) throw heldError(journalPath, lockPath, holder);
      await rm(lockPath, { force: true });
    }
  }
  lockedHere.add(absolute);
  return async () => {
    lockedHere.delete(absolute);
    await rm(lockPath, { force: true });
  };
}

function isRunning(processId: number): boolean {
  try {
    process.kill(processId, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function heldError(journalPath: string, lockPath: string, holder: number): MiairError {
  return new MiairError('OUTPUT_WRITE_FAILED', `Another miair run (process ${holder}) is using the run journal \`${journalPath}\`. Wait for it to finish, or delete \`${lockPath}\` if no such run exists.`, {
    details: { path: journalPath, processId: holder },
  });
}
