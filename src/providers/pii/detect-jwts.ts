import type { PiiFinding } from './types.js';

// Header and payload are base64url JSON objects, so both start with `eyJ` (`{"`).
const JWT = /(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*(?![\w-])/g;

// The token printed on jwt.io and copied into countless tutorials.
const JWT_IO_SIGNATURE = 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

/**
 * Finds JSON Web Tokens: three base64url parts whose header decodes to a
 * JSON object with an `alg` member. Not masked: the jwt.io sample token.
 */
export function detectJwts(text: string): PiiFinding[] {
  // The payload follows a dot and starts with `eyJ`: without `.eyJ` the pattern cannot match.
  if (!text.includes('.eyJ')) return [];
  const findings: PiiFinding[] = [];
  for (const match of text.matchAll(JWT)) {
    const [header = '', , signature = ''] = match[0].split('.');
    if (signature === JWT_IO_SIGNATURE || !hasAlgorithmHeader(header)) continue;
    findings.push({ kind: 'jwt', range: { start: match.index, end: match.index + match[0].length } });
  }
  return findings;
}

function hasAlgorithmHeader(header: string): boolean {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    return typeof decoded === 'object' && decoded !== null && 'alg' in decoded;
  } catch {
    return false;
  }
}
