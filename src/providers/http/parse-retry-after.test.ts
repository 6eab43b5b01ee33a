import { describe, expect, it } from 'vitest';
import { parseDuration } from './parse-duration.js';
import { parseRetryAfter } from './parse-retry-after.js';

const NOW_MS = Date.parse('2025-01-01T00:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['2', 2000],
    [' 0 ', 0],
    ['1.5', 1500],
    ['Wed, 01 Jan 2025 00:00:30 GMT', 30_000],
    ['Tue, 31 Dec 2024 23:59:00 GMT', 0],
  ])('reads %j as %d ms when it is seconds or an HTTP date', (value, expectedMs) => {
    expect(parseRetryAfter(value, NOW_MS)).toBe(expectedMs);
  });

  it.each([undefined, '', 'soon', '-1', '1s', '12:00'])('returns undefined when the value is %j', (value) => {
    expect(parseRetryAfter(value, NOW_MS)).toBeUndefined();
  });
});

describe('parseDuration', () => {
  it.each([
    ['1s', 1000],
    ['6m0s', 360_000],
    ['20ms', 20],
    ['1h2m3.5s', 3_723_500],
    ['0.5s', 500],
    ['1500us', 2],
    ['7.66s', 7660],
  ])('reads %j as %d ms', (value, expectedMs) => {
    expect(parseDuration(value)).toBe(expectedMs);
  });

  it.each([undefined, '', '1', 's', '1d', '1 s', 'ms20'])('returns undefined when the value is %j', (value) => {
    expect(parseDuration(value)).toBeUndefined();
  });
});
