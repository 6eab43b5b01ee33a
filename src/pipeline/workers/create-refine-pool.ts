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
 *
 * Memory: each thread's old generation can be capped (`threadHeapMb`) and
 * its young generation sized (`threadYoungGenerationMb`); each thread gets
 * only as many documents as keep it busy (thread-admission.ts) and at most
 * DEFAULT_WORKER_IN_FLIGHT_CHARS of text at a time (the rest waits here as
 * text); documents too long for a thread are refined on this thread, and
 * the documents of a thread that runs out of memory all the same are
 * refined again on this thread instead of failing.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DEFAULT_THREAD_INITIAL_DOCUMENTS, DEFAULT_THREAD_LAG_TARGET_MS, DEFAULT_THREAD_MIN_DOCUMENTS, DEFAULT_WORKER_IN_FLIGHT_CHARS, DEFAULT_WORKER_MAX_DOCUMENT_CHARS, DEFAULT_WORKER_YOUNG_GENERATION_MB } from '../../config/defaults.js';
import { MiairError } from '../../errors.js';
import { compiledModuleUrl } from './compiled-module-url.js';
import { subscribeAbort } from '../../providers/subscribe-abort.js';
import { createRefiner } from '../../refine/refine.js';
import type { RefineResult } from '../../refine/types.js';
import { buildFactoryModel, type BuiltModel } from './build-factory-model.js';
import { createThreadAdmission, type ThreadAdmission } from './thread-admission.js';
import { decodeFinished, type WireReader } from './wire-codec.js';
import { fromPlainError, toPlainError, type FromWorker, type ToWorker, type WorkerConcurrency, type WorkerData, type WorkerModelFactory, type WorkerRefineOptions } from './wire.js';

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
  /**
   * Old-generation heap of each thread, in MiB; 0: V8's own limit. A cap
   * bounds memory and costs CPU in GC (see DEFAULT_STREAM_THREAD_HEAP_MB). @default 0
   */
  threadHeapMb?: number;
  /**
   * Young-generation heap of each thread, in MiB: the larger, the more of a
   * refinement's state dies young instead of being promoted (see
   * DEFAULT_WORKER_YOUNG_GENERATION_MB); each MiB costs up to one of RSS per thread.
   * @default DEFAULT_WORKER_YOUNG_GENERATION_MB (96)
   */
  threadYoungGenerationMb?: number;
  /** Characters of text in flight per thread; more documents wait here until results come back. @default DEFAULT_WORKER_IN_FLIGHT_CHARS (2 Mi) */
  threadInFlightChars?: number;
  /** Longer documents are refined on this thread. @default DEFAULT_WORKER_MAX_DOCUMENT_CHARS (1 Mi) */
  maxThreadDocumentChars?: number;
  /**
   * Event-loop delay of a thread above which it is given fewer documents at
   * once, in ms (see thread-admission.ts); 0 turns that off, leaving only
   * `threadInFlightChars`. @default DEFAULT_THREAD_LAG_TARGET_MS (30)
   */
  threadLagTargetMs?: number;
  /** Documents a thread may hold at first, before its event-loop delay is known. @default DEFAULT_THREAD_INITIAL_DOCUMENTS (256) */
  threadInitialDocuments?: number;
  /** The fewest documents a thread is ever limited to. @default DEFAULT_THREAD_MIN_DOCUMENTS (32), at most threadInitialDocuments */
  threadMinDocuments?: number;
  /**
   * Refines a document on this thread: the long ones and those of a thread
   * that ran out of memory. @default a refiner of `refineOptions` with a model
   * built here by `model` (built at the first such document)
   */
  refineHere?: (text: string, signal: AbortSignal | null) => Promise<RefineResult>;
  /**
   * Told, on this thread, each warning the threads' models report through
   * their factory's `takeWarnings` (and the model built here, for the
   * default `refineHere`), as they come. Threads tell theirs apart, so the
   * same warning can come once per thread. @default silent
   */
  onWarning?: (text: string) => void;
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
  /** Documents given to the pool and not finished (in the threads, waiting for one, or refined on this thread). */
  inFlight(): number;
  /** How many documents each thread may hold now (thread-admission.ts); Infinity with `threadLagTargetMs: 0`. */
  threadLimits(): number[];
  /** Stops the threads after their models close; refinements still running end `ABORTED`. */
  close(): Promise<void>;
}

