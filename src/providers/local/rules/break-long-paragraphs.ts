import { countWords, splitSentences } from '../split-sentences.js';
import { editProseBlocks } from '../prose-blocks.js';
import type { ParsedDocument } from '../../../document/types.js';

/** A paragraph longer than this many whitespace-separated tokens is broken into several. */
export const LONG_PARAGRAPH_WORDS = 150;

/** Target length of each part, in tokens. */
const TARGET_PART_WORDS = 100;

/** Each part keeps at least this many tokens. */
const MIN_PART_WORDS = 40;

/**
 * Breaks plain paragraphs over {@link LONG_PARAGRAPH_WORDS} tokens into parts
 * of about 100 tokens by turning the blanks between two sentences into a
 * blank line. Only paragraphs whose lines have no indentation or markers are
 * touched (never list items, blockquotes or tables), and only before a
 * sentence that starts with a letter, so no new list, heading or code block
 * can appear.
 */
export function breakLongParagraphs(text: string, parsed: ParsedDocument): string {
  return editProseBlocks(text, parsed, ['paragraph'], (masked, block) => {
    if (block.hasLinePrefixes) return masked;
    const total = countWords(masked);
    if (total <= LONG_PARAGRAPH_WORDS) return masked;
    const parts = Math.ceil(total / TARGET_PART_WORDS);
    const target = total / parts;
    const sentences = splitSentences(masked);
    const breaks: number[] = [];
    let wordsSinceBreak = 0;
    let wordsSeen = 0;
    for (let index = 0; index < sentences.length - 1; index++) {
      const sentence = sentences[index];
      const next = sentences[index + 1];
      if (sentence === undefined || next === undefined) continue;
      wordsSinceBreak += sentence.wordCount;
      wordsSeen += sentence.wordCount;
      const isSentenceEnd = /[.!?]["'’”)\]]*$/.test(masked.slice(sentence.start, sentence.end));
      const startsWithLetter = /^\p{Lu}/u.test(masked.slice(next.start, next.end));
      if (!isSentenceEnd || !startsWithLetter) continue;
      if (wordsSinceBreak >= target * 0.8 && wordsSinceBreak >= MIN_PART_WORDS && total - wordsSeen >= MIN_PART_WORDS) {
        breaks.push(index);
        wordsSinceBreak = 0;
      }
    }
    // Breaks are in text order; the text is built once (inserting one break at a time took 1 s on a 1 MB paragraph).
    let result = '';
    let cursor = 0;
    for (const index of breaks) {
      result += masked.slice(cursor, sentences[index]?.end ?? 0) + '\n\n';
      cursor = sentences[index + 1]?.start ?? 0;
    }
    return result + masked.slice(cursor);
  });
}
