import { describe, expect, it } from 'vitest';
import { parseDuration } from './parse-duration.js';
import { pickRateLimitHeaders } from './pick-rate-limit-headers.js';
import { readRetryAfterMs } from './read-retry-after-ms.js';

const OPENAI = [
  { remaining: 'x-ratelimit-remaining-requests', reset: 'x-ratelimit-reset-requests' },
  { remaining: 'x-ratelimit-remaining-tokens', reset: 'x-ratelimit-reset-tokens' },
];
const NOW_MS = 1_000_000;
const read = (headers: Record<string, string | string[]>): number | undefined => readRetryAfterMs(headers, OPENAI, (value) => parseDuration(value), NOW_MS);

describe('readRetryAfterMs', () => {
  it.each([
    [{ 'retry-after-ms': '250.2', 'retry-after': '9' }, 251],
    [{ 'retry-after': '2', 'x-ratelimit-reset-requests': '6m0s' }, 2000],
    [{ 'retry-after': ['3', '4'] }, 3000],
    [{ 'x-ratelimit-reset-requests': '1s', 'x-ratelimit-reset-tokens': '6m0s' }, 1000],
    [{ 'x-ratelimit-reset-requests': '1s', 'x-ratelimit-reset-tokens': '6m0s', 'x-ratelimit-remaining-tokens': '0' }, 360_000],
    [{ 'x-ratelimit-reset-requests': '20ms', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-tokens': '2s', 'x-ratelimit-remaining-tokens': '0' }, 2000],
    [{ 'retry-after': 'later', 'x-ratelimit-reset-tokens': '20ms' }, 20],
    [{ 'retry-after-ms': 'x', 'retry-after': '1' }, 1000],
    [{}, undefined],
    [{ 'x-ratelimit-reset-requests': 'never' }, undefined],
  ])('reads %j as %s ms', (headers, expectedMs) => {
    expect(read(headers)).toBe(expectedMs);
  });
});

describe('pickRateLimitHeaders', () => {
  it('keeps only retry-after and rate-limit headers, lower-cased, when given all response headers', () => {
    const picked = pickRateLimitHeaders({
      'Retry-After': '1',
      'retry-after-ms': '900',
      'x-ratelimit-remaining-requests': '0',
      'anthropic-ratelimit-tokens-reset': '2025-01-01T00:00:00Z',
      'set-cookie': ['a=1', 'b=2'],
      'content-type': 'application/json',
      'x-multi-ratelimit': ['1', '2'],
      'x-ratelimit-missing': undefined,
    });
    expect(picked).toEqual({
      'retry-after': '1',
      'retry-after-ms': '900',
      'x-ratelimit-remaining-requests': '0',
      'anthropic-ratelimit-tokens-reset': '2025-01-01T00:00:00Z',
      'x-multi-ratelimit': '1, 2',
    });
  });
});
