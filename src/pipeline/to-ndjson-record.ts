/**
 * The NDJSON line of one stream result (`miair optimize --format ndjson`).
 */
import type { ErrorCode } from '../errors.js';
import type { StopReason } from '../refine/types.js';
import type { StreamResult } from './refine-stream.js';

/** One output line: `{"id","status","text","stopReason","iterations","initialQuality","finalQuality","error"}`. */
export interface NdjsonRecord {
  id: string | null;
  status: 'ok' | 'error';
  /** The refined text (the input when nothing was accepted); null when there was no refinement. */
  text: string | null;
  stopReason: StopReason | null;
  /** Model calls made. */
  iterations: number;
  /** Quality (0-100) of the input and of the text returned; null when there was no refinement. */
  initialQuality: number | null;
  finalQuality: number | null;
  error: { code: ErrorCode; message: string; isRetryable: boolean; details?: Record<string, unknown> } | null;
}

/**
 * Turns a {@link StreamResult} into its NDJSON record, with the same keys in
 * the same order on every line whatever the status.
 *
 * @example
 * for await (const item of refineStream(inputs, options)) out.write(`${JSON.stringify(toNdjsonRecord(item))}\n`);
 */
export function toNdjsonRecord(item: StreamResult): NdjsonRecord {
  const { result } = item;
  return {
    id: item.id,
    status: item.status,
    text: result?.text ?? null,
    stopReason: result?.stopReason ?? null,
    iterations: result?.iterations.length ?? 0,
    initialQuality: result?.initialMetrics.quality ?? null,
    finalQuality: result?.finalMetrics.quality ?? null,
    error: item.error?.toJSON() ?? null,
  };
}
