/**
 * A concurrency limit that adapts to what the model shows: it grows while
 * latency stays near the lowest latency seen and shrinks multiplicatively on
 * rate limits (429) or when latency inflates (a queue building up somewhere).
 */
import { MiairError } from '../errors.js';
import { createAbortError } from '../providers/middleware/abortable-sleep.js';
import { subscribeAbort } from '../providers/subscribe-abort.js';
import { DEFAULT_INITIAL_CONCURRENCY, DEFAULT_LATENCY_BACKOFF_RATIO, DEFAULT_LATENCY_TOLERANCE, DEFAULT_MAX_CONCURRENCY, DEFAULT_MIN_CONCURRENCY, DEFAULT_RATE_LIMIT_BACKOFF_RATIO } from '../config/defaults.js';


/** Added to both latencies before comparing them, so sub-millisecond jitter of a 0 ms model is not "inflation". */
const LATENCY_FLOOR_MS = 1;
/**
 * Share by which the lowest window latency may rise per window (5%), so a
 * provider whose normal latency grows for good is not read as overloaded
 * forever.
 */
const MIN_LATENCY_DRIFT_PER_WINDOW = 0.05;

/** Options of {@link createAdaptiveLimit}. */
export interface AdaptiveLimitOptions {
  /** @default DEFAULT_MIN_CONCURRENCY (1) */
  min?: number;
  /** @default DEFAULT_MAX_CONCURRENCY (1024) */
  max?: number;
  /** @default DEFAULT_INITIAL_CONCURRENCY (16), at most `max` */
  initial?: number;
  /** False keeps the limit at `initial` whatever happens (`--concurrency N`). @default true */
  isAdaptive?: boolean;
  /** @default DEFAULT_LATENCY_TOLERANCE (1.5) */
  latencyTolerance?: number;
}

/** The right to make one call; settle it exactly once (later calls are ignored). */
export interface LimitPermit {
  /** The call answered after `latencyMs`: a latency sample. */
  success(latencyMs: number): void;
  /** The call was rate limited (429): the limit shrinks. */
  drop(): void;
  /** The call ended in a way that says nothing about load (abort, other error). */
  ignore(): void;
}

/** A concurrency limit shared by every call it gates; see {@link createAdaptiveLimit}. */
export interface AdaptiveLimit {
  /** The limit in force now (an integer in [min, max]). */
  readonly current: number;
  /** Permits held now. */
  readonly inFlight: number;
  /** Callers waiting for a permit. */
  readonly waiting: number;
  readonly min: number;
  readonly max: number;
  readonly isAdaptive: boolean;
  /** The lowest window latency seen (drifting up 5% per window), in ms; null before the first window. */
  readonly minLatencyMs: number | null;
  /** Waits (first come, first served) for a permit; rejects with `ABORTED` when `signal` fires first. */
  acquire(signal?: AbortSignal): Promise<LimitPermit>;
  /** A permit now, or null when the limit is reached or callers are waiting. */
  tryAcquire(): LimitPermit | null;
}

interface Waiter {
  resolve: (permit: LimitPermit) => void;
  settled: boolean;
}

/**
 * Creates a concurrency limit that adapts like TCP Vegas with AIMD backoff
 * (the family of Netflix concurrency-limits). Successful calls report their
 * latency; every window of `current` answers (about one round trip) the
 * window's mean latency is compared with the lowest window mean seen:
 * within `latencyTolerance` x that, and with the limit in use (at least
 * half of it), the limit grows, doubling per window at first (slow start),
 * then by sqrt(limit) per window after the first backoff. Above it, the
 * limit is multiplied by 0.9. A 429 multiplies it by 0.5 at once, at most
 * once per window, so one burst of 429s counts once. Window means, not
 * single answers, so that a pause of the event loop (the first burst of
 * documents being scored) is not read as a slow provider. It never leaves
 * [min, max]. Calls already running when it shrinks finish; new ones wait.
 *
 * @throws MiairError `CONFIG_INVALID` for bounds that are not integers with 1 <= min <= max.
 * @example
 * const limit = createAdaptiveLimit({ min: 4, max: 512, initial: 32 });
 * const permit = await limit.acquire(signal);
 * try { const started = performance.now(); await call(); permit.success(performance.now() - started); }
 * catch { permit.ignore(); }
 */
