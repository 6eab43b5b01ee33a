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
  /** Whether `[start, end)` holds protected text (mask 1). */
  hasProtectedText: boolean;
}

/** {@link protectedTextHash} of a range without protected text. */
export const PROTECTED_TEXT_HASH_SEED = 0x811c9dc5;

/**
 * FNV-1a hash (32 bits) of the protected text (mask 1) of `text[start, end)`,
 * each maximal run of it preceded by 0xffff; {@link PROTECTED_TEXT_HASH_SEED}
 * when there is none. Repetition checks compare it instead of the text itself.
 * Computed on demand: most protected text (command lines, badges) is in blocks
 * without prose that no repetition check reads.
 */
export function protectedTextHash(text: string, mask: Uint8Array, start: number, end: number): number {
  let hash = PROTECTED_TEXT_HASH_SEED;
  let index = start;
  while (index < end) {
    if (mask[index] !== 1) {
      index++;
      continue;
    }
    hash = Math.imul(hash ^ 0xffff, 0x01000193);
    do {
      hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
      index++;
    } while (index < end && mask[index] === 1);
  }
  return hash;
}

const NON_ASCII_WORD = /[\p{L}\p{N}\p{M}]/u;
const NON_ASCII_UPPER = /\p{Lu}/u;
const NON_ASCII_LOWER = /\p{Ll}/u;

// Words that a period follows without ending the sentence ("e.g." is caught by the one-letter rule).
const ABBREVIATIONS = new Set([
  'al', 'approx', 'cf', 'dr', 'eg', 'esp', 'etc', 'fig', 'ie', 'inc', 'jr', 'ltd', 'mr', 'mrs', 'ms', 'no', 'prof', 'resp', 'sr', 'st', 'vs',
]);

/**
 * ASCII code -> the code read in lower case when it is a word character
 * (`[A-Za-z0-9_]`), else 0: one table load both tests and folds a character.
 */
const FOLDED_ASCII_WORD_CODES = createFoldedAsciiWordCodes();

function createFoldedAsciiWordCodes(): Uint8Array {
  const codes = new Uint8Array(128);
  for (let code = 48; code <= 57; code++) codes[code] = code;
  for (let code = 97; code <= 122; code++) codes[code] = code;
  for (let code = 65; code <= 90; code++) codes[code] = code + 32;
  codes[95] = 95;
  return codes;
}

