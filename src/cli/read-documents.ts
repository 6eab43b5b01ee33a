/**
 * The CLI's input stage: expands the inputs and reads each one, turning every
 * failure into a row so the run goes on.
 */
import { DEFAULT_EXTENSIONS } from '../config/defaults.js';
import { expandInputs, readSource } from '../document/index.js';
import { MiairError } from '../errors.js';
import type { SourceDocument } from '../document/types.js';
import type { CliIo } from './io.js';

/** One input as read: a document, or the typed error that stopped it. */
export type ReadRow = { path: string; source: SourceDocument; error?: undefined } | { path: string; source?: undefined; error: MiairError };

/** Options of {@link readDocuments}. */
export interface ReadDocumentsOptions {
  include: string[];
  exclude: string[];
  maxBytes: number;
  /** Paths to pass over without reading (for example the output directory). */
  skip?: (path: string) => boolean;
}

/**
 * Yields one row per document found under `inputs`, in a stable order.
 * Reading is lazy: a consumer that stops pulling stops the reading.
 */
export async function* readDocuments(inputs: string[], options: ReadDocumentsOptions, io: CliIo): AsyncGenerator<ReadRow> {
  const entries = expandInputs(inputs, {
    include: options.include,
    exclude: options.exclude,
    extensions: DEFAULT_EXTENSIONS,
    cwd: io.cwd,
  });
  for await (const entry of entries) {
    if (options.skip?.(entry.path) === true) continue;
    if (entry.error !== undefined) {
      yield { path: entry.path, error: entry.error };
      continue;
    }
    try {
      yield { path: entry.path, source: await readSource(entry, { maxBytes: options.maxBytes, stdin: io.stdin }) };
    } catch (error) {
      yield { path: entry.path, error: MiairError.from(error) };
    }
  }
}

/** What to tell the user when `inputs` held no document. */
export function noDocumentsMessage(inputs: readonly string[]): string {
  return `No documents found in ${inputs.map((input) => `\`${input}\``).join(', ')}. Check the paths, or widen --include (default extensions: ${DEFAULT_EXTENSIONS.join(', ')}).\n`;
}
