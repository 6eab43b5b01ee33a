import type { TextRange } from '../document/types.js';

/** The quality profiles: `miair` (default, calibrated) and `devdocai` (exact predecessor compatibility). */
export type ProfileId = 'miair' | 'devdocai';

/** How much a finding matters. */
export type Severity = 'error' | 'warning' | 'info';

/** Something a metric noticed about a span of the document. */
export interface Finding {
  /** Stable kebab-case id of the metric that reported it, e.g. `repeated-sentence`. */
  metric: string;
  /** What is wrong and, when clear, how to fix it. */
  message: string;
  severity: Severity;
  /** 0-based UTF-16 range into the scored text. */
  range: TextRange;
}

/**
 * The numbers and findings of one scoring. Fields of the `devdocai` profile are
 * exactly the predecessor's; `components` holds each profile's sub-scores
 * (0-100 unless their name gives another unit) for display and strategies.
 */
export interface Metrics {
  profile: ProfileId;
  /** Word tokens (see docs/metrics.md for the tokenizer of each profile). */
  words: number;
  uniqueWords: number;
  /** Shannon entropy of the word distribution, in bits per word. */
  entropy: number;
  /** 0-1. */
  coherence: number;
  /** 0-100. */
  quality: number;
  components: Record<string, number>;
  findings: Finding[];
}

/** Options of {@link score}. */
export interface ScoreOptions {
  /** @default 'miair' */
  profile?: ProfileId;
}
