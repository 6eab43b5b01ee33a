/**
 * File operations of the journal that must survive a crash: starting a journal
 * atomically, moving one aside, and reading one record back by its offset.
 */
import { readSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import path from 'node:path';
import { makeDirectory } from '../../fs/make-directory.js';
import { syncDirectory } from '../../fs/sync-directory.js';
import { MiairError } from '../../errors.js';
import { formatJournalHeader } from './journal-line.js';

/** First guess at the length of a record line when reading it back, in bytes; longer lines are read in more steps. */
const RECORD_READ_BYTES = 4096;

/**
 * Writes a journal holding only its header to `journalPath`, replacing any file
 * there atomically: the header goes to `<path>.creating`, is synced, and is
 * renamed over the target, then the directory is synced so the rename itself
 * survives a power loss. A reader sees the old journal or the new one, never a
 * file without a header. Returns the header's length in bytes.
 */
export async function createJournalFile(journalPath: string, settingsHash: string): Promise<number> {
  const header = Buffer.from(formatJournalHeader(settingsHash), 'utf8');
  // A fixed name: a temporary file left by a process killed here is overwritten by the next start, not piled up.
  const temporaryPath = `${journalPath}.creating`;
  await makeDirectory(path.dirname(journalPath));
  const handle = await open(temporaryPath, 'w');
  try {
    await handle.write(header, 0, header.length, 0);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporaryPath, journalPath);
  await syncDirectory(path.dirname(journalPath));
  return header.length;
}

/** Moves a journal that cannot be resumed to `<path>.superseded` (replacing an older one there) and returns that path. */
export async function supersedeJournalFile(journalPath: string): Promise<string> {
  const supersededPath = `${journalPath}.superseded`;
  await rename(journalPath, supersededPath);
  return supersededPath;
}

/** Reads the line that starts at byte `offset` of the open file `fd`, without its newline. */
export function readLineAt(fd: number, offset: number): string {
  const parts: Buffer[] = [];
  let position = offset;
  for (;;) {
    const buffer = Buffer.allocUnsafe(RECORD_READ_BYTES);
    const bytesRead = readSync(fd, buffer, 0, buffer.length, position);
    const newline = buffer.subarray(0, bytesRead).indexOf(0x0a);
    if (newline !== -1) {
      parts.push(buffer.subarray(0, newline));
      break;
    }
    if (bytesRead === 0) break;
    parts.push(buffer.subarray(0, bytesRead));
    position += bytesRead;
  }
  return Buffer.concat(parts).toString('utf8');
}

/** Wraps a file-system failure of the journal into a MiairError that says what to do. */
export function journalError(journalPath: string, action: string, error: unknown): MiairError {
  if (MiairError.isInstance(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  // --restart starts a new journal: it helps when the old one cannot be read, not when its directory is unusable.
  const restart = action === 'lock' ? '' : ', or pass --restart to start a new journal';
  return new MiairError('OUTPUT_WRITE_FAILED', `Could not ${action} the run journal \`${journalPath}\` (${reason}). Check that its directory is writable and the disk has space${restart}.`, {
    cause: error,
    details: { path: journalPath },
  });
}
