import type { PiiFinding } from './types.js';

const SSN = /(?<![\w.\-/])(\d{3})-(\d{2})-(\d{4})(?![\w.\-/]*\d|\w)/g;
// SSN without its context; far cheaper to look for than the whole pattern.
const SSN_SHAPE = /\d{3}-\d\d-\d{4}/;

// Published examples that the Social Security Administration voided.
const VOIDED_EXAMPLES = new Set(['078-05-1120', '219-09-9999', '123-45-6789']);

/**
 * Finds US Social Security numbers written `AAA-GG-SSSS`. Never issued,
 * so never masked: area 000, 666 or 900-999, group 00, serial 0000, and
 * the voided examples 078-05-1120, 219-09-9999 and 123-45-6789. The
 * undashed nine-digit form is not detected: it is indistinguishable from IDs.
 */
export function detectUsSsns(text: string): PiiFinding[] {
  if (!SSN_SHAPE.test(text)) return [];
  const findings: PiiFinding[] = [];
  for (const match of text.matchAll(SSN)) {
    const [value, area, group, serial] = match as unknown as [string, string, string, string];
    if (area === '000' || area === '666' || area.startsWith('9') || group === '00' || serial === '0000') continue;
    if (VOIDED_EXAMPLES.has(value)) continue;
    findings.push({ kind: 'us-ssn', range: { start: match.index!, end: match.index! + value.length } });
  }
  return findings;
}
