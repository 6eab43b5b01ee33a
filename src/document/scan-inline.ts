import type { Link, ProtectedSpan } from './types.js';

/**
 * Finds the inline constructs whose text must be kept byte-identical in
 * `text.slice(start, end)`, one paragraph or heading of Markdown: code spans,
 * inline link and image destinations, autolinks (`<https://...>`, `<a@b.c>`) and
 * GFM autolink literals (bare `https://`, `http://` and `www.` URLs).
 *
 * A single left-to-right pass over character codes finds code spans, autolinks
 * and bracket pairs (code spans and autolinks take precedence over brackets, as
 * in CommonMark); a second step reads the destination after each `](`. Link
 * labels are scanned like any text, so `[![badge](image)](link)` yields both URLs.
 *
 * Results are appended, unsorted, to `spans` and `links`.
 */
export function scanInline(
  text: string,
  start: number,
  end: number,
  spans: ProtectedSpan[],
  links: Link[],
  candidates: InlineCandidates = createInlineCandidates(),
): void {
  const openers: number[] = [];
  let bracketPairs: number[] | null = null;
  // A backtick run length with no closer after some point has none after any later point either:
  // remembering it keeps unmatched runs linear.
  let unmatchedRunLengths: number[] | null = null;
  // Autolinks right after `](` are kept aside: the link destination claims them when the link is valid.
  let deferredAutolinks: ProtectedSpan[] | null = null;
  let index = start;
  while (index < end) {
    // Most characters start nothing: skip to the next that may (a character loop was a third of this scan's time).
    index = nextInlineCandidate(text, index, candidates);
    if (index >= end) break;
    const code = text.charCodeAt(index);
    if (code === 92) {
      index += index + 1 < end && isAsciiPunctuation(text.charCodeAt(index + 1)) ? 2 : 1;
    } else if (code === 96) {
      const runLength = backtickRunLength(text, index, end);
      const afterRun = index + runLength;
      const closer = unmatchedRunLengths?.includes(runLength) ? -1 : findBacktickRun(text, afterRun, end, runLength);
      if (closer === -1) {
        (unmatchedRunLengths ??= []).push(runLength);
        index = afterRun;
      } else {
        spans.push({ kind: 'inline-code', start: index, end: closer + runLength });
        index = closer + runLength;
      }
    } else if (code === 91) {
      openers.push(index);
      index += 1;
    } else if (code === 93) {
      const opener = openers.pop();
      if (opener !== undefined) (bracketPairs ??= []).push(opener, index);
      index += 1;
    } else if (code === 60) {
      const closer = findAutolinkEnd(text, index, end);
      if (closer === -1) {
        index += 1;
      } else if (isLinkDestinationStart(text, index, start)) {
        (deferredAutolinks ??= []).push({ kind: 'autolink', start: index, end: closer + 1 });
        index = closer + 1;
      } else {
        addAutolink(text, index, closer + 1, spans, links);
        index = closer + 1;
      }
    } else if ((code === 104 || code === 119) && isLiteralBoundary(text, index, start)) {
      const urlEnd = findLiteralUrlEnd(text, index, end);
      if (urlEnd === -1) {
        index += 1;
      } else if (isLinkDestinationStart(text, index, start)) {
        (deferredAutolinks ??= []).push({ kind: 'autolink', start: index, end: urlEnd });
        index = urlEnd;
      } else {
        addAutolink(text, index, urlEnd, spans, links);
        index = urlEnd;
      }
    } else {
      index += 1;
    }
  }
  const destinationParens = bracketPairs === null ? null : resolveInlineLinks(text, bracketPairs, end, spans, links);
  if (deferredAutolinks === null) return;
  for (const autolink of deferredAutolinks) {
    if (destinationParens?.has(autolink.start - 1) !== true) addAutolink(text, autolink.start, autolink.end, spans, links);
  }
}

/**
 * The places where an inline construct may start: `\\`, `` ` ``, `[`, `]`, `<`
 * and the bare URL prefixes. Every other character leaves the scan's state
 * unchanged, so the scan jumps from one match to the next.
 */
