/**
 * The scanner of the `devdocai` profile: word frequencies (fenced code
 * deleted, lower-cased, words are maximal runs of `/[\p{L}\p{N}_]/u`) and the
 * sentence share S, read from UTF-16 code units without building a token
 * array. README.md in this folder says why it is shaped this way.
 */
import * as classes from './code-unit-classes.js';
import { copyCodeUnits } from './copy-code-units.js';
import { deleteFencedCode } from './delete-fenced-code.js';
import { WordTable } from './word-table.js';

const { classifyCodeUnit, CODE_UNIT_CLASSES, isAstralWordAt, isLowSurrogate, LOWER_CASE_WORD_UNITS } = classes;
// Module-local copies of the class ids: V8 folds these into the scanning loop
// but reloads imported bindings on every use (measured 10-15% slower).
const UNKNOWN = classes.UNKNOWN;
const WORD = classes.WORD;
const SPACE = classes.SPACE;
const STOP = classes.STOP;
const OTHER = classes.OTHER;
const HIGH_SURROGATE = classes.HIGH_SURROGATE;
const BACKTICK = classes.BACKTICK;
const FENCE = '```';
const FENCE_LENGTH = 3;

/** What one scan of a text finds. */
export interface DevdocaiScan {
  /** Word tokens. */
  words: number;
  /** Distinct words. */
  uniqueWords: number;
  /** Occurrences of each distinct word, in order of first occurrence; sums to `words`. */
  frequencies: Int32Array;
  /** S: share (0-1) of the pieces between runs of `.`, `!`, `?` that have 3 to 50 tokens. */
  sentenceShare: number;
}

/** Fewest whitespace-separated tokens of a piece that counts as a sentence. */
export const SENTENCE_MIN_TOKENS = 3;
/** Most whitespace-separated tokens of a piece that counts as a sentence. */
export const SENTENCE_MAX_TOKENS = 50;

// djb2, two operations deep per code unit (FNV's multiply measured slower on
// this loop's critical path); WordTable mixes the bits before picking a slot.
const HASH_SEED = 5381;
const table = new WordTable();
/** Longest word counted by {@link WordTable.addPacked}: 8 code units of 8 bits fill two int32 keys. */
const PACKED_MAX_LENGTH = 8;

/** The running state of S: pieces so far, sentences among them, the open piece. */
interface SentenceState {
  pieces: number;
  sentences: number;
  tokens: number;
  isInToken: boolean;
  isInStopRun: boolean;
}

/** Advances S over `units[from, to)`, where only whitespace and stops matter. */
function scanSentences(units: Uint16Array, from: number, to: number, state: SentenceState): void {
  let { pieces, sentences, tokens, isInToken, isInStopRun } = state;
  for (let index = from; index < to; index++) {
    // SPACE and STOP are filled in the table from the start; every other class is a token character.
    const kind = CODE_UNIT_CLASSES[units[index]!];
    if (kind === SPACE) {
      isInToken = false;
      isInStopRun = false;
    } else if (kind === STOP) {
      if (!isInStopRun) {
        if (tokens >= SENTENCE_MIN_TOKENS && tokens <= SENTENCE_MAX_TOKENS) sentences++;
        pieces++;
        tokens = 0;
        isInStopRun = true;
      }
      isInToken = false;
    } else {
      isInStopRun = false;
      if (!isInToken) {
        isInToken = true;
        tokens++;
      }
    }
  }
  Object.assign(state, { pieces, sentences, tokens, isInToken, isInStopRun });
}

/** S of a finished state: the last piece is closed here. */
function shareOf(state: SentenceState): number {
  const sentences = state.sentences + (state.tokens >= SENTENCE_MIN_TOKENS && state.tokens <= SENTENCE_MAX_TOKENS ? 1 : 0);
  return sentences / state.pieces;
}

/**
 * Scans a text in one pass: counts its words into `table`, lower-cased, and
 * returns the word tokens and S. A word run is read in a tight inner loop; the
 * outer loop sees each non-word code unit once.
 *
 * With `isLowerCased` false the text is the original and each word code unit
 * is lower-cased on its own, which is exact unless the text has `İ` or `Σ`
 * (the caller checks) or a letter or number outside the BMP outside fenced
 * code (the scan gives up; no other code point outside the BMP has a lower
 * case, checked for all of them). With `hasFences`, fenced code found on the
 * way (as `findFencedCode` of delete-fenced-code.ts finds it) is read for S
 * and skipped for words; the scan gives up when deleting it could join two
 * words or a surrogate pair. Returns `undefined` when it gives up.
 */