interface Job {
  text: string;
  resolve: (result: RefineResult) => void;
  reject: (error: MiairError) => void;
  signal: AbortSignal | null;
  /** The record of `signal` this job is counted in, while it is in the pool. */
  shared: SharedSignal | null;
  /** The thread refining it; null while it waits for room in one. */
  thread: Thread | null;
  id: number;
}

/**
 * An abort signal of the caller, shared by the pool's jobs that carry it:
 * one subscription per signal, and one AbortController per signal in each
 * thread (streams share a signal among 64 documents), not one per document.
 */
interface SharedSignal {
  /** Its number on the wire (0 is "no signal"). */
  id: number;
  signal: AbortSignal;
  jobs: Set<Job>;
  unsubscribe: () => void;
}

interface Thread {
  /** Which share of the concurrency limits it has (see splitConcurrency). */
  slot: number;
  worker: Worker;
  jobs: Map<number, Job>;
  /** Jobs not posted yet, three values each (ToWorker `refine`). */
  outbox: Array<number | string>;
  /** Characters of the documents in `jobs`. */
  chars: number;
  cacheHits: number;
  concurrency: number;
  isDead: boolean;
  /** How many documents it may hold at once; null: as many as `threadInFlightChars` allows. */
  admission: ThreadAdmission | null;
}

/**
 * Starts `threads` worker threads, each building its model with
 * `model.module`'s export. A document goes to the thread with the fewest in
 * progress that has room for its text (else it waits for one); a document
 * longer than `maxThreadDocumentChars` is refined on this thread. A thread
 * that runs out of memory is replaced and its documents are refined again on
 * this thread; one that dies otherwise fails its documents with `INTERNAL`
 * and is replaced; a model that cannot be built fails every document with
 * that error.
 *
 * @throws MiairError `CONFIG_INVALID` for bad options.
 * @example
 * const pool = createRefinePool({ threads: 2, model: { module: 'miair/testing', exportName: 'createMockModel', options: { latencyMs: 50 } }, refineOptions: { maxIterations: 1 } });
 * const result = await pool.refine(text);
 * await pool.close();
 */
