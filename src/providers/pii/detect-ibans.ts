import type { PiiFinding } from './types.js';

// Country code, two check digits, then the account in groups of four
// (printed form) or as one run (electronic form).
const IBAN = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])/g;
// How every match starts; far cheaper to look for than the whole pattern.
const IBAN_START = /[A-Z]{2}\d\d/;

// Length of the IBAN of each country of the SWIFT registry.
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21, CR: 22,
  CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22,
  GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30,
  KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31,
  MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SE: 24,
  SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

/**
 * Finds IBANs: a country of the SWIFT registry, that country's length, and
 * the ISO 13616 mod-97 checksum (remainder 1), in electronic or printed
 * (groups of four) form.
 */
export function detectIbans(text: string): PiiFinding[] {
  if (!IBAN_START.test(text)) return [];
  const findings: PiiFinding[] = [];
  for (const match of text.matchAll(IBAN)) {
    const compact = match[0].replace(/ /g, '');
    if (IBAN_LENGTHS[compact.slice(0, 2)] !== compact.length || !passesIbanChecksum(compact)) continue;
    findings.push({ kind: 'iban', range: { start: match.index, end: match.index + match[0].length } });
  }
  return findings;
}

/** Tells whether a compact IBAN passes the ISO 13616 mod-97 check. */
export function passesIbanChecksum(compact: string): boolean {
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const character of rearranged) {
    const code = character.charCodeAt(0);
    // Letters count as two digits, A = 10 ... Z = 35.
    const value = code >= 65 ? code - 55 : code - 48;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}
