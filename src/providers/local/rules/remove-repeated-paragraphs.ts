import { countWords, splitSentences } from '../split-sentences.js';
import { editProseBlocks, restorePlaceholders } from '../prose-blocks.js';
import type { ParsedDocument } from '../../../document/types.js';

/**
 * Paragraphs of at least this many tokens and two sentences are deduplicated across the whole document,
 * others within a section. One sentence said again in another section is how API references describe a
 * parameter in each entry (`query` must be...): removing it lost content (audit of libnpmsearch, dotenv).
 */
const DOCUMENT_WIDE_MIN_WORDS = 12;
const DOCUMENT_WIDE_MIN_SENTENCES = 2;

/** Paragraphs shorter than this many tokens may repeat on purpose. */
const MIN_PARAGRAPH_WORDS = 4;

/**
 * Removes a plain paragraph that repeats, word for word (blanks aside), an
 * earlier one, keeping the first: anywhere in the document for paragraphs of
 * 12 tokens and two sentences or more, within the same section for others. Paragraphs are
 * compared with their protected text (inline code, URLs, HTML) and numbers, so
 * a repeat holding them may go: the first occurrence keeps every value.
 * Indented or marked lines (lists, quotes) are never removed.
 */
export function removeRepeatedParagraphs(text: string, parsed: ParsedDocument): string {
  const seenInDocument = new Set<string>();
  const seenInSection = new Set<string>();
  let section = -1;
  return editProseBlocks(text, parsed, ['paragraph'], (masked, block) => {
    if (block.sectionIndex !== section) {
      section = block.sectionIndex;
      seenInSection.clear();
    }
    const key = restorePlaceholders(block, masked).trim().replace(/\s+/g, ' ');
    const words = countWords(masked);
    const isRemovable = words >= MIN_PARAGRAPH_WORDS && !block.hasLinePrefixes;
    const isRepeat = seenInSection.has(key) || (words >= DOCUMENT_WIDE_MIN_WORDS && seenInDocument.has(key) && splitSentences(masked).length >= DOCUMENT_WIDE_MIN_SENTENCES);
    seenInSection.add(key);
    seenInDocument.add(key);
    return isRemovable && isRepeat ? null : masked;
  });
}
