/**
 * A pool of worker threads that refine documents: each thread builds its own
 * model (so its HTTP connections, cache handle and concurrency limit are its
 * own) and runs whole refinements, scoring and guards included, many at
 * once. Documents go out and results come back in batches, one message per
 * event-loop turn, so the ~50 us a message costs is paid per batch, not per
 * document; the main thread is left to read inputs and write outputs.
 *
 * Why whole refinements rather than only the scoring: a refinement scores
 * twice around one model call, so shipping only the CPU parts would cost two
 * round trips per document and leave the prompt, PII masking, JSON and HTTP
 * work on the main thread (measured: the HTTP path costs more client CPU per
 * call than the scoring does).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DEFAULT_WORKER_YOUNG_GENERATION_MB } from '../../config/defaults.js';
import { MiairError } from '../../errors.js';
import { compiledModuleUrl } from './compiled-module-url.js';
import { subscribeAbort } from '../../providers/subscribe-abort.js';
import type { RefineResult } from '../../refine/types.js';
import { fromPlainError, fromWireResult, toPlainError, type FromWorker, type ToWorker, type WorkerConcurrency, type WorkerData, type WorkerModelFactory, type WorkerRefineOptions } from './wire.js';

/** Options of {@link createRefinePool}. */
export interface RefinePoolOptions {
  /** Threads to start. @default os.availableParallelism() */
  threads?: number;
  /** How each thread builds its model. */
  model: WorkerModelFactory;
  /** Refine options of every document (plain values only: the model is built in the thread). */
  refineOptions?: WorkerRefineOptions;
  /** Model-call limit of the whole pool, fixed (split evenly between the threads); adaptation off. */
  concurrency?: number;
  /** Bounds of the adaptive model-call limit of the whole pool, split evenly between the threads. */
  minConcurrency?: number;
  maxConcurrency?: number;
  initialConcurrency?: number;
  /** False: no model-call limit in the threads (the caller bounds the documents in flight at or below it). @default true */
  isGated?: boolean;
  /** The worker script. @default the compiled refine-worker.js */
  workerUrl?: URL;
}

/** A running pool; `refine` may be called many times at once. */
export interface RefinePool {
  readonly threads: number;
  /** Refines one document in some thread. Rejects with `ABORTED` when `signal` fires first, with the thread's error if its model could not be built. */
  refine(text: string, signal?: AbortSignal | null): Promise<RefineResult>;
  /** Model answers served from the threads' caches, summed. */
  cacheHits(): number;
  /** The model-call limits of the threads, summed. */
  concurrency(): number;
  /** Documents sent and not finished. */
  inFlight(): number;
  /** Stops the threads after their models close; refinements still running end `ABORTED`. */
  close(): Promise<void>;
}

interface Job {
  text: string;
  resolve: (result: RefineResult) => void;
  reject: (error: MiairError) => void;
  signal: AbortSignal | null;
  /** Unsubscribes from `signal`. */
  onAbort: (() => void) | null;
}

interface Thread {
  worker: Worker;
  jobs: Map<number, Job>;
  outbox: Array<{ id: number; text: string }>;
  cacheHits: number;
  concurrency: number;
  isDead: boolean;
}

/**
 * Starts `threads` worker threads, each building its model with
 * `model.module`'s export. A document goes to the thread with the fewest in
 * progress; a thread that dies fails its documents with `INTERNAL` and is
 * replaced for the next ones; a model that cannot be built fails every
 * document with that error.
 *
 * @throws MiairError `CONFIG_INVALID` for bad options.
 * @example
 * const pool = createRefinePool({ threads: 2, model: { module: 'miair/testing', exportName: 'createMockModel', options: { latencyMs: 50 } }, refineOptions: { maxIterations: 1 } });
 * const result = await pool.refine(text);
 * await pool.close();
 */
