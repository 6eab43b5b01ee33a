/**
 * A lock file next to the journal, so two runs never append to one journal at
 * once. A lock left by a killed run (its process is gone) is taken over.
 */
import { randomUUID } from 'node:crypto';
import { link, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeDirectory } from '../../fs/make-directory.js';
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
  await makeDirectory(path.dirname(lockPath));
  // The lock appears whole: written under a private name, then hard-linked into place (link fails if
  // the lock exists), so no other run ever reads an empty lock and takes it for a stale one.
  const draft = `${lockPath}.${process.pid}.${randomUUID()}`;
  await writeFile(draft, `${process.pid}\n`, { flag: 'wx' });
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await link(draft, lockPath);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= MAX_TAKEOVER_ATTEMPTS) throw error;
        await takeOverIfStale(journalPath, lockPath);
      }
    }
  } finally {
    await rm(draft, { force: true });
  }
  lockedHere.add(absolute);
  return async () => {
    lockedHere.delete(absolute);
    await rm(lockPath, { force: true });
  };
}

/** Runs racing for one stale lock: each tries this many times before it gives up. */
const MAX_TAKEOVER_ATTEMPTS = 8;

/**
 * Moves a stale lock out of the way. Two runs may find the same stale lock:
 * each renames it to a private name (rename is atomic, so only one gets any
 * given file) and looks at what it got. If that was a fresh lock another run
 * had just taken, it is put back and this run reports it as held.
 */
async function takeOverIfStale(journalPath: string, lockPath: string): Promise<void> {
  const holder = await readHolder(lockPath);
  if (holder === null) return; // Released meanwhile: try again.
  if (holder !== process.pid && isRunning(holder)) throw heldError(journalPath, lockPath, holder);
  const moved = `${lockPath}.${process.pid}.${randomUUID()}.stale`;
  try {
    await rename(lockPath, moved);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // Another run moved it first.
    throw error;
  }
  const got = await readHolder(moved);
  if (got !== null && got !== holder && got !== process.pid && isRunning(got)) {
    await link(moved, lockPath).catch(() => undefined);
    await rm(moved, { force: true });
    throw heldError(journalPath, lockPath, got);
  }
  await rm(moved, { force: true });
}

async function readHolder(lockPath: string): Promise<number | null> {
  try {
    const holder = Number.parseInt(await readFile(lockPath, 'utf8'), 10);
    // Unreadable content cannot come from this code (locks appear whole): treat it as stale.
    return Number.isInteger(holder) ? holder : 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function isRunning(processId: number): boolean {
  // 0 and negative ids address process groups, not a run.
  if (processId <= 0) return false;
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
