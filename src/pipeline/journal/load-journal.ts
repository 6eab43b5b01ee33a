/**
 * Reads a journal file once, from the start, into an index of the latest
 * record of every key, and finds where its last complete line ends.
 */
import type { FileHandle } from 'node:fs/promises';
import { parseJournalHeader, parseJournalRecord, type JournalHeader } from './journal-line.js';

/** Bytes read from the journal at a time while loading. */
const READ_CHUNK_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;

/** What loading a journal found. */
export interface LoadedJournal {
  /** The header line, or undefined when the file is empty or does not start with a valid header. */
  header: JournalHeader | undefined;
  /** Key to the byte offset (0-based) of its latest valid record line; later lines win. */
  offsets: Map<string, number>;
  /** Complete lines that are not valid records of the header's settings (corrupt, or another settings hash). */
  ignoredLines: number;
  /** Byte length of the file up to and including the last newline: what is kept. */
  completeLength: number;
  /** Byte length of the whole file; more than `completeLength` when the last line is torn. */
  fileLength: number;
}

/**
 * Scans `handle` line by line. Only the last line can be incomplete (a process
 * killed during an append leaves a prefix of one write), so the bytes after the
 * last newline are reported as torn, not parsed. A complete line that is not
 * valid JSON (a disk that lost a block) is skipped and counted, never fatal.
 * Memory holds one number per key, not the results: `lookup` reads a result
 * back from its offset.
 */
export async function loadJournal(handle: FileHandle): Promise<LoadedJournal> {
  const { size: fileLength } = await handle.stat();
  const offsets = new Map<string, number>();
  let header: JournalHeader | undefined;
  let isFirstLine = true;
  let ignoredLines = 0;
  let lineStart = 0;
  let pending: Buffer[] = [];
  const chunk = Buffer.allocUnsafe(READ_CHUNK_BYTES);

  const takeLine = (line: string, offset: number): void => {
    if (isFirstLine) {
      isFirstLine = false;
      header = parseJournalHeader(line);
      return;
    }
    const record = header === undefined ? undefined : parseJournalRecord(line);
    if (record === undefined || record.settingsHash !== header?.settingsHash) ignoredLines += 1;
    else offsets.set(record.key, offset);
  };

  let position = 0;
  while (position < fileLength) {
    const { bytesRead } = await handle.read(chunk, 0, Math.min(READ_CHUNK_BYTES, fileLength - position), position);
    if (bytesRead === 0) break;
    let start = 0;
    for (let newline = chunk.indexOf(NEWLINE, 0); newline !== -1 && newline < bytesRead; newline = chunk.indexOf(NEWLINE, start)) {
      const piece = chunk.subarray(start, newline);
      const line = pending.length === 0 ? piece.toString('utf8') : Buffer.concat([...pending, piece]).toString('utf8');
      pending = [];
      takeLine(line, lineStart);
      start = newline + 1;
      lineStart = position + start;
    }
    // Copy the unfinished tail: `chunk` is reused by the next read.
    if (start < bytesRead) pending.push(Buffer.from(chunk.subarray(start, bytesRead)));
    position += bytesRead;
  }
  return { header, offsets, ignoredLines, completeLength: lineStart, fileLength };
}
