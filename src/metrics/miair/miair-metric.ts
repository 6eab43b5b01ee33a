import type { ParsedDocument } from '../../document/types.js';
import type { Finding } from '../types.js';

/** What one component of the `miair` profile measured in a document. */
export interface MetricResult {
  /** The component's sub-score, 0-100 (higher is better). */
  score: number;
  /** The raw measurements behind the score, by name (units in docs/metrics.md). */
  values: Record<string, number>;
  /** Problems found, each with a 0-based UTF-16 range into the document text. */
  findings: Finding[];
}

/**
 * One component of the `miair` profile: a pure, deterministic function of a
 * parsed document with a stable kebab-case id.
 */
export interface MiairMetric {
  /** Stable kebab-case id, also the key of the sub-score in `Metrics.components`. */
  id: string;
  measure(document: ParsedDocument): MetricResult;
}
