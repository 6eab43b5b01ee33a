/**
 * The run journal: an append-only NDJSON file recording every finished input,
 * so running the same command again skips what is done. See README.md for the
 * format and the crash cases.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { syncDirectory } from '../../fs/sync-directory.js';
import { MiairError } from '../../errors.js';
import { acquireJournalLock } from './acquire-journal-lock.js';
import { createJournalFile, journalError, readLineAt, supersedeJournalFile } from './journal-files.js';
import { formatJournalRecord, parseJournalRecord, type JsonValue } from './journal-line.js';
import { loadJournal } from './load-journal.js';
import { DEFAULT_JOURNAL_FLUSH_INTERVAL_MS, DEFAULT_JOURNAL_FLUSH_RECORDS } from '../../config/defaults.js';



/** Options of {@link openJournal}. */
export interface JournalOptions {
  /** Path of the journal file, for example `<out>/.miair-journal.ndjson`; its directory is created. */
  path: string;
  /** Hash of every setting that changes a result; a journal made under another hash is moved aside, not resumed. */
  settingsHash: string;
  /** Starts a new, empty journal, atomically replacing the old one (`--restart`). @default false */
  restart?: boolean;
  /** Buffered records that trigger a flush (write + fsync); an integer >= 1. @default 100 */
  flushEveryRecords?: number;
  /** Longest wait of a buffered record before it is flushed, in milliseconds; an integer >= 0. @default 200 */
  flushIntervalMs?: number;
}

/** Counters of one open journal. */
export interface JournalStats {
  /** Inputs found finished in the journal when it was opened (distinct keys under the current settings). */
  loaded: number;
  /** Lookups that returned a recorded result: inputs this run skipped. */
  skipped: number;
  /** Records appended since the journal was opened (flushed or still buffered). */
  appended: number;
  /** Complete lines ignored when loading: corrupt, or made under another settings hash. */
  ignoredLines: number;
  /** Bytes of a torn last line cut off when opening (a process killed during an append). */
  truncatedBytes: number;
  /** Where a journal made under other settings (or not a journal) was moved, or null if none was. */
  supersededPath: string | null;
}

/** An open run journal. One run per journal: `<path>.lock` refuses a second one while the first lives. */
export interface Journal {
  /** The journal file. */
  readonly path: string;
  /** The settings hash every record of this journal carries. */
  readonly settingsHash: string;
  /**
   * Returns the recorded result of `key` when its latest record has this
   * `contentHash` (the settings always match: see {@link JournalOptions.settingsHash}),
   * or undefined when the input must be done (never seen, or its content changed).
   * The result is a fresh copy parsed from its JSON. Synchronous: a hit reads one line from disk.
   */
  lookup(key: string, contentHash: string): JsonValue | undefined;
  /**
   * Records that `key` finished with `result` (plain JSON). Call it only after
   * the input's output is written completely (atomically): the record is the
   * promise that the output exists. Buffered; durable after the next flush.
   * `syncFirst`: directories holding renames the record vouches for (see
   * writeFileAtomic's `deferDirectorySyncs`); the flush syncs them before it
   * writes the record, one sync per directory and batch.
   *
   * @throws MiairError OUTPUT_WRITE_FAILED when an earlier flush failed, or INTERNAL when the journal is closed.
   */
  append(key: string, contentHash: string, result: JsonValue, syncFirst?: Iterable<string>): void;
  /** Writes every buffered record in order and fsyncs the file; resolves when they are durable. */
  flush(): Promise<void>;
  /** Flushes and closes the file; later calls do nothing. */
  close(): Promise<void>;
  /** The journal's counters. */
  stats(): JournalStats;
}

interface BufferedRecord {
  key: string;
  contentHash: string;
  line: string;
  byteLength: number;
  syncFirst: Iterable<string> | undefined;
}

/**
 * Opens the run journal at `options.path`, resuming it when it was made under
 * the same settings: a torn last line is cut off, records are indexed by key
 * (the latest wins). A journal made under another settings hash, or a file that
 * is not a journal, is moved to `<path>.superseded` and a new journal starts.
 *
 * @throws MiairError CONFIG_INVALID for bad options, OUTPUT_WRITE_FAILED when the file cannot be read or written.
 * @example
 * const journal = await openJournal({ path: 'out/.miair-journal.ndjson', settingsHash });
 * const done = journal.lookup(file, contentHash);
 * const directories = new Set<string>();
 * if (done === undefined) { await writeFileAtomic(target, text, { deferDirectorySyncs: directories }); journal.append(file, contentHash, record, directories); }
 * await journal.close();
 */
