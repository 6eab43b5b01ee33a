import type { MiairError } from '../../errors.js';

/** The state of the circuit breaker of one provider and model. */
export interface BreakerState {
  /** `closed` lets calls through; `open` fails them fast; `half-open` lets one probe through. */
  state: 'closed' | 'open' | 'half-open';
  /** Retryable failures in a row while closed. */
  consecutiveFailures: number;
  /** `Date.now()` at which an open breaker lets a probe through; 0 when not open. */
  probeAtMs: number;
  /** Whether the one probe of a half-open breaker is in flight. */
  isProbing: boolean;
  /** The latest retryable failure, which an open breaker's error names; null after a success. */
  lastFailure: MiairError | null;
}

/** Breaker states keyed `provider/modelId`, shared by every model wrapped with the same registry. */
export interface BreakerRegistry {
  /** The state of `key`, created closed on first use. */
  get(key: string): BreakerState;
  /** Forgets every state (tests, or a new run that should start closed). */
  clear(): void;
}

/** Creates an empty {@link BreakerRegistry}. */
export function createBreakerRegistry(): BreakerRegistry {
  const states = new Map<string, BreakerState>();
  return {
    get(key) {
      let state = states.get(key);
      if (state === undefined) {
        state = { state: 'closed', consecutiveFailures: 0, probeAtMs: 0, isProbing: false, lastFailure: null };
        states.set(key, state);
      }
      return state;
    },
    clear() {
      states.clear();
    },
  };
}

/**
 * The registry `breakerMiddleware` uses by default, so two wrappers of the
 * same provider and model (two documents, two fallback chains) share one
 * breaker in a process. Call `sharedBreakerRegistry.clear()` between tests.
 */
export const sharedBreakerRegistry: BreakerRegistry = createBreakerRegistry();
