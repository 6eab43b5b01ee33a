/**
 * The prose of a document as the local rules may edit it: runs of lines
 * between blank lines, headings, thematic breaks, tables and block-level
 * protected spans, with every byte a rule must not change (line indentation,
 * list and blockquote markers, inline code, link URLs, autolinks, inline HTML,
 * bare URLs) replaced by one private-use character each. A rule edits the
 * masked text; {@link unmaskProseBlock} puts the originals back and refuses
 * the edit when a placeholder was lost, duplicated or moved.
 */
import type { ParsedDocument, ProtectedSpanKind, TextRange } from '../../document/types.js';
import { partitionPoint } from '../../document/partition-point.js';

/** How a block of prose lines is laid out; tables are never returned. */
export type ProseBlockKind = 'paragraph' | 'list' | 'blockquote';

/** A run of prose lines with its protected bytes masked. */
export interface ProseBlock extends TextRange {
  kind: ProseBlockKind;
  /** 0-based index of the section (see ParsedDocument.sections) the block starts in. */
  sectionIndex: number;
  /** True when some line starts with indentation or a list/blockquote marker. */
  hasLinePrefixes: boolean;
  /** The block's text with each protected run replaced by one placeholder character. */
  masked: string;
  /** Original text of each placeholder, in order: placeholder `i` is `U+E000 + i`. */
  originals: string[];
}

/** First placeholder code point (start of the Basic Multilingual Plane's private use area). */
const PLACEHOLDER_BASE = 0xe000;
/** Placeholders available per block (U+E000 to U+F8FF). */
const PLACEHOLDER_LIMIT = 0x1900;

/** Matches one placeholder character. */
export const PLACEHOLDER_PATTERN = /[\uE000-\uF8FF]/u;

/** Protected span kinds that cover whole lines: such lines are never prose. */
export const BLOCK_LEVEL_SPAN_KINDS: ReadonlySet<ProtectedSpanKind> = new Set(['front-matter', 'fenced-code', 'indented-code', 'html-block']);
const BLANK_LINE = /^[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:/;
// Written so that no two parts can match the same blanks: `[ \t]*\|?[ \t]*` and `[ \t]*(?:>...)*[ \t]*` took
// time quadratic in a line's leading blanks (40,000 tabs: 40 s in the offline refiner).
const TABLE_LINE = /^[ \t]*(?:\||:?-+:?[ \t]*\|)/;
const LIST_LINE = /^[ \t]*(?:(?:>[ \t]?)+[ \t]*)?(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const QUOTE_LINE = /^[ \t]*>/;
/** Indentation, blockquote markers, a list marker and a task checkbox at the start of a line. */
const LINE_PREFIX = /^[ \t]*(?:(?:>[ \t]?)+[ \t]*)?(?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))?(?:\[[ xX]\][ \t]+)?/;
/** Inline HTML tags and comments, bare URLs and e-mail-like tokens: masked even when the parser did not protect them. */
const INLINE_OPAQUE = /<!--(?:[^<]|<(?!!--))*?-->|<\/?[A-Za-z][^<>\n]*>|\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>()[\]]*[^\s<>()[\].,;:!?'"]|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w-]+(?:\.[\w-]+)*/g;

interface Line extends TextRange {
  isProse: boolean;
  kind: 'blank' | 'list' | 'quote' | 'table' | 'text';
}

/** Finds the prose blocks of a parsed document, in text order. */
export function findProseBlocks(text: string, parsed: ParsedDocument): ProseBlock[] {
  const lines = classifyLines(text, parsed);
  const spans = createSpanIndex(parsed.protectedSpans);
  const blocks: ProseBlock[] = [];
  let index = 0;
  while (index < lines.length) {
    const first = lines[index];
    if (first === undefined || !first.isProse) {
      index++;
      continue;
    }
    let last = index;
    while (lines[last + 1]?.isProse === true) last++;
    const group = lines.slice(index, last + 1);
    index = last + 1;
    const block = buildBlock(text, parsed, spans, group);
    if (block !== null) blocks.push(block);
  }
  return blocks;
}

function classifyLines(text: string, parsed: ParsedDocument): Line[] {
  const isInBlockSpan = createOverlapProbe(parsed.protectedSpans.filter((span) => BLOCK_LEVEL_SPAN_KINDS.has(span.kind)));
  const isInHeading = createOverlapProbe(parsed.headings.map((heading) => heading.range));
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const content = text.slice(start, end);
    const isBlocked = isInBlockSpan(start, end) || isInHeading(start, end);
    let kind: Line['kind'] = 'text';
    if (BLANK_LINE.test(content)) kind = 'blank';
    else if (TABLE_LINE.test(content)) kind = 'table';
    else if (LIST_LINE.test(content)) kind = 'list';
    else if (QUOTE_LINE.test(content)) kind = 'quote';
    const isSeparator = kind === 'blank' || THEMATIC_BREAK.test(content) || REFERENCE_DEFINITION.test(content);
    lines.push({ start, end, kind, isProse: !isBlocked && !isSeparator });
    if (newline === -1) break;
    start = newline + 1;
  }
  return lines;
}

