import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { createMemoryGuard, defaultMaxHeapBytes } from './memory-guard.js';

describe('createMemoryGuard', () => {
  it('reads the heap at most once per interval', () => {
    let nowMs = 0;
    let reads = 0;
    let heapBytes = 2_000;
    const guard = createMemoryGuard({ maxHeapBytes: 1_000, sampleIntervalMs: 50, now: () => nowMs, readHeapBytes: () => { reads++; return heapBytes; } });
    expect(guard.isOverLimit()).toBe(true);
    heapBytes = 10;
    nowMs = 49;
    expect(guard.isOverLimit()).toBe(true);
    expect(reads).toBe(1);
    nowMs = 50;
    expect(guard.isOverLimit()).toBe(false);
    expect(reads).toBe(2);
    expect(guard.heapBytes).toBe(10);
  });

  it('never reports pressure when maxHeapBytes is 0', () => {
    const guard = createMemoryGuard({ maxHeapBytes: 0, readHeapBytes: () => Number.MAX_SAFE_INTEGER });
    expect(guard.isOverLimit()).toBe(false);
  });

  it('reads the real heap by default', () => {
    const guard = createMemoryGuard({ maxHeapBytes: 1 });
    expect(guard.isOverLimit()).toBe(true);
    expect(guard.heapBytes).toBeGreaterThan(1_000_000);
  });

  it('reads the same heap in use as process.memoryUsage().heapUsed by default', () => {
    const guard = createMemoryGuard({ maxHeapBytes: 1 });
    guard.isOverLimit();
    const heapUsed = process.memoryUsage().heapUsed;
    // Read a moment apart: within 10% of each other.
    expect(Math.abs(guard.heapBytes - heapUsed)).toBeLessThan(heapUsed * 0.1);
  });

  it.each([[-1, 50], [Number.NaN, 50], [100, -5]])('throws CONFIG_INVALID for maxHeapBytes %s, interval %s', (maxHeapBytes, sampleIntervalMs) => {
    expect(() => createMemoryGuard({ maxHeapBytes, sampleIntervalMs })).toThrow(/Expected `(maxHeapBytes|sampleIntervalMs)` to be a number >= 0/);
  });
});

describe('defaultMaxHeapBytes', () => {
  it('is 70% of the heap size limit', () => {
    expect(defaultMaxHeapBytes()).toBe(Math.floor(getHeapStatistics().heap_size_limit * 0.7));
  });
});
