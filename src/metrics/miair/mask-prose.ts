import type { ParsedDocument } from '../../document/types.js';

// v1.2.3, 1.2.3, 2.0.0-beta.1, 3.5: digits, dots and letters would otherwise
// split into fake sentences and skew syllable counts.
const VERSION_PATTERN = /\bv?\d+(?:\.\d+)+(?:-[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*)?/g;

/**
 * Marks the characters that prose metrics must not read: every protected span
 * (front matter, code, inline code, URLs, autolinks, HTML blocks) and version
 * numbers such as `v1.2.3` or `1.2.3`.
 *
 * @returns one byte per UTF-16 code unit of `document.text`: 1 when masked, 0 otherwise.
 */
export function maskProse(document: ParsedDocument): Uint8Array {
  const { text } = document;
  const mask = new Uint8Array(text.length);
  for (const span of document.protectedSpans) mask.fill(1, span.start, span.end);
  VERSION_PATTERN.lastIndex = 0;
  for (let match = VERSION_PATTERN.exec(text); match !== null; match = VERSION_PATTERN.exec(text)) {
    mask.fill(1, match.index, match.index + match[0].length);
  }
  return mask;
}
