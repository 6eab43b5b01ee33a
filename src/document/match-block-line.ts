/**
 * Recognisers for single Markdown block lines. Each reads the line content
 * `text.slice(first, end)`, where `first` is the first non-indentation character
 * and `end` excludes the line break (and a `\r` before it).
 */

/** Length of the backtick or tilde fence that opens at `first` (3 or more), or 0 when the line opens no fence. */
export function matchFenceOpener(text: string, first: number, end: number): number {
  const marker = text.charCodeAt(first);
  if (marker !== 96 && marker !== 126) return 0;
  let cursor = first;
  while (cursor < end && text.charCodeAt(cursor) === marker) cursor += 1;
  const length = cursor - first;
  if (length < 3) return 0;
  // A backtick fence's info string cannot hold a backtick: "```js` x" is inline code.
  if (marker === 96) {
    const backtick = text.indexOf('`', cursor);
    if (backtick !== -1 && backtick < end) return 0;
  }
  return length;
}

/**
 * Tells whether the line `text.slice(lineStart, end)` closes a fence of
 * `fenceLength` `marker` characters: at most `maxIndentColumns` columns of
 * indentation, a run of the same character at least as long, then only spaces and tabs.
 */
export function isFenceCloser(text: string, lineStart: number, end: number, marker: number, fenceLength: number, maxIndentColumns: number): boolean {
  let cursor = lineStart;
  let column = 0;
  while (cursor < end) {
    const code = text.charCodeAt(cursor);
    if (code === 32) column += 1;
    else if (code === 9) column += 4 - (column % 4);
    else break;
    cursor += 1;
  }
  if (column > maxIndentColumns) return false;
  const runStart = cursor;
  while (cursor < end && text.charCodeAt(cursor) === marker) cursor += 1;
  if (cursor - runStart < fenceLength) return false;
  return isBlankFrom(text, cursor, end);
}

/** An ATX heading: its level (1-6) and the range of its text without markers and closing `#`s, trimmed. */
export interface AtxHeadingMatch {
  level: number;
  textStart: number;
  textEnd: number;
}

/** Reads an ATX heading (`## Title ##`) at `first`, or returns null. */
export function matchAtxHeading(text: string, first: number, end: number): AtxHeadingMatch | null {
  let cursor = first;
  while (cursor < end && text.charCodeAt(cursor) === 35) cursor += 1;
  const level = cursor - first;
  if (level < 1 || level > 6) return null;
  if (cursor < end && !isSpaceOrTab(text.charCodeAt(cursor))) return null;
  let textStart = cursor;
  while (textStart < end && isSpaceOrTab(text.charCodeAt(textStart))) textStart += 1;
  let textEnd = end;
  while (textEnd > textStart && isSpaceOrTab(text.charCodeAt(textEnd - 1))) textEnd -= 1;
  // The closing sequence is a run of `#` preceded by a space or tab, or the whole content.
  let closing = textEnd;
  while (closing > textStart && text.charCodeAt(closing - 1) === 35) closing -= 1;
  if (closing < textEnd && (closing === textStart || isSpaceOrTab(text.charCodeAt(closing - 1)))) {
    textEnd = closing;
    while (textEnd > textStart && isSpaceOrTab(text.charCodeAt(textEnd - 1))) textEnd -= 1;
  }
  return { level, textStart, textEnd };
}

/** A thematic break: three or more `-`, `*` or `_` (the same one), spaces and tabs between allowed. */
export function isThematicBreak(text: string, first: number, end: number): boolean {
  const marker = text.charCodeAt(first);
  if (marker !== 45 && marker !== 42 && marker !== 95) return false;
  let count = 0;
  for (let cursor = first; cursor < end; cursor += 1) {
    const code = text.charCodeAt(cursor);
    if (code === marker) count += 1;
    else if (!isSpaceOrTab(code)) return false;
  }
  return count >= 3;
}

/** The level of a setext underline (`===` gives 1, `---` gives 2), or 0 when the line is not one. */
export function setextUnderlineLevel(text: string, first: number, end: number): number {
  const marker = text.charCodeAt(first);
  if (marker !== 61 && marker !== 45) return 0;
  let cursor = first;
  while (cursor < end && text.charCodeAt(cursor) === marker) cursor += 1;
  if (!isBlankFrom(text, cursor, end)) return 0;
  return marker === 61 ? 1 : 2;
}

/**
 * Reads a list item marker (`-`, `*`, `+`, or 1-9 digits and `.` or `)`) at
 * `first`, followed by a space, tab or the line end.
 *
 * @returns The index just after the marker, or -1 when the line is not a list item.
 */
export function matchListItemMarker(text: string, first: number, end: number): number {
  const marker = text.charCodeAt(first);
  let cursor = first + 1;
  if (marker >= 48 && marker <= 57) {
    while (cursor < end && cursor - first < 10 && isDigit(text.charCodeAt(cursor))) cursor += 1;
    const delimiter = text.charCodeAt(cursor);
    if (delimiter !== 46 && delimiter !== 41) return -1;
    cursor += 1;
  } else if (marker !== 45 && marker !== 42 && marker !== 43) {
    return -1;
  }
  return cursor >= end || isSpaceOrTab(text.charCodeAt(cursor)) ? cursor : -1;
}

/**
 * Reads a link reference definition (`[label]: destination "title"`) and
 * returns the range of its destination (inside `<>` when bracketed), or null.
 */
export function matchReferenceDefinition(text: string, first: number, end: number): { start: number; end: number } | null {
  if (text.charCodeAt(first) !== 91) return null;
  let cursor = first + 1;
  for (; cursor < end; cursor += 1) {
    const code = text.charCodeAt(cursor);
    if (code === 93) break;
    if (code === 91) return null;
    if (code === 92) cursor += 1;
  }
  if (cursor >= end || cursor === first + 1 || text.charCodeAt(cursor + 1) !== 58) return null;
  cursor += 2;
  while (cursor < end && isSpaceOrTab(text.charCodeAt(cursor))) cursor += 1;
  if (cursor >= end) return null;
  if (text.charCodeAt(cursor) === 60) {
    const close = text.indexOf('>', cursor + 1);
    if (close === -1 || close >= end) return null;
    return isBlankOrSpaced(text, close + 1, end) ? { start: cursor + 1, end: close } : null;
  }
  const urlStart = cursor;
  while (cursor < end && text.charCodeAt(cursor) > 32) cursor += 1;
  return isBlankOrSpaced(text, cursor, end) ? { start: urlStart, end: cursor } : null;
}

function isBlankOrSpaced(text: string, index: number, end: number): boolean {
  return index >= end || isSpaceOrTab(text.charCodeAt(index));
}

function isBlankFrom(text: string, from: number, end: number): boolean {
  for (let cursor = from; cursor < end; cursor += 1) {
    if (!isSpaceOrTab(text.charCodeAt(cursor))) return false;
  }
  return true;
}

function isSpaceOrTab(code: number): boolean {
  return code === 32 || code === 9;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
