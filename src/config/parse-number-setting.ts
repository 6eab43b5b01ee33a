/** Decimal notation only: digits, an optional fraction and exponent; no hex, binary, octal, `Infinity` or blanks. */
const DECIMAL_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Turns the text of a numeric flag or `MIAIR_*` variable into a number, or
 * returns the text unchanged so that validation reports it as it was given.
 * Only decimal notation counts: `Number('0x10')` is 16, but `MIAIR_THREADS=0x10`
 * is a typo far more often than a wish for hexadecimal. A value too large
 * for a double (`1e400`) stays text too, rather than becoming `Infinity`.
 *
 * @example
 * parseNumberSetting('16');   // 16
 * parseNumberSetting('0x10'); // '0x10'
 */
export function parseNumberSetting(value: string): number | string {
  const trimmed = value.trim();
  if (!DECIMAL_NUMBER.test(trimmed)) return value;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : value;
}
