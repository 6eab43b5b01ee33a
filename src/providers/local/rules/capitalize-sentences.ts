import { SENTENCE_STARTERS, capitalize, splitSentences } from '../split-sentences.js';
import { ALL_PROSE_KINDS, editProseBlocks } from '../prose-blocks.js';
import type { ParsedDocument } from '../../../document/types.js';

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
  return editProseBlocks(text, parsed, ALL_PROSE_KINDS, (masked, block) => {
    const sentences = splitSentences(masked, { lineBreaksEndSentences: block.kind !== 'paragraph' });
    let result = masked;
    const first = sentences[0];
    if (first !== undefined && block.kind === 'paragraph' && !block.hasLinePrefixes && startsFreshSentence(text, parsed, block.start)) {
      result = capitalizeStart(result, first.start);
    }
    for (let index = 1; index < sentences.length; index++) {
      const sentence = sentences[index];
      const previous = sentences[index - 1];
      if (sentence === undefined || previous === undefined) continue;
      const between = masked.slice(previous.end, sentence.start);
      if (between.includes('\n') && block.kind !== 'paragraph') continue;
      if (!/[.!?]["'’”)\]]*$/.test(masked.slice(previous.start, previous.end)) || /\.\.["'’”)\]]*$/.test(masked.slice(previous.start, previous.end))) continue;
      result = capitalizeStart(result, sentence.start);
    }
    return result;
  });
}

/** Capitalises the word at `start` when it is a lower-case sentence starter. */
function capitalizeStart(masked: string, start: number): string {
  const word = /^\p{Ll}+(?![\p{L}\p{N}_\-.'’@/])/u.exec(masked.slice(start));
  if (word === null || !SENTENCE_STARTERS.has(word[0])) return masked;
  const replacement = word[0] === 'i' ? 'I' : capitalize(word[0]);
  return masked.slice(0, start) + replacement + masked.slice(start + word[0].length);
}

/** Tells whether a block at `start` begins a new sentence: nothing, a heading or a finished sentence comes before it. */
function startsFreshSentence(text: string, parsed: ParsedDocument, start: number): boolean {
  const before = text.slice(0, start).trimEnd();
  if (before.length === 0) return true;
  if (parsed.headings.some((heading) => heading.range.end === before.length)) return true;
  if (parsed.protectedSpans.some((span) => span.end >= before.length && span.start < before.length)) return false;
  const lastLine = before.slice(before.lastIndexOf('\n') + 1);
  return /[.!?]["'’”)\]]*$/.test(lastLine) && !/^[ \t]*(?:[-*+>|]|\d{1,9}[.)])/.test(lastLine);
}
