import { MiairError } from '../../errors.js';
import { subscribeAbort } from '../subscribe-abort.js';

/**
 * Waits `delayMs` milliseconds, or rejects with `makeError()` (by default
 * `ABORTED`, {@link createAbortError}) as soon as `signal` fires; the timer is
 * cleared then. Uses `setTimeout`, so tests drive it with fake timers.
 *
 * @throws MiairError `ABORTED` when `signal` fires before the delay ends.
 */
export function abortableSleep(delayMs: number, signal?: AbortSignal, makeError: () => unknown = () => createAbortError(signal)): Promise<void> {
  // Without a signal there is nothing to listen to: one timer, no closures over it.
  if (signal === undefined) return new Promise((resolve) => setTimeout(resolve, Math.max(0, delayMs)));
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(makeError());
      return;
    }
    const timer = setTimeout(() => {
      unsubscribe();
      resolve();
    }, Math.max(0, delayMs));
    const unsubscribe = subscribeAbort(signal, () => {
      clearTimeout(timer);
      reject(makeError());
    });
  });
}

/** The `ABORTED` error of a call whose caller's signal fired. */
export function createAbortError(signal: AbortSignal | undefined): MiairError {
  return new MiairError('ABORTED', 'The model call was aborted by the caller.', { cause: signal?.reason });
}
