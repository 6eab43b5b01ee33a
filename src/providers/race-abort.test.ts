import { describe, expect, it, vi } from 'vitest';
import { raceAbort } from './race-abort.js';

describe('raceAbort', () => {
  it('settles as the promise does while the signal stays quiet, and stops listening then', async () => {
    const controller = new AbortController();
    const makeError = vi.fn(() => new Error('aborted'));
    await expect(raceAbort(Promise.resolve(7), controller.signal, makeError)).resolves.toBe(7);
    await expect(raceAbort(Promise.reject(new Error('model down')), controller.signal, makeError)).rejects.toThrow('model down');
    controller.abort();
    await Promise.resolve();
    expect(makeError).not.toHaveBeenCalled();
  });

  it('rejects with the abort error as soon as the signal fires, and handles the late rejection of the promise', async () => {
    const controller = new AbortController();
    let fail: (error: Error) => void = () => undefined;
    const pending = new Promise<number>((_, reject) => (fail = reject));
    const raced = raceAbort(pending, controller.signal, () => new Error('aborted'));
    controller.abort();
    await expect(raced).rejects.toThrow('aborted');
    // Would be reported as an unhandled rejection (and fail the run) if nobody handled it.
    fail(new Error('late'));
    await new Promise((resolve) => setTimeout(resolve, 0));
  });

  it('rejects at once when the signal has already fired', async () => {
    const pending = new Promise<number>((_, reject) => setTimeout(() => reject(new Error('late')), 1));
    await expect(raceAbort(pending, AbortSignal.abort(), () => new Error('aborted'))).rejects.toThrow('aborted');
    await new Promise((resolve) => setTimeout(resolve, 5));
  });

  it('returns the promise itself without a signal', () => {
    const pending = Promise.resolve(1);
    expect(raceAbort(pending, undefined, () => new Error('never'))).toBe(pending);
    expect(raceAbort(pending, null, () => new Error('never'))).toBe(pending);
  });
});
