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
  return editProseBlocks(text, parsed, ['paragraph'], (masked, block) => {
    if (block.hasLinePrefixes) return masked;
    const line = 1 + (text.slice(0, block.start).match(/\n/g)?.length ?? 0);
    if (paragraphLines.has(line)) return null;
    const isOneLine = !masked.trim().includes('\n');
    const sentences = splitSentences(masked).length;
    return isOneLine && sentences >= 2 && (sentenceLines.get(line) ?? 0) >= sentences ? null : masked;
  });
}