const INLINE_CANDIDATE = /[\\`[\]<]|https?:\/\/|www\./g;

/**
 * The last search for an {@link INLINE_CANDIDATE} in one text: no candidate
 * starts in `[from, at)`, and one starts at `at` (or `at` is the text's length).
 * Shared by the paragraphs of a document, scanned in order, so that a search
 * that runs past a paragraph's end is not repeated by the next paragraphs:
 * the text is searched once overall, not once per paragraph.
 */
export interface InlineCandidates {
  from: number;
  at: number;
}

/** An empty {@link InlineCandidates}, for one text. */
export function createInlineCandidates(): InlineCandidates {
  return { from: 0, at: -1 };
}

/** Offset of the first candidate at or after `from` in `text`, or `text.length`. */
function nextInlineCandidate(text: string, from: number, candidates: InlineCandidates): number {
  if (from >= candidates.from && from <= candidates.at) return candidates.at;
  INLINE_CANDIDATE.lastIndex = from;
  const match = INLINE_CANDIDATE.exec(text);
  candidates.from = from;
  candidates.at = match === null ? text.length : match.index;
  return candidates.at;
}

/** Records an autolink: `<...>` is protected whole, its link range is the URL inside the brackets. */
function addAutolink(text: string, start: number, end: number, spans: ProtectedSpan[], links: Link[]): void {
  spans.push({ kind: 'autolink', start, end });
  const isBracketed = text.charCodeAt(start) === 60;
  const range = isBracketed ? { start: start + 1, end: end - 1 } : { start, end };
  links.push({ url: text.slice(range.start, range.end), range, kind: 'autolink' });
}

function isAsciiPunctuation(code: number): boolean {
  return (code >= 33 && code <= 47) || (code >= 58 && code <= 64) || (code >= 91 && code <= 96) || (code >= 123 && code <= 126);
}

function backtickRunLength(text: string, index: number, end: number): number {
  let cursor = index;
  while (cursor < end && text.charCodeAt(cursor) === 96) cursor += 1;
  return cursor - index;
}

/** Start of the next run of exactly `runLength` backticks in `[from, end)`, or -1. */
function findBacktickRun(text: string, from: number, end: number, runLength: number): number {
  let cursor = from;
  while (cursor < end) {
    const found = text.indexOf('`', cursor);
    if (found === -1 || found >= end) return -1;
    const length = backtickRunLength(text, found, end);
    if (length === runLength) return found;
    cursor = found + length;
  }
  return -1;
}

/** True for a character right after `](`, which the destination parser reads first. */
function isLinkDestinationStart(text: string, index: number, start: number): boolean {
  return index - 2 >= start && text.charCodeAt(index - 1) === 40 && text.charCodeAt(index - 2) === 93;
}

/**
 * Index of the `>` closing a URI autolink (`<scheme:...>`, scheme 2-32 characters)
 * or an email autolink (`<local@domain>`) that opens at `index`, or -1.
 */
