import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openJournal } from './open-journal.js';

// Every sync and datasync, in order, as `sync <path>` / `datasync <path>` (the real calls still happen).
const events: string[] = [];
vi.mock('node:fs/promises', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof original.open = async (file, flags, mode) => {
    const handle = await original.open(file, flags, mode);
    const sync = handle.sync.bind(handle);
    const datasync = handle.datasync.bind(handle);
    handle.sync = async () => {
      await sync();
      events.push(`sync ${String(file)}`);
    };
    handle.datasync = async () => {
      await datasync();
      events.push(`datasync ${String(file)}`);
    };
    return handle;
  };
  return { ...original, open, default: { ...original, open } };
});

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'miair-journal-durable-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

beforeEach(() => {
  events.length = 0;
});

describe('openJournal durability', () => {
  it('syncs the directories its records vouch for, once each, before it writes them', async () => {
    const journalPath = path.join(directory, 'run', '.miair-journal.ndjson');
    const [first, second] = [path.join(directory, 'out-a'), path.join(directory, 'out-b')];
    await Promise.all([mkdir(first), mkdir(second)]);
    const journal = await openJournal({ path: journalPath, settingsHash: 'settings', flushEveryRecords: 10 });
    events.length = 0;
    journal.append('a.md', 'hash-a', { status: 'ok' }, new Set([first]));
    journal.append('b.md', 'hash-b', { status: 'ok' }, new Set([first, second]));
    journal.append('c.md', 'hash-c', { status: 'ok' });
    await journal.flush();
    expect(events.slice(0, 2).sort()).toEqual([`sync ${first}`, `sync ${second}`]);
    expect(events.slice(2)).toEqual([`datasync ${journalPath}`]);
    await journal.close();
  });

  it('syncs nothing but the journal when its records name no directory', async () => {
    const journal = await openJournal({ path: path.join(directory, 'plain', '.miair-journal.ndjson'), settingsHash: 'settings' });
    events.length = 0;
    journal.append('a.md', 'hash-a', { status: 'ok' });
    await journal.close();
    expect(events).toEqual([`datasync ${path.join(directory, 'plain', '.miair-journal.ndjson')}`]);
  });
});
