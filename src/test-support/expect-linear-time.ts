import { expect } from 'vitest';

/** Growth that passes: linear work takes ~4x as long on 4x the input, quadratic ~16x. */
const MAX_GROWTH = 8;
/** Times below this are taken as this: too short to compare. */
const FLOOR_MS = 5;

/**
 * A complexity guard that a slow or busy host cannot fail: asserts that
 * `run` on the input of `size` takes under 8x as long as on the input of
 * `size / 4` (linear work: ~4x; quadratic: ~16x), instead of holding it to a
 * wall-clock bound (a guard of 2 s failed at 2.1 s on a host running ~4x
 * slower than usual, 2026-11-27). The small input is timed three times and
 * the fastest counts, so one pause there cannot fail the guard; the large
 * one once. Returns what `run` returned on the large input.
 *
 * @example
 * const output = expectLinearTime((size) => 'x'.repeat(size), (text) => refineText(text), 40_000);
 */
export function expectLinearTime<Input, Output>(makeInput: (size: number) => Input, run: (input: Input) => Output, size: number): Output {
  const small = makeInput(Math.max(1, Math.floor(size / 4)));
  let smallMs = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 3; attempt++) {
    const started = performance.now();
    run(small);
    smallMs = Math.min(smallMs, performance.now() - started);
  }
  const large = makeInput(size);
  const started = performance.now();
  const output = run(large);
  const largeMs = performance.now() - started;
  expect(largeMs / Math.max(smallMs, FLOOR_MS), `${largeMs.toFixed(0)} ms at size ${size} against ${smallMs.toFixed(0)} ms at size ${Math.floor(size / 4)}`).toBeLessThan(MAX_GROWTH);
  return output;
}
