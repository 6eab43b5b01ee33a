/**
 * Kinds of personal data and secrets that miair masks before a document
 * leaves the machine, and the shape of what a detector finds.
 */
import type { TextRange } from '../../document/types.js';

/** Every kind a detector reports. */
export const PII_KINDS = [
  'email',
  'phone',
  'payment-card',
  'iban',
  'us-ssn',
  'ipv4',
  'ipv6',
  'aws-access-key',
  'private-key',
  'jwt',
  'api-token',
  'assigned-secret',
  'url-password',
] as const;

/** One kind of personal data or secret. */
export type PiiKind = (typeof PII_KINDS)[number];

/**
 * `secret`: a credential (key, token, password) whose presence makes `block`
 * mode refuse the document. `personal`: personal or financial data, always
 * masked and never a reason to block.
 */
export type PiiCategory = 'personal' | 'secret';

/** The category of each kind. */
export const PII_CATEGORY: Readonly<Record<PiiKind, PiiCategory>> = {
  email: 'personal',
  phone: 'personal',
  'payment-card': 'personal',
  iban: 'personal',
  'us-ssn': 'personal',
  ipv4: 'personal',
  ipv6: 'personal',
  'aws-access-key': 'secret',
  'private-key': 'secret',
  jwt: 'secret',
  'api-token': 'secret',
  'assigned-secret': 'secret',
  'url-password': 'secret',
};

/**
 * The label each kind gets in its placeholder (`[EMAIL_1]`). Labels are
 * single upper-case words so a placeholder is one opaque token.
 */
export const PII_LABEL: Readonly<Record<PiiKind, string>> = {
  email: 'EMAIL',
  phone: 'PHONE',
  'payment-card': 'CARD',
  iban: 'IBAN',
  'us-ssn': 'SSN',
  ipv4: 'IP',
  ipv6: 'IP',
  'aws-access-key': 'SECRET',
  'private-key': 'SECRET',
  jwt: 'SECRET',
  'api-token': 'SECRET',
  'assigned-secret': 'SECRET',
  'url-password': 'PASSWORD',
};

/** One detected value: where it is (0-based UTF-16 offsets, end exclusive) and what it is. */
export interface PiiFinding {
  kind: PiiKind;
  range: TextRange;
}

/** A detector: finds every value of its kind(s) in `text`, in any order. */
export type PiiDetector = (text: string) => PiiFinding[];
