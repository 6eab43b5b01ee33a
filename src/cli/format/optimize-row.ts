/**
 * The machine-readable row of `miair optimize`: one per input.
 */
import type { MiairError } from '../../errors.js';
import type { RefineResult, StopReason } from '../../refine/types.js';
import type { TextEncodingInfo } from '../../document/types.js';

/** A refined document (possibly with an error that ended its loop), or the error that stopped it. */
export interface OptimizeRow {
  path: string;
  result?: RefineResult;
  outputPath?: string;
  error?: MiairError;
  /** The record of an earlier run, replayed from the run journal instead of refining again, or of an earlier input of the same file (see `sameFileAs`). */
  replayed?: OptimizeRecord;
  /** The earlier input that is the same file as this one: its record is `replayed`, with this input's path; nothing was refined or written again. */
  sameFileAs?: string;
  /** Hash of the input's text, for the run journal. */
  contentHash?: string;
  /** The input's byte order mark and line endings, for `--diff`. */
  encoding?: TextEncodingInfo;
  /** Directories the output's rename is not yet synced in: the run journal syncs them before it records the row. */
  unsyncedDirectories?: Set<string>;
}

/** The JSON form printed by `--format ndjson`. */
export interface OptimizeRecord {
  path: string;
  status: 'ok' | 'error';
  stopReason: StopReason | null;
  iterations: number;
  initialQuality: number | null;
  finalQuality: number | null;
  outputPath: string | null;
  /** Wall time of the document's refinement, in milliseconds (0 when it was not refined). */
  durationMs: number;
  error: { code: string; message: string } | null;
}

/** Converts a row to its JSON record. */
export function toOptimizeRecord(row: OptimizeRow): OptimizeRecord {
  if (row.replayed !== undefined) return row.replayed;
  return {
    path: row.path,
    status: row.error === undefined ? 'ok' : 'error',
    stopReason: row.result?.stopReason ?? null,
    iterations: row.result?.iterations.length ?? 0,
    initialQuality: row.result?.initialMetrics.quality ?? null,
    finalQuality: row.result?.finalMetrics.quality ?? null,
    outputPath: row.outputPath ?? null,
    durationMs: row.result?.durationMs ?? 0,
    error: row.error === undefined ? null : { code: row.error.code, message: row.error.message },
  };
}
