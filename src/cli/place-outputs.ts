/**
 * The stage of `miair optimize` between reading and refining: decides, in
 * input order and before any model call, where each document's result goes,
 * so that no result overwrites another and no file is refined twice.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { MiairError } from '../errors.js';
import type { ReadRow } from './read-documents.js';
import { mirrorOutputPath } from './output-path.js';
import type { OptimizeRecord } from './format/optimize-row.js';

/** One input of `miair optimize` with where its result goes. */
export interface PlacedRow {
  /** The input as read; a read error, or an OUTPUT_WRITE_FAILED error when its output path belongs to another file. */
  read: ReadRow;
  /**
   * The absolute path the result is written to when the run writes: the
   * mirrored path under `--out`; with `--in-place` the input's real path, so a
   * symbolic link is written through to its target instead of being replaced.
   * Undefined when the result has no file (no `--out` nor `--in-place`, or
   * stdin in place).
   */
  target?: string;
  /**
   * Set when an earlier input is the same file (same real path) with the same
   * target: this input is not refined again and takes the earlier one's record.
   */
  sameFileAs?: { path: string; record: Promise<OptimizeRecord> };
  /** Set on the first input of a file: call it with that input's record once it is done, for later inputs of the same file. */
  settle?: (record: OptimizeRecord) => void;
}

/** Options of {@link placeOutputs}. */
export interface PlaceOutputsOptions {
  /** The `--out` directory, or null. */
  out: string | null;
  inPlace: boolean;
  cwd: string;
}

interface Claim {
  path: string;
  record: Promise<OptimizeRecord>;
}

/**
 * Places each row of `rows`, lazily and in order (one row is read per row
 * taken). Under `--out`, the first input to map to an output path owns it:
 * a later input of a different file that maps there gets an
 * OUTPUT_WRITE_FAILED row naming both, and is neither refined nor written.
 * A later input of the same file (the same path twice, a symbolic link and
 * its target, or one file reached through two directory inputs) is marked
 * {@link PlacedRow.sameFileAs}, whatever its own target.
 * Memory grows by one entry per document, not per byte of text.
 */
export async function* placeOutputs(rows: AsyncIterable<ReadRow> | Iterable<ReadRow>, options: PlaceOutputsOptions): AsyncGenerator<PlacedRow> {
  // One document per file (real path): the same file named twice, or reached through two directory inputs
  // (`d` and `d/sub`, two mirrored paths under --out), is refined and written once. Stdin read twice is two.
  const byFile = new Map<string, Claim>();
  // Under --out, two different files can mirror to one output path: the first owns it.
  const byTarget = new Map<string, Claim>();
  for await (const read of rows) {
    if (read.error !== undefined) {
      yield { read };
      continue;
    }
    let realPath: string;
    let target: string | undefined;
    try {
      realPath = read.path === '-' ? '-' : await realPathOf(path.resolve(options.cwd, read.path));
      if (options.out !== null) target = mirrorOutputPath(read.path, read.source.root, options.out, options.cwd);
      else if (options.inPlace && realPath !== '-') target = realPath;
    } catch (error) {
      yield { read: { path: read.path, error: MiairError.from(error) } };
      continue;
    }
    const placed: PlacedRow = { read, ...(target === undefined ? {} : { target }) };
    if (realPath === '-') {
      yield placed;
      continue;
    }
    const sameFile = byFile.get(realPath);
    if (sameFile !== undefined) {
      yield { ...placed, sameFileAs: { path: sameFile.path, record: sameFile.record } };
      continue;
    }
    const owner = options.out !== null && target !== undefined ? byTarget.get(target) : undefined;
    if (owner !== undefined && target !== undefined) {
      yield { read: { path: read.path, error: collisionError(read.path, owner.path, target, options.cwd) } };
      continue;
    }
    let settle: (record: OptimizeRecord) => void = () => undefined;
    const record = new Promise<OptimizeRecord>((resolve) => {
      settle = resolve;
    });
    const claim: Claim = { path: read.path, record };
    byFile.set(realPath, claim);
    if (options.out !== null && target !== undefined) byTarget.set(target, claim);
    yield { ...placed, settle };
  }
}

/** The real path of `file`; the path itself when it cannot be resolved (it was just read, so only a race gets here). */
async function realPathOf(file: string): Promise<string> {
  return realpath(file).catch(() => file);
}

function collisionError(inputPath: string, ownerPath: string, target: string, cwd: string): MiairError {
  const relative = path.relative(cwd, target);
  const shown = relative.startsWith('..') || path.isAbsolute(relative) ? target : relative;
  return new MiairError(
    'OUTPUT_WRITE_FAILED',
    `\`${inputPath}\` was not optimized: its output \`${shown}\` is already the output of \`${ownerPath}\`, a different file, and one result would overwrite the other. Optimize them with separate --out directories, or pass a directory that holds both so that --out mirrors the tree.`,
    { details: { path: shown, inputs: [ownerPath, inputPath] } },
  );
}
