/**
 * Reads `--from-ndjson` input: one `{"id", "text"}` object per line, from a
 * file or stdin, streamed (the file is never held whole in memory).
 */
import { constants, isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { detectWideEncoding, findInvalidUtf8Offset } from '../document/decode-text.js';
import { MiairError } from '../errors.js';
import type { StreamInput } from '../pipeline/refine-stream.js';

/** One line of the input: a document, or why the line is not one (with its 1-based line number, and its id when it could be read). */
export type NdjsonInputLine =
  | { lineNumber: number; input: StreamInput; error?: undefined }
  | { lineNumber: number; input?: undefined; error: MiairError; id?: string };

/** Limits of {@link readNdjsonInputs}. */
export interface ReadNdjsonInputsOptions {
  /** Largest `text` of a record, in UTF-8 bytes (`--max-bytes`); a larger one is an `INPUT_TOO_LARGE` line. */
  maxBytes: number;
}

const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
/** Room for `{"id": ..., "text": ...}` and the id around the escaped text of a line, in bytes. */
const RECORD_OVERHEAD_BYTES = 64 * 1024;
/** A JSON string escapes one byte of text into at most 6 (`\u001f`), so no record within `maxBytes` is longer than 6 times that. */
const MAX_ESCAPED_BYTES_PER_TEXT_BYTE = 6;

/**
 * Longest line, in bytes, that can hold a record whose text is at most
 * `maxBytes`: longer lines are reported `INPUT_TOO_LARGE` without being
 * assembled, so one huge line cannot exhaust memory. Capped at the longest
 * string V8 can build, which JSON.parse needs.
 */
export function maxNdjsonLineBytes(maxBytes: number): number {
  return Math.min(maxBytes * MAX_ESCAPED_BYTES_PER_TEXT_BYTE + RECORD_OVERHEAD_BYTES, constants.MAX_STRING_LENGTH);
}

/**
 * Yields every non-blank line of `source` (`-` for stdin) as an input or a
 * typed error, in order. Lines end at LF (a CR before it is dropped); a UTF-8
 * byte order mark before line 1 is skipped. A line that is not valid UTF-8 is
 * `INPUT_INVALID_ENCODING`, one whose text is over `maxBytes` (or that is
 * longer than {@link maxNdjsonLineBytes}) is `INPUT_TOO_LARGE`, and the
 * others go on, as they do for files.
 *
 * @throws MiairError `INPUT_NOT_FOUND` or `INPUT_UNREADABLE` when the file cannot be opened, `INPUT_INVALID_ENCODING` when it starts with a UTF-16 or UTF-32 byte order mark.
 */
export async function* readNdjsonInputs(source: string, stdin: NodeJS.ReadableStream, cwd: string, options: ReadNdjsonInputsOptions): AsyncGenerator<NdjsonInputLine> {
  let stream: NodeJS.ReadableStream = stdin;
  if (source !== '-') {
    // Bytes, not text: a decoding stream would turn invalid UTF-8 into U+FFFD without a word.
    const file = createReadStream(path.resolve(cwd, source));
    try {
      await new Promise<void>((resolve, reject) => {
        file.once('open', () => resolve());
        file.once('error', reject);
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'INPUT_NOT_FOUND' : 'INPUT_UNREADABLE';
      throw new MiairError(code, `Cannot read --from-ndjson input \`${source}\` (${(error as Error).message}). Check the path.`, { cause: error });
    }
    stream = file;
  }
  const maxLineBytes = maxNdjsonLineBytes(options.maxBytes);
  // The start of a line that continues in the next chunk; concatenated once, when its end arrives.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  // The current line is over maxLineBytes: its bytes are dropped until its end.
  let isSkipping = false;
  let lineNumber = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (;;) {
      const end = buffer.indexOf(LINE_FEED, start);
      if (end === -1) {
        if (!isSkipping && start < buffer.length) {
          pendingBytes += buffer.length - start;
          if (pendingBytes > maxLineBytes) {
            isSkipping = true;
            pending = [];
            pendingBytes = 0;
          } else pending.push(buffer.subarray(start));
        }
        break;
      }
      lineNumber += 1;
      let parsed: NdjsonInputLine | null;
      if (isSkipping || pendingBytes + end - start > maxLineBytes) parsed = { lineNumber, error: lineTooLarge(lineNumber, maxLineBytes, options.maxBytes) };
      else if (pending.length === 0) parsed = parseLine(buffer.subarray(start, end), lineNumber, options.maxBytes);
      else {
        pending.push(buffer.subarray(start, end));
        parsed = parseLine(Buffer.concat(pending, pendingBytes + end - start), lineNumber, options.maxBytes);
      }
      pending = [];
      pendingBytes = 0;
      isSkipping = false;
      start = end + 1;
      if (parsed !== null) yield parsed;
    }
  }
  if (isSkipping || pendingBytes > 0) {
    lineNumber += 1;
    const parsed = isSkipping ? { lineNumber, error: lineTooLarge(lineNumber, maxLineBytes, options.maxBytes) } : parseLine(Buffer.concat(pending, pendingBytes), lineNumber, options.maxBytes);
    if (parsed !== null) yield parsed;
  }
}

/** Parses the bytes of one line (without its LF); null for a blank line. */
function parseLine(bytes: Buffer, lineNumber: number, maxBytes: number): NdjsonInputLine | null {
  let start = 0;
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === CARRIAGE_RETURN) end -= 1;
  if (lineNumber === 1) throwIfWideEncoding(bytes);
  if (lineNumber === 1 && end >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const content = start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end);
  if (!isUtf8(content)) {
    const offset = findInvalidUtf8Offset(content);
    return {
      lineNumber,
      error: new MiairError(
        'INPUT_INVALID_ENCODING',
        `Line ${lineNumber} of the NDJSON input is not valid UTF-8 (first invalid byte at byte ${offset + 1} of the line). Convert the input to UTF-8, for example with \`iconv -f latin1 -t utf-8\`.`,
        { details: { line: lineNumber, offset } },
      ),
    };
  }
  const line = content.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    // Checked only here: a blank line never parses, and most lines are not blank.
    if (line.trim() === '') return null;
    return { lineNumber, error: malformed(lineNumber, 'it is not valid JSON') };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { lineNumber, error: malformed(lineNumber, 'it is not a JSON object') };
  const { id, text } = value as Record<string, unknown>;
  if (typeof id !== 'string' || id === '') return { lineNumber, error: malformed(lineNumber, '`id` is not a non-empty string') };
  if (typeof text !== 'string') return { lineNumber, error: malformed(lineNumber, '`text` is not a string') };
  // A UTF-16 code unit takes 1 to 3 UTF-8 bytes (a surrogate pair 4 for 2): count the bytes only when the length cannot tell.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && Buffer.byteLength(text, 'utf8') > maxBytes)) {
    const sizeInBytes = Buffer.byteLength(text, 'utf8');
    return {
      lineNumber,
      id,
      error: new MiairError(
        'INPUT_TOO_LARGE',
        `Line ${lineNumber} of the NDJSON input (id \`${id.slice(0, 100)}\`) has a text of ${sizeInBytes} bytes, over the limit of ${maxBytes} bytes. Pass --max-bytes to raise the limit.`,
        { details: { line: lineNumber, maxBytes, sizeInBytes } },
      ),
    };
  }
  return { lineNumber, input: { id, text } };
}

