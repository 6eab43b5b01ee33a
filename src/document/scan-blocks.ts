import { matchHtmlBlockStart } from './match-html-block-start.js';
import type { HtmlBlockStart } from './match-html-block-start.js';
import {
  isFenceCloser,
  matchListItemMarker,
  isThematicBreak,
  matchAtxHeading,
  matchFenceOpener,
  matchReferenceDefinition,
  setextUnderlineLevel,
} from './match-block-line.js';
import { createInlineCandidates, scanInline } from './scan-inline.js';
import type { Heading, Link, ProtectedSpan } from './types.js';

// A match starts only where a run of blanks starts: from inside a long run that no line break ends, every start
// would rescan the rest of the run (quadratic; 40,000 spaces in a setext heading took 1.8 s to score).
const LINE_BREAK_WITH_BLANKS = /(?<![ \t])[ \t]*\r?\n[ \t]*/g;

/** What the block scan of a text finds, unsorted, appended to these arrays. */
export interface BlockScanOutput {
  spans: ProtectedSpan[];
  links: Link[];
  headings: Heading[];
}

/**
 * Scans `text` from offset `from` line by line (CommonMark block structure,
 * simplified): fenced and indented code, HTML blocks, ATX and setext headings,
 * reference definitions; paragraph text is handed to {@link scanInline}.
 *
 * Simplifications, on purpose: containers are not parsed into a tree. A list is
 * "open" from an item marker until a line indented less than 2 columns that is
 * not a lazy paragraph continuation; while it is open, lines indented 4 or more
 * columns are list content (never indented code) and a fence may be indented
 * any amount. Headings count only outside list item and blockquote paragraphs;
 * a fence is recognised inside one level of blockquote (`> ```).
 */
export function scanBlocks(text: string, from: number, output: BlockScanOutput): void {
  new BlockScanner(text, output).run(from);
}

class BlockScanner {
  private regionStart = -1;
  private regionEnd = -1;
  private isParagraphOpen = false;
  private paragraphStart = 0;
  private isParagraphInContainer = false;
  private isListOpen = false;
  /** The inline scans of this text share their searches (see InlineCandidates). */
  private readonly inlineCandidates = createInlineCandidates();

  constructor(
    private readonly text: string,
    private readonly output: BlockScanOutput,
  ) {}

  run(from: number): void {
    const text = this.text;
    const length = text.length;
    let lineStart = from;
    while (lineStart < length) {
      const newline = text.indexOf('\n', lineStart);
      const lineEnd = newline === -1 ? length : newline;
      const nextStart = newline === -1 ? length : newline + 1;
      const end = lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
      let first = lineStart;
      let column = 0;
      while (first < end) {
        const code = text.charCodeAt(first);
        if (code === 32) column += 1;
        else if (code === 9) column += 4 - (column % 4);
        else break;
        first += 1;
      }
      if (first === end) {
        this.flushRegion();
        this.isParagraphOpen = false;
        lineStart = nextStart;
        continue;
      }
      const blockNext = column >= 4 ? this.matchIndentedBlock(lineStart, first, end, nextStart) : this.matchBlock(lineStart, first, end, nextStart, column);
      if (blockNext !== -1) {
        lineStart = blockNext;
        continue;
      }
      const markerEnd = column < 4 || this.isListOpen ? matchListItemMarker(text, first, end) : -1;
      if (markerEnd !== -1) {
        const itemNext = this.matchListItemFence(lineStart, markerEnd, end, nextStart, column);
        if (itemNext !== -1) {
          lineStart = itemNext;
          continue;
        }
      }
      this.addTextLine(lineStart, end, column, markerEnd !== -1, text.charCodeAt(first) === 62);
      lineStart = nextStart;
    }
    this.flushRegion();
  }

  /** A line indented 4+ columns: indented code, or a fence inside an open list; -1 when it is paragraph text. */
  private matchIndentedBlock(lineStart: number, first: number, end: number, nextStart: number): number {
    if (this.isListOpen) {
      const fenceLength = matchFenceOpener(this.text, first, end);
      return fenceLength === 0 ? -1 : this.consumeFence(lineStart, end, nextStart, fenceLength, this.text.charCodeAt(first), Infinity, false);
    }
    if (this.isParagraphOpen) return -1;
    this.endParagraph();
    return this.consumeIndentedCode(lineStart);
  }

