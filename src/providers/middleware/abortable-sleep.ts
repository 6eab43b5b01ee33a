import { MiairError } from '../../errors.js';
import { MAX_TIMER_DELAY_MS } from '../../config/limits.js';
import { subscribeAbort } from '../subscribe-abort.js';

/**
 * Waits `delayMs` milliseconds, or rejects with `makeError()` (by default
 * `ABORTED`, {@link createAbortError}) as soon as `signal` fires; the timer is
 * cleared then. Uses `setTimeout`, so tests drive it with fake timers. A
 * delay longer than a timer allows (2^31 - 1 ms) is waited in steps: one
 * `setTimeout` would fire at once instead, and a rate limit of 1e-6 requests
 * per minute or a huge `Retry-After` would turn into no wait at all.
 *
 * @throws MiairError `ABORTED` when `signal` fires before the delay ends.
 */
export function abortableSleep(delayMs: number, signal?: AbortSignal, makeError: () => unknown = () => createAbortError(signal)): Promise<void> {
  // Without a signal there is nothing to listen to: one timer, no closures over it.
  if (signal === undefined) {
    if (delayMs <= MAX_TIMER_DELAY_MS) return new Promise((resolve) => setTimeout(resolve, Math.max(0, delayMs)));
    return new Promise((resolve) => startLongTimer(delayMs, resolve));
  }
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(makeError());
      return;
    }
    const cancel = startLongTimer(Math.max(0, delayMs), () => {
      unsubscribe();
      resolve();
    });
    const unsubscribe = subscribeAbort(signal, () => {
      cancel();
      reject(makeError());
    });
  });
}

/** Calls `callback` after `delayMs`, in steps of at most MAX_TIMER_DELAY_MS; returns a function that cancels it. */
function startLongTimer(delayMs: number, callback: () => void): () => void {
  let timer: ReturnType<typeof setTimeout>;
  const arm = (remainingMs: number): void => {
    timer = setTimeout(() => (remainingMs > MAX_TIMER_DELAY_MS ? arm(remainingMs - MAX_TIMER_DELAY_MS) : callback()), Math.min(remainingMs, MAX_TIMER_DELAY_MS));
  };
  arm(delayMs);
  return () => clearTimeout(timer);
}

/** The `ABORTED` error of a call whose caller's signal fired. */
export function createAbortError(signal: AbortSignal | undefined): MiairError {
  return new MiairError('ABORTED', 'The model call was aborted by the caller.', { cause: signal?.reason });
}
