import { editProseBlocks } from '../prose-blocks.js';
import { splitSentences } from '../split-sentences.js';
import type { ParsedDocument } from '../../../document/types.js';

/**
 * Removes the plain paragraphs that the prompt's findings flag as repeats,
 * possibly of text in another section the refiner does not see: a paragraph
 * that starts on a line flagged `repeated-paragraph`, or a one-line paragraph
 * of two sentences or more, every one flagged `repeated-sentence` (counts per
 * 1-based line). A single sentence flagged as said elsewhere stays: API
 * references repeat a parameter's description in each entry, on purpose. Lists, quotes and indented lines are never removed. The refine
 * loop's guards check that the document still holds every number, code span
 * and URL of the removed paragraph.
 */
export function removeFlaggedParagraphs(
  text: string,
  parsed: ParsedDocument,
  paragraphLines: ReadonlyMap<number, number>,
  sentenceLines: ReadonlyMap<number, number>,
): string {
  if (paragraphLines.size === 0 && sentenceLines.size === 0) return text;
  // Blocks come in text order, so line numbers are counted on from the previous block: counting from the start of
  // the text for every block was quadratic (9,000 paragraphs of a 1 MB section: 0.85 s of each call).
  let line = 1;
  let counted = 0;
  return editProseBlocks(text, parsed, ['paragraph'], (masked, block) => {
    for (let index = text.indexOf('\n', counted); index !== -1 && index < block.start; index = text.indexOf('\n', index + 1)) line++;
    counted = block.start;
    if (block.hasLinePrefixes) return masked;
    if (paragraphLines.has(line)) return null;
    const isOneLine = !masked.trim().includes('\n');
    const sentences = splitSentences(masked).length;
    return isOneLine && sentences >= 2 && (sentenceLines.get(line) ?? 0) >= sentences ? null : masked;
  });
}
