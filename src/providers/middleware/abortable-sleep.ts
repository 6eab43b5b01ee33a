import { MiairError } from '../../errors.js';
import { subscribeAbort } from '../subscribe-abort.js';

/**
 * Waits `delayMs` milliseconds, or rejects with `ABORTED` as soon as `signal`
 * fires. Uses `setTimeout`, so tests drive it with fake timers.
 *
 * @throws MiairError `ABORTED` when `signal` fires before the delay ends.
 */
export function abortableSleep(delayMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(createAbortError(signal));
      return;
    }
    const timer = setTimeout(() => {
      unsubscribe();
      resolve();
    }, Math.max(0, delayMs));
    const unsubscribe = signal === undefined ? () => undefined : subscribeAbort(signal, () => {
      clearTimeout(timer);
      reject(createAbortError(signal));
    });
  });
}

/** The `ABORTED` error of a call whose caller's signal fired. */
export function createAbortError(signal: AbortSignal | undefined): MiairError {
  return new MiairError('ABORTED', 'The model call was aborted by the caller.', { cause: signal?.reason });
}
