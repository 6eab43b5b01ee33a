import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { abortableSleep } from './abortable-sleep.js';

describe('abortableSleep', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves after the delay when nothing aborts', async () => {
    let isDone = false;
    const pending = abortableSleep(100, new AbortController().signal).then(() => (isDone = true));
    await vi.advanceTimersByTimeAsync(99);
    expect(isDone).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(isDone).toBe(true);
  });

  it('rejects with ABORTED at once when the signal has already fired', async () => {
    await expect(abortableSleep(100, AbortSignal.abort())).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it.each([true, false])('waits the whole delay when it is longer than a Node.js timer allows (with a signal: %s)', async (hasSignal) => {
    let isDone = false;
    const delayMs = 3_000_000_000;
    const pending = abortableSleep(delayMs, hasSignal ? new AbortController().signal : undefined).then(() => (isDone = true));
    await vi.advanceTimersByTimeAsync(2_147_483_647);
    expect(isDone).toBe(false);
    await vi.advanceTimersByTimeAsync(delayMs - 2_147_483_647 - 1);
    expect(isDone).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(isDone).toBe(true);
  });
});
