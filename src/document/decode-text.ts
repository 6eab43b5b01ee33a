import { MiairError } from '../errors.js';
import type { TextEncodingInfo } from './types.js';

/** A decoded input: normalised text and how to encode it back. */
export interface DecodedText {
  /** Without the BOM; with LF line breaks when every break was CRLF, or CR (no LF at all). */
  text: string;
  encoding: TextEncodingInfo;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes the bytes of the input at `path` (named in error messages) as UTF-8.
 *
 * A leading UTF-8 byte order mark is removed and recorded. Line breaks are
 * converted to LF only when the text is uniformly CRLF (every `\n` preceded by
 * `\r` and no other `\r`) or uniformly CR (classic Mac OS: no `\n` at all), so
 * that `encodeText` gives back the same bytes; mixed or LF text is kept as it
 * is. An empty input is valid.
 *
 * @throws MiairError INPUT_INVALID_ENCODING when the bytes start with a UTF-16 or UTF-32 byte order mark or are not UTF-8, INPUT_BINARY when a byte is NUL.
 */
export function decodeText(bytes: Uint8Array, path: string): DecodedText {
  // Before the NUL check: UTF-16 text is full of NUL bytes, and "binary" would send the user the wrong way.
  const wideEncoding = detectWideEncoding(bytes);
  if (wideEncoding !== null) {
    throw new MiairError(
      'INPUT_INVALID_ENCODING',
      `Input \`${path}\` is ${wideEncoding} text (it starts with a ${wideEncoding} byte order mark), not UTF-8. Convert it, for example with \`iconv -f ${wideEncoding.slice(0, 6)} -t UTF-8 ${path} > ${path}.utf8\`.`,
      { details: { path, offset: 0, encoding: wideEncoding } },
    );
  }
  const nulOffset = bytes.indexOf(0);
  if (nulOffset !== -1) {
    throw new MiairError(
      'INPUT_BINARY',
      `Input \`${path}\` has a NUL byte at offset ${nulOffset}: it looks like a binary file, not text. Remove it from the inputs or pass --exclude.`,
      { details: { path, offset: nulOffset } },
    );
  }
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let decoded: string;
  try {
    decoded = decoder.decode(hasBom ? bytes.subarray(3) : bytes);
  } catch (error) {
    const offset = findInvalidUtf8Offset(bytes);
    throw new MiairError(
      'INPUT_INVALID_ENCODING',
      `Input \`${path}\` is not valid UTF-8 (first invalid byte at offset ${offset}). Convert it to UTF-8, for example with \`iconv -f latin1 -t utf-8\`.`,
      { cause: error, details: { path, offset } },
    );
  }
  const isCrlf = isUniformlyCrlf(decoded);
  if (isCrlf) return { text: decoded.replaceAll('\r\n', '\n'), encoding: { hasBom, lineEnding: 'crlf' } };
  // Classic Mac OS line breaks (CR only, no LF anywhere): read as one long line, headings and lists after the
  // first line went unseen and findings named line 1 (audit). CommonMark ends a line at a CR too.
  if (decoded.includes('\r') && !decoded.includes('\n')) return { text: decoded.replaceAll('\r', '\n'), encoding: { hasBom, lineEnding: 'cr' } };
  return { text: decoded, encoding: { hasBom, lineEnding: 'lf' } };
}

/**
 * The encoding named by a UTF-32 or UTF-16 byte order mark at the start of
 * `bytes`, or null. UTF-32 LE is checked first: its mark (FF FE 00 00) begins
 * with the UTF-16 LE one. A UTF-16 LE file that starts with a NUL character
 * is read as UTF-32 LE; both are refused alike.
 */
export function detectWideEncoding(bytes: Uint8Array): 'UTF-32LE' | 'UTF-32BE' | 'UTF-16LE' | 'UTF-16BE' | null {
  const [first, second, third, fourth] = bytes;
  if (first === 0xff && second === 0xfe) return third === 0 && fourth === 0 ? 'UTF-32LE' : 'UTF-16LE';
  if (first === 0xfe && second === 0xff) return 'UTF-16BE';
  if (first === 0 && second === 0 && third === 0xfe && fourth === 0xff) return 'UTF-32BE';
  return null;
}

/** True when the text has line breaks, all of them CRLF, and no `\r` outside them. */
function isUniformlyCrlf(text: string): boolean {
  let lineFeeds = 0;
  let index = text.indexOf('\n');
  while (index !== -1) {
    if (index === 0 || text.charCodeAt(index - 1) !== 13) return false;
    lineFeeds += 1;
    index = text.indexOf('\n', index + 1);
  }
  if (lineFeeds === 0) return false;
  let carriageReturns = 0;
  index = text.indexOf('\r');
  while (index !== -1) {
    carriageReturns += 1;
    index = text.indexOf('\r', index + 1);
  }
  return carriageReturns === lineFeeds;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence (RFC 3629), or -1. */
export function findInvalidUtf8Offset(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] as number;
    let length: number;
    let minimumSecond = 0x80;
    let maximumSecond = 0xbf;
    if (lead < 0x80) length = 1;
    else if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      // Overlong forms (E0 80..9F) and UTF-16 surrogates (ED A0..BF) are invalid.
      if (lead === 0xe0) minimumSecond = 0xa0;
      if (lead === 0xed) maximumSecond = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) minimumSecond = 0x90;
      if (lead === 0xf4) maximumSecond = 0x8f;
    } else return index;
    for (let continuation = 1; continuation < length; continuation += 1) {
      const byte = bytes[index + continuation];
      const minimum = continuation === 1 ? minimumSecond : 0x80;
      const maximum = continuation === 1 ? maximumSecond : 0xbf;
      if (byte === undefined || byte < minimum || byte > maximum) return index;
    }
    index += length;
  }
  return -1;
}
