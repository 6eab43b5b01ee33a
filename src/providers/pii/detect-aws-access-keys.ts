import type { PiiFinding } from './types.js';

// Access key IDs: a four-letter type prefix (AKIA long-term, ASIA temporary,
// ABIA, ACCA) and 16 upper-case base32 characters.
const AWS_ACCESS_KEY = /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])/g;
// What every match contains; far cheaper to look for than the whole pattern.
const AWS_PREFIX = /A(?:KI|SI|BI|CC)A/;

/**
 * Finds AWS access key IDs. Not masked: the documentation's own
 * `AKIAIOSFODNN7EXAMPLE` and any ID ending in `EXAMPLE`.
 */
export function detectAwsAccessKeys(text: string): PiiFinding[] {
  if (!AWS_PREFIX.test(text)) return [];
  const findings: PiiFinding[] = [];
  for (const match of text.matchAll(AWS_ACCESS_KEY)) {
    if (match[0].endsWith('EXAMPLE')) continue;
    findings.push({ kind: 'aws-access-key', range: { start: match.index, end: match.index + match[0].length } });
  }
  return findings;
}
