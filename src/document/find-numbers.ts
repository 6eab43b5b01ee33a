// A run of decimal digits (any script) with `.` or `,` groups, or a
// hexadecimal literal, which is one number: `0xFF` read as `0` let `0xFF` ->
// `0x0` pass. A minus sign before it is judged by `findNumbers`.
const NUMBER = /0[xX][0-9A-Fa-f]+|\p{Nd}+(?:[.,]\p{Nd}+)*/gu;
const SIGN_OPENERS = new Set(['(', '[', '{']);

/**
 * The numeric tokens of `text.slice(start, end)`, in order, as written: runs
 * of decimal digits with `.` or `,` between groups (`1,024.5`), hexadecimal
 * literals (`0xFF`, `0X1f`), each with its minus sign.
 *
 * A minus (ASCII `-` or U+2212 `−`) right before the digits belongs to the
 * number only at the start of `text` or after white space or an opening
 * bracket (`(`, `[`, `{`): `-5` and `(−2 dB)` are negative, while in a
 * range (`1-5`), a word (`step-2`, `UTF-8`) or an exponent (`1e-5`) the
 * hyphen joins and the number is `5`, `2`, `8`. The character before `start`
 * is read from `text`, so a range cut out of a longer text judges its first
 * sign as the whole text would. Offsets are 0-based UTF-16 indices, `end`
 * exclusive.
 *
 * @example
 * findNumbers('Set -5, steps 1-5 and 0xFF.', 0, 27); // ['-5', '1', '5', '0xFF']
 */
export function findNumbers(text: string, start: number, end: number): string[] {
  const range = start === 0 && end === text.length ? text : text.slice(start, end);
  // Most prose has no minus at all: String#match gives the tokens without a match object each (the
  // guards call this on every candidate; a sign in the pattern itself doubled their cost).
  if (range.indexOf('-') === -1 && range.indexOf('\u2212') === -1) return range.match(NUMBER) ?? [];
  const numbers: string[] = [];
  NUMBER.lastIndex = 0;
  for (let match = NUMBER.exec(range); match !== null; match = NUMBER.exec(range)) {
    const at = start + match.index;
    const isSigned = at > start && hasMinus(text, at - 1) && isSignPosition(text, at - 2);
    numbers.push(isSigned ? `${text.charAt(at - 1)}${match[0]}` : match[0]);
  }
  return numbers;
}

function hasMinus(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code === 45 || code === 0x2212;
}

/** True when a minus after `text[index]` is a sign: `index` is before the text, white space or an opening bracket. */
function isSignPosition(text: string, index: number): boolean {
  if (index < 0) return true;
  const previous = text.charAt(index);
  return /\s/.test(previous) || SIGN_OPENERS.has(previous);
}
