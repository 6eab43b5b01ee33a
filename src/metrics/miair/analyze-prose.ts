import type { Heading, ParsedDocument, ProtectedSpan, TextRange } from '../../document/types.js';
import { ScratchArray } from './scratch-array.js';
import { maskProtectedSpans } from './mask-prose.js';
import { splitSentences, type ProseSentence } from './split-sentences.js';
import { WordTable } from './word-table.js';

/**
 * The kind of a block of lines: `code` also covers a paragraph made only of
 * inline code or links (a tldr command line, a badge row); `other` is a block
 * with nothing to read, such as a thematic break.
 */
export type ProseBlockKind =
  | 'heading'
  | 'paragraph'
  | 'list-item'
  | 'quote'
  | 'table'
  | 'code'
  | 'html'
  | 'front-matter'
  | 'other';

/** A block of lines of the document, in order, with its sentences. */
export interface ProseBlock extends TextRange {
  kind: ProseBlockKind;
  /** Index into `ParsedDocument.sections` of the section holding the block. */
  sectionIndex: number;
  /** Sentences of the block (also for headings and tables, whose words count). */
  sentences: ProseSentence[];
  /** Words of the block. */
  wordCount: number;
  /** The last unmasked non-space character, or `` when there is none (or the block has no words and is not a heading). */
  lastCharacter: string;
  /** Offset of `lastCharacter`, or -1. */
  lastCharacterOffset: number;
}

/** Everything the `miair` components read, computed once per parsed document. */
export interface ProseAnalysis {
  document: ParsedDocument;
  /** 1 for each code unit of protected text (protected spans and version numbers, see maskProse), {@link MARKUP} for list and quote markers, 0 for prose. */
  mask: Uint8Array;
  blocks: ProseBlock[];
  /** Sentences of paragraphs, list items and quotes, in order: what readability and flow read. */
  sentences: ProseSentence[];
  /** Block index of each entry of `sentences`. */
  sentenceBlocks: number[];
  /** Every lower-case word of every block, headings and tables included, in order, as ids (see {@link WordTable}). */
  table: WordTable;
}

// The components of a profile read the same document one after the other: a one-entry cache
// shares the analysis without the cost of a WeakMap entry per document.
let cached: ProseAnalysis | null = null;

/** Tells whether a block holds running prose: a paragraph, a list item or a quote. */
export function isProseBlock(block: ProseBlock): boolean {
  const { kind } = block;
  return kind === 'paragraph' || kind === 'list-item' || kind === 'quote';
}

/**
 * Splits a parsed document into blocks (headings, paragraphs, list items,
 * quotes, tables, code), sentences and words, with protected spans and
 * version numbers masked. The last analysis is kept, so that the components
 * of the profile, called one after the other on the same document object,
 * share one pass.
 */
export function analyzeProse(document: ParsedDocument): ProseAnalysis {
  if (cached !== null && cached.document === document) return cached;
  // Version numbers are masked by the sentence splitter as it meets them (same result as maskProse).
  // The mask and the word arrays of the previous analysis are reused: it is dropped from the cache here, and
  // allocating typed arrays per document was a measured share of the time (allocation and GC) on short pages.
  cached = null;
  const mask = maskProtectedSpans(document, maskBuffer.take(document.text.length));
  const blocks = scanBlocks(document, mask);
  const sentences: ProseSentence[] = [];
  const sentenceBlocks: number[] = [];
  // Measured: one word per 12-14 characters of READMEs and tldr pages (code included); an eighth rarely grows.
  const table = WordTable.reusing(document.text.length >>> 3);
  let sectionIndex = 0;
  const { sections, text } = document;
  let nextSectionStart = sections[1]?.start ?? Infinity;
  for (let blockIndex = 0; blockIndex < blocks.length; blockIndex++) {
    const block = blocks[blockIndex] as ProseBlock;
    while (nextSectionStart <= block.start) {
      sectionIndex++;
      nextSectionStart = sections[sectionIndex + 1]?.start ?? Infinity;
    }
    block.sectionIndex = sectionIndex;
    if (block.kind === 'code' || block.kind === 'html' || block.kind === 'front-matter') continue;
    const firstWord = table.count;
    block.sentences = splitSentences(text, mask, block.start, block.end, table);
    const wordCount = table.count - firstWord;
    block.wordCount = wordCount;
    if (wordCount === 0 && block.kind !== 'heading') {
      block.kind = hasMaskedCharacter(mask, block) ? 'code' : 'other';
      block.sentences = [];
      continue;
    }
    // Not for the blocks just turned into code: a command line is masked from end to start.
    findLastCharacter(text, mask, block);
    if (isProseBlock(block)) {
      for (const sentence of block.sentences) {
        if (sentence.wordCount === 0) continue;
        sentences.push(sentence);
        sentenceBlocks.push(blockIndex);
      }
    }
  }
  const analysis: ProseAnalysis = { document, mask, blocks, sentences, sentenceBlocks, table };
  cached = analysis;
  return analysis;
}

/** The mask of the document being analysed; up to 4 MiB is kept between documents, a huge document's mask is not. */
const maskBuffer = new ScratchArray((length) => new Uint8Array(length), 1 << 22);

function hasMaskedCharacter(mask: Uint8Array, range: TextRange): boolean {
  for (let index = range.start; index < range.end; index++) if (mask[index] === 1) return true;
  return false;
}

function findLastCharacter(text: string, mask: Uint8Array, block: ProseBlock): void {
  for (let index = block.end - 1; index >= block.start; index--) {
    if (mask[index] !== 0) continue;
    const code = text.charCodeAt(index);
    if (code === 32 || code === 10 || code === 9 || code === 13) continue;
    block.lastCharacter = text[index] ?? '';
    block.lastCharacterOffset = index;
    return;
  }
}

