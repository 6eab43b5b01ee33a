/**
 * Reads `--from-ndjson` input: one `{"id", "text"}` object per line, from a
 * file or stdin, streamed (the file is never held whole in memory).
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { MiairError } from '../errors.js';
import type { StreamInput } from '../pipeline/refine-stream.js';

/** One line of the input: a document, or why the line is not one (with its 1-based line number). */
export type NdjsonInputLine = { lineNumber: number; input: StreamInput; error?: undefined } | { lineNumber: number; input?: undefined; error: MiairError };

/** Yields every non-blank line of `source` (`-` for stdin) as an input or a typed error. */
export async function* readNdjsonInputs(source: string, stdin: NodeJS.ReadableStream, cwd: string): AsyncGenerator<NdjsonInputLine> {
  let stream: NodeJS.ReadableStream = stdin;
  if (source !== '-') {
    const file = createReadStream(path.resolve(cwd, source), { encoding: 'utf8' });
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
  let lineNumber = 0;
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    yield parseLine(line, lineNumber);
  }
}

function parseLine(line: string, lineNumber: number): NdjsonInputLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { lineNumber, error: malformed(lineNumber, 'it is not valid JSON') };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { lineNumber, error: malformed(lineNumber, 'it is not a JSON object') };
  const { id, text } = value as Record<string, unknown>;
  if (typeof id !== 'string' || id === '') return { lineNumber, error: malformed(lineNumber, '`id` is not a non-empty string') };
  if (typeof text !== 'string') return { lineNumber, error: malformed(lineNumber, '`text` is not a string') };
  return { lineNumber, input: { id, text } };
}

function malformed(lineNumber: number, reason: string): MiairError {
  return new MiairError('INPUT_MALFORMED', `Line ${lineNumber} of the NDJSON input is malformed: ${reason}. Each line must be {"id": "...", "text": "..."}.`, {
    details: { line: lineNumber },
  });
}
