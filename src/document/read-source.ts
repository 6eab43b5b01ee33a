import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { MiairError } from '../errors.js';
import { decodeText } from './decode-text.js';
import { inputErrorFromSystemError } from './input-error-from-system-error.js';
import type { SourceDocument } from './types.js';

/** The input to read: `path` as reported (`-` for stdin), read from `absolutePath` when given. */
export interface SourceEntry {
  path: string;
  root: string | null;
  /** Where to read the file; defaults to `path` (resolved against the process's cwd). */
  absolutePath?: string;
}

/** Options of {@link readSource}. */
export interface ReadSourceOptions {
  /** Largest input accepted, in bytes (the BOM included). */
  maxBytes: number;
  /** Read for the path `-`; defaults to `process.stdin`. */
  stdin?: NodeJS.ReadableStream;
}

/**
 * Reads and validates one input: a file, or standard input for the path `-`.
 *
 * A regular file larger than `maxBytes` is refused from its size, before it is
 * read; standard input and other streams are read only up to the limit. The
 * bytes are decoded by `decodeText` (BOM removed, uniform CRLF turned into LF).
 *
 * @throws MiairError INPUT_NOT_FOUND, INPUT_UNREADABLE, INPUT_TOO_LARGE, INPUT_BINARY or INPUT_INVALID_ENCODING, each naming the path.
 * @example
 * const source = await readSource({ path: 'README.md', root: null }, { maxBytes: DEFAULT_MAX_BYTES });
 */
export async function readSource(entry: SourceEntry, options: ReadSourceOptions): Promise<SourceDocument> {
  const bytes = entry.path === '-' ? await readStream(options.stdin ?? process.stdin, entry.path, options.maxBytes) : await readFileBytes(entry.absolutePath ?? entry.path, entry.path, options.maxBytes);
  const { text, encoding } = decodeText(bytes, entry.path);
  return { path: entry.path, root: entry.root, text, encoding, sizeInBytes: bytes.length };
}

/**
 * Regular files up to this size are read synchronously: the four async round
 * trips of open, stat, read and close cost ~100 us of CPU per file, a
 * blocking stat and read ~10 us (tldr pages, measured), and 64 KiB blocks the
 * event loop for well under a millisecond.
 */
const SYNC_READ_MAX_BYTES = 64 * 1024;

async function readFileBytes(filePath: string, displayPath: string, maxBytes: number): Promise<Uint8Array> {
  const small = readSmallFile(filePath, displayPath, maxBytes);
  if (small !== null) return small;
  let handle;
  try {
    handle = await open(filePath, 'r');
  } catch (error) {
    throw inputErrorFromSystemError(error, displayPath);
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) throw inputErrorFromSystemError(Object.assign(new Error('is a directory'), { code: 'EISDIR' }), displayPath);
    if (!stats.isFile()) return await readStream(handle.createReadStream({ autoClose: false }), displayPath, maxBytes);
    if (stats.size > maxBytes) throw tooLargeError(displayPath, maxBytes, stats.size);
    const bytes = await handle.readFile();
    // The file may have grown between the stat and the read.
    if (bytes.length > maxBytes) throw tooLargeError(displayPath, maxBytes, bytes.length);
    return bytes;
  } catch (error) {
    throw inputErrorFromSystemError(error, displayPath);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * Reads a small regular file at once, or returns null for anything else (a
 * large file, a directory, a FIFO: opened without blocking, O_NONBLOCK, and
 * closed again once fstat says what it is). One open, fstat, read and close:
 * a stat by path before readFileSync was one system call more per file.
 */
function readSmallFile(filePath: string, displayPath: string, maxBytes: number): Uint8Array | null {
  let descriptor: number;
  try {
    descriptor = openSync(filePath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw inputErrorFromSystemError(error, displayPath);
  }
  try {
    const stats = fstatSync(descriptor);
    // Size 0 may be a file whose size is not known beforehand (/proc): the stream path reads it to its end.
    if (!stats.isFile() || stats.size === 0 || stats.size > SYNC_READ_MAX_BYTES) return null;
    if (stats.size > maxBytes) throw tooLargeError(displayPath, maxBytes, stats.size);
    // The size fstat gave, as readFileSync reads it: a file growing meanwhile is read up to that size.
    const buffer = Buffer.allocUnsafe(stats.size);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(descriptor, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return length === buffer.length ? buffer : buffer.subarray(0, length);
  } catch (error) {
    throw inputErrorFromSystemError(error, displayPath);
  } finally {
    closeSync(descriptor);
  }
}

/** Reads a stream to its end, stopping as soon as more than `maxBytes` have arrived. */
async function readStream(stream: NodeJS.ReadableStream, displayPath: string, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk as Uint8Array);
      total += buffer.length;
      if (total > maxBytes) throw tooLargeError(displayPath, maxBytes);
      chunks.push(buffer);
    }
  } catch (error) {
    throw inputErrorFromSystemError(error, displayPath);
  }
  return Buffer.concat(chunks, total);
}

function tooLargeError(displayPath: string, maxBytes: number, sizeInBytes?: number): MiairError {
  const size = sizeInBytes === undefined ? 'more than' : `${sizeInBytes} bytes, over`;
  return new MiairError('INPUT_TOO_LARGE', `Input \`${displayPath}\` is ${size} the limit of ${maxBytes} bytes. Pass --max-bytes to raise the limit.`, {
    details: { path: displayPath, maxBytes, ...(sizeInBytes === undefined ? {} : { sizeInBytes }) },
  });
}
