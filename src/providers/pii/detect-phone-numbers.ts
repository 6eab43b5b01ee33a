import type { PiiFinding } from './types.js';

// E.164 written for people: `+CC` then groups separated by a space, dot or
// dash, an optional `(area)`. Not after a word character, `.`, `+` or `-`
// (semver build metadata `1.0.0+2013`, diff counts), not before a digit
// (nor a `.` and, within 32 characters, one: the look-ahead is bounded, as it
// runs again for every way of grouping the digits).
const INTERNATIONAL = /(?<![\w.+\-/])\+[1-9]\d{0,2}(?:[ .-]?\(\d{1,4}\))?(?:[ .-]?\d{1,5}){2,6}(?!\w|\.[\w.]{0,32}\d)/g;
// North American `(415) 555-2671`, `415-555-2671`, `415.555.2671`: area
// and exchange codes start with 2-9.
const NORTH_AMERICAN = /(?<![\w.+\-/])(?:\([2-9]\d{2}\) ?|[2-9]\d{2}([-.]))[2-9]\d{2}[-.]\d{4}(?![\w.-]*\d|\w)/g;
// European trunk-prefixed numbers in groups: `020 7946 0958`, `06 12 34 56 78`, `0171 2345678`.
const EUROPEAN = /(?<![\w.+\-/:])0[1-9]\d{0,3}(?: \d{2,4}){2,4}(?![\w.:-]*\d|\w)/g;
// What every match of each pattern contains; far cheaper to look for than the patterns.
const INTERNATIONAL_SHAPE = /\+[1-9]/;
const NORTH_AMERICAN_SHAPE = /\d{3}[-.]\d{4}/;
const EUROPEAN_SHAPE = /\d \d{2,4} \d\d/;

/**
 * Finds phone numbers, conservatively: international numbers with a
 * leading `+` and 8-15 digits, North American numbers with separators, and
 * trunk-prefixed European numbers in space-separated groups (10-11
 * digits). Never a bare digit run, a version, a date or time, an IP
 * address, a port or a number inside a longer dotted or dashed token. Not masked:
 * the fictional NANP range 555-0100 to 555-0199 and sequential or
 * repeated digits (`+1234567890`).
 */
export function detectPhoneNumbers(text: string): PiiFinding[] {
  const findings: PiiFinding[] = [];
  for (const match of INTERNATIONAL_SHAPE.test(text) ? text.matchAll(INTERNATIONAL) : []) {
    const digits = countDigits(match[0]);
    if (digits >= 8 && digits <= 15 && hasConsistentSeparators(match[0]) && !isFictional(match[0])) findings.push(toFinding(match));
  }
  for (const match of NORTH_AMERICAN_SHAPE.test(text) ? text.matchAll(NORTH_AMERICAN) : []) {
    // The separator after the area code must match the one before the line number.
    const separator = match[1];
    if (separator !== undefined && match[0].charAt(match[0].length - 5) !== separator) continue;
    if (isFictional(match[0])) continue;
    findings.push(toFinding(match));
  }
  for (const match of EUROPEAN_SHAPE.test(text) ? text.matchAll(EUROPEAN) : []) {
    const digits = countDigits(match[0]);
    if (digits >= 10 && digits <= 11) findings.push(toFinding(match));
  }
  return findings;
}

// NANP reserves 555-0100 to 555-0199 for fiction; `+1234567890` and
// `0000000000` are what people type when they mean "a number".
function isFictional(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  if (/^(?:1)?\d{3}55501\d\d$/.test(digits)) return true;
  if (/^(\d)\1+$/.test(digits)) return true;
  return '0123456789012345'.includes(digits) || '1234567890123456'.includes(digits) || '9876543210987654'.includes(digits);
}

function countDigits(value: string): number {
  let count = 0;
  for (const character of value) if (character >= '0' && character <= '9') count++;
  return count;
}

// `+1 415 555 2671` and `+44-20-7946-0958` use one separator; `+1 2.3-4` is not a number people write.
function hasConsistentSeparators(value: string): boolean {
  const separators = new Set(value.replace(/[\d+()]/g, '').split(''));
  return separators.size <= 1;
}

function toFinding(match: RegExpMatchArray): PiiFinding {
  return { kind: 'phone', range: { start: match.index!, end: match.index! + match[0].length } };
}
