/**
 * An NDJSON output file that appears only when complete: lines go to
 * `<path>.partial` and `commit()` renames it over `<path>`.
 */
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { MiairError } from '../../errors.js';
import { makeDirectory } from '../../fs/make-directory.js';
import { syncDirectory } from '../../fs/sync-directory.js';
import type { JsonValue } from './journal-line.js';

/** Bytes of lines collected before they are written to the partial file. */
const WRITE_BATCH_BYTES = 64 * 1024;

/** An NDJSON file being written; see {@link createNdjsonOutput}. */
export interface NdjsonOutput {
  /** The file that appears on `commit()`. */
  readonly path: string;
  /** The file lines go to until `commit()`. */
  readonly partialPath: string;
  /** Adds one value as one line. Await it: it resolves once a full batch is handed to the file system (backpressure). */
  write(value: JsonValue): Promise<void>;
  /** Writes what is left, fsyncs, renames the partial file over `path` and fsyncs the directory. */
  commit(): Promise<void>;
  /** Closes and deletes the partial file; `path` is left as it was. */
  abandon(): Promise<void>;
}

/**
 * Starts an NDJSON output at `outputPath` (`--out-ndjson FILE`). The whole file
 * is written by every run, resumed or not, in input order: finished inputs
 * replay their journaled result, the others their new one. So a resumed run
 * can neither lose nor duplicate a line, and a reader never sees half a file:
 * `outputPath` holds the previous complete output until `commit()` renames.
 * A `.partial` file left by a killed run is truncated and reused.
 *
 * @throws MiairError OUTPUT_WRITE_FAILED naming the path.
 */
export async function createNdjsonOutput(outputPath: string): Promise<NdjsonOutput> {
  const partialPath = `${outputPath}.partial`;
  const fail = (action: string, error: unknown): MiairError => {
    const reason = error instanceof Error ? error.message : String(error);
    return new MiairError('OUTPUT_WRITE_FAILED', `Could not ${action} \`${outputPath}\` (${reason}). Check that the directory is writable and the disk has space.`, {
      cause: error,
      details: { path: outputPath },
    });
  };
  let handle;
  try {
    await makeDirectory(path.dirname(outputPath));
    handle = await open(partialPath, 'w');
  } catch (error) {
    throw fail('start', error);
  }
  const file = handle;
  let lines: string[] = [];
  let bufferedBytes = 0;
  let isDone = false;

  const writeLines = async (): Promise<void> => {
    if (lines.length === 0) return;
    const bytes = Buffer.from(lines.join(''), 'utf8');
    lines = [];
    bufferedBytes = 0;
    await file.write(bytes, 0, bytes.length);
  };

  return {
    path: outputPath,
    partialPath,
    async write(value) {
      if (isDone) throw new MiairError('INTERNAL', `The NDJSON output \`${outputPath}\` is already committed or abandoned.`);
      const line = `${JSON.stringify(value)}\n`;
      lines.push(line);
      bufferedBytes += line.length;
      if (bufferedBytes >= WRITE_BATCH_BYTES) {
        try {
          await writeLines();
        } catch (error) {
          throw fail('write', error);
        }
      }
    },
    async commit() {
      if (isDone) return;
      isDone = true;
      try {
        await writeLines();
        await file.sync();
        await file.close();
        await rename(partialPath, outputPath);
        await syncDirectory(path.dirname(outputPath));
      } catch (error) {
        await file.close().catch(() => undefined);
        throw fail('write', error);
      }
    },
    async abandon() {
      if (isDone) return;
      isDone = true;
      await file.close().catch(() => undefined);
      await rm(partialPath, { force: true });
    },
  };
}
