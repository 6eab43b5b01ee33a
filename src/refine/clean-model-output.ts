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
 * whole answer is dropped when the original does not start with a fence; and
 * the original's trailing whitespace is restored (models often trim it, and
 * it separates sections).
 */
export function cleanModelOutput(output: string, original: string): string {
  let text = original.includes('\r') ? output : output.replace(/\r\n/g, '\n');
  const lines = text.split('\n');
  const firstIndex = lines.findIndex((line) => line.trim() !== '');
  const firstLine = lines[firstIndex] ?? '';
  const originalFirstLine = original.split('\n').find((line) => line.trim() !== '') ?? '';
  if (isChattyPreamble(firstLine) && firstLine !== originalFirstLine) {
    text = lines.slice(firstIndex + 1).join('\n').replace(/^(?:[ \t]*\n)+/, '');
  }
  text = stripFenceWrapper(text, original);
  return text.replace(/\s+$/u, '') + (/\s*$/u.exec(original)?.[0] ?? '');
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