export function createRefinePool(options: RefinePoolOptions): RefinePool {
  const threads = options.threads ?? availableParallelism();
  if (!Number.isInteger(threads) || threads < 1) {
    throw new MiairError('CONFIG_INVALID', `Expected \`threads\` to be an integer >= 1, got \`${String(threads)}\` (${typeof threads}).`);
  }
  if (typeof options.model?.module !== 'string' || options.model.module === '') {
    throw new MiairError('CONFIG_INVALID', 'Expected `model.module` to name the ES module (file URL or absolute path) whose export builds the model in each thread.');
  }
  const workerUrl = options.workerUrl ?? compiledModuleUrl('./refine-worker.js', import.meta.url);
  const data: WorkerData = {
    factory: options.model,
    refineOptions: options.refineOptions ?? {},
    concurrency: splitConcurrency(options, threads),
  };
  let nextId = 0;
  let initError: MiairError | null = null;
  let isClosed = false;
  const pool: Thread[] = [];

  const failAll = (thread: Thread, error: MiairError): void => {
    for (const [id, job] of thread.jobs) settle(thread, id, job, null, error);
  };

  const settle = (thread: Thread, id: number, job: Job, result: RefineResult | null, error: MiairError | null): void => {
    thread.jobs.delete(id);
    // An idle pool must not keep the process alive; a busy one must.
    if (thread.jobs.size === 0) thread.worker.unref();
    job.onAbort?.();
    if (result !== null) job.resolve(result);
    else job.reject(error ?? new MiairError('INTERNAL', 'A worker thread answered without a result.'));
  };

  const spawn = (): Thread => {
    const worker = new Worker(workerUrl, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: DEFAULT_WORKER_YOUNG_GENERATION_MB } });
    const thread: Thread = { worker, jobs: new Map(), outbox: [], cacheHits: 0, concurrency: 0, isDead: false };
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') return;
      if (message.type === 'init-error') {
        initError = fromPlainError(message.error);
        failAll(thread, initError);
        return;
      }
      thread.cacheHits = message.cacheHits;
      thread.concurrency = message.concurrency;
      for (const item of message.items) {
        const job = thread.jobs.get(item.id);
        if (job === undefined) continue;
        if (item.result !== null) settle(thread, item.id, job, fromWireResult(item.result, job.text), null);
        else settle(thread, item.id, job, null, item.error === null ? null : fromPlainError(item.error));
      }
    });
    const onDeath = (reason: string): void => {
      if (thread.isDead) return;
      thread.isDead = true;
      const index = pool.indexOf(thread);
      if (index !== -1) pool.splice(index, 1);
      failAll(thread, new MiairError('INTERNAL', `A worker thread stopped (${reason}) while it refined this document. Run again; if it repeats, run with --threads 1 and report it.`));
    };
    worker.on('error', (error) => onDeath(error.message));
    worker.on('exit', (code) => onDeath(`exit code ${code}`));
    worker.unref();
    return thread;
  };

  const send = (thread: Thread): void => {
    if (thread.outbox.length === 0 || thread.isDead) return;
    const jobs = thread.outbox;
    thread.outbox = [];
    thread.worker.postMessage({ type: 'refine', jobs } satisfies ToWorker);
  };

  const pick = (): Thread => {
    while (pool.length < threads) pool.push(spawn());
    let best = pool[0] as Thread;
    for (const thread of pool) if (thread.jobs.size < best.jobs.size) best = thread;
    return best;
  };

  for (let index = 0; index < threads; index++) pool.push(spawn());

  return {
    threads,
    refine(text: string, signal: AbortSignal | null = null): Promise<RefineResult> {
      if (isClosed) return Promise.reject(new MiairError('ABORTED', 'The refine pool is closed.'));
      if (initError !== null) return Promise.reject(initError);
      if (signal?.aborted === true) return Promise.reject(abortError(signal));
      return new Promise((resolve, reject) => {
        const thread = pick();
        const id = nextId++;
        const job: Job = { text, resolve, reject, signal, onAbort: null };
        if (signal !== null) {
          job.onAbort = subscribeAbort(signal, () => thread.worker.postMessage({ type: 'abort', ids: [id], reason: toPlainError(abortError(signal)) } satisfies ToWorker));
        }
        thread.jobs.set(id, job);
        if (thread.jobs.size === 1) thread.worker.ref();
        if (thread.outbox.push({ id, text }) === 1) setImmediate(() => send(thread));
      });
    },
    cacheHits: () => pool.reduce((sum, thread) => sum + thread.cacheHits, 0),
    concurrency: () => pool.reduce((sum, thread) => sum + thread.concurrency, 0),
    inFlight: () => pool.reduce((sum, thread) => sum + thread.jobs.size, 0),
    async close(): Promise<void> {
      if (isClosed) return;
      isClosed = true;
      await Promise.all(pool.map(async (thread) => {
        failAll(thread, new MiairError('ABORTED', 'The refine pool closed before this document finished.'));
        thread.isDead = true;
        const exited = new Promise<void>((resolve) => thread.worker.once('exit', () => resolve()));
        thread.worker.postMessage({ type: 'close' } satisfies ToWorker);
        const timer = setTimeout(() => void thread.worker.terminate(), CLOSE_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }));
      pool.length = 0;
    },
  };
}

/** How long a closing thread may take to release its model before it is terminated. */
const CLOSE_TIMEOUT_MS = 5_000;

function abortError(signal: AbortSignal): MiairError {
  return MiairError.isInstance(signal.reason) ? signal.reason : new MiairError('ABORTED', 'The refinement was aborted before it finished.');
}

function splitConcurrency(options: RefinePoolOptions, threads: number): WorkerConcurrency {
  const share = (value: number | undefined, name: string): number | null => {
    if (value === undefined) return null;
    if (!Number.isInteger(value) || value < 1) throw new MiairError('CONFIG_INVALID', `Expected \`${name}\` to be an integer >= 1, got \`${String(value)}\` (${typeof value}).`);
    return Math.max(1, Math.ceil(value / threads));
  };
  return {
    isGated: options.isGated ?? true,
    fixed: share(options.concurrency, 'concurrency'),
    min: share(options.minConcurrency, 'minConcurrency'),
    max: share(options.maxConcurrency, 'maxConcurrency'),
    initial: share(options.initialConcurrency, 'initialConcurrency'),
  };
}
