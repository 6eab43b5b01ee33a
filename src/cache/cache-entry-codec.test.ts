import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCacheEntry, encodeCacheEntry, expiryOf } from './cache-entry-codec.js';

describe('encodeCacheEntry', () => {
  it('round-trips any value and expiry when the entry is intact', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.option(fc.integer({ min: 0, max: 2 ** 50 })), (value, expiresAt) => {
        expect(decodeCacheEntry(encodeCacheEntry(value, expiresAt))).toEqual({ ok: true, value, expiresAt });
      }),
    );
  });

  it('reads as corrupt when the entry is truncated anywhere', () => {
    const stored = encodeCacheEntry('{"text":"hello world"}', null);
    for (let length = 0; length < stored.length; length++) {
      expect(decodeCacheEntry(stored.slice(0, length)).ok).toBe(false);
    }
  });

  it('reads as corrupt when a value, expiry, version or checksum is changed', () => {
    const stored = encodeCacheEntry('value', 1000);
    expect(decodeCacheEntry(stored.replace('value', 'valuf')).ok).toBe(false);
    expect(decodeCacheEntry(stored.replace(' 1000 ', ' 9000 ')).ok).toBe(false);
    expect(decodeCacheEntry(stored.replace('MIAIR-CACHE/1', 'MIAIR-CACHE/2')).ok).toBe(false);
    expect(decodeCacheEntry(stored.replace(/ (\S+)\n/, ' AAAA\n')).ok).toBe(false);
    expect(decodeCacheEntry(stored.replace(' 1000 ', ' 1000 x ')).ok).toBe(false);
    expect(decodeCacheEntry(undefined).ok).toBe(false);
    expect(decodeCacheEntry(42).ok).toBe(false);
  });

  it('reads as corrupt when the expiry is not an integer even with a matching checksum', () => {
    const forged = encodeCacheEntry('v', null).replace(' - ', ' 1.5 ');
    expect(decodeCacheEntry(forged).ok).toBe(false);
  });
});

describe('expiryOf', () => {
  it('adds the ttl to now when a ttl is given', () => {
    expect(expiryOf(undefined, 100)).toBeNull();
    expect(expiryOf(Number.POSITIVE_INFINITY, 100)).toBeNull();
    expect(expiryOf(50.7, 100)).toBe(150);
    expect(expiryOf(-5, 100)).toBe(100);
  });
});
