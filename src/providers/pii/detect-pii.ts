import { detectApiTokens } from './detect-api-tokens.js';
import { detectAssignedSecrets } from './detect-assigned-secrets.js';
import { detectAwsAccessKeys } from './detect-aws-access-keys.js';
import { detectEmails } from './detect-emails.js';
import { detectIbans } from './detect-ibans.js';
import { detectIpAddresses } from './detect-ip-addresses.js';
import { detectJwts } from './detect-jwts.js';
import { detectPaymentCards } from './detect-payment-cards.js';
import { detectPhoneNumbers } from './detect-phone-numbers.js';
import { detectPrivateKeys } from './detect-private-keys.js';
import { detectUrlPasswords } from './detect-url-passwords.js';
import { detectUsSsns } from './detect-us-ssns.js';
import { findPlaceholders, PLACEHOLDER_PATTERN } from './placeholder-pattern.js';
import { PII_CATEGORY, PII_KINDS, type PiiDetector, type PiiFinding, type PiiKind } from './types.js';

// Most specific first: where two findings overlap, the earlier detector wins
// (a JWT assigned to `token` is a `jwt`, an IBAN's digits are not a phone).
// Each with the kinds it reports, so a detector no asked-for kind needs is skipped.
const DETECTORS: ReadonlyArray<{ detect: PiiDetector; kinds: readonly PiiKind[] }> = [
  { detect: detectPrivateKeys, kinds: ['private-key'] },
  { detect: detectJwts, kinds: ['jwt'] },
  { detect: detectApiTokens, kinds: ['api-token'] },
  { detect: detectAwsAccessKeys, kinds: ['aws-access-key'] },
  { detect: detectUrlPasswords, kinds: ['url-password'] },
  { detect: detectAssignedSecrets, kinds: ['assigned-secret'] },
  { detect: detectIbans, kinds: ['iban'] },
  { detect: detectPaymentCards, kinds: ['payment-card'] },
  { detect: detectUsSsns, kinds: ['us-ssn'] },
  { detect: detectEmails, kinds: ['email'] },
  { detect: detectIpAddresses, kinds: ['ipv4', 'ipv6'] },
  { detect: detectPhoneNumbers, kinds: ['phone'] },
];

const ALL_KINDS: ReadonlySet<PiiKind> = new Set(PII_KINDS);

/** Options of {@link detectPii}. */
export interface DetectPiiOptions {
  /** Kinds to report; all of {@link PII_KINDS} by default. */
  kinds?: readonly PiiKind[];
}

/**
 * Finds personal data and secrets in `text`: non-overlapping findings sorted
 * by start. Text that already looks like a placeholder (`[EMAIL_1]`) is
 * never part of a finding, so masking masked text changes nothing.
 * Personal data inside a template placeholder on one line (`{{email@gmail.com}}`,
 * tldr's and Mustache's syntax) is a sample value and is not reported;
 * secrets are reported wherever they are.
 *
 * @example
 * detectPii('Write to ada@lovelace.dev'); // [{ kind: 'email', range: { start: 9, end: 25 } }]
 */
export function detectPii(text: string, options: DetectPiiOptions = {}): PiiFinding[] {
  const kinds: ReadonlySet<PiiKind> = options.kinds === undefined ? ALL_KINDS : new Set(options.kinds);
  const taken: PiiFinding['range'][] = findPlaceholders(text);
  // Detectors see each placeholder as a run of `x`: most values start and
  // end with a letter or digit, so a neighbour that a value hid stays hidden
  // after masking (`a@b.dev+1 415 555 2671` is no phone, nor `[EMAIL_1]+1 415 555 2671`).
  const scanned = taken.length === 0 ? text : text.replace(PLACEHOLDER_PATTERN, (placeholder) => 'x'.repeat(placeholder.length));
  const accepted: PiiFinding[] = [];
  for (const detector of DETECTORS) {
    if (!detector.kinds.some((kind) => kinds.has(kind))) continue;
    for (const finding of detector.detect(scanned)) {
      if (!kinds.has(finding.kind) || finding.range.end <= finding.range.start) continue;
      if (PII_CATEGORY[finding.kind] === 'personal' && isInsideTemplatePlaceholder(text, finding.range)) continue;
      if (taken.some((range) => range.start < finding.range.end && finding.range.start < range.end)) continue;
      taken.push(finding.range);
      accepted.push(finding);
    }
  }
  return accepted.length < 2 ? accepted : accepted.sort((a, b) => a.range.start - b.range.start);
}

// `{{ ... }}` around the range, opened and closed on the same line.
function isInsideTemplatePlaceholder(text: string, range: PiiFinding['range']): boolean {
  const lineStart = text.lastIndexOf('\n', range.start - 1) + 1;
  const lineEnd = text.indexOf('\n', range.end);
  const before = text.slice(lineStart, range.start);
  const after = text.slice(range.end, lineEnd === -1 ? text.length : lineEnd);
  const opened = before.lastIndexOf('{{');
  if (opened === -1 || before.lastIndexOf('}}') > opened) return false;
  const closed = after.indexOf('}}');
  return closed !== -1 && (after.indexOf('{{') === -1 || after.indexOf('{{') > closed);
}
