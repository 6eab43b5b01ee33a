import { isIPv6 } from 'node:net';
import type { PiiFinding } from './types.js';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
// Four octets; not part of a longer dotted token (`1.2.3.4.5`) or a word.
const IPV4 = new RegExp(`(?<![\\w.\\-])${OCTET}(?:\\.${OCTET}){3}(?![\\w\\-]|\\.\\d)`, 'g');
// Hex groups joined by colons, at least two colons; validated by node:net.
const IPV6 = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{0,4}|\d{1,3}(?:\.\d{1,3}){3})(?![\w:])/g;
// What every match of IPV4 and IPV6 contains; far cheaper to look for than the whole patterns.
const IPV4_SHAPE = /\d\.\d{1,3}\.\d{1,3}\.\d/;
const IPV6_SHAPE = /:[0-9A-Fa-f]{0,4}:/;

// Public resolvers, printed in countless setup guides; they identify nobody.
const WELL_KNOWN_PUBLIC = new Set(['8.8.8.8', '8.8.4.4', '1.1.1.1', '1.0.0.1', '9.9.9.9', '149.112.112.112', '208.67.222.222', '208.67.220.220']);

/**
 * Finds IPv4 and IPv6 addresses that can point at a machine on the public
 * internet. Not masked (they identify nobody): private (10/8, 172.16/12,
 * 192.168/16, fc00::/7), loopback (127/8, ::1), link-local, CGNAT,
 * multicast, reserved and unspecified (0.0.0.0, ::) ranges, the
 * documentation ranges of RFC 5737 (192.0.2/24, 198.51.100/24,
 * 203.0.113/24) and RFC 3849 (2001:db8::/32), the well-known public DNS
 * resolvers, dotted numbers that follow `v`, `@` or the word `version`
 * (`v1.2.3.4`: a version), and addresses of four single-digit octets
 * (`1.2.3.4`: a version or the stock example).
 */
export function detectIpAddresses(text: string): PiiFinding[] {
  const findings: PiiFinding[] = [];
  for (const match of IPV4_SHAPE.test(text) ? text.matchAll(IPV4) : []) {
    const value = match[0];
    if (!isPublicIpv4(value) || WELL_KNOWN_PUBLIC.has(value) || followsVersionWord(text, match.index)) continue;
    // `1.2.3.4`, `4.3.2.1`: single-digit octets are versions and stock examples.
    if (/^\d\.\d\.\d\.\d$/.test(value)) continue;
    findings.push({ kind: 'ipv4', range: { start: match.index, end: match.index + value.length } });
  }
  for (const match of IPV6_SHAPE.test(text) ? text.matchAll(IPV6) : []) {
    const value = match[0];
    if (!isIPv6(value) || !isPublicIpv6(value)) continue;
    findings.push({ kind: 'ipv6', range: { start: match.index, end: match.index + value.length } });
  }
  return findings;
}

function followsVersionWord(text: string, index: number): boolean {
  return /(?:[vV@]|version\s*[:=]?\s*)$/i.test(text.slice(Math.max(0, index - 12), index));
}

/** Tells whether a dotted-quad address is public unicast. */
export function isPublicIpv4(address: string): boolean {
  const [a = 0, b = 0, c = 0] = address.split('.').map(Number);
  if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
  if (a === 100 && b >= 64 && b <= 127) return false; // carrier-grade NAT
  if (a === 169 && b === 254) return false; // link-local
  if (a === 172 && b >= 16 && b <= 31) return false;
  if (a === 192 && b === 168) return false;
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return false; // IETF protocol assignments, TEST-NET-1
  if (a === 198 && (b === 18 || b === 19)) return false; // benchmarking
  if (a === 198 && b === 51 && c === 100) return false; // TEST-NET-2
  if (a === 203 && b === 0 && c === 113) return false; // TEST-NET-3
  return true;
}

/** Tells whether an IPv6 address is global unicast (2000::/3) outside 2001:db8::/32. */
export function isPublicIpv6(address: string): boolean {
  // Shorthands like `::1`, `fe80::` and `dead::beef` (a C++ or Ruby name) never start in 2000::/3.
  const first = address.split(':')[0] ?? '';
  const value = first === '' ? 0 : Number.parseInt(first, 16);
  if (value < 0x2000 || value > 0x3fff) return false;
  if (value === 0x2001 && (address.split(':')[1] ?? '').toLowerCase().padStart(4, '0') === '0db8') return false;
  // A name made of hex letters only (`abba:cafe::`) is more likely code than an address.
  return /\d/.test(address.replace(/^[^:]*:/, '')) || /\d/.test(first);
}
