/**
 * How a CLI run refines its documents: on the main thread, or in a pool of
 * worker threads that each build the run's model (`--threads`). Either way
 * each document gets its own abort signal, fanned out from the run's
 * interrupt signal (one shared signal with thousands of listeners makes
 * every listener added O(n) in Node's EventTarget).
 */
import { availableParallelism } from 'node:os';
import { DEFAULT_THREADS_AFTER_DOCUMENTS } from '../config/defaults.js';
import { MiairError } from '../errors.js';
import { createSignalGroups } from '../pipeline/signal-groups.js';
import { createRefinePool, type RefinePool } from '../pipeline/workers/create-refine-pool.js';
import { compiledModuleUrl } from '../pipeline/workers/compiled-module-url.js';
import { toWorkerRefineOptions, type WorkerModelFactory } from '../pipeline/workers/wire.js';
import { subscribeAbort } from '../providers/subscribe-abort.js';
import { createRefiner } from '../refine/refine.js';
import type { RefineOptions, RefineResult } from '../refine/types.js';
import type { CreatedModel } from './create-model.js';
import type { CliSettings } from './resolve-settings.js';
import type { WorkerModelOptions } from './worker-model.js';

/** The environment variables a worker's createModel reads. */
const MODEL_ENVIRONMENT = ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'OPENAI_BASE_URL', 'ANTHROPIC_BASE_URL'] as const;

/**
 * Worker threads of a run: 0 when it refines on the main thread, as a run with
 * `--budget-usd`, `--requests-per-minute` or `--tokens-per-minute` does (one
 * budget or limit for the whole run; a thread would hold one of its own).
 */
export function resolveThreads(settings: CliSettings): number {
  // Each thread builds its own model, so its own budget and rate limiter: N threads spent N times what was asked.
  const runWide =
    settings.budgetUsd > 0 ? '--budget-usd is one budget'
    : settings.requestsPerMinute > 0 ? '--requests-per-minute is one limit'
    : settings.tokensPerMinute > 0 ? '--tokens-per-minute is one limit'
    : null;
  if (runWide !== null) {
    if (settings.threads > 1) throw new MiairError('CONFIG_INVALID', `${runWide} for the whole run and is kept on the main thread: drop --threads (or set it to 1).`);
    return 0;
  }
  if (settings.threads === 0) {
    const cores = availableParallelism();
    return cores > 1 ? cores : 0;
  }
  return settings.threads === 1 ? 0 : settings.threads;
}

/** How each worker thread builds the run's model. */
export function workerModelOf(settings: CliSettings, apiKey: string | undefined, environment: Record<string, string | undefined>): WorkerModelFactory {
  const options: WorkerModelOptions = {
    // The main thread warmed the shared disk cache already.
    settings: { ...settings, cacheWarm: null },
    apiKey,
    environment: Object.fromEntries(MODEL_ENVIRONMENT.map((name) => [name, environment[name]])),
  };
  return { module: compiledModuleUrl('./worker-model.js', import.meta.url).href, exportName: 'createWorkerModel', options };
}

export interface CliRefiner {
  refine(text: string): Promise<RefineResult>;
  /** Model answers served from the caches of the main thread and the workers. */
  readCacheHits(): number;
  close(): Promise<void>;
}

/**
 * Refines on the main thread the first `threadsAfter` documents, then in a
 * pool of `threads` workers (0: never). With `threads` set explicitly the
 * pool takes every document.
 */
export function createCliRefiner(
  settings: CliSettings,
  created: CreatedModel,
  refineOptions: RefineOptions,
  workerModel: WorkerModelFactory,
  signal: AbortSignal | undefined,
  onModelWarning: (text: string) => void = () => undefined,
): CliRefiner {
  const threads = resolveThreads(settings);
  const threadsAfter = settings.threads === 0 ? DEFAULT_THREADS_AFTER_DOCUMENTS : 0;
  // Documents share abort signals in groups (pipeline/signal-groups.ts). On SIGINT/SIGTERM no document starts
  // (optimize checks the signal) and those in flight get drainTimeoutMs to finish, as in a stream run, then are aborted.
  const groups = createSignalGroups();
  let drainTimer: ReturnType<typeof setTimeout> | undefined;
  const drain = (): void => {
    if (drainTimer !== undefined || signal === undefined) return;
    drainTimer = setTimeout(() => groups.abort(new MiairError('ABORTED', `Interrupted: the document did not finish within the drain timeout (${settings.drainTimeoutMs} ms).`, { cause: signal.reason })), settings.drainTimeoutMs);
    drainTimer.unref();
  };
  if (signal?.aborted === true) drain();
  const unsubscribe = signal === undefined ? () => undefined : subscribeAbort(signal, drain);
  const refineOnThisThread = createRefiner(refineOptions);
  let pool: RefinePool | null = null;
  let started = 0;
  return {
    async refine(text: string): Promise<RefineResult> {
      const member = groups.join();
      try {
        if (threads === 0 || started++ < threadsAfter) return await refineOnThisThread(text, member.signal);
        pool ??= createRefinePool({
          threads,
          model: workerModel,
          refineOptions: toWorkerRefineOptions(refineOptions),
          // Long documents, and those of a thread that ran out of memory, are refined here with this thread's model.
          refineHere: refineOnThisThread,
          onWarning: onModelWarning,
          // A file run is finite: no cap on the threads' heaps unless asked (a cap costs GC time, see DEFAULT_STREAM_THREAD_HEAP_MB).
          threadHeapMb: settings.threadHeapMb ?? 0,
          ...(settings.concurrencyIsFixed ? { concurrency: settings.concurrency } : { minConcurrency: settings.minConcurrency, maxConcurrency: settings.maxConcurrency }),
        });
        return await pool.refine(text, member.signal);
      } finally {
        member.leave();
      }
    },
    readCacheHits: () => (created.cache?.stats().hits ?? 0) + (pool?.cacheHits() ?? 0),
    async close(): Promise<void> {
      unsubscribe();
      clearTimeout(drainTimer);
      await pool?.close();
    },
  };
}