/** Every line of a UTF-16 or UTF-32 input would be garbage: one error for the whole input says what to do. */
function throwIfWideEncoding(bytes: Buffer): void {
  const encoding = detectWideEncoding(bytes);
  if (encoding === null) return;
  throw new MiairError(
    'INPUT_INVALID_ENCODING',
    `The NDJSON input is ${encoding} text (it starts with a ${encoding} byte order mark), not UTF-8. Convert it, for example with \`iconv -f ${encoding.slice(0, 6)} -t UTF-8 input.ndjson > input.utf8.ndjson\`.`,
    { details: { line: 1, offset: 0, encoding } },
  );
}

function lineTooLarge(lineNumber: number, maxLineBytes: number, maxBytes: number): MiairError {
  return new MiairError(
    'INPUT_TOO_LARGE',
    `Line ${lineNumber} of the NDJSON input is longer than ${maxLineBytes} bytes, more than any record whose text is within the limit of ${maxBytes} bytes can take; it was skipped unread. Pass --max-bytes to raise the limit.`,
    { details: { line: lineNumber, maxBytes, maxLineBytes } },
  );
}

function malformed(lineNumber: number, reason: string): MiairError {
  return new MiairError('INPUT_MALFORMED', `Line ${lineNumber} of the NDJSON input is malformed: ${reason}. Each line must be {"id": "...", "text": "..."}.`, {
    details: { line: lineNumber },
  });
}