  /** A line indented at most 3 columns: returns where the next line starts when it is a block, or -1 for paragraph text. */
  private matchBlock(lineStart: number, first: number, end: number, nextStart: number, column: number): number {
    const text = this.text;
    const code = text.charCodeAt(first);
    if (code === 96 || code === 126) {
      const fenceLength = matchFenceOpener(text, first, end);
      if (fenceLength === 0) return -1;
      this.endBlockLine(column);
      return this.consumeFence(lineStart, end, nextStart, fenceLength, code, this.isListOpen ? Infinity : 3, false);
    }
    if (code === 35) {
      const match = matchAtxHeading(text, first, end);
      if (match === null) return -1;
      this.endBlockLine(column);
      this.output.headings.push({ level: match.level, text: text.slice(match.textStart, match.textEnd), range: { start: lineStart, end } });
      scanInline(text, match.textStart, match.textEnd, this.output.spans, this.output.links, this.inlineCandidates);
      return nextStart;
    }
    if ((code === 61 || code === 45) && this.isParagraphOpen && !this.isParagraphInContainer) {
      const level = setextUnderlineLevel(text, first, end);
      if (level !== 0) {
        const content = text.slice(this.paragraphStart, this.regionEnd).trim();
        const headingText = content.includes('\n') ? content.replace(LINE_BREAK_WITH_BLANKS, '\n') : content;
        this.output.headings.push({ level, text: headingText, range: { start: this.paragraphStart, end } });
        this.endBlockLine(column);
        return nextStart;
      }
    }
    if ((code === 45 || code === 42 || code === 95) && isThematicBreak(text, first, end)) {
      this.endBlockLine(column);
      return nextStart;
    }
    if (code === 60) {
      const htmlStart = matchHtmlBlockStart(text, first, end);
      if (htmlStart === null || (!htmlStart.canInterruptParagraph && this.isParagraphOpen)) return -1;
      this.endBlockLine(column);
      return this.consumeHtmlBlock(lineStart, first, htmlStart);
    }
    if (code === 91 && !this.isParagraphOpen) {
      const destination = matchReferenceDefinition(text, first, end);
      if (destination === null) return -1;
      this.endBlockLine(column);
      if (destination.end > destination.start) {
        this.output.spans.push({ kind: 'link-url', start: destination.start, end: destination.end });
        this.output.links.push({ url: text.slice(destination.start, destination.end), range: destination, kind: 'reference-definition' });
      }
      return nextStart;
    }
    if (code === 62) return this.matchQuotedFence(lineStart, first, end, nextStart, column);
    return -1;
  }

  /** `> ```...`: a fence inside a blockquote, read up to its closer or the first line outside the quote. */
  private matchQuotedFence(lineStart: number, first: number, end: number, nextStart: number, column: number): number {
    const contentStart = skipQuoteMarker(this.text, first, end);
    let fenceStart = contentStart;
    while (fenceStart < end && this.text.charCodeAt(fenceStart) === 32) fenceStart += 1;
    if (fenceStart - contentStart > 3) return -1;
    const fenceLength = matchFenceOpener(this.text, fenceStart, end);
    if (fenceLength === 0) return -1;
    this.endBlockLine(column);
    return this.consumeFence(lineStart, end, nextStart, fenceLength, this.text.charCodeAt(fenceStart), 3, true);
  }

  /** `- ```js`: a fence opening on a list item's marker line, closed at any indentation. */
  private matchListItemFence(lineStart: number, markerEnd: number, end: number, nextStart: number, column: number): number {
    let fenceStart = markerEnd;
    while (fenceStart < end && (this.text.charCodeAt(fenceStart) === 32 || this.text.charCodeAt(fenceStart) === 9)) fenceStart += 1;
    const fenceLength = matchFenceOpener(this.text, fenceStart, end);
    if (fenceLength === 0) return -1;
    this.endBlockLine(column);
    this.isListOpen = true;
    return this.consumeFence(lineStart, end, nextStart, fenceLength, this.text.charCodeAt(fenceStart), Infinity, false);
  }

  private addTextLine(lineStart: number, end: number, column: number, isListItem: boolean, isQuoted: boolean): void {
    if (isListItem) {
      this.isListOpen = true;
    } else if (column < 2 && !this.isParagraphOpen && !isQuoted) {
      this.isListOpen = false;
    }
    if (isListItem || !this.isParagraphOpen) {
      this.flushRegion();
      this.regionStart = lineStart;
      this.paragraphStart = lineStart;
      this.isParagraphInContainer = this.isListOpen || isQuoted;
      this.isParagraphOpen = true;
    }
    this.regionEnd = end;
  }

  /** A block line ends the open paragraph; one indented less than 2 columns also ends an open list. */
  private endBlockLine(column: number): void {
    this.endParagraph();
    if (column < 2) this.isListOpen = false;
  }

  private endParagraph(): void {
    this.flushRegion();
    this.isParagraphOpen = false;
  }

