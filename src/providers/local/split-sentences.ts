/**
 * Sentence boundaries in masked prose (see prose-blocks.ts), for the rules
 * that work sentence by sentence. A boundary is a run of `.`, `!` or `?`
 * (closing quotes and brackets included) followed by whitespace, unless the
 * token before it is a known abbreviation or a single-letter initial.
 */
import type { TextRange } from '../../document/types.js';

/** A sentence: its range (terminator included, surrounding whitespace excluded) and its whitespace-separated tokens. */
export interface Sentence extends TextRange {
  wordCount: number;
}

/** Abbreviations whose period does not end a sentence (lower case, inner periods kept). */
const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'e.g', 'i.e', 'etc', 'aka', 'a.k.a', 'vs', 'cf', 'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'no', 'nos', 'fig', 'figs', 'approx',
  'incl', 'ca', 'resp', 'al', 'jr', 'sr', 'eg', 'ie', 'viz', 'ver', 'vol', 'p', 'pp', 'op', 'esp', 'min', 'max', 'sec',
]);

// Starts only at the first of a run of terminals: from inside the run every start rescanned the rest of it.
const TERMINATOR = /(?<![.!?])[.!?]+["'’”)\]]*(?=\s|$)/g;

/** Options of {@link splitSentences}. */
export interface SplitSentencesOptions {
  /** Treat every line break as a sentence boundary (list items, quoted lines). */
  lineBreaksEndSentences?: boolean;
}

/** Splits masked prose into sentences, in order. */
export function splitSentences(text: string, options: SplitSentencesOptions = {}): Sentence[] {
  const ends: number[] = [];
  for (const match of text.matchAll(TERMINATOR)) {
    const end = match.index + match[0].length;
    if (match[0].startsWith('.') && isAbbreviation(text, match.index)) continue;
    ends.push(end);
  }
  if (options.lineBreaksEndSentences === true) {
    for (const match of text.matchAll(/\n/g)) ends.push(match.index);
    ends.sort((a, b) => a - b);
  }
  const sentences: Sentence[] = [];
  let cursor = 0;
  for (const end of [...ends, text.length]) {
    if (end < cursor) continue;
    pushTrimmed(text, cursor, end, sentences);
    cursor = end;
  }
  return sentences;
}

function pushTrimmed(text: string, from: number, to: number, sentences: Sentence[]): void {
  let start = from;
  let end = to;
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  if (end <= start) return;
  sentences.push({ start, end, wordCount: countWords(text.slice(start, end)) });
}

/** Tells whether the period at `terminatorIndex` closes an abbreviation ("e.g.", "etc.") or an initial ("J."). */
export function isAbbreviation(text: string, terminatorIndex: number): boolean {
  let start = terminatorIndex;
  while (start > 0 && !/[\s(["'“‘]/.test(text[start - 1] ?? '')) start--;
  const token = text.slice(start, terminatorIndex).toLowerCase();
  if (/^\p{L}$/u.test(token)) return true;
  return ABBREVIATIONS.has(token);
}

/** Counts whitespace-separated tokens. */
export function countWords(text: string): number {
  const matches = text.match(/\S+/g);
  return matches === null ? 0 : matches.length;
}

/** Words that commonly start an English sentence, lower case: safe to capitalise. */
export const SENTENCE_STARTERS: ReadonlySet<string> = new Set([
  'a', 'after', 'all', 'also', 'although', 'an', 'and', 'another', 'any', 'as', 'at', 'because', 'before', 'both',
  'but', 'by', 'each', 'even', 'every', 'finally', 'first', 'for', 'from', 'he', 'here', 'how', 'however', 'i', 'if',
  'in', 'instead', 'it', 'its', 'many', 'most', 'my', 'next', 'no', 'not', 'note', 'now', 'of', 'on', 'once', 'one',
  'only', 'or', 'other', 'otherwise', 'our', 'please', 'she', 'since', 'so', 'some', 'such', 'that', 'the', 'their',
  'then', 'there', 'these', 'they', 'this', 'those', 'though', 'thus', 'to', 'unlike', 'unless', 'use', 'we', 'what',
  'when', 'where', 'whether', 'which', 'while', 'who', 'why', 'with', 'without', 'yes', 'you', 'your',
]);

/** Upper-cases the first character of `word`. */
export function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Frequent words that say nothing about the topic, for {@link contentStems}. */
const STOP_WORDS: ReadonlySet<string> = new Set([
  'the', 'and', 'for', 'are', 'but', 'not', 'you', 'your', 'all', 'any', 'can', 'has', 'have', 'had', 'was', 'were', 'will',
  'with', 'this', 'that', 'these', 'those', 'there', 'their', 'they', 'them', 'then', 'than', 'from', 'into', 'its', 'it',
  'also', 'only', 'which', 'what', 'when', 'where', 'while', 'who', 'how', 'why', 'our', 'out', 'use', 'used', 'uses',
  'using', 'one', 'may', 'should', 'would', 'could', 'does', 'did', 'done', 'been', 'being', 'more', 'most', 'some', 'such',
  'each', 'other', 'about', 'over', 'like', 'just', 'very', 'well', 'here', 'onto', 'upon', 'both', 'same', 'many',
]);

/** Lower-case 5-letter stems of the words of 3+ letters that are not stop words: what two related sentences share. */
export function contentStems(text: string): Set<string> {
  const stems = new Set<string>();
  for (const match of text.toLowerCase().matchAll(/\p{L}{3,}/gu)) {
    if (!STOP_WORDS.has(match[0])) stems.add(match[0].slice(0, 5));
  }
  return stems;
}
