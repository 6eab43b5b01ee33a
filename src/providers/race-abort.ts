import { subscribeAbort } from './subscribe-abort.js';

/**
 * Settles as `pending` does, or rejects with `makeError()` as soon as
 * `signal` fires (at once when it already has). `pending` itself goes on:
 * whoever started it stops it through the same signal if it can, and its
 * late rejection is handled here, never reported as unhandled. Without a
 * signal, `pending` is returned as it is.
 *
 * @example
 * const answer = await raceAbort(model.doGenerate(options), signal, () => new MiairError('ABORTED', 'The call was aborted.'));
 */
export function raceAbort<T>(pending: Promise<T>, signal: AbortSignal | null | undefined, makeError: () => unknown): Promise<T> {
  if (signal === null || signal === undefined) return pending;
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      pending.catch(() => undefined);
      reject(makeError());
      return;
    }
    const unsubscribe = subscribeAbort(signal, () => reject(makeError()));
    pending.then(
      (value) => {
        unsubscribe();
        resolve(value);
      },
      (error: unknown) => {
        unsubscribe();
        reject(error);
      },
    );
  });
}
