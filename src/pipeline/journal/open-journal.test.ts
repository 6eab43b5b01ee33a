import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MiairError } from '../../errors.js';
import { openJournal } from './open-journal.js';

let directory: string;
let journalPath: string;

beforeEach(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'miair-journal-'));
  journalPath = path.join(directory, 'out', '.miair-journal.ndjson');
});
afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

function readLines(): string[] {
  return readFileSync(journalPath, 'utf8').split('\n');
}

describe('openJournal', () => {
  it('creates a journal holding only a header when the file does not exist', async () => {
    const journal = await openJournal({ path: journalPath, settingsHash: 's1' });
    await journal.close();
    const lines = readLines();
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ miairJournal: 1, settingsHash: 's1' });
    expect(lines[1]).toBe('');
    expect(journal.stats()).toEqual({ loaded: 0, skipped: 0, appended: 0, ignoredLines: 0, truncatedBytes: 0, supersededPath: null });
  });

  it('returns the recorded result when the same key, content and settings are looked up after reopening', async () => {
    const first = await openJournal({ path: journalPath, settingsHash: 's1' });
    first.append('docs/a.md', 'hash-a', { path: 'docs/a.md', finalQuality: 91.5 });
    first.append('docs/b.md', 'hash-b', { path: 'docs/b.md', finalQuality: 70 });
    await first.close();

    const second = await openJournal({ path: journalPath, settingsHash: 's1' });
    expect(second.lookup('docs/a.md', 'hash-a')).toEqual({ path: 'docs/a.md', finalQuality: 91.5 });
    expect(second.lookup('docs/b.md', 'hash-b')).toEqual({ path: 'docs/b.md', finalQuality: 70 });
    expect(second.lookup('docs/c.md', 'hash-c')).toBeUndefined();
    expect(second.stats()).toMatchObject({ loaded: 2, skipped: 2, appended: 0 });
    await second.close();
  });

  it('returns undefined when the content of a recorded input changed', async () => {
    const first = await openJournal({ path: journalPath, settingsHash: 's1' });
    first.append('a.md', 'old', { value: 1 });
    await first.close();
    const second = await openJournal({ path: journalPath, settingsHash: 's1' });
    expect(second.lookup('a.md', 'new')).toBeUndefined();
    second.append('a.md', 'new', { value: 2 });
    await second.close();
    const third = await openJournal({ path: journalPath, settingsHash: 's1' });
    // The latest record wins: the output now reflects the new content, so the old content is redone.
    expect(third.lookup('a.md', 'new')).toEqual({ value: 2 });
    expect(third.lookup('a.md', 'old')).toBeUndefined();
    expect(third.stats().loaded).toBe(1);
    await third.close();
  });

  it('moves the journal aside and starts empty when the settings hash changed', async () => {
    const first = await openJournal({ path: journalPath, settingsHash: 's1' });
    first.append('a.md', 'h', { value: 1 });
    await first.close();
    const before = readFileSync(journalPath, 'utf8');

    const second = await openJournal({ path: journalPath, settingsHash: 's2' });
    expect(second.lookup('a.md', 'h')).toBeUndefined();
    expect(second.stats()).toMatchObject({ loaded: 0, supersededPath: `${journalPath}.superseded` });
    await second.close();
    expect(readFileSync(`${journalPath}.superseded`, 'utf8')).toBe(before);
    expect(JSON.parse(readLines()[0] ?? '')).toMatchObject({ settingsHash: 's2' });
  });

  it('replaces the journal without moving it aside when restart is true', async () => {
    const first = await openJournal({ path: journalPath, settingsHash: 's1' });
    first.append('a.md', 'h', { value: 1 });
    await first.close();
    const second = await openJournal({ path: journalPath, settingsHash: 's1', restart: true });
    expect(second.lookup('a.md', 'h')).toBeUndefined();
    expect(second.stats()).toMatchObject({ loaded: 0, supersededPath: null });
    await second.close();
    expect(readLines()).toHaveLength(2);
    expect(existsSync(`${journalPath}.superseded`)).toBe(false);
    expect(existsSync(`${journalPath}.creating`)).toBe(false);
  });

  it('cuts a torn last line and appends on a fresh line when the previous run was killed mid-append', async () => {
    const first = await openJournal({ path: journalPath, settingsHash: 's1' });
    first.append('a.md', 'h', { value: 1 });
    await first.close();
    const torn = '{"key":"b.md","contentHash":"h","settingsHash":"s1","res';
    appendFileSync(journalPath, torn);

    const second = await openJournal({ path: journalPath, settingsHash: 's1' });
    expect(second.stats()).toMatchObject({ loaded: 1, truncatedBytes: torn.length, ignoredLines: 0 });
    expect(second.lookup('b.md', 'h')).toBeUndefined();
    second.append('b.md', 'h', { value: 2 });
    await second.close();

    const lines = readLines();
    expect(lines).toHaveLength(4);
    expect(lines.slice(1, 3).map((line) => JSON.parse(line).key)).toEqual(['a.md', 'b.md']);
  });

  it('leaves no bytes of a torn line behind when the next record is shorter than it', async () => {
    const first = await openJournal({ path: journalPath, settingsHash: 's1' });
    await first.close();
    const clean = readFileSync(journalPath, 'utf8');
    appendFileSync(journalPath, `{"key":"long.md","contentHash":"h","settingsHash":"s1","result":"${'z'.repeat(300)}`);
    const second = await openJournal({ path: journalPath, settingsHash: 's1' });
    second.append('a', 'h', 1);
    await second.close();
    expect(readFileSync(journalPath, 'utf8')).toBe(`${clean}{"key":"a","contentHash":"h","settingsHash":"s1","result":1}\n`);
  });

  it('cuts a complete record that lacks its newline, since the write that made it did not finish', async () => {
    const first = await openJournal({ path: journalPath, settingsHash: 's1' });
    await first.close();
    appendFileSync(journalPath, JSON.stringify({ key: 'a.md', contentHash: 'h', settingsHash: 's1', result: 1 }));
    const second = await openJournal({ path: journalPath, settingsHash: 's1' });
    expect(second.lookup('a.md', 'h')).toBeUndefined();
    expect(second.stats().truncatedBytes).toBeGreaterThan(0);
    await second.close();
  });

  it('skips and counts complete lines that are corrupt or carry another settings hash', async () => {
    const first = await openJournal({ path: journalPath, settingsHash: 's1' });
    await first.close();
    appendFileSync(journalPath, '\u0000\u0000garbage\n');
    appendFileSync(journalPath, `${JSON.stringify({ key: 'x.md', contentHash: 'h', settingsHash: 'other', result: 1 })}\n`);
    appendFileSync(journalPath, `${JSON.stringify({ key: 'y.md', contentHash: 'h' })}\n`);
    appendFileSync(journalPath, `${JSON.stringify({ key: 'a.md', contentHash: 'h', settingsHash: 's1', result: [1, 2] })}\n`);
    const second = await openJournal({ path: journalPath, settingsHash: 's1' });
    expect(second.stats()).toMatchObject({ loaded: 1, ignoredLines: 3 });
    expect(second.lookup('a.md', 'h')).toEqual([1, 2]);
    expect(second.lookup('x.md', 'h')).toBeUndefined();
    await second.close();
  });

  it('moves aside a file that is not a journal, and replaces an empty one in place', async () => {
    writeFileSync(path.join(directory, 'notes.ndjson'), '{"id":"a","text":"hello"}\n');
    const foreign = await openJournal({ path: path.join(directory, 'notes.ndjson'), settingsHash: 's1' });
    expect(foreign.stats().supersededPath).toBe(path.join(directory, 'notes.ndjson.superseded'));
    await foreign.close();

    writeFileSync(path.join(directory, 'empty.ndjson'), '');
    const empty = await openJournal({ path: path.join(directory, 'empty.ndjson'), settingsHash: 's1' });
    expect(empty.stats().supersededPath).toBeNull();
    await empty.close();
    expect(readFileSync(path.join(directory, 'empty.ndjson'), 'utf8')).toMatch(/^\{"miairJournal":1,"settingsHash":"s1"/);
  });

  it('answers lookups from buffered records before they are flushed, and the latest append wins', async () => {
    const journal = await openJournal({ path: journalPath, settingsHash: 's1', flushIntervalMs: 60_000 });
    journal.append('a.md', 'h1', { value: 1 });
    journal.append('a.md', 'h2', { value: 2 });
    expect(readLines()).toHaveLength(2);
    expect(journal.lookup('a.md', 'h1')).toBeUndefined();
    expect(journal.lookup('a.md', 'h2')).toEqual({ value: 2 });
    await journal.flush();
    expect(readLines()).toHaveLength(4);
    expect(journal.lookup('a.md', 'h2')).toEqual({ value: 2 });
    expect(journal.stats()).toMatchObject({ appended: 2, skipped: 2 });
    await journal.close();
  });

  it('flushes on its own when the buffer reaches flushEveryRecords', async () => {
    const journal = await openJournal({ path: journalPath, settingsHash: 's1', flushEveryRecords: 3, flushIntervalMs: 60_000 });
    journal.append('a', 'h', 1);
    journal.append('b', 'h', 2);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(readLines()).toHaveLength(2);
    journal.append('c', 'h', 3);
    await vi.waitFor(() => expect(readLines()).toHaveLength(5), { timeout: 2000, interval: 5 });
    await journal.close();
  });

  it('flushes on its own when a record waited flushIntervalMs', async () => {
    const journal = await openJournal({ path: journalPath, settingsHash: 's1', flushIntervalMs: 20 });
    journal.append('a', 'h', { value: 1 });
    expect(readLines()).toHaveLength(2);
    await vi.waitFor(() => expect(readLines()).toHaveLength(3), { timeout: 2000, interval: 5 });
    await journal.close();
  });

  it('reads back records longer than one read chunk', async () => {
    const large = 'x'.repeat(1536 * 1024);
    const first = await openJournal({ path: journalPath, settingsHash: 's1' });
    first.append('big.md', 'h', { text: large });
    first.append('small.md', 'h', { text: 'ok' });
    await first.close();
    const second = await openJournal({ path: journalPath, settingsHash: 's1' });
    expect(second.lookup('big.md', 'h')).toEqual({ text: large });
    expect(second.lookup('small.md', 'h')).toEqual({ text: 'ok' });
    await second.close();
  });

  it('keeps keys and results with newlines and non-ASCII text on one line each', async () => {
    const first = await openJournal({ path: journalPath, settingsHash: 's1' });
    first.append('dir/é\nname.md', 'h', { text: 'line 1\nline 2 — ✓' });
    first.append('next.md', 'h', { text: 'after' });
    await first.close();
    expect(readLines()).toHaveLength(4);
    const second = await openJournal({ path: journalPath, settingsHash: 's1' });
    expect(second.lookup('dir/é\nname.md', 'h')).toEqual({ text: 'line 1\nline 2 — ✓' });
    expect(second.lookup('next.md', 'h')).toEqual({ text: 'after' });
    await second.close();
  });

  it('throws CONFIG_INVALID naming the option when an option is out of range', async () => {
    await expect(openJournal({ path: journalPath, settingsHash: 's1', flushEveryRecords: 0 })).rejects.toThrow('Expected `flushEveryRecords` to be an integer >= 1, got `0` (number).');
    await expect(openJournal({ path: journalPath, settingsHash: 's1', flushIntervalMs: 1.5 })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    await expect(openJournal({ path: journalPath, settingsHash: '' })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  it('throws OUTPUT_WRITE_FAILED naming the path when the journal cannot be created', async () => {
    writeFileSync(path.join(directory, 'file'), '');
    const error = await openJournal({ path: path.join(directory, 'file', 'journal.ndjson'), settingsHash: 's1' }).catch((caught: unknown) => caught);
    expect(MiairError.isInstance(error) && error.code).toBe('OUTPUT_WRITE_FAILED');
    expect((error as MiairError).message).toContain('file/journal.ndjson');
  });

  it('refuses appends after close and makes close idempotent', async () => {
    const journal = await openJournal({ path: journalPath, settingsHash: 's1' });
    journal.append('a', 'h', 1);
    await journal.close();
    await journal.close();
    expect(() => journal.append('b', 'h', 2)).toThrow(/closed/);
    expect(readLines()).toHaveLength(3);
  });
});
