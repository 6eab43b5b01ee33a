import { countWords } from '../split-sentences.js';
import { editProseBlocks, restorePlaceholders } from '../prose-blocks.js';
import type { ParsedDocument } from '../../../document/types.js';

/** Paragraphs of at least this many tokens are deduplicated across the whole document, shorter ones within a section. */
const DOCUMENT_WIDE_MIN_WORDS = 12;

/** Paragraphs shorter than this many tokens may repeat on purpose. */
const MIN_PARAGRAPH_WORDS = 4;

/**
 * Removes a plain paragraph that repeats, word for word (blanks aside), an
 * earlier one, keeping the first: anywhere in the document for paragraphs of
 * 12 tokens or more, within the same section for shorter ones. Paragraphs are
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
    const isRepeat = seenInSection.has(key) || (words >= DOCUMENT_WIDE_MIN_WORDS && seenInDocument.has(key));
    seenInSection.add(key);
    seenInDocument.add(key);
    return isRemovable && isRepeat ? null : masked;
  });
}
