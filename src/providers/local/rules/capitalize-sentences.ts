import { SENTENCE_STARTERS, capitalize, splitSentences } from '../split-sentences.js';
import { ALL_PROSE_KINDS, editProseBlocks } from '../prose-blocks.js';
import type { ParsedDocument, TextRange } from '../../../document/types.js';
import { partitionPoint } from '../../../document/partition-point.js';

/**
 * Capitalises the first word of a sentence that follows another sentence in
 * the same block ("It works. the cache..." -> "It works. The cache..."), when
 * that word is a common English sentence starter (see SENTENCE_STARTERS), so
 * lower-case names of tools and identifiers ("npm", "eslint") stay as they are.
 * The first sentence of a paragraph is capitalised the same way only when the
 * paragraph follows the document start, a heading or a line ending a sentence:
 * after code it often continues the sentence before ("which prints:"). List
 * items keep their first letter (their case is a style choice), and so does a
 * sentence after an ellipsis.
 */
export function capitalizeSentences(text: string, parsed: ParsedDocument): string {
  const headingEnds = new Set(parsed.headings.map((heading) => heading.range.end));
  return editProseBlocks(text, parsed, ALL_PROSE_KINDS, (masked, block) => {
    const sentences = splitSentences(masked, { lineBreaksEndSentences: block.kind !== 'paragraph' });
    const starts: number[] = [];
    const first = sentences[0];
    if (first !== undefined && block.kind === 'paragraph' && !block.hasLinePrefixes && startsFreshSentence(text, parsed, headingEnds, block.start)) {
      starts.push(first.start);
    }
    for (let index = 1; index < sentences.length; index++) {
      const sentence = sentences[index];
      const previous = sentences[index - 1];
      if (sentence === undefined || previous === undefined) continue;
      const between = masked.slice(previous.end, sentence.start);
      if (between.includes('\n') && block.kind !== 'paragraph') continue;
      if (!/[.!?]["'’”)\]]*$/.test(masked.slice(previous.start, previous.end)) || /\.\.["'’”)\]]*$/.test(masked.slice(previous.start, previous.end))) continue;
      starts.push(sentence.start);
    }
    return capitalizeStarts(masked, starts);
  });
}

const LOWER_CASE_WORD = /\p{Ll}+(?![\p{L}\p{N}_\-.'’@/])/uy;

/**
 * Capitalises the word at each of `starts` (ascending) when it is a lower-case sentence starter. The text is built
 * once: rebuilding it for every word made a paragraph of 20,000 sentences take 4 s.
 */
function capitalizeStarts(masked: string, starts: readonly number[]): string {
  let result = '';
  let cursor = 0;
  for (const start of starts) {
    LOWER_CASE_WORD.lastIndex = start;
    const word = LOWER_CASE_WORD.exec(masked);
    if (word === null || !SENTENCE_STARTERS.has(word[0])) continue;
    result += masked.slice(cursor, start) + (word[0] === 'i' ? 'I' : capitalize(word[0]));
    cursor = start + word[0].length;
  }
  return cursor === 0 ? masked : result + masked.slice(cursor);
}

/**
 * Tells whether a block at `start` begins a new sentence: nothing, a heading or a finished sentence comes before it.
 * It reads only the line before the block: trimming the whole text before every block was quadratic.
 */
function startsFreshSentence(text: string, parsed: ParsedDocument, headingEnds: ReadonlySet<number>, start: number): boolean {
  let beforeEnd = start;
  while (beforeEnd > 0 && /\s/.test(text[beforeEnd - 1] as string)) beforeEnd--;
  if (beforeEnd === 0) return true;
  if (headingEnds.has(beforeEnd)) return true;
  if (isInsideOrEndOfSpan(parsed.protectedSpans, beforeEnd)) return false;
  const lastLine = text.slice(text.lastIndexOf('\n', beforeEnd - 1) + 1, beforeEnd);
  return /[.!?]["'’”)\]]*$/.test(lastLine) && !/^[ \t]*(?:[-*+>|]|\d{1,9}[.)])/.test(lastLine);
}

/** Whether a span (sorted by start, not overlapping, as parseMarkdown returns them) has `start < offset <= end`. */
function isInsideOrEndOfSpan(spans: readonly TextRange[], offset: number): boolean {
  const span = spans[partitionPoint(spans, (candidate) => candidate.end < offset)];
  return span !== undefined && span.start < offset;
}