function newBlock(kind: ProseBlockKind, start: number, end: number): ProseBlock {
  return { kind, start, end, sectionIndex: 0, sentences: [], wordCount: 0, lastCharacter: '', lastCharacterOffset: -1 };
}

/** Length of a list marker (`- `, `* `, `+ `, `1. `, `1) `) at `index`, or 0. */
function listMarkerLength(text: string, index: number, lineEnd: number): number {
  const code = text.charCodeAt(index);
  let after = index;
  if (code === 45 || code === 42 || code === 43) {
    after = index + 1;
  } else {
    while (after < lineEnd && after - index < 9 && text.charCodeAt(after) >= 48 && text.charCodeAt(after) <= 57) after++;
    if (after === index) return 0;
    const delimiter = text.charCodeAt(after);
    if (delimiter !== 46 && delimiter !== 41) return 0;
    after++;
  }
  if (after === lineEnd) return after - index;
  const next = text.charCodeAt(after);
  return next === 32 || next === 9 ? after - index : 0;
}

/** Mask value of block markup (list and quote markers): read as white space, never as code. */
export const MARKUP = 2;

/** Marks the `>` markers (and the space after each) at the start of a quote line. */
function maskQuoteMarkers(text: string, mask: Uint8Array, first: number, lineEnd: number): void {
  let index = first;
  while (index < lineEnd && text.charCodeAt(index) === 62) {
    mask[index] = MARKUP;
    index++;
    if (index < lineEnd && text.charCodeAt(index) === 32) mask[index++] = MARKUP;
  }
}

/** The block kind of a protected span that stands for whole lines (code, HTML, front matter), or undefined for an inline span. */
function blockKindOfSpan(span: ProtectedSpan): ProseBlockKind | undefined {
  const { kind } = span;
  if (kind === 'fenced-code' || kind === 'indented-code') return 'code';
  if (kind === 'html-block') return 'html';
  return kind === 'front-matter' ? 'front-matter' : undefined;
}

function scanBlocks(document: ParsedDocument, mask: Uint8Array): ProseBlock[] {
  const { text, headings, protectedSpans } = document;
  const length = text.length;
  const blocks: ProseBlock[] = [];
  let current: ProseBlock | null = null;
  // The next whole-line span (inline spans are skipped without a filtered copy) and the next heading, kept in locals:
  // most lines are checked against both with two comparisons.
  let spanIndex = 0;
  let spanKind: ProseBlockKind | undefined;
  let spanStart = length + 1;
  let spanEnd = -1;
  let headingIndex = 0;
  let headingStart = -1;
  let headingEnd = -1;
  let position = 0;
  while (position < length) {
    let lineEnd = text.indexOf('\n', position);
    if (lineEnd === -1) lineEnd = length;
    let first = position;
    while (first < lineEnd && (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9)) first++;

    if (spanEnd <= first) {
      spanKind = undefined;
      while (spanIndex < protectedSpans.length) {
        const span = protectedSpans[spanIndex] as ProtectedSpan;
        spanKind = span.end > first ? blockKindOfSpan(span) : undefined;
        if (spanKind !== undefined) {
          spanStart = span.start;
          spanEnd = span.end;
          break;
        }
        spanIndex++;
      }
      if (spanKind === undefined) {
        spanStart = length + 1;
        spanEnd = length + 1;
      }
    }
    if (spanStart <= first && first < lineEnd && spanKind !== undefined) {
      blocks.push(newBlock(spanKind, spanStart, spanEnd));
      current = null;
      const next = text.indexOf('\n', Math.max(spanEnd - 1, position));
      position = next === -1 ? length : next + 1;
      continue;
    }
    if (first === lineEnd || (first + 1 === lineEnd && text.charCodeAt(first) === 13)) {
      current = null;
      position = lineEnd + 1;
      continue;
    }
    if (headingEnd <= position) {
      while (headingIndex < headings.length && (headings[headingIndex] as Heading).range.end <= position) headingIndex++;
      const range = headings[headingIndex]?.range;
      headingStart = range === undefined ? -1 : range.start;
      headingEnd = range === undefined ? length + 1 : range.end;
    }
    if (headingStart >= position && headingStart < lineEnd) {
      blocks.push(newBlock('heading', headingStart, headingEnd));
      current = null;
      const next = text.indexOf('\n', Math.max(headingEnd - 1, position));
      position = next === -1 ? length : next + 1;
      continue;
    }
    const code = text.charCodeAt(first);
    const markerLength = listMarkerLength(text, first, lineEnd);
    let kind: ProseBlockKind;
    if (code === 124) {
      kind = 'table';
    } else if (markerLength > 0) {
      // Ordered-list numbers would read as words and their period as a sentence end.
      for (let index = first; index < first + markerLength; index++) mask[index] = MARKUP;
      kind = 'list-item';
    } else if (code === 62) {
      kind = 'quote';
      maskQuoteMarkers(text, mask, first, lineEnd);
    } else {
      kind = 'paragraph';
    }
    if (kind === 'paragraph' && current?.kind === 'quote') maskQuoteMarkers(text, mask, first, lineEnd);
    // A block ends before the CR of a CRLF line break: findings point at the text, not at the line break.
    const contentEnd = lineEnd > first && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    const continues =
      current !== null &&
      (kind === current.kind || (kind === 'paragraph' && (current.kind === 'list-item' || current.kind === 'quote'))) &&
      kind !== 'list-item';
    if (continues && current !== null) {
      current.end = contentEnd;
    } else {
      current = newBlock(kind, position, contentEnd);
      blocks.push(current);
    }
    position = lineEnd + 1;
  }
  return blocks;
}
