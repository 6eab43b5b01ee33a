import { MAX_TIMER_DELAY_MS } from '../../config/limits.js';
import { MiairError } from '../../errors.js';

/**
 * How long a mock call takes, in milliseconds: a fixed number, a uniform
 * distribution over `[minMs, maxMs]`, or a log-normal distribution with the
 * given median and `sigma` (the standard deviation of the latency's natural
 * logarithm; 0.5 gives a p99 about 3.2x the median, like a real API).
 */
export type MockLatency =
  | number
  | { distribution: 'uniform'; minMs: number; maxMs: number }
  | { distribution: 'log-normal'; medianMs: number; sigma: number };

/** Draws one latency in milliseconds from `latency`, using `random` (uniform in [0, 1)). */
export function sampleLatency(latency: MockLatency, random: () => number): number {
  if (typeof latency === 'number') return latency;
  if (latency.distribution === 'uniform') return latency.minMs + (latency.maxMs - latency.minMs) * random();
  // Box-Muller: 1 - random() is in (0, 1], so the logarithm is finite.
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  // A long tail can draw more than a timer allows; such a draw waits the longest a timer can.
  return Math.min(latency.medianMs * Math.exp(latency.sigma * normal), MAX_TIMER_DELAY_MS);
}

/** Checks a latency setting, naming the option, the expectation and the actual value. */
export function validateLatency(latency: MockLatency): void {
  const check = (name: string, value: number, maximum = MAX_TIMER_DELAY_MS): void => {
    // Latencies become timers: the cap is the longest delay a Node.js timer allows.
    if (!Number.isFinite(value) || value < 0 || value > maximum) {
      throw new MiairError('CONFIG_INVALID', `Expected \`${name}\` to be a finite number ${maximum === Number.POSITIVE_INFINITY ? '>= 0' : `between 0 and ${maximum}`}, got \`${String(value)}\` (${typeof value}); 50 is typical.`);
    }
  };
  if (typeof latency === 'number') return check('latencyMs', latency);
  if (typeof latency !== 'object' || latency === null) {
    throw new MiairError('CONFIG_INVALID', `Expected \`latencyMs\` to be a number or a distribution object, got \`${String(latency)}\` (${typeof latency}).`);
  }
  if (latency.distribution === 'uniform') {
    check('latencyMs.minMs', latency.minMs);
    check('latencyMs.maxMs', latency.maxMs);
    if (latency.maxMs < latency.minMs) {
      throw new MiairError('CONFIG_INVALID', `Expected \`latencyMs.maxMs\` to be >= \`latencyMs.minMs\` (${latency.minMs}), got \`${latency.maxMs}\` (number).`);
    }
    return;
  }
  if (latency.distribution === 'log-normal') {
    check('latencyMs.medianMs', latency.medianMs);
    check('latencyMs.sigma', latency.sigma, Number.POSITIVE_INFINITY);
    return;
  }
  const distribution: unknown = (latency as { distribution?: unknown }).distribution;
  throw new MiairError('CONFIG_INVALID', `Expected \`latencyMs.distribution\` to be \`uniform\` or \`log-normal\`, got \`${String(distribution)}\` (${typeof distribution}).`);
}
