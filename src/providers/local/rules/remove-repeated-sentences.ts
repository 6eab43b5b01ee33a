import { splitSentences } from '../split-sentences.js';
import { editProseBlocks, restorePlaceholders } from '../prose-blocks.js';
import type { TextRange } from '../../../document/types.js';
import type { ParsedDocument } from '../../../document/types.js';

/** Sentences shorter than this many tokens ("See below.", "Yes.") may repeat on purpose. */
const MIN_SENTENCE_WORDS = 4;

/**
 * Removes a sentence that repeats, word for word (blanks aside), an earlier
 * sentence of the same section, keeping the first. Only plain paragraphs
 * without line prefixes (not indented under a list item) are read and edited. Sentences are compared with their protected text (inline
 * code, URLs, HTML) and numbers, so a repeat holding them may go: the first
 * occurrence keeps every value. A paragraph left empty is removed with its
 * blank line.
 */
export function removeRepeatedSentences(text: string, parsed: ParsedDocument): string {
  const seen = new Set<string>();
  let section = -1;
  return editProseBlocks(
    text,
    parsed,
    ['paragraph'],
    (masked, block) => {
      if (block.sectionIndex !== section) {
        section = block.sectionIndex;
        seen.clear();
      }
      // Indented text under a list item ("Returns a list of change objects." in each API entry) repeats on
      // purpose, as the other rules assume of lists: it is neither edited nor counted.
      if (block.hasLinePrefixes) return masked;
      const sentences = splitSentences(masked);
      const isRemoved = sentences.map((sentence) => {
        const body = masked.slice(sentence.start, sentence.end);
        const key = restorePlaceholders(block, body).replace(/\s+/g, ' ');
        const isRemovable = sentence.wordCount >= MIN_SENTENCE_WORDS;
        const isRepeat = seen.has(key);
        seen.add(key);
        return isRemovable && isRepeat;
      });
      const firstKept = isRemoved.indexOf(false);
      if (firstKept === -1) return sentences.length === 0 ? masked : null;
      const cuts: TextRange[] = [];
      const firstKeptSentence = sentences[firstKept];
      const firstSentence = sentences[0];
      if (firstKept > 0 && firstSentence !== undefined && firstKeptSentence !== undefined) {
        // Leading repeats go with the blanks after them, so the paragraph still starts where it did.
        cuts.push({ start: firstSentence.start, end: firstKeptSentence.start });
      }
      for (let index = firstKept + 1; index < sentences.length; index++) {
        const sentence = sentences[index];
        const previous = sentences[index - 1];
        if (isRemoved[index] === true && sentence !== undefined && previous !== undefined) cuts.push({ start: previous.end, end: sentence.end });
      }
      // Cuts are in text order and do not overlap; the text is built once (cutting one at a time took 3.5 s on a
      // paragraph of 40,000 sentences).
      let result = '';
      let cursor = 0;
      for (const cut of cuts) {
        result += masked.slice(cursor, cut.start);
        cursor = cut.end;
      }
      return result + masked.slice(cursor);
    },
    { mayDropPlaceholders: true },
  );
}
