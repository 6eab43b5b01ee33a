import { PII_LABEL, type PiiFinding } from './types.js';

const LABELS = [...new Set(Object.values(PII_LABEL))].join('|');

/**
 * Matches a placeholder exactly as miair writes it: `[LABEL_N]`, an
 * upper-case label of {@link PII_LABEL} and a positive decimal number
 * (`[EMAIL_1]`, `[SECRET_12]`). Global: use with `matchAll`.
 */
export const PLACEHOLDER_PATTERN = new RegExp(`\\[(${LABELS})_([1-9]\\d*)\\]`, 'g');

/**
 * Matches what a model makes of a placeholder when it rewrites one: another
 * case, a space or dash for the underscore, markdown escapes, missing or
 * other brackets (`[Email_1]`, `\[EMAIL\_1\]`, `EMAIL 1`, `{EMAIL_1}`).
 * Group 1 is the label, group 2 the number.
 */
export const LOOSE_PLACEHOLDER_PATTERN = new RegExp(`(?<![A-Za-z0-9])(${LABELS})(?:\\\\?[_ -])?([1-9]\\d*)(?![0-9])`, 'gi');

/** Ranges of the placeholders (`[EMAIL_1]`) in `text`, in order. */
export function findPlaceholders(text: string): PiiFinding['range'][] {
  const ranges: PiiFinding['range'][] = [];
  if (!text.includes('[')) return ranges;
  for (const match of text.matchAll(PLACEHOLDER_PATTERN)) ranges.push({ start: match.index, end: match.index + match[0].length });
  return ranges;
}
