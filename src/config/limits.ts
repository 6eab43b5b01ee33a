/**
 * Upper bounds of settings, where a larger value would not just be slow but
 * wrong. Validated once, at the boundary (the config schema, the library's
 * option resolvers), so a bad value fails before any document is read.
 */

/**
 * Longest delay, in milliseconds, that Node.js timers honour: 2^31 - 1
 * (about 24.8 days). A longer `setTimeout` fires at once with a
 * TimeoutOverflowWarning, and `AbortSignal.timeout` throws, so every
 * setting that becomes a timer delay is capped here.
 */
export const MAX_TIMER_DELAY_MS = 2_147_483_647;

/**
 * Most worker threads a run may start. Refinement is CPU-bound and a thread
 * already overlaps its model calls (`concurrency`), so threads beyond the
 * cores add memory, not speed: each idle thread holds about 12 MB (200
 * threads took 2.3 GB for one document; `--threads 1e6` died out of memory).
 * 256 covers the largest common machines (128 cores, 256 hardware threads)
 * and keeps the worst case near 3 GB; a fixed bound, not a multiple of the
 * cores, so one config file is valid on every machine.
 */
export const MAX_THREADS = 256;
