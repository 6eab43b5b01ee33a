import type { PiiFinding } from './types.js';

// 13-19 digits, either one run or groups joined by one space or one dash.
// Not before a word character, nor a `.`, `-` or `/` and, within 32
// characters, a digit: the look-ahead is bounded, as it runs again for every
// way of grouping the digits (unbounded, it made the search quadratic).
const CARD = /(?<![\w.+\-/,])\d{4}(?:([ -]?)\d{2,7}){1,4}(?!\w|[.\-/][\w.\-/]{0,32}\d)/g;
// How every match starts; far cheaper to look for than the whole pattern.
const CARD_START = /\d{4}[ -]?\d\d/;

// Brands by issuer identification number prefix, with their lengths.
const BRANDS: ReadonlyArray<{ prefix: RegExp; lengths: readonly number[] }> = [
  { prefix: /^4/, lengths: [13, 16, 19] }, // Visa
  { prefix: /^(?:5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/, lengths: [16] }, // Mastercard
  { prefix: /^3[47]/, lengths: [15] }, // American Express
  { prefix: /^(?:6011|64[4-9]|65)/, lengths: [16, 17, 18, 19] }, // Discover
  { prefix: /^35(?:2[89]|[3-8]\d)/, lengths: [16, 17, 18, 19] }, // JCB
  { prefix: /^3(?:0[0-5]|[689])/, lengths: [14, 15, 16, 17, 18, 19] }, // Diners Club
  { prefix: /^62/, lengths: [16, 17, 18, 19] }, // UnionPay
  { prefix: /^(?:50|5[6-9]|6[0-9])/, lengths: [13, 14, 15, 16, 17, 18, 19] }, // Maestro
];

// Numbers the card networks and payment processors publish for testing; they pay nothing.
const PUBLISHED_TEST_NUMBERS = new Set([
  '4242424242424242', '4000056655665556', '4111111111111111', '4012888888881881', '4222222222222',
  '5555555555554444', '5200828282828210', '5105105105105100', '2223003122003222',
  '378282246310005', '371449635398431', '378734493671000',
  '6011111111111117', '6011000990139424', '6011000000000004',
  '3056930009020004', '36227206271667', '30569309025904', '38520000023237',
  '3566002020360505', '3530111333300000', '6200000000000005',
]);

/**
 * Finds payment card numbers: 13-19 digits (one run, or groups separated
 * by a single consistent space or dash) with a known issuer prefix and
 * length, passing the Luhn check. Not masked: the test numbers that card
 * networks and processors publish (4242 4242 4242 4242, 4111 1111 1111 1111, ...).
 */
export function detectPaymentCards(text: string): PiiFinding[] {
  if (!CARD_START.test(text)) return [];
  const findings: PiiFinding[] = [];
  for (const match of text.matchAll(CARD)) {
    const raw = match[0];
    const separators = new Set(raw.replace(/\d/g, '').split(''));
    if (separators.size > 1) continue;
    const digits = raw.replace(/\D/g, '');
    if (separators.size === 1 && !isCardGrouping(raw)) continue;
    if (!BRANDS.some((brand) => brand.prefix.test(digits) && brand.lengths.includes(digits.length))) continue;
    if (!passesLuhn(digits) || PUBLISHED_TEST_NUMBERS.has(digits)) continue;
    findings.push({ kind: 'payment-card', range: { start: match.index, end: match.index + raw.length } });
  }
  return findings;
}

// Printed cards group 4-4-4-4(-3), 4-6-5 (Amex) or 4-6-4 (Diners).
function isCardGrouping(raw: string): boolean {
  const groups = raw.split(/[ -]/).map((group) => group.length).join('-');
  return /^4-4-4-4(?:-[1-3])?$|^4-4-4-[1-3]$|^4-6-[45]$/.test(groups);
}

/** Tells whether a digit string passes the Luhn (mod 10) check. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let index = digits.length - 1; index >= 0; index--) {
    let digit = digits.charCodeAt(index) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}
