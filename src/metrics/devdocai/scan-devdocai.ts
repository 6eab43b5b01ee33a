/**
 * The scanner of the `devdocai` profile: word frequencies (fenced code
 * deleted, lower-cased, words are maximal runs of `/[\p{L}\p{N}_]/u`) and the
 * sentence share S, read from UTF-16 code units without building a token
 * array. README.md in this folder says why it is shaped this way.
 */
import * as classes from './code-unit-classes.js';
import { copyCodeUnits } from './copy-code-units.js';
import { deleteFencedCode, findFencedCode } from './delete-fenced-code.js';
import { WordTable } from './word-table.js';

const { classifyCodeUnit, CODE_UNIT_CLASSES, isAstralWordAt, isLowSurrogate } = classes;
// Module-local copies of the class ids: V8 folds these into the scanning loop
// but reloads imported bindings on every use (measured 10-15% slower).
const UNKNOWN = classes.UNKNOWN;
const WORD = classes.WORD;
const SPACE = classes.SPACE;
const STOP = classes.STOP;
const OTHER = classes.OTHER;
const HIGH_SURROGATE = classes.HIGH_SURROGATE;

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
const NO_FENCES: readonly number[] = [];

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
 * Scans lower-cased text in one pass: counts words into `table` outside the
 * fenced regions `fences` (flat start, end pairs) and advances S everywhere.
 * A word run is read in a tight inner loop; the outer loop sees each non-word
 * code unit once. Returns the word tokens and S.
 */
function scanLowered(text: string, fences: readonly number[]): [words: number, sentenceShare: number] {
  const length = text.length;
  const units = copyCodeUnits(text);
  const kinds = CODE_UNIT_CLASSES;
  table.reset(length);
  const state: SentenceState = { pieces: 1, sentences: 0, tokens: 0, isInToken: false, isInStopRun: false };
  let words = 0;
  let pieces = 1;
  let sentences = 0;
  let tokens = 0;
  let isInToken = false;
  let isInStopRun = false;
  let index = 0;
  let fence = 0;
  let end = fences.length > 0 ? fences[0]! : length;
  for (;;) {
    while (index < end) {
      const code = units[index]!;
      let kind = kinds[code]!;
      let width = 1;
      if (kind === UNKNOWN) kind = classifyCodeUnit(code);
      if (kind === HIGH_SURROGATE) {
        if (isAstralWordAt(units, index, end)) {
          kind = WORD;
        } else {
          // A surrogate pair that is not a word is one token character, like any symbol.
          if (index + 1 < end && isLowSurrogate(units[index + 1]!)) width = 2;
          kind = OTHER;
        }
      }
      if (kind === WORD) {
        if (!isInToken) {
          isInToken = true;
          tokens++;
        }
        isInStopRun = false;
        const start = index;
        let hash = HASH_SEED;
        for (;;) {
          let next = units[index]!;
          // No bounds test: units[end] is a backtick (a fence starts there) or the sentinel space.
          while (kinds[next] === WORD) {
            hash = ((hash << 5) + (hash + next)) | 0;
            next = units[++index]!;
          }
          if (index === end) break;
          let nextKind = kinds[next]!;
          if (nextKind === UNKNOWN) nextKind = classifyCodeUnit(next);
          if (nextKind === WORD) continue;
          if (nextKind === HIGH_SURROGATE && isAstralWordAt(units, index, end)) {
            // Both code units of a letter outside the BMP belong to the word.
            hash = ((hash << 5) + (hash + next)) | 0;
            hash = ((hash << 5) + (hash + units[index + 1]!)) | 0;
            index += 2;
            if (index === end) break;
            continue;
          }
          break;
        }
        table.add(units, start, index - start, hash);
        words++;
        continue;
      }
      index += width;
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
    if (end === length) break;
    // Fenced code has no words but its sentences count: S reads the original text.
    Object.assign(state, { pieces, sentences, tokens, isInToken, isInStopRun });
    index = fences[fence + 1]!;
    scanSentences(units, end, index, state);
    ({ pieces, sentences, tokens, isInToken, isInStopRun } = state);
    fence += 2;
    end = fence < fences.length ? fences[fence]! : length;
  }
  Object.assign(state, { pieces, sentences, tokens, isInToken, isInStopRun });
  return [words, shareOf(state)];
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

/**
 * Whether deleting the fenced code could make the lower-cased text differ from
 * the lower-cased text with the code deleted: a final sigma decided across a
 * fence, or a word or surrogate pair joined across one. Both are rare; such a
 * text is scanned in two passes.
 */
function needsSeparatePasses(text: string, lowered: string, fences: readonly number[]): boolean {
  if (text.includes('\u03a3')) return true;
  for (let index = 0; index < fences.length; index += 2) {
    const start = fences[index]!;
    const end = fences[index + 1]!;
    if (start === 0 || end === lowered.length) continue;
    if (mayJoin(lowered.charCodeAt(start - 1)) && mayJoin(lowered.charCodeAt(end))) return true;
  }
  return false;
}

function mayJoin(code: number): boolean {
  return code >= 128 || CODE_UNIT_CLASSES[code] === WORD;
}

/**
 * Scans a text by the `devdocai` rules: word frequencies and the sentence share S.
 *
 * One pass over the lower-cased text does both: lower-casing never creates,
 * removes or moves whitespace, `.!?` or backticks (checked for every code
 * point), so S and the fences read from it are those of the original; words
 * are counted outside the fences. When deleting a fence could change the
 * words (see `needsSeparatePasses`), the words come from the lower-cased text
 * without the code and S from the original, one pass each.
 *
 * The whole text is lower-cased before splitting, as the rules say, because
 * lower-casing is not per character: `İ` becomes `i` plus U+0307 (not a
 * letter, so `İstanbul` gives `i` and `stanbul`) and a final `Σ` becomes `ς`.
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
  const lowered = text.toLowerCase();
  const fences = findFencedCode(lowered);
  if (fences.length > 0 && needsSeparatePasses(text, lowered, fences)) {
    const scanned = deleteFencedCode(text).toLowerCase();
    const [words] = scanLowered(scanned, NO_FENCES);
    return { words, sentenceShare: devdocaiSentenceShare(text), scanned };
  }
  const [words, sentenceShare] = scanLowered(lowered, fences);
  return { words, sentenceShare, scanned: lowered };
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
  for (const [start, length, count] of table.entries()) words.set(scanned.slice(start, start + length), count);
  return words;
}