  private flushRegion(): void {
    if (this.regionStart === -1) return;
    scanInline(this.text, this.regionStart, this.regionEnd, this.output.spans, this.output.links, this.inlineCandidates);
    this.regionStart = -1;
  }

  /** Records a fenced code block from its opening line; an unclosed fence runs to the end of the text. */
  private consumeFence(lineStart: number, openerEnd: number, openerNext: number, fenceLength: number, marker: number, maxIndentColumns: number, isQuoted: boolean): number {
    const text = this.text;
    let spanEnd = openerEnd;
    let cursor = openerNext;
    let isClosed = false;
    while (cursor < text.length) {
      const newline = text.indexOf('\n', cursor);
      const lineEnd = newline === -1 ? text.length : newline;
      const end = lineEnd > cursor && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
      let contentStart = cursor;
      if (isQuoted) {
        let marker = cursor;
        while (marker < end && marker - cursor < 3 && text.charCodeAt(marker) === 32) marker += 1;
        // A line outside the blockquote closes it, and the fence with it.
        if (text.charCodeAt(marker) !== 62 || marker >= end) {
          isClosed = true;
          break;
        }
        contentStart = skipQuoteMarker(text, marker, end);
      }
      spanEnd = end;
      cursor = newline === -1 ? text.length : newline + 1;
      if (isFenceCloser(text, contentStart, end, marker, fenceLength, maxIndentColumns)) {
        isClosed = true;
        break;
      }
    }
    if (!isClosed) spanEnd = text.length;
    this.output.spans.push({ kind: 'fenced-code', start: lineStart, end: spanEnd });
    return cursor;
  }

  /** Records an indented code block: lines indented 4+ columns and the blank lines between them. */
  private consumeIndentedCode(lineStart: number): number {
    const text = this.text;
    let cursor = lineStart;
    let spanEnd = lineStart;
    let next = lineStart;
    while (cursor < text.length) {
      const newline = text.indexOf('\n', cursor);
      const lineEnd = newline === -1 ? text.length : newline;
      const end = lineEnd > cursor && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
      const nextStart = newline === -1 ? text.length : newline + 1;
      let column = 0;
      let first = cursor;
      while (first < end && column < 4) {
        const code = text.charCodeAt(first);
        if (code === 32) column += 1;
        else if (code === 9) column += 4 - (column % 4);
        else break;
        first += 1;
      }
      if (column < 4 && first < end) break;
      if (column >= 4 && !isBlankRange(text, first, end)) {
        spanEnd = end;
        next = nextStart;
      }
      cursor = nextStart;
    }
    this.output.spans.push({ kind: 'indented-code', start: lineStart, end: spanEnd });
    return next;
  }

  /** Records an HTML block from its first line to its terminator, or up to the next blank line. */
  private consumeHtmlBlock(lineStart: number, first: number, htmlStart: HtmlBlockStart): number {
    const text = this.text;
    let spanEnd: number;
    let next: number;
    if (htmlStart.terminator === 'blank-line') {
      spanEnd = lineStart;
      next = lineStart;
      while (next < text.length) {
        const newline = text.indexOf('\n', next);
        const lineEnd = newline === -1 ? text.length : newline;
        const end = lineEnd > next && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
        if (isBlankRange(text, next, end)) break;
        spanEnd = end;
        next = newline === -1 ? text.length : newline + 1;
      }
    } else {
      const found = findTerminator(text, first + 2, htmlStart.terminator);
      const newline = found === -1 ? -1 : text.indexOf('\n', found + htmlStart.terminator.length);
      const lineEnd = newline === -1 ? text.length : newline;
      spanEnd = lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
      next = newline === -1 ? text.length : newline + 1;
    }
    this.output.spans.push({ kind: 'html-block', start: lineStart, end: spanEnd });
    return next;
  }
}

/** Index of `terminator` from `from`, matched case-insensitively for the letters of `</script>` and the like. */
function findTerminator(text: string, from: number, terminator: string): number {
  if (!/[a-z]/.test(terminator)) return text.indexOf(terminator, from);
  const pattern = new RegExp(terminator.replace(/[/]/g, '\\/'), 'gi');
  pattern.lastIndex = from;
  const match = pattern.exec(text);
  return match === null ? -1 : match.index;
}

/** After `>` and one optional space. */
function skipQuoteMarker(text: string, marker: number, end: number): number {
  const afterMarker = marker + 1;
  return afterMarker < end && text.charCodeAt(afterMarker) === 32 ? afterMarker + 1 : afterMarker;
}

function isBlankRange(text: string, from: number, end: number): boolean {
  for (let cursor = from; cursor < end; cursor += 1) {
    const code = text.charCodeAt(cursor);
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}
