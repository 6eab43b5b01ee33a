import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal } from './open-journal.js';

let directory: string;
let journalPath: string;
beforeEach(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'miair-journal-lock-'));
  journalPath = path.join(directory, 'journal.ndjson');
});
afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('acquireJournalLock', () => {
  it('refuses a second open of one journal while the first is open, and allows it after close', async () => {
    const first = await openJournal({ path: journalPath, settingsHash: 's1' });
    expect(readFileSync(`${journalPath}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    await expect(openJournal({ path: journalPath, settingsHash: 's1' })).rejects.toMatchObject({ code: 'OUTPUT_WRITE_FAILED' });
    await first.close();
    expect(existsSync(`${journalPath}.lock`)).toBe(false);
    const second = await openJournal({ path: journalPath, settingsHash: 's1' });
    await second.close();
  });

  it('refuses a journal locked by another live process, naming it and the lock file', async () => {
    writeFileSync(`${journalPath}.lock`, `${process.ppid}\n`);
    await expect(openJournal({ path: journalPath, settingsHash: 's1' })).rejects.toThrow(
      `Another miair run (process ${process.ppid}) is using the run journal \`${journalPath}\`. Wait for it to finish, or delete \`${journalPath}.lock\` if no such run exists.`,
    );
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    writeFileSync(`${journalPath}.lock`, '2147483646\n');
    const journal = await openJournal({ path: journalPath, settingsHash: 's1' });
    expect(readFileSync(`${journalPath}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    await journal.close();
  });

  it('releases the lock when opening fails after taking it', async () => {
    // A directory where the journal should be: it can be locked but not opened as a file.
    const blocked = path.join(directory, 'blocked');
    mkdirSync(blocked);
    await expect(openJournal({ path: blocked, settingsHash: 's1' })).rejects.toMatchObject({ code: 'OUTPUT_WRITE_FAILED' });
    expect(existsSync(`${blocked}.lock`)).toBe(false);
  });
});
