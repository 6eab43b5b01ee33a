import type { PiiFinding } from './types.js';

// A PEM block of any private key type (RSA, EC, DSA, OPENSSH, ENCRYPTED,
// PGP ... BLOCK); the END line must name the same type.
// The body stops at the next BEGIN line: from each of many unclosed BEGIN lines, a body read to the end
// of the text made the search quadratic.
const PEM_PRIVATE_KEY = /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?)-----\r?\n((?:(?!-----BEGIN )[\s\S])*?)\r?\n?-----END \1-----/g;
// Less than this much base64 is an elided example (`MIIEv...`), not a key.
const MIN_KEY_CHARACTERS = 40;

/**
 * Finds PEM private key blocks and reports the key material between the
 * BEGIN and END lines (both lines stay visible, so the model still sees
 * what the block is). Bodies with fewer than 40 base64 characters, or
 * with `...`, are elided examples and are not masked.
 */
export function detectPrivateKeys(text: string): PiiFinding[] {
  // Every block has a `-----BEGIN ` line: without `BEGIN ` the pattern cannot match.
  if (!text.includes('BEGIN ')) return [];
  const findings: PiiFinding[] = [];
  for (const match of text.matchAll(PEM_PRIVATE_KEY)) {
    const body = match[2]!;
    if (body.includes('...') || body.includes('…')) continue;
    if (body.replace(/[^A-Za-z0-9+/=]/g, '').length < MIN_KEY_CHARACTERS) continue;
    const start = match.index + match[0].indexOf('\n') + 1;
    findings.push({ kind: 'private-key', range: { start, end: start + body.length } });
  }
  return findings;
}