/**
 * Tells whether a line `[start, end)` overlaps one of `ranges` (a zero-length
 * line overlaps a range that contains its position). Lines must be asked in
 * text order: the probe keeps the largest end of the ranges that start before
 * the line, so each line costs O(1) amortised. Testing every range for every
 * line took 334 s on a 1 MB document of 100,000 headings.
 */
export function createOverlapProbe(ranges: readonly TextRange[]): (start: number, end: number) => boolean {
  const sorted = [...ranges].sort((left, right) => left.start - right.start);
  let next = 0;
  let maxEnd = -Infinity;
  return (start, end) => {
    const limit = Math.max(end, start + 1);
    while (next < sorted.length && (sorted[next] as TextRange).start < limit) {
      maxEnd = Math.max(maxEnd, (sorted[next] as TextRange).end);
      next++;
    }
    return maxEnd > start;
  };
}

/** Protected spans sorted by start, with the largest end of every prefix, to find those around a block without scanning them all. */
interface SpanIndex {
  spans: readonly TextRange[];
  /** `prefixMaxEnd[i]`: the largest end of `spans[0, i)`, -Infinity for none. */
  prefixMaxEnd: Float64Array;
}

function createSpanIndex(ranges: readonly TextRange[]): SpanIndex {
  const spans = [...ranges].sort((left, right) => left.start - right.start);
  const prefixMaxEnd = new Float64Array(spans.length + 1);
  prefixMaxEnd[0] = -Infinity;
  spans.forEach((span, index) => {
    prefixMaxEnd[index + 1] = Math.max(prefixMaxEnd[index] as number, span.end);
  });
  return { spans, prefixMaxEnd };
}

/** Index of the first span that starts at or after `offset`. */
function firstSpanFrom(spans: readonly TextRange[], offset: number): number {
  return partitionPoint(spans, (span) => span.start < offset);
}

function buildBlock(text: string, parsed: ParsedDocument, spanIndex: SpanIndex, lines: Line[]): ProseBlock | null {
  const first = lines[0];
  const last = lines[lines.length - 1];
  if (first === undefined || last === undefined) return null;
  if (lines.some((line) => line.kind === 'table')) return null;
  const start = first.start;
  const end = last.end;
  const original = text.slice(start, end);
  if (PLACEHOLDER_PATTERN.test(original)) return null;

  const opaque: TextRange[] = [];
  let hasLinePrefixes = false;
  for (const line of lines) {
    const prefix = LINE_PREFIX.exec(text.slice(line.start, line.end));
    if (prefix !== null && prefix[0].length > 0) {
      opaque.push({ start: line.start, end: line.start + prefix[0].length });
      hasLinePrefixes = true;
    }
  }
  // A protected span reaching outside the block means the block is not plain prose: one that starts before it
  // and ends inside or after it, or one that starts inside it and ends after it.
  const firstInside = firstSpanFrom(spanIndex.spans, start);
  if ((spanIndex.prefixMaxEnd[firstInside] as number) > start) return null;
  for (let index = firstInside; index < spanIndex.spans.length; index++) {
    const span = spanIndex.spans[index] as TextRange;
    if (span.start >= end) break;
    if (span.end <= start) continue;
    if (span.end > end) return null;
    opaque.push({ start: span.start, end: span.end });
  }
  for (const match of original.matchAll(INLINE_OPAQUE)) {
    opaque.push({ start: start + match.index, end: start + match.index + match[0].length });
  }
  const merged = mergeRanges(opaque);
  if (merged.length > PLACEHOLDER_LIMIT) return null;

  let masked = '';
  const originals: string[] = [];
  let cursor = start;
  for (const range of merged) {
    masked += text.slice(cursor, range.start) + String.fromCharCode(PLACEHOLDER_BASE + originals.length);
    originals.push(text.slice(range.start, range.end));
    cursor = range.end;
  }
  masked += text.slice(cursor, end);

  let kind: ProseBlockKind = 'paragraph';
  if (lines.some((line) => line.kind === 'quote')) kind = 'blockquote';
  else if (lines.some((line) => line.kind === 'list')) kind = 'list';
  return { kind, start, end, sectionIndex: sectionIndexAt(parsed, start), hasLinePrefixes, masked, originals };
}

