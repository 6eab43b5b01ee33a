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
  // Boundaries come in text order, so the word count, bracket depth and content words of the text before each one
  // are carried on from the previous one: recounting them from the start of the sentence for every boundary was
  // quadratic (a one-line sentence of 8,000 semicolons, 0.34 MB, took 54 s).
  const tokenStarts = Array.from(body.matchAll(/\S+/g), (match) => match.index);
  let tokensBefore = 0;
  let depth = 0;
  let depthPosition = 0;
  const stems = createStemSplit(body);
  for (const match of body.matchAll(BOUNDARY)) {
    while (tokensBefore < tokenStarts.length && (tokenStarts[tokensBefore] as number) < match.index) tokensBefore++;
    for (; depthPosition < match.index; depthPosition++) {
      const character = body[depthPosition];
      if (character === '(' || character === '[') depth++;
      else if ((character === ')' || character === ']') && depth > 0) depth--;
    }
    stems.moveBefore(match.index);
    const dropped = match[1] ?? '';
    const nextWord = match[2] ?? '';
    if (depth > 0) continue;
    if (/^\p{Ll}/u.test(nextWord) && !SENTENCE_STARTERS.has(nextWord)) continue;
    const wordsBefore = tokensBefore;
    const wordsAfter = wordCount - wordsBefore - countWords(dropped);
    if (wordsBefore < MIN_PART_WORDS || wordsAfter < MIN_PART_WORDS) continue;
    if (!stems.isShared()) continue;
    const distance = Math.abs(wordsBefore - wordsAfter);
    if (best === null || distance < best.distance) best = { index: match.index, dropped, distance };
  }
  return best;
}

/** The content stems (see contentStems) of a text split in two at a point that moves forward. */
interface StemSplit {
  /** Moves the split point to `index`, which must not be inside a run of letters. */
  moveBefore(index: number): void;
  /** Whether the text before the split point and the text after it share a content stem. */
  isShared(): boolean;
}

function createStemSplit(text: string): StemSplit {
  // Stems are read per run of letters, as contentStems reads them in each part: a split point is never inside a run.
  const occurrences: { end: number; stem: string }[] = [];
  for (const run of text.matchAll(/\p{L}+/gu)) {
    for (const stem of contentStems(run[0])) occurrences.push({ end: run.index + run[0].length, stem });
  }
  const before = new Map<string, number>();
  const after = new Map<string, number>();
  for (const { stem } of occurrences) after.set(stem, (after.get(stem) ?? 0) + 1);
  let shared = 0;
  let next = 0;
  return {
    moveBefore(index) {
      for (; next < occurrences.length && (occurrences[next] as { end: number }).end <= index; next++) {
        const stem = (occurrences[next] as { stem: string }).stem;
        const countBefore = before.get(stem) ?? 0;
        const countAfter = after.get(stem) ?? 0;
        if (countBefore === 0 && countAfter > 1) shared++;
        else if (countBefore > 0 && countAfter === 1) shared--;
        before.set(stem, countBefore + 1);
        after.set(stem, countAfter - 1);
      }
    },
    isShared: () => shared > 0,
  };
}
