/**
 * Removes what chat models commonly wrap around a revised document, only
 * where doing so cannot change the document itself. What cannot be removed
 * safely is left for the guards to reject.
 */

const PREAMBLE_START =
  /^(?:sure|certainly|of course|okay|ok|absolutely|here(?:'s| is| are)|below is|i(?:'ve| have) (?:revised|improved|updated|rewritten|edited)|the following)\b/i;
const PREAMBLE_TOPIC = /\b(?:document|version|revision|text|markdown|readme)\b/i;
const PREAMBLE_MAX_LENGTH = 160;
const WRAPPER_OPENING = /^(`{3,}|~{3,})[\w-]*[ \t]*\n/;
const FENCE_START = /^(?:`{3}|~{3})/;

/**
 * Tells whether `line` is a chat preamble such as "Here is the improved
 * document:" rather than document text: a short line that opens with a
 * chat phrase and either ends with a colon or names the document.
 */
export function isChattyPreamble(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed.length === 0 || trimmed.length > PREAMBLE_MAX_LENGTH || !PREAMBLE_START.test(trimmed)) return false;
  return trimmed.endsWith(':') || PREAMBLE_TOPIC.test(trimmed);
}

/**
 * Cleans a model's answer to the revision of `original`: CRLF becomes LF when
 * the original has no CR; one leading preamble line is dropped when the
 * original does not start with that line; one code fence wrapped around the
 * whole answer is dropped when the original does not start with a fence;
 * the original's trailing whitespace is restored (models often trim it, and
 * it separates sections); and so is its byte order mark, which no model is
 * asked to keep.
 */
export function cleanModelOutput(output: string, original: string): string {
  let text = original.includes('\r') || !output.includes('\r') ? output : output.replace(/\r\n/g, '\n');
  const first = firstNonBlankLineRange(text);
  const firstLine = text.slice(first.start, first.end);
  if (isChattyPreamble(firstLine) && firstLine !== firstNonBlankLine(original)) {
    text = first.end === text.length ? '' : text.slice(first.end + 1).replace(/^(?:[ \t]*\n)+/, '');
  }
  text = stripFenceWrapper(text, original);
  const trailing = original.slice(trailingWhitespaceStart(original));
  const end = trailingWhitespaceStart(text);
  // Usually the answer already ends the same way: keep it as it is rather than concatenate an equal copy.
  if (!(text.length - end === trailing.length && text.endsWith(trailing))) text = text.slice(0, end) + trailing;
  return original.charCodeAt(0) === BYTE_ORDER_MARK && text.charCodeAt(0) !== BYTE_ORDER_MARK ? `\ufeff${text}` : text;
}

const BYTE_ORDER_MARK = 0xfeff;

/** The first line of `text` (split at LF) with a character other than white space, or `` when there is none. */
export function firstNonBlankLine(text: string): string {
  const { start, end } = firstNonBlankLineRange(text);
  return text.slice(start, end);
}

/** Start and end (exclusive, before its LF) of the first non-blank line; an empty range at the end when every line is blank. */
function firstNonBlankLineRange(text: string): { start: number; end: number } {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    for (let index = start; index < end; index++) {
      if (!isWhiteSpace(text.charCodeAt(index))) return { start, end };
    }
    start = end + 1;
  }
  return { start: text.length, end: text.length };
}

/** Offset where the trailing white space of `text` begins (`text.length` when there is none). */
function trailingWhitespaceStart(text: string): number {
  let end = text.length;
  while (end > 0 && isWhiteSpace(text.charCodeAt(end - 1))) end--;
  return end;
}

/** Tells whether a UTF-16 code unit is white space or a line terminator: exactly what `\s` and `String.prototype.trim` match. */
function isWhiteSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

function stripFenceWrapper(text: string, original: string): string {
  if (FENCE_START.test(original.trimStart())) return text;
  const trimmed = text.trim();
  const opening = WRAPPER_OPENING.exec(trimmed);
  const fence = opening?.[1];
  if (opening === null || fence === undefined) return text;
  const closing = `\n${fence}`;
  if (!trimmed.endsWith(closing)) return text;
  return trimmed.slice(opening[0].length, trimmed.length - closing.length);
}
