/**
 * Classes of UTF-16 code units for the `devdocai` scanner: word character
 * (`/[\p{L}\p{N}_]/u`), Python `str.split()` whitespace, sentence stop
 * (`.`, `!`, `?`), anything else, or the start of a surrogate pair.
 */

/** Not classified yet (filled on first sight by {@link classifyCodeUnit}). */
export const UNKNOWN = 0;
/** A letter, number or `_`: part of a word. */
export const WORD = 1;
/** Python `str.split()` whitespace: ends a token. */
export const SPACE = 2;
/** `.`, `!` or `?`: ends a sentence piece. */
export const STOP = 3;
/** Any other code unit: part of a token, not of a word. */
export const OTHER = 4;
/** A high surrogate: the class depends on the code point it starts. */
export const HIGH_SURROGATE = 5;
/** A backtick: part of a token, and maybe the start of a code fence. */
export const BACKTICK = 6;

/**
 * The class of every BMP code unit, by code unit. ASCII and the whitespace set
 * are filled here; the rest on first sight, since testing `\p{L}\p{N}` for all
 * 65,536 code units would cost every process start about 10 ms.
 */
export const CODE_UNIT_CLASSES = new Uint8Array(0x10000);
CODE_UNIT_CLASSES.fill(OTHER, 0, 128);
CODE_UNIT_CLASSES.fill(WORD, 48, 58);
CODE_UNIT_CLASSES.fill(WORD, 65, 91);
CODE_UNIT_CLASSES.fill(WORD, 97, 123);
CODE_UNIT_CLASSES[95] = WORD;
CODE_UNIT_CLASSES[96] = BACKTICK;
CODE_UNIT_CLASSES[46] = STOP;
CODE_UNIT_CLASSES[33] = STOP;
CODE_UNIT_CLASSES[63] = STOP;
// Python's str.split() whitespace: \t \n \v \f \r, \x1c-\x1f, space, \x85, \xa0,
// \u1680, \u2000-\u200a, \u2028, \u2029, \u202f, \u205f, \u3000 (not \ufeff, not \u200b).
for (const code of [9, 10, 11, 12, 13, 28, 29, 30, 31, 32, 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]) {
  CODE_UNIT_CLASSES[code] = SPACE;
}
CODE_UNIT_CLASSES.fill(SPACE, 0x2000, 0x200b);

/**
 * The lower-cased code unit of every BMP word code unit whose lower case is
 * one code unit whatever surrounds it, by code unit; 0 for any other code
 * unit and for one not classified yet. Lower-casing keeps the class of every
 * BMP code unit, and is the identity on its own result.
 */
export const LOWER_CASE_WORD_UNITS = new Uint16Array(0x10000);
for (let code = 48; code < 58; code++) LOWER_CASE_WORD_UNITS[code] = code;
for (let code = 65; code < 91; code++) LOWER_CASE_WORD_UNITS[code] = code + 32;
for (let code = 97; code < 123; code++) LOWER_CASE_WORD_UNITS[code] = code;
LOWER_CASE_WORD_UNITS[95] = 95;

const WORD_CODE_POINT = /^[\p{L}\p{N}_]$/u;
const ASTRAL_IS_WORD = new Map<number, boolean>();

/** Classifies a code unit not seen before and remembers its class. */
export function classifyCodeUnit(code: number): number {
  let kind: number;
  if (code >= 0xd800 && code <= 0xdbff) kind = HIGH_SURROGATE;
  // A lone low surrogate is category Cs, never a word character.
  else if (code >= 0xdc00 && code <= 0xdfff) kind = OTHER;
  else kind = WORD_CODE_POINT.test(String.fromCharCode(code)) ? WORD : OTHER;
  CODE_UNIT_CLASSES[code] = kind;
  if (kind === WORD) {
    const lowered = String.fromCharCode(code).toLowerCase();
    // `İ` (two code units) and `Σ` (final or not, by context) stay 0.
    if (lowered.length === 1 && code !== 0x3a3) LOWER_CASE_WORD_UNITS[code] = lowered.charCodeAt(0);
  }
  return kind;
}

/** Whether `code` is a low (trailing) surrogate. */
export function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Whether the code units at `index` are a surrogate pair whose code point is a letter or number. */
export function isAstralWordAt(units: Uint16Array, index: number, length: number): boolean {
  if (index + 1 >= length) return false;
  const high = units[index]!;
  const low = units[index + 1]!;
  if (high < 0xd800 || high > 0xdbff || !isLowSurrogate(low)) return false;
  const codePoint = ((high - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
  let isWord = ASTRAL_IS_WORD.get(codePoint);
  if (isWord === undefined) {
    isWord = WORD_CODE_POINT.test(String.fromCodePoint(codePoint));
    ASTRAL_IS_WORD.set(codePoint, isWord);
  }
  return isWord;
}
