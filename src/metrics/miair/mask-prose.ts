import type { ParsedDocument } from '../../document/types.js';

/**
 * Marks the characters that prose metrics must not read: every protected span
 * (front matter, code, inline code, URLs, autolinks, HTML blocks) and version
 * numbers such as `v1.2.3` or `1.2.3`: the leftmost-longest matches of
 * `\bv?\d+(?:\.\d+)+(?:-[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*)?`, found by a
 * hand-written scan (digits, dots and letters would otherwise split into fake
 * sentences and skew syllable counts).
 *
 * @returns one byte per UTF-16 code unit of `document.text`: 1 when masked, 0 otherwise.
 */
export function maskProse(document: ParsedDocument): Uint8Array {
  const { text } = document;
  const mask = maskProtectedSpans(document);
  const length = text.length;
  let index = 0;
  while (index < length) {
    const end = matchVersionAt(text, index);
    if (end < 0) {
      index++;
      continue;
    }
    mask.fill(1, index, end);
    index = end;
  }
  return mask;
}

/**
 * Marks the protected spans only: 1 per code unit inside one, 0 elsewhere (versions are left to the sentence splitter).
 *
 * @param mask where to write: zeroed, one byte per code unit of `document.text` (a new array when omitted).
 */
export function maskProtectedSpans(document: ParsedDocument, mask: Uint8Array = new Uint8Array(document.text.length)): Uint8Array {
  for (const span of document.protectedSpans) mask.fill(1, span.start, span.end);
  return mask;
}

/**
 * End of the version number (see {@link maskProse}) that starts at `index`,
 * or -1 when none does: `index` must hold a `v` or a digit after a word
 * boundary (the previous character is not `[A-Za-z0-9_]`).
 */
export function matchVersionAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (!((code === 118 && isDigit(text.charCodeAt(index + 1))) || isDigit(code))) return -1;
  if (index > 0 && isWordCode(text.charCodeAt(index - 1))) return -1;
  return matchVersion(text, index);
}

/** End of the version number starting at `start` (a `v` or a digit), or -1. */
function matchVersion(text: string, start: number): number {
  let index = start;
  if (text.charCodeAt(index) === 118) index++;
  index = skipDigits(text, index);
  let groups = 0;
  while (text.charCodeAt(index) === 46 && isDigit(text.charCodeAt(index + 1))) {
    index = skipDigits(text, index + 1);
    groups++;
  }
  if (groups === 0) return -1;
  if (text.charCodeAt(index) === 45 && isAlphanumeric(text.charCodeAt(index + 1))) {
    index = skipAlphanumerics(text, index + 1);
    while (text.charCodeAt(index) === 46 && isAlphanumeric(text.charCodeAt(index + 1))) index = skipAlphanumerics(text, index + 1);
  }
  return index;
}

function skipDigits(text: string, index: number): number {
  while (isDigit(text.charCodeAt(index))) index++;
  return index;
}

function skipAlphanumerics(text: string, index: number): number {
  while (isAlphanumeric(text.charCodeAt(index))) index++;
  return index;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isAlphanumeric(code: number): boolean {
  return isDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** A word character for `\b` without the `u` flag: `[A-Za-z0-9_]`. */
function isWordCode(code: number): boolean {
  return isAlphanumeric(code) || code === 95;
}
