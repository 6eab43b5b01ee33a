import { countSyllables } from './count-syllables.js';

/** A sentence found by {@link splitSentences}, with its words. */
export interface ProseSentence {
  /** 0-based offset of the first non-space character. */
  start: number;
  /** Offset just after the terminal punctuation (or the last word). */
  end: number;
  /** Lower-case words in order (masked text excluded). */
  words: string[];
  /** Offsets of each word's first character. */
  wordStarts: number[];
  /** Offsets just after each word. */
  wordEnds: number[];
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

/** Length (1 or 2 code units) of the word character at `index`, or 0 when it is not one. */
function wordCharacterLength(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code < 128) return isAsciiWordCode(code) ? 1 : 0;
  const codePoint = text.codePointAt(index) ?? code;
  const character = String.fromCodePoint(codePoint);
  return NON_ASCII_WORD.test(character) ? character.length : 0;
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
 * @param mask one byte per code unit of `text`: 0 prose, 1 protected text (skipped, may start a sentence), 2 markup (read as white space).
 */
export function splitSentences(text: string, mask: Uint8Array, start: number, end: number): ProseSentence[] {
  const sentences: ProseSentence[] = [];
  let sentenceStart = -1;
  let words: string[] = [];
  let wordStarts: number[] = [];
  let wordEnds: number[] = [];
  let syllables = 0;

  const flush = (sentenceEnd: number, terminal: string): void => {
    if (sentenceStart >= 0) {
      sentences.push({
        start: sentenceStart,
        end: sentenceEnd,
        words,
        wordStarts,
        wordEnds,
        syllables,
        terminal,
        firstLetter: firstLetterCase(text, mask, sentenceStart, sentenceEnd),
      });
    }
    sentenceStart = -1;
    words = [];
    wordStarts = [];
    wordEnds = [];
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
    let length = wordCharacterLength(text, index);
    if (length > 0) {
      const wordStart = index;
      let hasUpper = false;
      while (index < end && mask[index] === 0) {
        length = wordCharacterLength(text, index);
        if (length === 0) {
          const next = text.charCodeAt(index);
          // An apostrophe between two word characters stays inside the word: don't, it's.
          if ((next === 39 || next === 0x2019) && index + 1 < end && mask[index + 1] === 0 && wordCharacterLength(text, index + 1) > 0) {
            index++;
            continue;
          }
          break;
        }
        const wordCode = text.charCodeAt(index);
        if (wordCode >= 65 && wordCode <= 90) hasUpper = true;
        else if (wordCode >= 128) hasUpper = true;
        index += length;
      }
      const raw = text.slice(wordStart, index);
      const word = hasUpper ? raw.toLowerCase() : raw;
      if (sentenceStart < 0) sentenceStart = wordStart;
      words.push(word);
      wordStarts.push(wordStart);
      wordEnds.push(index);
      syllables += countSyllables(word);
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
      if (isBoundary && !(code === 46 && after === index + 1 && isAbbreviationBefore(words, wordEnds, index, after, end))) {
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

function isAbbreviationBefore(words: string[], wordEnds: number[], periodIndex: number, after: number, end: number): boolean {
  const last = words.length - 1;
  if (last < 0 || wordEnds[last] !== periodIndex) return false;
  const word = words[last] ?? '';
  // At the end of the block even an abbreviation ends the sentence.
  if (after >= end) return false;
  return word.length === 1 || ABBREVIATIONS.has(word);
}

function lastNonSpace(text: string, mask: Uint8Array, start: number, end: number): number {
  let index = end;
  while (index > start && (mask[index - 1] === 2 || (isSpaceCode(text.charCodeAt(index - 1)) && mask[index - 1] === 0))) index--;
  return index;
}
