/**
 * How many documents one worker thread of a refine pool may hold at once.
 *
 * A document in a thread holds ~13x its text (its parse, metrics, prompt)
 * from the moment it is scored until its result is posted. While it waits
 * for the model that is unavoidable; while it waits for the thread's CPU it
 * is waste: the longer it lives, the more of it outlives V8's young
 * generation and is copied, promoted and marked again. So a thread gets as
 * many documents as keep it busy, and the rest wait on the pool's thread as
 * plain text. The signal is the thread's own event-loop delay, which is the
 * time a ready document waits for the CPU: AIMD on it, whatever the model's
 * latency (a slow model leaves the loop idle, so the limit grows out of the
 * way; a fast one saturates the CPU, so it settles where the delay meets
 * the target).
 */
import { DEFAULT_THREAD_ADJUST_INTERVAL_MS } from '../../config/defaults.js';
import { MiairError } from '../../errors.js';

/** Options of {@link createThreadAdmission}. */
export interface ThreadAdmissionOptions {
  /** Event-loop delay above which the limit shrinks, in ms. */
  lagTargetMs: number;
  /** The limit never goes below this many documents. */
  min: number;
  /** The limit to start from, at least `min`. */
  initial: number;
  /** Shortest time between two changes, in ms. @default DEFAULT_THREAD_ADJUST_INTERVAL_MS (20) */
  intervalMs?: number;
}

/** The admission limit of one thread; see {@link createThreadAdmission}. */
export interface ThreadAdmission {
  /** Documents the thread may hold now. */
  readonly current: number;
  /**
   * A reading of the thread: its mean event-loop delay since the last
   * reading (`lagMs`, < 0 when it has none), the documents it holds, and
   * the time (`performance.now()`).
   */
  observe(lagMs: number, held: number, now: number): void;
}

const BACKOFF_RATIO = 0.9;
const GROWTH_RATIO = 1.1;
/** A limit is in use, and may grow, when the thread holds at least this share of it. */
const IN_USE_SHARE = 0.8;

/**
 * Creates the admission limit of one thread: when the thread's event-loop
 * delay is above `lagTargetMs` the limit is multiplied by 0.9 (never below
 * `min`); when it is within the target and the thread holds at least 80% of
 * the limit, it grows by 10%. At most one change per `intervalMs`.
 *
 * @throws MiairError `CONFIG_INVALID` for a target that is not a number > 0, or counts that are not integers with 1 <= min <= initial.
 * @example
 * const admission = createThreadAdmission({ lagTargetMs: 30, min: 32, initial: 256 });
 * admission.observe(message.lagMs, thread.jobs.size, performance.now());
 * if (thread.jobs.size < admission.current) send(thread, job);
 */
export function createThreadAdmission(options: ThreadAdmissionOptions): ThreadAdmission {
  const { lagTargetMs, min, initial, intervalMs = DEFAULT_THREAD_ADJUST_INTERVAL_MS } = options;
  if (!(typeof lagTargetMs === 'number' && lagTargetMs > 0 && Number.isFinite(lagTargetMs))) {
    throw new MiairError('CONFIG_INVALID', `Expected \`lagTargetMs\` to be a number > 0, got \`${String(lagTargetMs)}\` (${typeof lagTargetMs}).`);
  }
  if (!Number.isInteger(min) || min < 1 || !Number.isInteger(initial) || initial < min) {
    throw new MiairError('CONFIG_INVALID', `Expected \`min\` and \`initial\` to be integers with 1 <= min <= initial, got ${String(min)} and ${String(initial)}.`);
  }
  let current = initial;
  let changedAt = Number.NEGATIVE_INFINITY;
  return {
    get current() {
      return current;
    },
    observe(lagMs, held, now) {
      if (lagMs < 0 || now - changedAt < intervalMs) return;
      if (lagMs > lagTargetMs) {
        const next = Math.max(min, Math.floor(current * BACKOFF_RATIO));
        if (next !== current) changedAt = now;
        current = next;
      } else if (held >= current * IN_USE_SHARE) {
        current = Math.max(current + 1, Math.round(current * GROWTH_RATIO));
        changedAt = now;
      }
    },
  };
}