function scanWords(text: string, isLowerCased: boolean, hasFences: boolean): [words: number, sentenceShare: number] | undefined {
  const length = text.length;
  const units = copyCodeUnits(text);
  const kinds = CODE_UNIT_CLASSES;
  const lowerCaseWordUnits = LOWER_CASE_WORD_UNITS;
  table.reset(length);
  let words = 0;
  let pieces = 1;
  let sentences = 0;
  let tokens = 0;
  // 1 or 0, not booleans, so the token count is updated without a branch.
  let isInToken = 0;
  let isInStopRun = 0;
  // After an opening fence without a closing one, no backtick starts code.
  let isFenceSearched = hasFences;
  let index = 0;
  // No bounds test in the word loop: units[length] is the sentinel space.
  while (index < length) {
    const code = units[index]!;
    let kind = kinds[code]!;
    let width = 1;
    if (kind === UNKNOWN) kind = classifyCodeUnit(code);
    if (kind === HIGH_SURROGATE) {
      if (isAstralWordAt(units, index, length)) {
        // A letter or number outside the BMP may have a lower case of its own.
        if (!isLowerCased) return undefined;
        kind = WORD;
      } else {
        // A surrogate pair that is not a word is one token character, like any symbol.
        if (index + 1 < length && isLowSurrogate(units[index + 1]!)) width = 2;
        kind = OTHER;
      }
    }
    if (kind === WORD) {
      tokens += isInToken ^ 1;
      isInToken = 1;
      isInStopRun = 0;
      const start = index;
      let hash = HASH_SEED;
      // The last 8 code units, 8 bits each, and the OR of all: a word of up
      // to 8 code units under 256 is its own exact key, compared in one step.
      let lowKey = 0;
      let highKey = 0;
      let allUnits = 0;
      // The class of the code unit that ends the word, when it is one code unit handled below.
      let endKind = UNKNOWN;
      for (;;) {
        let next = units[index]!;
        let folded = lowerCaseWordUnits[next]!;
        while (folded !== 0) {
          hash = ((hash << 5) + (hash + folded)) | 0;
          highKey = (highKey << 8) | (lowKey >>> 24);
          lowKey = (lowKey << 8) | folded;
          allUnits |= folded;
          next = units[++index]!;
          folded = lowerCaseWordUnits[next]!;
        }
        if (index === length) break;
        let nextKind = kinds[next]!;
        if (nextKind === UNKNOWN) nextKind = classifyCodeUnit(next);
        if (nextKind === WORD) {
          if (lowerCaseWordUnits[next] !== 0) continue;
          // `İ` or `Σ`: lower case depends on more than this code unit.
          if (!isLowerCased) return undefined;
          hash = ((hash << 5) + (hash + next)) | 0;
          allUnits |= next;
          index++;
          continue;
        }
        if (nextKind === HIGH_SURROGATE && isAstralWordAt(units, index, length)) {
          if (!isLowerCased) return undefined;
          // Both code units of a letter outside the BMP belong to the word.
          hash = ((hash << 5) + (hash + next)) | 0;
          hash = ((hash << 5) + (hash + units[index + 1]!)) | 0;
          allUnits |= next;
          index += 2;
          if (index === length) break;
          continue;
        }
        endKind = nextKind;
        break;
      }
      const wordLength = index - start;
      if (wordLength <= PACKED_MAX_LENGTH && allUnits < 256) table.addPacked(lowKey, highKey, wordLength, start);
      else table.add(units, start, wordLength, hash);
      words++;
      // The unit after the word is read already: handle it here unless it starts a surrogate pair.
      if (endKind === UNKNOWN || endKind === HIGH_SURROGATE) continue;
      kind = endKind;
    }
    if (kind === BACKTICK && isFenceSearched && units[index + 1] === 96 && text.startsWith(FENCE, index)) {
      const fenceEnd = findFenceEnd(text, index);
      if (fenceEnd === -1) {
        isFenceSearched = false;
      } else {
        if (index > 0 && fenceEnd < length && mayJoin(units[index - 1]!) && mayJoin(units[fenceEnd]!)) return undefined;
        // Fenced code has no words but its sentences count: S reads the original text.
        const state: SentenceState = { pieces, sentences, tokens, isInToken: isInToken === 1, isInStopRun: isInStopRun === 1 };
        scanSentences(units, index, fenceEnd, state);
        ({ pieces, sentences, tokens } = state);
        isInToken = state.isInToken ? 1 : 0;
        isInStopRun = state.isInStopRun ? 1 : 0;
        index = fenceEnd;
        continue;
      }
    }
    index += width;
    if (kind === STOP) {
      if (isInStopRun === 0) {
        if (tokens >= SENTENCE_MIN_TOKENS && tokens <= SENTENCE_MAX_TOKENS) sentences++;
        pieces++;
        tokens = 0;
        isInStopRun = 1;
      }
      isInToken = 0;
    } else {
      // Whitespace ends a token, anything else starts or continues one: no branch on which.
      const isTokenUnit = kind === SPACE ? 0 : 1;
      tokens += isTokenUnit & (isInToken ^ 1);
      isInToken = isTokenUnit;
      isInStopRun = 0;
    }
  }
  const sentenceShare = shareOf({ pieces, sentences, tokens, isInToken: isInToken === 1, isInStopRun: isInStopRun === 1 });
  return [words, sentenceShare];
}