export function createRefinePool(options: RefinePoolOptions): RefinePool {
  const requestedThreads = options.threads ?? availableParallelism();
  if (!Number.isInteger(requestedThreads) || requestedThreads < 1) {
    throw new MiairError('CONFIG_INVALID', `Expected \`threads\` to be an integer >= 1, got \`${String(requestedThreads)}\` (${typeof requestedThreads}).`);
  }
  // Each thread needs a share of at least one call: a limit below the thread count leaves threads out.
  const callLimit = options.isGated === false ? undefined : (options.concurrency ?? options.maxConcurrency);
  const threads = callLimit !== undefined && Number.isInteger(callLimit) && callLimit >= 1 ? Math.min(requestedThreads, callLimit) : requestedThreads;
  if (typeof options.model?.module !== 'string' || options.model.module === '') {
    throw new MiairError('CONFIG_INVALID', 'Expected `model.module` to name the ES module (file URL or absolute path) whose export builds the model in each thread.');
  }
  const workerUrl = options.workerUrl ?? compiledModuleUrl('./refine-worker.js', import.meta.url);
  const threadHeapMb = options.threadHeapMb === 0 ? 0 : checkPositive(options.threadHeapMb, 0, 'threadHeapMb');
  const threadInFlightChars = checkPositive(options.threadInFlightChars, DEFAULT_WORKER_IN_FLIGHT_CHARS, 'threadInFlightChars');
  const maxThreadDocumentChars = checkPositive(options.maxThreadDocumentChars, DEFAULT_WORKER_MAX_DOCUMENT_CHARS, 'maxThreadDocumentChars');
  const threadLagTargetMs = options.threadLagTargetMs ?? DEFAULT_THREAD_LAG_TARGET_MS;
  if (!(typeof threadLagTargetMs === 'number' && threadLagTargetMs >= 0 && Number.isFinite(threadLagTargetMs))) {
    throw new MiairError('CONFIG_INVALID', `Expected \`threadLagTargetMs\` to be a number >= 0, got \`${String(threadLagTargetMs)}\` (${typeof threadLagTargetMs}).`);
  }
  const threadInitialDocuments = checkPositive(options.threadInitialDocuments, DEFAULT_THREAD_INITIAL_DOCUMENTS, 'threadInitialDocuments');
  const threadMinDocuments = checkPositive(options.threadMinDocuments, Math.min(DEFAULT_THREAD_MIN_DOCUMENTS, threadInitialDocuments), 'threadMinDocuments');
  if (threadMinDocuments > threadInitialDocuments) {
    throw new MiairError('CONFIG_INVALID', `Expected \`threadMinDocuments\` (${threadMinDocuments}) to be at most \`threadInitialDocuments\` (${threadInitialDocuments}).`);
  }
  const threadYoungGenerationMb = checkPositive(options.threadYoungGenerationMb, DEFAULT_WORKER_YOUNG_GENERATION_MB, 'threadYoungGenerationMb');
  const data: WorkerData = {
    factory: options.model,
    refineOptions: options.refineOptions ?? {},
    concurrency: splitConcurrency(options, threads, 0),
  };
  let nextId = 0;
  let initError: MiairError | null = null;
  let isClosed = false;
  const pool: Thread[] = [];
  /** Documents waiting for a thread with room for their text, first come first served. */
  const waiting: Job[] = [];
  let here = 0;
  let builtHere: Promise<BuiltModel> | null = null;
  // Built at the first document refined here, then reused: one model and one resolution of the options.
  let refinerHere: Promise<(text: string, signal: AbortSignal | null) => Promise<RefineResult>> | null = null;
  const tellWarnings = (warnings: readonly string[] | undefined): void => {
    if (warnings === undefined || options.onWarning === undefined) return;
    for (const warning of warnings) {
      try {
        options.onWarning(warning);
      } catch {
        // Telling a warning must never cost a result.
      }
    }
  };
  const refineHere = options.refineHere ?? ((text: string, signal: AbortSignal | null): Promise<RefineResult> => {
    builtHere ??= buildFactoryModel(options.model);
    refinerHere ??= builtHere.then(({ model }) => createRefiner({ ...data.refineOptions, model }));
    const built = builtHere;
    return refinerHere.then((refineOne) => refineOne(text, signal)).finally(() => built.then((model) => tellWarnings(model.takeWarnings()), () => undefined));
  });
  const runHere = (text: string, signal: AbortSignal | null): Promise<RefineResult> => {
    here++;
    return refineHere(text, signal).finally(() => here--);
  };

  const failAll = (thread: Thread, error: MiairError): void => {
    for (const [id, job] of thread.jobs) settle(thread, id, job, null, error);
  };

  const settle = (thread: Thread, id: number, job: Job, result: RefineResult | null, error: MiairError | null): void => {
    release(thread, id, job);
    if (result !== null) job.resolve(result);
    else job.reject(error ?? new MiairError('INTERNAL', 'A worker thread answered without a result.'));
    admitWaiting();
  };

  const release = (thread: Thread, id: number, job: Job): void => {
    thread.jobs.delete(id);
    thread.chars -= job.text.length;
    // An idle pool must not keep the process alive; a busy one must.
    if (thread.jobs.size === 0) thread.worker.unref();
    leaveSignal(job);
  };

  const sharedSignals = new Map<AbortSignal, SharedSignal>();
  let nextSignalId = 1;

  const joinSignal = (job: Job, signal: AbortSignal): void => {
    let shared = sharedSignals.get(signal);
    if (shared === undefined) {
      const created: SharedSignal = { id: nextSignalId++, signal, jobs: new Set(), unsubscribe: () => undefined };
      created.unsubscribe = subscribeAbort(signal, () => onSignalAbort(created));
      sharedSignals.set(signal, created);
      shared = created;
    }
    shared.jobs.add(job);
    job.shared = shared;
  };

  const leaveSignal = (job: Job): void => {
    const shared = job.shared;
    if (shared === null) return;
    job.shared = null;
    shared.jobs.delete(job);
    if (shared.jobs.size === 0) {
      shared.unsubscribe();
      sharedSignals.delete(shared.signal);
    }
  };

  const onSignalAbort = (shared: SharedSignal): void => {
    const error = abortError(shared.signal);
    const told = new Set<Thread>();
    for (const job of [...shared.jobs]) {
      if (job.thread === null) {
        // Still waiting for a thread: it never started.
        waiting.splice(waiting.indexOf(job), 1);
        leaveSignal(job);
        job.reject(error);
      } else if (!told.has(job.thread) && !job.thread.isDead) {
        told.add(job.thread);
        // Documents still in the outbox go first, so the thread knows the signal when the abort comes.
        send(job.thread);
        job.thread.worker.postMessage({ type: 'abort', signals: [shared.id], reason: toPlainError(error) } satisfies ToWorker);
      }
    }
  };

  const createAdmission = (): ThreadAdmission | null => (threadLagTargetMs === 0
    ? null
    : createThreadAdmission({ lagTargetMs: threadLagTargetMs, min: threadMinDocuments, initial: threadInitialDocuments }));

  const spawn = (): Thread => {
    // The limits are split exactly over the threads (3 calls over 2 threads: 2 + 1), so their sum is the limit asked for.
    const slot = freeSlot(pool, threads);
    const workerData: WorkerData = { ...data, concurrency: splitConcurrency(options, threads, slot) };
    const worker = new Worker(workerUrl, { workerData, resourceLimits: { maxYoungGenerationSizeMb: threadYoungGenerationMb, ...(threadHeapMb === 0 ? {} : { maxOldGenerationSizeMb: threadHeapMb }) } });
    const thread: Thread = { slot, worker, jobs: new Map(), outbox: [], chars: 0, cacheHits: 0, concurrency: 0, isDead: false, admission: createAdmission() };
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') return;
      if (message.type === 'init-error') {
        initError = fromPlainError(message.error);
        failAll(thread, initError);
        return;
      }
      thread.admission?.observe(message.lagMs, thread.jobs.size, performance.now());
      thread.cacheHits = message.cacheHits;
      thread.concurrency = message.concurrency;
      tellWarnings(message.warnings);
      const reader: WireReader = { values: message.values, at: 0 };
      while (reader.at < reader.values.length) {
        const finished = decodeFinished(reader, (id) => thread.jobs.get(id)?.text);
        // A job already settled (its thread was given up on) is read past all the same.
        const job = thread.jobs.get(finished.id);
        if (job !== undefined) settle(thread, finished.id, job, finished.result, finished.error);
      }
    });
    const onDeath = (reason: string, isOutOfMemory: boolean): void => {
      if (thread.isDead) return;
      thread.isDead = true;
      const index = pool.indexOf(thread);
      if (index !== -1) pool.splice(index, 1);
      if (isOutOfMemory && !isClosed) {
        // This thread's heap is capped and this one's is not: refine them again here rather than fail them.
        for (const [id, job] of thread.jobs) {
          release(thread, id, job);
          runHere(job.text, job.signal).then(job.resolve, (error: unknown) => job.reject(MiairError.from(error)));
        }
        admitWaiting();
        return;
      }
      failAll(thread, new MiairError('INTERNAL', `A worker thread stopped (${reason}) while it refined this document. Run again; if it repeats, run with --threads 1 and report it.`));
      admitWaiting();
    };
    worker.on('error', (error) => onDeath(error.message, (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'));
    worker.on('exit', (code) => onDeath(`exit code ${code}`, false));
    worker.unref();
    return thread;
  };

  const send = (thread: Thread): void => {
    if (thread.outbox.length === 0 || thread.isDead) return;
    const jobs = thread.outbox;
    thread.outbox = [];
    thread.worker.postMessage({ type: 'refine', jobs } satisfies ToWorker);
  };

  /** The thread with the fewest documents among those with room for `chars` more characters (an idle thread always has), or null. */
  const pick = (chars: number): Thread | null => {
    while (pool.length < threads) pool.push(spawn());
    let best: Thread | null = null;
    for (const thread of pool) {
      if (thread.chars > 0 && thread.chars + chars > threadInFlightChars) continue;
      if (thread.admission !== null && thread.jobs.size >= thread.admission.current) continue;
      if (best === null || thread.jobs.size < best.jobs.size) best = thread;
    }
    return best;
  };

  const assign = (thread: Thread, job: Job): void => {
    job.thread = thread;
    thread.jobs.set(job.id, job);
    thread.chars += job.text.length;
    if (thread.jobs.size === 1) thread.worker.ref();
    if (thread.outbox.push(job.id, job.text, job.shared?.id ?? 0) === 3) setImmediate(() => send(thread));
  };

  const admitWaiting = (): void => {
    while (waiting.length > 0 && !isClosed) {
      const job = waiting[0] as Job;
      const thread = pick(job.text.length);
      if (thread === null) return;
      waiting.shift();
      assign(thread, job);
    }
  };

  for (let index = 0; index < threads; index++) pool.push(spawn());

  return {
    threads,
    refine(text: string, signal: AbortSignal | null = null): Promise<RefineResult> {
      if (isClosed) return Promise.reject(new MiairError('ABORTED', 'The refine pool is closed.'));
      if (initError !== null) return Promise.reject(initError);
      if (signal?.aborted === true) return Promise.reject(abortError(signal));
      if (text.length > maxThreadDocumentChars) return runHere(text, signal);
      return new Promise((resolve, reject) => {
        const job: Job = { text, resolve, reject, signal, shared: null, thread: null, id: nextId++ };
        if (signal !== null) joinSignal(job, signal);
        const thread = waiting.length === 0 ? pick(text.length) : null;
        if (thread === null) waiting.push(job);
        else assign(thread, job);
      });
    },
    cacheHits: () => pool.reduce((sum, thread) => sum + thread.cacheHits, 0),
    concurrency: () => pool.reduce((sum, thread) => sum + thread.concurrency, 0),
    inFlight: () => pool.reduce((sum, thread) => sum + thread.jobs.size, 0) + waiting.length + here,
    threadLimits: () => pool.map((thread) => thread.admission?.current ?? Number.POSITIVE_INFINITY),
    async close(): Promise<void> {
      if (isClosed) return;
      isClosed = true;
      for (const job of waiting.splice(0)) {
        leaveSignal(job);
        job.reject(new MiairError('ABORTED', 'The refine pool closed before this document started.'));
      }
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
      if (builtHere !== null) await builtHere.then((built) => built.close(), () => undefined);
    },
  };
}

/** How long a closing thread may take to release its model before it is terminated. */
const CLOSE_TIMEOUT_MS = 5_000;

function abortError(signal: AbortSignal): MiairError {
  return MiairError.isInstance(signal.reason) ? signal.reason : new MiairError('ABORTED', 'The refinement was aborted before it finished.');
}

function checkPositive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new MiairError('CONFIG_INVALID', `Expected \`${name}\` to be an integer >= 1, got \`${String(value)}\` (${typeof value}).`);
  return value;
}

function splitConcurrency(options: RefinePoolOptions, threads: number, slot: number): WorkerConcurrency {
  const share = (value: number | undefined, name: string): number | null => {
    if (value === undefined) return null;
    if (!Number.isInteger(value) || value < 1) throw new MiairError('CONFIG_INVALID', `Expected \`${name}\` to be an integer >= 1, got \`${String(value)}\` (${typeof value}).`);
    return Math.max(1, Math.floor(value / threads) + (slot < value % threads ? 1 : 0));
  };
  return {
    isGated: options.isGated ?? true,
    fixed: share(options.concurrency, 'concurrency'),
    min: share(options.minConcurrency, 'minConcurrency'),
    max: share(options.maxConcurrency, 'maxConcurrency'),
    initial: share(options.initialConcurrency, 'initialConcurrency'),
  };
}

/** The lowest slot (0 to threads - 1) no live thread holds: a replacement takes the share of the thread it replaces. */
function freeSlot(pool: readonly Thread[], threads: number): number {
  for (let slot = 0; slot < threads; slot++) if (!pool.some((thread) => thread.slot === slot)) return slot;
  return 0;
}
