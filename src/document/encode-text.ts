import type { TextEncodingInfo } from './types.js';

/**
 * Encodes normalised text back the way its input was written: restores the
 * UTF-8 byte order mark and, for CRLF inputs, turns every line break into CRLF
 * (a `\r\n` already in the text stays one CRLF), for CR-only inputs into CR. The inverse of `decodeText`:
 * `encodeText(decoded.text, decoded.encoding)` gives back the original string.
 *
 * @returns A string to write as UTF-8.
 */
export function encodeText(text: string, encoding: TextEncodingInfo): string {
  const body = encoding.lineEnding === 'crlf' ? text.replace(/\r?\n/g, '\r\n') : encoding.lineEnding === 'cr' ? text.replace(/\r?\n/g, '\r') : text;
  return encoding.hasBom ? `\ufeff${body}` : body;
}