/**
 * The end (exclusive) of the fenced code that opens with the run of three
 * backticks at `start`, with any fenced code that touches it, as
 * `findFencedCode` merges them; -1 when no run closes it.
 */
function findFenceEnd(text: string, start: number): number {
  const close = text.indexOf(FENCE, start + FENCE_LENGTH);
  if (close === -1) return -1;
  let end = close + FENCE_LENGTH;
  while (text.startsWith(FENCE, end)) {
    const next = text.indexOf(FENCE, end + FENCE_LENGTH);
    if (next === -1) break;
    end = next + FENCE_LENGTH;
  }
  return end;
}

/**
 * S of the `devdocai` profile: the text (code and case kept) is cut at every
 * maximal run of `.`, `!` or `?`; every piece counts, empty ones too (a text
 * ending in `.` has an empty last piece), and a piece is a sentence when
 * Python's `str.split()` gives it 3 to 50 tokens.
 *
 * @returns sentences / pieces, 0-1.
 * @example
 * devdocaiSentenceShare('One two three. Four'); // 0.5
 */
export function devdocaiSentenceShare(text: string): number {
  const state: SentenceState = { pieces: 1, sentences: 0, tokens: 0, isInToken: false, isInStopRun: false };
  scanSentences(copyCodeUnits(text), 0, text.length, state);
  return shareOf(state);
}

/** Whether a code unit next to fenced code could join a word or a surrogate pair across it. */
function mayJoin(code: number): boolean {
  return code >= 128 || CODE_UNIT_CLASSES[code] === WORD;
}

/**
 * Scans a text by the `devdocai` rules: word frequencies and the sentence share S.
 *
 * One pass does both, usually over the original text with each word code
 * unit lower-cased as it is read (`LOWER_CASE_WORD_UNITS`): that equals
 * lower-casing the whole text unless the text has `İ`, `Σ` or a letter or
 * number outside the BMP, and then the pass runs over `text.toLowerCase()`. Lower-casing
 * never creates, removes or moves whitespace, `.!?` or backticks (checked for
 * every code point), so S and the fences read either way are those of the
 * original; words are counted outside the fences. When deleting a fence could
 * change the words (a word or surrogate pair joined across it, a final sigma
 * decided across it), the words come from the lower-cased text without the
 * code and S from the original, one pass each.
 *
 * The rules lower-case the whole text before splitting because lower-casing
 * is not per character in general: `İ` becomes `i` plus U+0307 (not a letter,
 * so `İstanbul` gives `i` and `stanbul`) and a final `Σ` becomes `ς`.
 *
 * @example
 * scanDevdocai('One two three. Four'); // { words: 4, uniqueWords: 4, frequencies: [1, 1, 1, 1], sentenceShare: 0.5 }
 */
export function scanDevdocai(text: string): DevdocaiScan {
  const { words, sentenceShare } = scanText(text);
  const frequencies = table.frequencies();
  return { words, uniqueWords: frequencies.length, frequencies, sentenceShare };
}

/** Scans `text` into `table`; `scanned` is the text the table's offsets point into. */
function scanText(text: string): { words: number; sentenceShare: number; scanned: string } {
  // Fast path: lower-case each word code unit inside the scan, exact unless
  // the text has `İ`, `Σ` or a letter outside the BMP (the scan gives up on
  // it) or deleting fenced code joins words (the scan gives up on it too).
  const hasSigma = text.includes('\u03a3');
  if (!hasSigma && !text.includes('\u0130')) {
    const scanned = scanWords(text, false, true);
    if (scanned !== undefined) return { words: scanned[0], sentenceShare: scanned[1], scanned: text };
  }
  const lowered = text.toLowerCase();
  // Lower-casing never creates, removes or moves whitespace, `.!?` or
  // backticks, so S and the fences read from the lower-cased text are those of the original.
  if (!hasSigma || !lowered.includes(FENCE)) {
    const scanned = scanWords(lowered, true, true);
    if (scanned !== undefined) return { words: scanned[0], sentenceShare: scanned[1], scanned: lowered };
  }
  // Deleting the code could change the words (a final sigma decided across a
  // fence, a word or surrogate pair joined across one): one pass each.
  const scanned = deleteFencedCode(text).toLowerCase();
  const [words] = scanWords(scanned, true, false)!;
  return { words, sentenceShare: devdocaiSentenceShare(text), scanned };
}

/**
 * The distinct words of a text by the `devdocai` rules, with their counts, in
 * order of first occurrence. Slower than {@link scanDevdocai} (it builds a
 * string per distinct word); for display and tests.
 *
 * @example
 * devdocaiWords('Hello hello, İstanbul'); // Map { 'hello' => 2, 'i' => 1, 'stanbul' => 1 }
 */
export function devdocaiWords(text: string): Map<string, number> {
  const { scanned } = scanText(text);
  const words = new Map<string, number>();
  for (const [start, length, count] of table.entries()) words.set(scanned.slice(start, start + length).toLowerCase(), count);
  return words;
}
