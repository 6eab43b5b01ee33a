import { DEFAULT_MOCK_FAILURE_RATE, DEFAULT_MOCK_LATENCY_MS } from '../../config/defaults.js';
import { MiairError } from '../../errors.js';
import { abortableSleep } from '../middleware/abortable-sleep.js';
import { estimateTokens } from '../estimate-tokens.js';
import { estimateMessageTokens, readDocument, temperatureWarnings, throwIfAborted } from '../local/create-local-model.js';
import { refineText } from '../local/refine-text.js';
import { createRandom } from './create-random.js';
import { sampleLatency, validateLatency } from './sample-latency.js';
import type { LanguageModel, LanguageModelCallOptions, LanguageModelResult } from '../spec.js';
import type { MockLatency } from './sample-latency.js';
import { DEFAULT_MOCK_SEED } from '../../config/defaults.js';


/** Options of {@link createMockModel}. */
export interface MockModelOptions {
  /** Latency per call in milliseconds, or a distribution. @default DEFAULT_MOCK_LATENCY_MS (50) */
  latencyMs?: MockLatency;
  /** Share of calls (0-1) that fail with the retryable `PROVIDER_UNAVAILABLE`. @default DEFAULT_MOCK_FAILURE_RATE (0) */
  failureRate?: number;
  /** Seed of the failure and latency draws: same seed and call order, same failures and latencies. @default 1 */
  seed?: number;
  /** Turns the document into the answer. @default the local refiner's cheap rules, then all of them when those change nothing */
  edit?: (text: string) => string;
}

/** Counters of a mock model since it was created. */
export interface MockModelStats {
  /** Calls started. */
  calls: number;
  /** Calls that answered. */
  succeeded: number;
  /** Calls that failed with `PROVIDER_UNAVAILABLE`. */
  failed: number;
  /** Calls ended by their abort signal. */
  aborted: number;
  /** Calls in progress now. */
  inFlight: number;
  /** Most calls in progress at once. */
  maxInFlight: number;
}

/** The mock model, with counters for tests. */
export interface MockLanguageModel extends LanguageModel {
  /** Calls started so far. */
  readonly calls: number;
  /** A snapshot of the counters. */
  stats(): MockModelStats;
}

/** The default edit: what the local refiner's cheap rules fix, else what all its rules fix. */
export function defaultMockEdit(text: string): string {
  const cheap = refineText(text, { strategy: 'performance' });
  return cheap === text ? refineText(text, { strategy: 'quality' }) : cheap;
}

/**
 * Creates the `mock` model for tests and benchmarks: it waits a configurable
 * latency (honouring the abort signal), fails a seeded share of calls with the
 * retryable `PROVIDER_UNAVAILABLE`, and otherwise answers with a deterministic
 * edit of the prompt's document that the metrics see as an improvement. Usage
 * is estimated (characters / 4); a temperature other than the default or 0 is
 * reported as unsupported.
 *
 * @throws MiairError `CONFIG_INVALID` for a failure rate outside 0-1 or a negative latency.
 * @example
 * const model = createMockModel({ latencyMs: 50, failureRate: 0.1, seed: 7 });
 * const result = await refine(text, { model });
 * model.stats().calls;
 */
export function createMockModel(options: MockModelOptions = {}): MockLanguageModel {
  const latency = options.latencyMs ?? DEFAULT_MOCK_LATENCY_MS;
  const failureRate = options.failureRate ?? DEFAULT_MOCK_FAILURE_RATE;
  const seed = options.seed ?? DEFAULT_MOCK_SEED;
  const edit = options.edit ?? defaultMockEdit;
  validateLatency(latency);
  if (typeof failureRate !== 'number' || !(failureRate >= 0 && failureRate <= 1)) {
    throw new MiairError('CONFIG_INVALID', `Expected \`failureRate\` to be a number from 0 to 1, got \`${String(failureRate)}\` (${typeof failureRate}). Pass --mock-failure-rate 0.1, for example.`);
  }
  // Two streams, so changing the latency setting never changes which calls fail.
  const failureRandom = createRandom(seed);
  const latencyRandom = createRandom(seed ^ 0x9e3779b9);
  const stats: MockModelStats = { calls: 0, succeeded: 0, failed: 0, aborted: 0, inFlight: 0, maxInFlight: 0 };

  return {
    provider: 'mock',
    modelId: 'mock-v1',
    get calls() {
      return stats.calls;
    },
    stats: () => ({ ...stats }),
    async doGenerate(callOptions: LanguageModelCallOptions): Promise<LanguageModelResult> {
      stats.calls++;
      const callNumber = stats.calls;
      // Draw at the start of the call, so outcomes follow call order, not completion order.
      const willFail = failureRandom() < failureRate;
      const delayMs = sampleLatency(latency, latencyRandom);
      stats.inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      try {
        throwIfAborted(callOptions.abortSignal);
        await wait(delayMs, callOptions.abortSignal);
        if (willFail) {
          stats.failed++;
          throw new MiairError('PROVIDER_UNAVAILABLE', `The mock model failed call ${callNumber} on purpose (failure rate ${failureRate}). Retry it, or set failureRate to 0.`, {
            details: { call: callNumber },
          });
        }
        const text = edit(readDocument(callOptions.messages));
        stats.succeeded++;
        return {
          text,
          finishReason: 'stop',
          usage: { inputTokens: estimateMessageTokens(callOptions.messages), outputTokens: estimateTokens(text) },
          responseHeaders: {},
          warnings: temperatureWarnings(callOptions.temperature),
        };
      } catch (error) {
        if (MiairError.isInstance(error) && error.code === 'ABORTED') stats.aborted++;
        throw error;
      } finally {
        stats.inFlight--;
      }
    },
  };
}

/** Resolves after `delayMs`; rejects with `ABORTED` (and clears the timer) when the signal fires first. */
function wait(delayMs: number, signal: AbortSignal | undefined): Promise<void> {
  if (delayMs <= 0) return Promise.resolve();
  return abortableSleep(delayMs, signal, () => new MiairError('ABORTED', `The mock model call was aborted after less than ${Math.round(delayMs)} ms.`, { cause: signal?.reason }));
}