function mergeRanges(ranges: TextRange[]): TextRange[] {
  const sorted = ranges.filter((range) => range.end > range.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: TextRange[] = [];
  for (const range of sorted) {
    const previous = merged[merged.length - 1];
    if (previous !== undefined && range.start <= previous.end) previous.end = Math.max(previous.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/** The section that holds `offset` (sections are contiguous, in text order), else the last one. */
function sectionIndexAt(parsed: ParsedDocument, offset: number): number {
  const sections = parsed.sections;
  const section = sections[partitionPoint(sections, (candidate) => candidate.end <= offset)];
  if (section !== undefined && offset >= section.start && offset < section.end) return section.index;
  return sections[sections.length - 1]?.index ?? 0;
}

/** Options of {@link unmaskProseBlock} and {@link editProseBlocks}. */
export interface UnmaskOptions {
  /**
   * Accept an edit that deleted placeholders (those left must still be in
   * order, each once). Only for rules that delete an exact repetition, whose
   * protected text survives in the occurrence that is kept.
   */
  mayDropPlaceholders?: boolean;
}

/**
 * Puts the original text back into an edited masked block. Returns null when
 * the edit lost (unless `mayDropPlaceholders`), duplicated or reordered a
 * placeholder, so that the caller keeps the block unchanged.
 */
export function unmaskProseBlock(block: ProseBlock, edited: string, options: UnmaskOptions = {}): string | null {
  let result = '';
  let expected = 0;
  let cursor = 0;
  for (const match of edited.matchAll(/[\uE000-\uF8FF]/gu)) {
    const index = match[0].charCodeAt(0) - PLACEHOLDER_BASE;
    if (index < expected || (index > expected && options.mayDropPlaceholders !== true) || index >= block.originals.length) return null;
    result += edited.slice(cursor, match.index) + (block.originals[index] ?? '');
    cursor = match.index + 1;
    expected = index + 1;
  }
  if (expected !== block.originals.length && options.mayDropPlaceholders !== true) return null;
  return result + edited.slice(cursor);
}

/** The text of a piece of a block's masked text with its placeholders replaced by the originals (for comparing pieces). */
export function restorePlaceholders(block: ProseBlock, masked: string): string {
  return masked.replace(/[\uE000-\uF8FF]/gu, (placeholder) => block.originals[placeholder.charCodeAt(0) - PLACEHOLDER_BASE] ?? placeholder);
}

/** A new text for a block, or null to remove the block with the blank lines after it. */
export interface ProseBlockEdit {
  block: ProseBlock;
  text: string | null;
}

/**
 * Applies block edits (texts already unmasked) to the document text; blocks
 * must not overlap and must be separated by at least one line, as
 * {@link findProseBlocks} returns them. A removed block takes the blank lines
 * after it, or, when nothing but blank lines follows it, those before it.
 */
export function replaceProseBlocks(text: string, edits: readonly ProseBlockEdit[]): string {
  const ordered = [...edits].sort((a, b) => b.block.start - a.block.start);
  // Edits run from the last block to the first, and each changes only the text from its block (or the blank lines
  // just before it) on: the result is text[0, prefixEnd) then `tail` (pieces in reverse order). Slicing and
  // matching the whole result for every edit made it quadratic (9,000 edits of a 1 MB document: 4.3 s).
  let prefixEnd = text.length;
  const tail: string[] = [];
  let tailLength = 0;
  const prepend = (piece: string): void => {
    if (piece.length === 0) return;
    tail.push(piece);
    tailLength += piece.length;
  };
  for (const { block, text: replacement } of ordered) {
    const between = text.slice(block.end, prefixEnd);
    if (replacement !== null) {
      prepend(between);
      prepend(replacement);
      prefixEnd = block.start;
      continue;
    }
    const followingLength = blankLinesLength(between, tail);
    if (followingLength > 0 && block.end + followingLength < prefixEnd + tailLength) {
      if (followingLength <= between.length) {
        prepend(between.slice(followingLength));
      } else {
        dropTailStart(tail, followingLength - between.length);
        tailLength -= followingLength - between.length;
      }
      prefixEnd = block.start;
      continue;
    }
    // The last block: drop the blank lines before it instead, keep what follows.
    prepend(between);
    prefixEnd = block.start - trailingBlankLinesLength(text, block.start);
  }
  return text.slice(0, prefixEnd) + tail.reverse().join('');
}

/** Length of the match of `^\n(?:[ \t]*\n)*` on `head` followed by the pieces of `tail` (in reverse order). */
function blankLinesLength(head: string, tail: readonly string[]): number {
  let length = 0;
  let lineStart = -1;
  let position = 0;
  for (let piece = -1; piece < tail.length; piece++) {
    const part = piece === -1 ? head : (tail[tail.length - 1 - piece] as string);
    for (let index = 0; index < part.length; index++, position++) {
      const code = part.charCodeAt(index);
      if (code === 10) {
        length = position + 1;
        lineStart = position + 1;
      } else if (lineStart === -1 || (code !== 32 && code !== 9)) {
        return length;
      }
    }
  }
  return length;
}

/** Removes the first `count` characters of the pieces of `tail` (in reverse order). */
function dropTailStart(tail: string[], count: number): void {
  let left = count;
  while (left > 0) {
    const piece = tail.pop() as string;
    if (piece.length > left) {
      tail.push(piece.slice(left));
      return;
    }
    left -= piece.length;
  }
}

/**
 * Runs `edit` on the masked text of every prose block of the given kinds and
 * writes the accepted edits back. An edit that breaks a placeholder is
 * dropped; `null` removes the block.
 */
export function editProseBlocks(
  text: string,
  parsed: ParsedDocument,
  kinds: readonly ProseBlockKind[],
  edit: (masked: string, block: ProseBlock) => string | null,
  options: UnmaskOptions = {},
): string {
  const edits: ProseBlockEdit[] = [];
  for (const block of findProseBlocks(text, parsed)) {
    if (!kinds.includes(block.kind)) continue;
    const edited = edit(block.masked, block);
    if (edited === block.masked) continue;
    if (edited === null) {
      edits.push({ block, text: null });
      continue;
    }
    const restored = unmaskProseBlock(block, edited, options);
    if (restored !== null) edits.push({ block, text: restored });
  }
  return edits.length === 0 ? text : replaceProseBlocks(text, edits);
}

/** Every prose block kind. */
export const ALL_PROSE_KINDS: readonly ProseBlockKind[] = ['paragraph', 'list', 'blockquote'];

/**
 * Length of the line break and blank lines that end `text[0, end)`: the
 * longest suffix of the form `\n([ \t]*\n)*`, 0 when it does not end with a
 * line break. A backward scan: the regular expression took time quadratic in
 * a run of line breaks.
 */
function trailingBlankLinesLength(text: string, end: number): number {
  if (end === 0 || text.charCodeAt(end - 1) !== 10) return 0;
  let start = end - 1;
  for (;;) {
    let index = start - 1;
    while (index >= 0 && (text.charCodeAt(index) === 32 || text.charCodeAt(index) === 9)) index--;
    if (index < 0 || text.charCodeAt(index) !== 10) return end - start;
    start = index;
  }
}
