import { parseMarkdown } from '../document/parse-markdown.js';
import type { ParsedDocument } from '../document/types.js';
import { score, scoreDocument } from '../metrics/score.js';
import type { Metrics, ProfileId } from '../metrics/types.js';

/** The metrics of a text and, when scoring made one, its parse. */
export interface MeasuredText {
  metrics: Metrics;
  /** The parse the metrics were computed from; null when the profile does not score a parse (`devdocai`). */
  document: ParsedDocument | null;
}

/**
 * Scores `text` with `profile` like `score(text, { profile })` and keeps the
 * parse it scored, so that the preservation guards (`checkPreservation`
 * accepts a parsed document) do not parse the same text again: that second
 * parse of every input and candidate was ~9% of a refinement's CPU on tldr
 * pages. Under `miair` the metrics are `scoreDocument(parseMarkdown(text))`, which
 * is what `score` computes; other profiles go through `score` and keep no parse.
 *
 * @throws MiairError `INPUT_MALFORMED` when `text` is not a string (from `score`).
 */
export function measureText(text: string, profile: ProfileId): MeasuredText {
  if (typeof text !== 'string' || profile !== 'miair') return { metrics: score(text, { profile }), document: null };
  const document = parseMarkdown(text);
  return { metrics: scoreDocument(document, { profile }), document };
}