function isAsciiWordCode(code: number): boolean {
  return code < 128 && FOLDED_ASCII_WORD_CODES[code] !== 0;
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
  // Plain locals, not a closure: the loop below runs once per character.
  let sentenceStart = -1;
  let firstWord = table.count;
  let syllables = 0;
  let hasProtectedText = false;
  let index = start;
  while (index < end) {
    const maskValue = mask[index] as number;
    const code = text.charCodeAt(index);
    if (maskValue !== 0) {
      // Protected text (code, URLs) can start a sentence; list and quote markers (2) cannot.
      if (maskValue === 1 && sentenceStart < 0 && !isSpaceCode(code)) sentenceStart = index;
      // Words, terminals and closers stop at masked text: skip the rest of the run (badge and link URLs are long).
      if (maskValue === 1 && sentenceStart >= 0) {
        hasProtectedText = true;
        do {
          index++;
        } while (index < end && mask[index] === 1);
        continue;
      }
      index++;
      continue;
    }
    // Most characters between words are spaces and line breaks: they neither start nor end a sentence.
    if (code === 32 || code === 10) {
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
    if ((code < 128 && FOLDED_ASCII_WORD_CODES[code] !== 0) || (code >= 128 && wordCharacterLength(text, index) > 0)) {
      if (sentenceStart < 0) sentenceStart = index;
      index = readWord(text, mask, index, end, table);
      syllables += table.syllables[table.wordIds[table.count - 1] as number] as number;
      continue;
    }
    if (code === 46 || code === 33 || code === 63 || code === 0x3002 || code === 0xff01 || code === 0xff1f) {
      if (sentenceStart < 0) sentenceStart = index;
      let after = index;
      while (after < end && mask[after] === 0) {
        const next = text.charCodeAt(after);
        if (next !== 46 && next !== 33 && next !== 63 && next !== 0x3002 && next !== 0xff01 && next !== 0xff1f) break;
        after++;
      }
      while (after < end && mask[after] === 0 && isCloser(text.charCodeAt(after))) after++;
      // CJK full stops (。！？) end a sentence without a space after them: CJK text has none.
      const isBoundary = after >= end || isSpaceCode(text.charCodeAt(after)) || code >= 0x3000;
      if (isBoundary && !(code === 46 && after === index + 1 && isAbbreviationBefore(table, firstWord, index, after, end))) {
        if (sentenceStart >= 0) sentences.push(createSentence(text, mask, sentenceStart, after, firstWord, table.count - firstWord, syllables, TERMINALS[code] as string, hasProtectedText));
        sentenceStart = -1;
        firstWord = table.count;
        syllables = 0;
        hasProtectedText = false;
      }
      index = after;
      continue;
    }
    if (code === 58) {
      if (sentenceStart < 0) sentenceStart = index;
      let after = index + 1;
      while (after < end && (text.charCodeAt(after) === 32 || text.charCodeAt(after) === 9)) after++;
      // A CRLF line break ends the line too: CRLF files scored as if their colons never ended a line.
      if (after >= end || text.charCodeAt(after) === 10 || (text.charCodeAt(after) === 13 && (after + 1 >= end || text.charCodeAt(after + 1) === 10))) {
        sentences.push(createSentence(text, mask, sentenceStart, index + 1, firstWord, table.count - firstWord, syllables, ':', hasProtectedText));
        sentenceStart = -1;
        firstWord = table.count;
        syllables = 0;
        hasProtectedText = false;
        index = after;
        continue;
      }
    } else if (sentenceStart < 0 && !isSpaceCode(code)) {
      sentenceStart = index;
    }
    index++;
  }
  if (sentenceStart >= 0) {
    const sentenceEnd = lastNonSpace(text, mask, start, end);
    sentences.push(createSentence(text, mask, sentenceStart, sentenceEnd, firstWord, table.count - firstWord, syllables, '', hasProtectedText));
  }
  return sentences;
}

/** `.`, `!` and `?` by character code, so that ending a sentence slices no string. */
const TERMINALS: Record<number, string> = { 46: '.', 33: '!', 63: '?', 0x3002: '.', 0xff01: '!', 0xff1f: '?' };

function createSentence(
  text: string,
  mask: Uint8Array,
  start: number,
  end: number,
  firstWord: number,
  wordCount: number,
  syllables: number,
  terminal: string,
  hasProtectedText: boolean,
): ProseSentence {
  const firstLetter = firstLetterCase(text, mask, start, end);
  return { start, end, firstWord, wordCount, syllables, terminal, firstLetter, hasProtectedText };
}

/**
 * Reads the word that starts at `start` (a word character), appends it to
 * `table` and returns the offset just after it. ASCII words are hashed as they
 * are read, so that the vocabulary finds them without slicing the text.
 */
function readWord(text: string, mask: Uint8Array, start: number, end: number, table: WordTable): number {
  let index = start;
  let isAscii = true;
  let hash = HASH_SEED;
  for (;;) {
    // A run of [A-Za-z0-9_], hashed in lower case: the common case, in a tight loop.
    while (index < end) {
      const code = text.charCodeAt(index);
      const folded = code < 128 ? (FOLDED_ASCII_WORD_CODES[code] as number) : 0;
      if (folded === 0 || mask[index] !== 0) break;
      hash = hashStep(hash, folded);
      index++;
    }
    if (index >= end || mask[index] !== 0) break;
    const code = text.charCodeAt(index);
    // Most words end at a space or punctuation: ASCII, not an apostrophe.
    if (code < 128 && code !== 39) break;
    if (code >= 128) {
      const length = wordCharacterLength(text, index);
      if (length > 0) {
        // Chinese and Japanese write no spaces: each ideograph or kana is read as a word (as Chinese word counts
        // do), else a whole clause was one "word" and no repetition or long sentence could be seen (audit).
        if (isCjkCharacter(text, index)) {
          if (index === start) {
            isAscii = false;
            index += length;
          }
          break;
        }
        isAscii = false;
        index += length;
        // A version can start inside a word after a character that is not [A-Za-z0-9_] (é1.2.3).
        if (matchVersionAt(text, index) > 0) break;
        continue;
      }
    }
    // An apostrophe between two word characters stays inside the word: don't, it's.
    if ((code === 39 || code === 0x2019) && index + 1 < end && mask[index + 1] === 0 && wordCharacterLength(text, index + 1) > 0 && matchVersionAt(text, index + 1) < 0) {
      if (code === 39) hash = hashStep(hash, 39);
      else isAscii = false;
      index++;
      continue;
    }
    break;
  }
  const id = isAscii ? table.internAscii(text, start, index, hash) : table.intern(text.slice(start, index).toLowerCase());
  table.push(id, start, index);
  return index;
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

/** Whether the character at `index` is a Han ideograph (CJK blocks, extensions) or Japanese kana. */
function isCjkCharacter(text: string, index: number): boolean {
  const code = text.codePointAt(index) ?? 0;
  return (
    (code >= 0x3040 && code <= 0x30ff) || // Hiragana, Katakana
    (code >= 0x3400 && code <= 0x4dbf) || // CJK Extension A
    (code >= 0x4e00 && code <= 0x9fff) || // CJK Unified Ideographs
    (code >= 0xf900 && code <= 0xfaff) || // CJK Compatibility Ideographs
    (code >= 0x20000 && code <= 0x3134f) // CJK Extensions B-G
  );
}
