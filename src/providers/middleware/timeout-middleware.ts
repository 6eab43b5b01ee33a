import { MiairError } from '../../errors.js';
import type { LanguageModel, LanguageModelCallOptions, LanguageModelResult } from '../spec.js';
import { createAbortError } from './abortable-sleep.js';
import type { LanguageModelMiddleware } from './language-model-middleware.js';
import { subscribeAbort } from '../subscribe-abort.js';

/** Options of {@link timeoutMiddleware}. */
export interface TimeoutMiddlewareOptions {
  /** Longest a single call may take, in ms (calls may run up to {@link timeoutSlotMs} longer). */
  timeoutMs: number;
}

/** Longest time calls that share a deadline may start apart, in ms. @default 1000 */
export const MAX_TIMEOUT_SLOT_MS = 1000;

/**
 * Calls that start within one slot share a deadline at the slot's end plus
 * `timeoutMs`: a call times out after between `timeoutMs` and `timeoutMs`
 * plus the slot, which is a 64th of the timeout and at most
 * {@link MAX_TIMEOUT_SLOT_MS} (a 120 s timeout fires within 121 s).
 */
export function timeoutSlotMs(timeoutMs: number): number {
  return Math.min(MAX_TIMEOUT_SLOT_MS, timeoutMs / 64);
}

/** The calls of one caller's signal that started in one slot, and their deadline. */
interface DeadlineSlot {
  /** Aborted at the deadline (a `PROVIDER_TIMEOUT`) or with the caller's signal (its reason); the models' signal. */
  controller: AbortController;
  /** No call joins the slot from this `Date.now()` on. */
  closesAtMs: number;
  timer: ReturnType<typeof setTimeout> | null;
  /** How to fail each call in flight. */
  pending: Set<(error: unknown) => void>;
  unsubscribe: () => void;
}

// Calls without a caller's signal share slots under this key.
const NO_CALLER = {};

/**
 * Gives every call a deadline. The model gets a signal that aborts when the
 * caller's signal does (with its reason) or at the deadline, and the call is
 * abandoned when either fires even if the model ignores its signal. The
 * deadline fails with `PROVIDER_TIMEOUT` (retryable: put this middleware
 * inside the retry one so each attempt gets its own deadline); the caller's
 * signal fails with `ABORTED`.
 *
 * Calls of the same caller's signal that start within one slot
 * ({@link timeoutSlotMs}) share a controller, a timer and the model's
 * signal: one of each per call cost ~11 us of CPU per call (AbortController,
 * timer, and the listener an HTTP client adds to each new signal), most of a
 * middleware chain's cost. The timer runs only while calls of its slot are in
 * flight. It is `setTimeout`, so fake timers control it in tests.
 *
 * @example
 * wrapLanguageModel(model, [retryMiddleware(), timeoutMiddleware({ timeoutMs: 60_000 })]);
 */
export function timeoutMiddleware(options: TimeoutMiddlewareOptions): LanguageModelMiddleware {
  const { timeoutMs } = options;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new MiairError('CONFIG_INVALID', `Expected \`timeoutMs\` to be a number > 0, got \`${String(timeoutMs)}\` (${typeof timeoutMs}).`);
  }
  const slotMs = timeoutSlotMs(timeoutMs);
  return (model: LanguageModel): LanguageModel => {
    const slots = new WeakMap<object, DeadlineSlot>();
    const timeoutError = (): MiairError =>
      new MiairError('PROVIDER_TIMEOUT', `Model \`${model.provider}/${model.modelId}\` did not answer within ${timeoutMs} ms. Raise the per-call timeout or check the endpoint.`, {
        details: { timeoutMs },
      });
    const close = (key: object, slot: DeadlineSlot): void => {
      if (slot.timer !== null) clearTimeout(slot.timer);
      slot.timer = null;
      slot.unsubscribe();
      if (slots.get(key) === slot) slots.delete(key);
    };
    const fail = (key: object, slot: DeadlineSlot, reason: unknown, error: unknown): void => {
      close(key, slot);
      slot.controller.abort(reason);
      const pending = [...slot.pending];
      slot.pending.clear();
      for (const reject of pending) reject(error);
    };
    const open = (key: object, caller: AbortSignal | undefined, now: number): DeadlineSlot => {
      const slot: DeadlineSlot = { controller: new AbortController(), closesAtMs: now + slotMs, timer: null, pending: new Set(), unsubscribe: () => undefined };
      slot.timer = setTimeout(() => {
        const error = timeoutError();
        fail(key, slot, error, error);
      }, slotMs + timeoutMs);
      if (caller !== undefined) slot.unsubscribe = subscribeAbort(caller, () => fail(key, slot, caller.reason, createAbortError(caller)));
      slots.set(key, slot);
      return slot;
    };
    return {
      provider: model.provider,
      modelId: model.modelId,
      doGenerate(callOptions: LanguageModelCallOptions): Promise<LanguageModelResult> {
        const caller = callOptions.abortSignal;
        if (caller?.aborted === true) return Promise.reject(createAbortError(caller));
        const key: object = caller ?? NO_CALLER;
        const now = Date.now();
        let slot = slots.get(key);
        if (slot === undefined || now >= slot.closesAtMs) slot = open(key, caller, now);
        const joined = slot;
        const signal = joined.controller.signal;
        return new Promise<LanguageModelResult>((resolve, reject) => {
          joined.pending.add(reject);
          const settle = (): boolean => {
            if (!joined.pending.delete(reject)) return false;
            if (joined.pending.size === 0) close(key, joined);
            return true;
          };
          let answer: Promise<LanguageModelResult>;
          try {
            answer = model.doGenerate({ ...callOptions, abortSignal: signal });
          } catch (error) {
            answer = Promise.reject(error);
          }
          answer.then(
            (result) => {
              if (settle()) resolve(result);
            },
            (error: unknown) => {
              // A model that honours its signal rejects with its own abort error: report why it was aborted.
              if (!settle()) return;
              if (caller?.aborted === true) reject(createAbortError(caller));
              else if (signal.aborted) reject(signal.reason);
              else reject(error);
            },
          );
        });
      },
    };
  };
}
