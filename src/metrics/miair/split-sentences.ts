import { matchVersionAt } from './mask-prose.js';
import { HASH_SEED, hashStep } from './vocabulary.js';
import type { WordTable } from './word-table.js';

/** A sentence found by {@link splitSentences}, with its words. */
export interface ProseSentence {
  /** 0-based offset of the first non-space character. */
  start: number;
  /** Offset just after the terminal punctuation (or the last word). */
  end: number;
  /** Index in the {@link WordTable} occurrences of the sentence's first word (masked text excluded). */
  firstWord: number;
  /** Words of the sentence: occurrences `[firstWord, firstWord + wordCount)` of the table. */
  wordCount: number;
  /** Estimated syllables of all words. */
  syllables: number;
  /** `.`, `!`, `?`, `:` (a colon at the end of a line) or `` (none). */
  terminal: string;
  /** Case of the sentence's first letter; `none` when it starts with code, a number or no letter. */
  firstLetter: 'upper' | 'lower' | 'none';
}

const NON_ASCII_WORD = /[\p{L}\p{N}\p{M}]/u;
const NON_ASCII_UPPER = /\p{Lu}/u;
const NON_ASCII_LOWER = /\p{Ll}/u;

// Words that a period follows without ending the sentence ("e.g." is caught by the one-letter rule).
const ABBREVIATIONS = new Set([
  'al', 'approx', 'cf', 'dr', 'eg', 'esp', 'etc', 'fig', 'ie', 'inc', 'jr', 'ltd', 'mr', 'mrs', 'ms', 'no', 'prof', 'resp', 'sr', 'st', 'vs',
]);

function isAsciiWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

function isSpaceCode(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13 || code === 12 || code === 11 || code === 0xa0;
}

// Non-ASCII code point -> length in code units when it is a word character, else 0 (a regex test once per code point).
const nonAsciiWordLengths = new Map<number, number>();

/** Length (1 or 2 code units) of the word character at `index`, or 0 when it is not one. */
function wordCharacterLength(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code < 128) return isAsciiWordCode(code) ? 1 : 0;
  const codePoint = text.codePointAt(index) ?? code;
  let length = nonAsciiWordLengths.get(codePoint);
  if (length === undefined) {
    const character = String.fromCodePoint(codePoint);
    length = NON_ASCII_WORD.test(character) ? character.length : 0;
    if (nonAsciiWordLengths.size < 65_536) nonAsciiWordLengths.set(codePoint, length);
  }
  return length;
}

/** Closing marks that may follow terminal punctuation: `) " ' ’ ” * _ ]`. */
function isCloser(code: number): boolean {
  return code === 41 || code === 34 || code === 39 || code === 0x2019 || code === 0x201d || code === 42 || code === 95 || code === 93;
}

/** Opening marks skipped when looking for a sentence's first letter: `* _ [ " ' ( “ ‘`. */
function isOpener(code: number): boolean {
  return code === 42 || code === 95 || code === 91 || code === 34 || code === 39 || code === 40 || code === 0x201c || code === 0x2018;
}

function firstLetterCase(text: string, mask: Uint8Array, start: number, end: number): 'upper' | 'lower' | 'none' {
  let index = start;
  while (index < end && (mask[index] === 2 || (mask[index] === 0 && isOpener(text.charCodeAt(index))))) index++;
  if (index >= end || mask[index] === 1) return 'none';
  const code = text.charCodeAt(index);
  if (code >= 97 && code <= 122) return 'lower';
  if (code >= 65 && code <= 90) return 'upper';
  if (code < 128) return 'none';
  const character = String.fromCodePoint(text.codePointAt(index) ?? code);
  if (NON_ASCII_UPPER.test(character)) return 'upper';
  return NON_ASCII_LOWER.test(character) ? 'lower' : 'none';
}

/**
 * Splits `text[start, end)` into sentences and their words in one pass,
 * skipping masked characters (see {@link maskProse}).
 *
 * A sentence ends at a run of `.`, `!` or `?` (with closing quotes,
 * parentheses or emphasis marks) followed by white space or the end, except a
 * single `.` after a one-letter word (initials, `e.g.`) or a known abbreviation
 * (`etc.`, `vs.`, `Dr.` ...); and at a `:` that ends a line. A word is a run of
 * Unicode letters, marks, digits or `_`, with inner apostrophes (`don't`).
 *
 * Words are appended to `table` in order; each sentence refers to its run of them.
 *
 * @param mask one byte per code unit of `text`: 0 prose, 1 protected text (skipped, may start a sentence), 2 markup (read as white space).
 */
