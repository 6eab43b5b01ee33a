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
  return latency.medianMs * Math.exp(latency.sigma * normal);
}

/** The longest delay a Node timer takes (2^31 - 1 ms); a longer one fires at once, with a warning. */
const MAX_TIMER_DELAY_MS = 2_147_483_647;

/** Checks a latency setting, naming the option, the expectation and the actual value. */
export function validateLatency(latency: MockLatency): void {
  const check = (name: string, value: number): void => {
    if (!Number.isFinite(value) || value < 0 || value > MAX_TIMER_DELAY_MS) {
      throw new MiairError('CONFIG_INVALID', `Expected \`${name}\` to be a number of milliseconds from 0 to ${MAX_TIMER_DELAY_MS}, got \`${String(value)}\` (${typeof value}); 50 is typical.`);
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
    check('latencyMs.sigma', latency.sigma);
    return;
  }
  const distribution: unknown = (latency as { distribution?: unknown }).distribution;
  throw new MiairError('CONFIG_INVALID', `Expected \`latencyMs.distribution\` to be \`uniform\` or \`log-normal\`, got \`${String(distribution)}\` (${typeof distribution}).`);
}