export function createAdaptiveLimit(options: AdaptiveLimitOptions = {}): AdaptiveLimit {
  const min = checkCount('min', options.min ?? DEFAULT_MIN_CONCURRENCY);
  const max = checkCount('max', options.max ?? DEFAULT_MAX_CONCURRENCY);
  if (min > max) throw new MiairError('CONFIG_INVALID', `Expected \`min\` (${min}) to be at most \`max\` (${max}). Raise --max-concurrency or lower --min-concurrency.`);
  const initial = checkCount('initial', options.initial ?? Math.min(max, Math.max(min, DEFAULT_INITIAL_CONCURRENCY)));
  if (initial < min || initial > max) {
    throw new MiairError('CONFIG_INVALID', `Expected \`initial\` to be from ${min} to ${max}, got \`${initial}\` (number).`);
  }
  const tolerance = options.latencyTolerance ?? DEFAULT_LATENCY_TOLERANCE;
  if (!(typeof tolerance === 'number' && tolerance > 1)) {
    throw new MiairError('CONFIG_INVALID', `Expected \`latencyTolerance\` to be a number > 1, got \`${String(tolerance)}\` (${typeof tolerance}).`);
  }
  const isAdaptive = options.isAdaptive ?? true;

  let limit = initial;
  let inFlight = 0;
  let minLatencyMs: number | null = null;
  let isSlowStart = true;
  let windowSamples = 0;
  let windowLatencyMs = 0;
  let isWindowInUse = false;
  let hasDroppedThisWindow = false;
  // FIFO of waiters: an array read from `head`, compacted once half of it is consumed.
  let queue: Waiter[] = [];
  let head = 0;

  const current = (): number => Math.floor(limit);

  const startWindow = (): void => {
    windowSamples = 0;
    windowLatencyMs = 0;
    isWindowInUse = false;
    hasDroppedThisWindow = false;
  };

  const onDrop = (): void => {
    if (hasDroppedThisWindow) return;
    isSlowStart = false;
    limit = Math.max(min, limit * DEFAULT_RATE_LIMIT_BACKOFF_RATIO);
    startWindow();
    hasDroppedThisWindow = true;
  };

  const onSample = (latencyMs: number, inFlightAtStart: number): void => {
    windowSamples++;
    windowLatencyMs += Math.max(0, latencyMs);
    // Grow only a limit in use: an idle limit says nothing about what the provider can take.
    if (Math.max(inFlightAtStart, inFlight) * 2 >= current()) isWindowInUse = true;
    if (windowSamples < current()) return;
    const meanMs = windowLatencyMs / windowSamples;
    minLatencyMs = minLatencyMs === null ? meanMs : Math.min(meanMs, minLatencyMs * (1 + MIN_LATENCY_DRIFT_PER_WINDOW));
    if ((meanMs + LATENCY_FLOOR_MS) / (minLatencyMs + LATENCY_FLOOR_MS) > tolerance) {
      isSlowStart = false;
      limit = Math.max(min, limit * DEFAULT_LATENCY_BACKOFF_RATIO);
    } else if (isWindowInUse) {
      limit = Math.min(max, limit + (isSlowStart ? limit : Math.sqrt(limit)));
    }
    startWindow();
  };

  const release = (): void => {
    inFlight--;
    drain();
  };

  const createPermit = (): LimitPermit => {
    inFlight++;
    const inFlightAtStart = inFlight;
    let isSettled = false;
    const settle = (update: () => void): void => {
      if (isSettled) return;
      isSettled = true;
      if (isAdaptive) update();
      release();
    };
    return {
      success: (latencyMs) => settle(() => onSample(latencyMs, inFlightAtStart)),
      drop: () => settle(onDrop),
      ignore: () => settle(() => undefined),
    };
  };

  const drain = (): void => {
    while (head < queue.length && inFlight < current()) {
      const waiter = queue[head++] as Waiter;
      if (waiter.settled) continue;
      waiter.settled = true;
      waiter.resolve(createPermit());
    }
    if (head > 1024 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
  };

  return {
    get current() {
      return current();
    },
    get inFlight() {
      return inFlight;
    },
    get waiting() {
      let count = 0;
      for (let index = head; index < queue.length; index++) if (!(queue[index] as Waiter).settled) count++;
      return count;
    },
    min,
    max,
    isAdaptive,
    get minLatencyMs() {
      return minLatencyMs;
    },
    tryAcquire() {
      return head === queue.length && inFlight < current() ? createPermit() : null;
    },
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(createAbortError(signal));
      if (head === queue.length && inFlight < current()) return Promise.resolve(createPermit());
      return new Promise<LimitPermit>((resolve, reject) => {
        const onAbort = (): void => {
          if (waiter.settled) return;
          waiter.settled = true;
          reject(createAbortError(signal));
        };
        // subscribeAbort: waiters of a stream share signals (groups of 64); EventTarget listeners cost O(n) each.
        const unsubscribe = signal === undefined ? null : subscribeAbort(signal, onAbort);
        const waiter: Waiter = {
          settled: false,
          resolve: (permit) => {
            unsubscribe?.();
            resolve(permit);
          },
        };
        queue.push(waiter);
      });
    },
  };
}

function checkCount(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new MiairError('CONFIG_INVALID', `Expected \`${name}\` to be an integer >= 1, got \`${String(value)}\` (${typeof value}).`);
  }
  return value;
}
