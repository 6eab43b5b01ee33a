import { SENTENCE_STARTERS, capitalize, contentStems, countWords, splitSentences } from '../split-sentences.js';
import { ALL_PROSE_KINDS, editProseBlocks } from '../prose-blocks.js';
import type { ParsedDocument } from '../../../document/types.js';

/** A sentence longer than this many whitespace-separated tokens is split when it has a safe boundary. */
export const LONG_SENTENCE_WORDS = 35;

/** Each part of a split sentence keeps at least this many tokens. */
const MIN_PART_WORDS = 8;

/**
 * Safe boundaries: a semicolon, ", but" and ", so" when a subject follows
 * them (", but ensures ..." shares the first clause's subject: split there,
 * "But ensures ..." is a fragment, as an audit found), and ", and" when a
 * subject pronoun follows (so a list "A, B, and C" is never split). The group
 * is what is dropped; the next word starts the new sentence.
 */
const BOUNDARY = /(; |, (?:and )(?=(?:it|you|we|they|this|these|those|there|he|she|i) )|, (?=(?:but|so) (?:it|you|we|they|this|these|those|there|he|she|i|the|a|an|that|its|their|our|your|his|her) ))(?=(\p{L}[\p{L}'’]*))/gu;

/**
 * Splits sentences over {@link LONG_SENTENCE_WORDS} tokens into two at the
 * safe boundary nearest their middle ("...; the cache" -> "... . The cache"),
 * repeatedly, when both parts keep at least 8 tokens. Boundaries inside
 * brackets or parentheses (link labels, asides) are skipped, and so are those
 * before a lower-case word that is not a common sentence starter (it may be a
 * command or an identifier, which must not be capitalised), and so are
 * splits whose two parts share no content word: two sentences about
 * different things read as disconnected.
 */
export function splitLongSentences(text: string, parsed: ParsedDocument): string {
  return editProseBlocks(text, parsed, ALL_PROSE_KINDS, (masked, block) => {
    let result = masked;
    for (let pass = 0; pass < 8; pass++) {
      const next = splitOnce(result, block.kind !== 'paragraph');
      if (next === result) break;
      result = next;
    }
    return result;
  });
}

function splitOnce(masked: string, lineBreaksEndSentences: boolean): string {
  const sentences = splitSentences(masked, { lineBreaksEndSentences });
  for (let index = sentences.length - 1; index >= 0; index--) {
    const sentence = sentences[index];
    if (sentence === undefined || sentence.wordCount <= LONG_SENTENCE_WORDS) continue;
    const body = masked.slice(sentence.start, sentence.end);
    const cut = bestBoundary(body, sentence.wordCount);
    if (cut === null) continue;
    const before = body.slice(0, cut.index).replace(/[,;]?$/, '.');
    const after = capitalize(body.slice(cut.index + cut.dropped.length));
    return masked.slice(0, sentence.start) + before + ' ' + after + masked.slice(sentence.end);
  }
  return masked;
}

function bestBoundary(body: string, wordCount: number): { index: number; dropped: string } | null {
  let best: { index: number; dropped: string; distance: number } | null = null;
  for (const match of body.matchAll(BOUNDARY)) {
    const dropped = match[1] ?? '';
    const nextWord = match[2] ?? '';
    if (nestingDepth(body, match.index) > 0) continue;
    if (/^\p{Ll}/u.test(nextWord) && !SENTENCE_STARTERS.has(nextWord)) continue;
    const wordsBefore = countWords(body.slice(0, match.index));
    const wordsAfter = wordCount - wordsBefore - countWords(dropped);
    if (wordsBefore < MIN_PART_WORDS || wordsAfter < MIN_PART_WORDS) continue;
    if (!sharesContentWord(body.slice(0, match.index), body.slice(match.index))) continue;
    const distance = Math.abs(wordsBefore - wordsAfter);
    if (best === null || distance < best.distance) best = { index: match.index, dropped, distance };
  }
  return best;
}

function nestingDepth(text: string, index: number): number {
  let depth = 0;
  for (let position = 0; position < index; position++) {
    const character = text[position];
    if (character === '(' || character === '[') depth++;
    else if ((character === ')' || character === ']') && depth > 0) depth--;
  }
  return depth;
}

function sharesContentWord(before: string, after: string): boolean {
  const stems = contentStems(before);
  for (const stem of contentStems(after)) if (stems.has(stem)) return true;
  return false;
}