export async function openJournal(options: JournalOptions): Promise<Journal> {
  const flushEveryRecords = validateInteger('flushEveryRecords', options.flushEveryRecords ?? DEFAULT_JOURNAL_FLUSH_RECORDS, 1);
  const flushIntervalMs = validateInteger('flushIntervalMs', options.flushIntervalMs ?? DEFAULT_JOURNAL_FLUSH_INTERVAL_MS, 0);
  if (typeof options.settingsHash !== 'string' || options.settingsHash === '') {
    throw new MiairError('CONFIG_INVALID', `Expected \`settingsHash\` to be a non-empty string, got \`${String(options.settingsHash)}\` (${typeof options.settingsHash}).`);
  }
  const { path: journalPath, settingsHash } = options;
  const stats: JournalStats = { loaded: 0, skipped: 0, appended: 0, ignoredLines: 0, truncatedBytes: 0, supersededPath: null };
  let offsets = new Map<string, number>();
  let handle: FileHandle;
  let position: number;
  let releaseLock: () => Promise<void>;
  try {
    releaseLock = await acquireJournalLock(journalPath);
  } catch (error) {
    throw journalError(journalPath, 'lock', error);
  }

  try {
    const existing = options.restart === true ? undefined : await open(journalPath, 'r+').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (existing === undefined) {
      position = await createJournalFile(journalPath, settingsHash);
      handle = await open(journalPath, 'r+');
    } else {
      const loaded = await loadJournal(existing);
      if (loaded.header?.settingsHash === settingsHash) {
        handle = existing;
        offsets = loaded.offsets;
        stats.loaded = offsets.size;
        stats.ignoredLines = loaded.ignoredLines;
        position = loaded.completeLength;
        if (loaded.completeLength < loaded.fileLength) {
          // The torn tail is a prefix of one write: cut it so the next record starts on a fresh line.
          await handle.truncate(loaded.completeLength);
          await handle.sync();
          stats.truncatedBytes = loaded.fileLength - loaded.completeLength;
        }
      } else {
        await existing.close();
        // An empty file (never a journal we wrote: ours start with a header) is simply replaced.
        if (loaded.fileLength > 0) stats.supersededPath = await supersedeJournalFile(journalPath);
        position = await createJournalFile(journalPath, settingsHash);
        handle = await open(journalPath, 'r+');
      }
    }
  } catch (error) {
    await releaseLock();
    throw journalError(journalPath, 'open', error);
  }

  let buffer: BufferedRecord[] = [];
  const pending = new Map<string, BufferedRecord>();
  let queue: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let failure: MiairError | undefined;
  let isClosed = false;

  const writeBatch = async (): Promise<void> => {
    const batch = buffer;
    buffer = [];
    if (batch.length === 0) return;
    if (failure !== undefined) throw failure;
    const bytes = Buffer.from(batch.map((record) => record.line).join(''), 'utf8');
    const directories = new Set<string>();
    for (const record of batch) if (record.syncFirst !== undefined) for (const directory of record.syncFirst) directories.add(directory);
    try {
      await Promise.all(Array.from(directories, syncDirectory));
      let written = 0;
      while (written < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, written, bytes.length - written, position + written);
        written += bytesWritten;
      }
      await handle.datasync();
    } catch (error) {
      failure = journalError(journalPath, 'append to', error);
      throw failure;
    }
    let offset = position;
    for (const record of batch) {
      offsets.set(record.key, offset);
      if (pending.get(record.key) === record) pending.delete(record.key);
      offset += record.byteLength;
    }
    position = offset;
  };

  const flush = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const run = queue.then(writeBatch);
    // The queue goes on after a failure; the failure itself is sticky and reported by the next call.
    queue = run.catch(() => undefined);
    return run;
  };

  const flushInBackground = (): void => {
    flush().catch(() => undefined);
  };

  return {
    path: journalPath,
    settingsHash,
    lookup(key, contentHash) {
      const buffered = pending.get(key);
      let line: string | undefined;
      if (buffered !== undefined) line = buffered.contentHash === contentHash ? buffered.line.slice(0, -1) : undefined;
      else {
        const offset = offsets.get(key);
        if (offset !== undefined && !isClosed) line = readLineAt(handle.fd, offset);
      }
      const record = line === undefined ? undefined : parseJournalRecord(line);
      if (record === undefined || record.contentHash !== contentHash) return undefined;
      stats.skipped += 1;
      return record.result;
    },
    append(key, contentHash, result, syncFirst) {
      if (failure !== undefined) throw failure;
      if (isClosed) throw new MiairError('INTERNAL', `The run journal \`${journalPath}\` is closed; append before close().`);
      const line = formatJournalRecord({ key, contentHash, settingsHash, result });
      const record: BufferedRecord = { key, contentHash, line, byteLength: Buffer.byteLength(line, 'utf8'), syncFirst };
      buffer.push(record);
      pending.set(key, record);
      stats.appended += 1;
      if (buffer.length >= flushEveryRecords) flushInBackground();
      else if (timer === undefined) {
        timer = setTimeout(flushInBackground, flushIntervalMs);
        // A pending flush must not keep the process alive: close() flushes what is left.
        timer.unref();
      }
    },
    flush,
    async close() {
      if (isClosed) return;
      try {
        await flush();
      } finally {
        isClosed = true;
        await handle.close();
        await releaseLock();
      }
    },
    stats: () => ({ ...stats }),
  };
}

function validateInteger(name: string, value: number, minimum: number): number {
  if (!Number.isInteger(value) || value < minimum) {
    throw new MiairError('CONFIG_INVALID', `Expected \`${name}\` to be an integer >= ${minimum}, got \`${String(value)}\` (${typeof value}).`);
  }
  return value;
}
