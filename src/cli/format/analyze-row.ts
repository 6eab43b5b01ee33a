/**
 * The machine-readable row of `miair analyze`: one per input.
 */
import type { Metrics } from '../../metrics/types.js';
import type { MiairError } from '../../errors.js';

/** A scored document, or the error that stopped it. */
export type AnalyzeRow =
  | { path: string; text: string; metrics: Metrics; error?: undefined }
  | { path: string; text?: undefined; metrics?: undefined; error: MiairError };

/** The JSON form of an {@link AnalyzeRow}, as `--format json|ndjson` prints it. */
export type AnalyzeRecord =
  | ({ path: string } & Pick<Metrics, 'profile' | 'words' | 'uniqueWords' | 'entropy' | 'coherence' | 'quality' | 'components' | 'findings'>)
  | { path: string; error: { code: string; message: string } };

/** Converts a row to its JSON record. */
export function toAnalyzeRecord(row: AnalyzeRow): AnalyzeRecord {
  if (row.error !== undefined) return { path: row.path, error: { code: row.error.code, message: row.error.message } };
  const { profile, words, uniqueWords, entropy, coherence, quality, components, findings } = row.metrics;
  return { path: row.path, profile, words, uniqueWords, entropy, coherence, quality, components, findings };
}
