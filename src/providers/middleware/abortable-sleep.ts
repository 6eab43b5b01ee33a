import { MiairError } from '../../errors.js';

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
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(createAbortError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, delayMs));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The `ABORTED` error of a call whose caller's signal fired. */
export function createAbortError(signal: AbortSignal | undefined): MiairError {
  return new MiairError('ABORTED', 'The model call was aborted by the caller.', { cause: signal?.reason });
}