function findAutolinkEnd(text: string, index: number, end: number): number {
  let cursor = index + 1;
  const first = text.charCodeAt(cursor);
  if (isAsciiLetter(first)) {
    while (cursor < end && cursor - index <= 33 && isSchemeCharacter(text.charCodeAt(cursor))) cursor += 1;
    const schemeLength = cursor - index - 1;
    if (schemeLength >= 2 && schemeLength <= 32 && text.charCodeAt(cursor) === 58) {
      for (cursor += 1; cursor < end; cursor += 1) {
        const code = text.charCodeAt(cursor);
        if (code === 62) return cursor;
        if (code <= 32 || code === 60) return -1;
      }
      return -1;
    }
  }
  cursor = index + 1;
  while (cursor < end && isEmailLocalCharacter(text.charCodeAt(cursor))) cursor += 1;
  if (cursor === index + 1 || text.charCodeAt(cursor) !== 64) return -1;
  const domainStart = cursor + 1;
  for (cursor = domainStart; cursor < end; cursor += 1) {
    const code = text.charCodeAt(cursor);
    if (code === 62) return cursor > domainStart ? cursor : -1;
    if (!(isAsciiLetter(code) || isAsciiDigit(code) || code === 45 || code === 46)) return -1;
  }
  return -1;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isSchemeCharacter(code: number): boolean {
  return isAsciiLetter(code) || isAsciiDigit(code) || code === 43 || code === 45 || code === 46;
}

function isEmailLocalCharacter(code: number): boolean {
  return isAsciiLetter(code) || isAsciiDigit(code) || (code >= 35 && code <= 39) || code === 33 || code === 42 || code === 43
    || code === 45 || code === 46 || code === 47 || code === 61 || code === 63 || (code >= 94 && code <= 96) || (code >= 123 && code <= 126);
}

/** GFM: an autolink literal starts at the start of a line or after whitespace, `*`, `_`, `~` or `(`. */
function isLiteralBoundary(text: string, index: number, start: number): boolean {
  if (index === start) return true;
  const previous = text.charCodeAt(index - 1);
  return previous === 40 || previous === 32 || previous === 9 || previous === 10 || previous === 13 || previous === 42 || previous === 95 || previous === 126;
}

/** End (exclusive) of a bare `https://`, `http://` or `www.` URL starting at `index`, or -1. */
function findLiteralUrlEnd(text: string, index: number, end: number): number {
  let prefixLength: number;
  if (text.startsWith('https://', index)) prefixLength = 8;
  else if (text.startsWith('http://', index)) prefixLength = 7;
  else if (text.startsWith('www.', index)) prefixLength = 4;
  else return -1;
  let cursor = index + prefixLength;
  // Stop at brackets and backticks too (GFM does not): a URL used as a link label must not swallow the `](`.
  while (cursor < end) {
    const code = text.charCodeAt(cursor);
    if (code <= 32 || code === 60 || code === 91 || code === 93 || code === 96) break;
    cursor += 1;
  }
  cursor = trimLiteralUrlEnd(text, index + prefixLength, cursor);
  return cursor > index + prefixLength ? cursor : -1;
}

/** GFM extended autolink path validation: trailing punctuation and unbalanced `)` are not part of the URL. */
function trimLiteralUrlEnd(text: string, pathStart: number, urlEnd: number): number {
  let cursor = urlEnd;
  let open = -1;
  let close = 0;
  while (cursor > pathStart) {
    const code = text.charCodeAt(cursor - 1);
    if (code === 63 || code === 33 || code === 46 || code === 44 || code === 58 || code === 42 || code === 95 || code === 126 || code === 39 || code === 34) {
      cursor -= 1;
    } else if (code === 41) {
      if (open === -1) {
        open = 0;
        for (let scan = pathStart; scan < cursor; scan += 1) {
          const inner = text.charCodeAt(scan);
          if (inner === 40) open += 1;
          else if (inner === 41) close += 1;
        }
      }
      if (close <= open) break;
      close -= 1;
      cursor -= 1;
    } else {
      break;
    }
  }
  return cursor;
}

/**
 * Reads `(destination "title")` after each `]` of a bracket pair and records the destination.
 *
 * @returns The offsets of the `(` of every link found.
 */
function resolveInlineLinks(text: string, bracketPairs: readonly number[], end: number, spans: ProtectedSpan[], links: Link[]): Set<number> {
  const parens = new Set<number>();
  for (let pair = 0; pair < bracketPairs.length; pair += 2) {
    const opener = bracketPairs[pair] as number;
    const closer = bracketPairs[pair + 1] as number;
    if (closer + 1 >= end || text.charCodeAt(closer + 1) !== 40) continue;
    const destination = parseInlineDestination(text, closer + 2, end);
    if (destination === null || destination.end === destination.start) continue;
    const isImage = opener > 0 && text.charCodeAt(opener - 1) === 33;
    spans.push({ kind: isImage ? 'image-url' : 'link-url', start: destination.start, end: destination.end });
    links.push({ url: text.slice(destination.start, destination.end), range: destination, kind: isImage ? 'image' : 'link' });
    parens.add(closer + 1);
  }
  return parens;
}

const MAX_DESTINATION_PAREN_DEPTH = 32;

/**
 * Parses `destination "title")` from just after `(`: the destination is `<...>`
 * or a run of non-space characters with balanced parentheses; the title is
 * optional. Returns the destination's range, or null when the `)` is missing.
 */
export function parseInlineDestination(text: string, from: number, end: number): { start: number; end: number } | null {
  let cursor = skipLinkWhitespace(text, from, end);
  let urlStart: number;
  let urlEnd: number;
  if (text.charCodeAt(cursor) === 60) {
    urlStart = cursor + 1;
    for (cursor = urlStart; cursor < end; cursor += 1) {
      const code = text.charCodeAt(cursor);
      if (code === 62) break;
      if (code === 10 || code === 60) return null;
      if (code === 92) cursor += 1;
    }
    if (cursor >= end) return null;
    urlEnd = cursor;
    cursor += 1;
  } else {
    urlStart = cursor;
    let depth = 0;
    for (; cursor < end; cursor += 1) {
      const code = text.charCodeAt(cursor);
      if (code <= 32) break;
      if (code === 92) cursor += 1;
      else if (code === 40) {
        // CommonMark caps nesting at 32; the cap also keeps overlapping `[a]([a](...` scans linear.
        depth += 1;
        if (depth > MAX_DESTINATION_PAREN_DEPTH) return null;
      } else if (code === 41) {
        if (depth === 0) break;
        depth -= 1;
      }
    }
    if (depth !== 0 || cursor > end) return null;
    urlEnd = cursor;
  }
  const beforeTitle = cursor;
  cursor = skipLinkWhitespace(text, cursor, end);
  const quote = text.charCodeAt(cursor);
  if (cursor > beforeTitle && (quote === 34 || quote === 39 || quote === 40)) {
    const closing = quote === 40 ? 41 : quote;
    for (cursor += 1; cursor < end; cursor += 1) {
      const code = text.charCodeAt(cursor);
      if (code === closing) break;
      if (code === 92) cursor += 1;
      // A parenthesised title cannot hold an unescaped `(`, which also bounds the scan.
      else if (quote === 40 && code === 40) return null;
    }
    if (cursor >= end) return null;
    cursor = skipLinkWhitespace(text, cursor + 1, end);
  }
  if (cursor >= end || text.charCodeAt(cursor) !== 41) return null;
  return { start: urlStart, end: urlEnd };
}

/** Spaces and tabs, with at most one line break among them. */
function skipLinkWhitespace(text: string, from: number, end: number): number {
  let cursor = from;
  let hasLineBreak = false;
  while (cursor < end) {
    const code = text.charCodeAt(cursor);
    if (code === 32 || code === 9 || code === 13) cursor += 1;
    else if (code === 10 && !hasLineBreak) {
      hasLineBreak = true;
      cursor += 1;
    } else break;
  }
  return cursor;
}
