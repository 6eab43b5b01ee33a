import type { TextRange } from './types.js';

/**
 * Finds a YAML front matter block: a `---` line at the very start of the text
 * (after a byte order mark, if any), closed by a later `---` or `...` line
 * (trailing spaces and tabs allowed on both).
 *
 * The range covers both delimiters, without the line break after the closing one.
 * An opening `---` that is never closed is not front matter (it is a thematic break).
 *
 * @returns The range, 0-based UTF-16 offsets, or null when the text has no front matter.
 */
export function findFrontMatter(text: string): TextRange | null {
  const start = text.charCodeAt(0) === BYTE_ORDER_MARK ? 1 : 0;
  if (!text.startsWith('---', start)) return null;
  const firstLineEnd = lineContentEnd(text, start);
  if (!isDelimiterLine(text, start, firstLineEnd, false)) return null;
  let lineStart = nextLineStart(text, start);
  while (lineStart < text.length) {
    const contentEnd = lineContentEnd(text, lineStart);
    if (isDelimiterLine(text, lineStart, contentEnd, true)) return { start, end: contentEnd };
    lineStart = nextLineStart(text, lineStart);
  }
  return null;
}

/** U+FEFF: a text read without decoding (`readFileSync(path, 'utf8')`) keeps it as its first character. */
const BYTE_ORDER_MARK = 0xfeff;

/** End of the line starting at `lineStart`, before `\n` and a `\r` preceding it. */
function lineContentEnd(text: string, lineStart: number): number {
  const newline = text.indexOf('\n', lineStart);
  let end = newline === -1 ? text.length : newline;
  if (end > lineStart && text.charCodeAt(end - 1) === 13) end -= 1;
  return end;
}

function nextLineStart(text: string, lineStart: number): number {
  const newline = text.indexOf('\n', lineStart);
  return newline === -1 ? text.length : newline + 1;
}

/** `---` (or `...` when closing) followed only by spaces and tabs. */
function isDelimiterLine(text: string, start: number, end: number, isClosing: boolean): boolean {
  if (end - start < 3) return false;
  const marker = text.charCodeAt(start);
  if (marker !== 45 && !(isClosing && marker === 46)) return false;
  if (text.charCodeAt(start + 1) !== marker || text.charCodeAt(start + 2) !== marker) return false;
  for (let index = start + 3; index < end; index += 1) {
    const code = text.charCodeAt(index);
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}