export function splitSentences(text: string, mask: Uint8Array, start: number, end: number, table: WordTable): ProseSentence[] {
  const sentences: ProseSentence[] = [];
  let sentenceStart = -1;
  let firstWord = table.count;
  let syllables = 0;

  const flush = (sentenceEnd: number, terminal: string): void => {
    if (sentenceStart >= 0) {
      sentences.push({
        start: sentenceStart,
        end: sentenceEnd,
        firstWord,
        wordCount: table.count - firstWord,
        syllables,
        terminal,
        firstLetter: firstLetterCase(text, mask, sentenceStart, sentenceEnd),
      });
    }
    sentenceStart = -1;
    firstWord = table.count;
    syllables = 0;
  };

  let index = start;
  while (index < end) {
    const code = text.charCodeAt(index);
    if (mask[index] !== 0) {
      // Protected text (code, URLs) can start a sentence; list and quote markers (2) cannot.
      if (mask[index] === 1 && sentenceStart < 0 && !isSpaceCode(code)) sentenceStart = index;
      index++;
      continue;
    }
    // Version numbers (v1.2.3) are masked as they are met, as if masked beforehand (see maskProse).
    if (code === 118 || (code >= 48 && code <= 57)) {
      const versionEnd = matchVersionAt(text, index);
      if (versionEnd > 0) {
        mask.fill(1, index, versionEnd);
        continue;
      }
    }
    let length = wordCharacterLength(text, index);
    if (length > 0) {
      const wordStart = index;
      let isAscii = true;
      let hash = HASH_SEED;
      while (index < end && mask[index] === 0) {
        const wordCode = text.charCodeAt(index);
        if (wordCode < 128) {
          // A version can start inside a word after a character that is not [A-Za-z0-9_] (é1.2.3).
          if ((wordCode === 118 || (wordCode >= 48 && wordCode <= 57)) && index > wordStart && !isAsciiWordCode(text.charCodeAt(index - 1)) && matchVersionAt(text, index) > 0) break;
          if (isAsciiWordCode(wordCode)) {
            hash = hashStep(hash, wordCode >= 65 && wordCode <= 90 ? wordCode + 32 : wordCode);
            index++;
            continue;
          }
        } else {
          length = wordCharacterLength(text, index);
          if (length > 0) {
            isAscii = false;
            index += length;
            continue;
          }
        }
        // An apostrophe between two word characters stays inside the word: don't, it's.
        if ((wordCode === 39 || wordCode === 0x2019) && index + 1 < end && mask[index + 1] === 0 && wordCharacterLength(text, index + 1) > 0 && matchVersionAt(text, index + 1) < 0) {
          if (wordCode === 39) hash = hashStep(hash, 39);
          else isAscii = false;
          index++;
          continue;
        }
        break;
      }
      const id = isAscii ? table.internAscii(text, wordStart, index, hash) : table.intern(text.slice(wordStart, index).toLowerCase());
      if (sentenceStart < 0) sentenceStart = wordStart;
      table.push(id, wordStart, index);
      syllables += table.syllables[id] as number;
      continue;
    }
    if (code === 46 || code === 33 || code === 63) {
      if (sentenceStart < 0) sentenceStart = index;
      let after = index;
      while (after < end && mask[after] === 0) {
        const next = text.charCodeAt(after);
        if (next !== 46 && next !== 33 && next !== 63) break;
        after++;
      }
      while (after < end && mask[after] === 0 && isCloser(text.charCodeAt(after))) after++;
      const isBoundary = after >= end || isSpaceCode(text.charCodeAt(after));
      if (isBoundary && !(code === 46 && after === index + 1 && isAbbreviationBefore(table, firstWord, index, after, end))) {
        flush(after, text[index] ?? '');
      }
      index = after;
      continue;
    }
    if (code === 58) {
      if (sentenceStart < 0) sentenceStart = index;
      let after = index + 1;
      while (after < end && (text.charCodeAt(after) === 32 || text.charCodeAt(after) === 9)) after++;
      if (after >= end || text.charCodeAt(after) === 10) {
        flush(index + 1, ':');
        index = after;
        continue;
      }
    } else if (sentenceStart < 0 && !isSpaceCode(code)) {
      sentenceStart = index;
    }
    index++;
  }
  flush(lastNonSpace(text, mask, start, end), '');
  return sentences;
}

function isAbbreviationBefore(table: WordTable, firstWord: number, periodIndex: number, after: number, end: number): boolean {
  const last = table.count - 1;
  if (last < firstWord || table.wordEnds[last] !== periodIndex) return false;
  const word = table.words[table.wordIds[last] as number] as string;
  // At the end of the block even an abbreviation ends the sentence.
  if (after >= end) return false;
  return word.length === 1 || ABBREVIATIONS.has(word);
}

function lastNonSpace(text: string, mask: Uint8Array, start: number, end: number): number {
  let index = end;
  while (index > start && (mask[index - 1] === 2 || (isSpaceCode(text.charCodeAt(index - 1)) && mask[index - 1] === 0))) index--;
  return index;
}
