/**
 * Refines a stream of documents with bounded memory: at most `maxInFlight`
 * in progress, inputs read only when there is room (backpressure), exactly
 * one result per input, identical texts refined once.
 */
import { MiairError } from '../errors.js';
import { createLocalModel } from '../providers/local/create-local-model.js';
import { wrapLanguageModel } from '../providers/middleware/language-model-middleware.js';
import { createRefiner } from '../refine/refine.js';
import type { RefineOptions, RefineResult } from '../refine/types.js';
import { adaptiveConcurrencyMiddleware } from './adaptive-concurrency-middleware.js';
import { createAdaptiveLimit, type AdaptiveLimit } from './adaptive-limit.js';
import { createMemoryGuard, defaultMaxHeapBytes, type MemoryGuard } from './memory-guard.js';
import { DEFAULT_MAX_DEDUPE_ENTRIES, DEFAULT_MAX_IN_FLIGHT } from '../config/defaults.js';
import { subscribeAbort } from '../providers/subscribe-abort.js';
import { createSignalGroups } from './signal-groups.js';
import { createRefinePool, type RefinePool } from './workers/create-refine-pool.js';
import { toWorkerRefineOptions, type WorkerModelFactory } from './workers/wire.js';


/** One document of a stream. */
export interface StreamInput {
  id: string;
  text: string;
}

/** The outcome of one input, yielded exactly once per input read. */
export interface StreamResult {
  /** The input's id; null when the input had none (malformed). */
  id: string | null;
  /** 0-based position of the input in the stream. */
  index: number;
  /** `error` when the refinement threw, the input was malformed, or the loop stopped with `error`. */
  status: 'ok' | 'error';
  /** The refinement (also when it stopped with `error`: the best text so far); null when there was none. */
  result: RefineResult | null;
  error: MiairError | null;
  /** True when the text was refined for an earlier input of the run and this is a copy of its result. */
  isDuplicate: boolean;
}

/** A snapshot of a stream's counters, passed to `onProgress`. */
export interface StreamProgress {
  /** `memory-pause` / `memory-resume` when the guard stops or restarts admission; `end` comes last. */
  type: 'document-end' | 'memory-pause' | 'memory-resume' | 'end';
  /** Inputs read. */
  read: number;
  /** Inputs read and not finished. */
  inFlight: number;
  /** Inputs finished (status ok or error). */
  done: number;
  /** Inputs finished with status error. */
  failed: number;
  /** Inputs answered with the result of an identical earlier text. */
  duplicates: number;
  /** Model answers served from a cache (`readCacheHits`); 0 without one. */
  cacheHits: number;
  /** Model tokens, input plus output, of refinements run (copies not counted again). */
  tokens: number;
  costUsd: number;
  /** The model-call concurrency limit in force. */
  concurrency: number;
  /** Heap in use at the guard's last reading, in bytes (0 without a guard). */
  heapBytes: number;
}

/** Options of {@link refineStream}: every refine option, plus how the stream runs. */
export interface RefineStreamOptions extends RefineOptions {
  /** Documents in progress at once, at most. @default DEFAULT_MAX_IN_FLIGHT (1024) */
  maxInFlight?: number;
  /**
   * Finished results that may wait for a slower earlier one (input order),
   * or for the consumer (completion order). Inputs read and not yet yielded
   * never exceed `maxInFlight + reorderWindow`. @default maxInFlight
   */
  reorderWindow?: number;
  /** @default 'input' */
  order?: 'input' | 'completion';
  /** Stops reading, aborts refinements in progress (`ABORTED` results), then ends. */
  signal?: AbortSignal;
  /** Called on every finished document and at the end; keep it cheap. Exceptions it throws are ignored. */
  onProgress?: (progress: StreamProgress) => void;
  /** Fixed model-call concurrency: turns adaptation off. */
  concurrency?: number;
  /** Bounds of the adaptive model-call limit (see createAdaptiveLimit). */
  minConcurrency?: number;
  maxConcurrency?: number;
  initialConcurrency?: number;
  /** A limit made by the caller (shared by several streams, or already in the model's middleware); overrides the four above. */
  limit?: AdaptiveLimit;
  /** False when `model` already goes through `adaptiveConcurrencyMiddleware(limit)`. @default true */
  shouldGateModel?: boolean;
  /**
   * Above this heap in use (bytes) no new document is admitted until it
   * falls (one at a time still goes when none is in progress); 0 turns the
   * guard off. @default 70% of V8's heap size limit (defaultMaxHeapBytes())
   */
  maxHeapBytes?: number;
  /** Reads the heap in use in bytes, for tests. @default process.memoryUsage().heapUsed */
  readHeapBytes?: () => number;
  /** Shortest time between two heap readings, in ms. @default DEFAULT_MEMORY_SAMPLE_INTERVAL_MS (50) */
  memorySampleIntervalMs?: number;
  /** Refine each distinct text once per run and copy the result to identical inputs. @default true */
  shouldDeduplicate?: boolean;
  /** @default DEFAULT_MAX_DEDUPE_ENTRIES (1024) */
  maxDedupeEntries?: number;
  /** Reads the model cache's hit count, reported in progress. @default the threads' caches with `threads`, else 0 */
  readCacheHits?: () => number;
  /**
   * Refine in this many worker threads (scoring, guards and model calls
   * included); 0 or 1 refines on this thread. Needs `workerModel` instead of
   * `model` (a model object cannot cross threads) and no run-wide `budget`.
   * Concurrency options are split evenly between the threads. @default 0
   */
  threads?: number;
  /** How each thread builds its model: `{ module, exportName?, options? }` (see createRefinePool). */
  workerModel?: WorkerModelFactory;
  /** Old-generation heap of each thread, in MiB; 0: V8's own limit (see createRefinePool). @default 0 */
  threadHeapMb?: number;
  /** Young-generation heap of each thread, in MiB (see createRefinePool). @default DEFAULT_WORKER_YOUNG_GENERATION_MB (96) */
  threadYoungGenerationMb?: number;
  /** With `threads`: told each warning the threads' models report (see createRefinePool's `onWarning`). @default silent */
  onWarning?: (text: string) => void;
  /**
   * Refine in this running pool (createRefinePool) instead of starting one:
   * a process that streams again and again keeps its threads, their warm
   * code and their models, where each stream's own pool starts threads that
   * compile everything again (~10% of the CPU of a 100,000-document stream).
   * The stream never closes it. Its threads, model and concurrency are the
   * pool's: pass none of `threads`, `workerModel`, `model`, `threadHeapMb`, `threadYoungGenerationMb`
   * or the concurrency options with it.
   */
  pool?: RefinePool;
}

interface Outcome {
  result: RefineResult | null;
  error: MiairError | null;
}

interface DedupeEntry {
  outcome: Outcome | null;
  /** Inputs waiting for this text's refinement: id, index pairs. */
  waiters: Array<{ id: string; index: number }>;
}

const STREAM_KEYS = [
  'maxInFlight', 'reorderWindow', 'order', 'signal', 'onProgress', 'concurrency', 'minConcurrency', 'maxConcurrency',
  'initialConcurrency', 'limit', 'shouldGateModel', 'maxHeapBytes', 'readHeapBytes', 'memorySampleIntervalMs', 'shouldDeduplicate', 'maxDedupeEntries', 'readCacheHits',
  'threads', 'workerModel', 'threadHeapMb', 'threadYoungGenerationMb', 'onWarning', 'pool',
] as const;

/**
 * Refines every document of `inputs` and yields one {@link StreamResult} per
 * input, in input order (or completion order). Reads the next input only
 * when fewer than `maxInFlight` are in progress and fewer than
 * `maxInFlight + reorderWindow` are waiting to be yielded, so memory does
 * not grow with the input and a slow consumer slows the reader. Model calls
 * go through an adaptive concurrency limit (fixed with `concurrency`).
 * Identical texts are refined once (same options: one stream has one set).
 * An input that is not `{ id: string, text: string }` yields
 * `INPUT_MALFORMED`; a MiairError given as an input is yielded as that
 * input's error (a CLI's unparsable line). A refine that throws yields its
 * error (`INTERNAL` unless it is a MiairError). Breaking out of the loop
 * aborts the refinements in progress. If reading `inputs` fails, the
 * documents already read are finished and yielded, then the error is thrown
 * (`INPUT_UNREADABLE` unless it is a MiairError).
 *
 * @throws MiairError `CONFIG_INVALID` at once for bad stream options; bad refine options become error results.
 * @example
 * for await (const item of refineStream(documents, { model, maxInFlight: 2048, maxIterations: 1 })) {
 *   console.log(item.id, item.status, item.result?.finalMetrics.quality);
 * }
 */
export function refineStream(
  inputs: AsyncIterable<StreamInput | MiairError> | Iterable<StreamInput | MiairError>,
  options: RefineStreamOptions = {},
): AsyncGenerator<StreamResult, void, undefined> {
  const source = inputs as unknown as Record<symbol, unknown> | null;
  if (typeof source !== 'object' || source === null || (typeof source[Symbol.asyncIterator] !== 'function' && typeof source[Symbol.iterator] !== 'function')) {
    throw new MiairError('CONFIG_INVALID', `Expected \`inputs\` to be an iterable or async iterable of {id, text} objects, got ${source === null ? 'null' : typeof source}.`);
  }
  const maxInFlight = checkInteger('maxInFlight', options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT, 1);
  const reorderWindow = checkInteger('reorderWindow', options.reorderWindow ?? maxInFlight, 0);
  const maxDedupeEntries = checkInteger('maxDedupeEntries', options.maxDedupeEntries ?? DEFAULT_MAX_DEDUPE_ENTRIES, 0);
  const order = options.order ?? 'input';
  if (order !== 'input' && order !== 'completion') {
    throw new MiairError('CONFIG_INVALID', `Expected \`order\` to be 'input' or 'completion', got \`${String(order)}\` (${typeof order}).`);
  }
  const limit = options.limit ?? createStreamLimit(options);
  const maxHeapBytes = options.maxHeapBytes ?? defaultMaxHeapBytes();
  const guard = maxHeapBytes === 0
    ? null
    : createMemoryGuard({
      maxHeapBytes,
      ...(options.readHeapBytes === undefined ? {} : { readHeapBytes: options.readHeapBytes }),
      ...(options.memorySampleIntervalMs === undefined ? {} : { sampleIntervalMs: options.memorySampleIntervalMs }),
    });
  const refineOptions: RefineOptions = { ...options };
  for (const key of STREAM_KEYS) delete (refineOptions as Record<string, unknown>)[key];
  const threads = checkInteger('threads', options.threads ?? 0, 0);
  const openPool = options.pool !== undefined
    ? givenPool(options, options.pool)
    : threads >= 2 || options.workerModel !== undefined ? poolOpener(options, refineOptions, threads, maxInFlight) : null;
  if (openPool === null) {
    const model = options.model ?? createLocalModel();
    refineOptions.model = options.shouldGateModel === false || !canLimitBind(options, maxInFlight) ? model : wrapLanguageModel(model, [adaptiveConcurrencyMiddleware(limit)]);
  }
  return run(inputs, {
    maxInFlight, reorderWindow, maxDedupeEntries, order, limit, guard, refineOptions, openPool,
    signal: options.signal ?? null,
    onProgress: options.onProgress ?? null,
    shouldDeduplicate: options.shouldDeduplicate ?? true,
    readCacheHits: options.readCacheHits ?? null,
    ownsPool: options.pool === undefined,
  });
}

/** Checks that a stream given a pool sets nothing the pool already decided. */
function givenPool(options: RefineStreamOptions, pool: RefinePool): () => RefinePool {
  const clashing = (['threads', 'workerModel', 'model', 'threadHeapMb', 'threadYoungGenerationMb', 'onWarning', 'budget', 'limit', 'concurrency', 'minConcurrency', 'maxConcurrency', 'initialConcurrency'] as const)
    .filter((key) => options[key] !== undefined);
  if (clashing.length > 0) {
    throw new MiairError('CONFIG_INVALID', `\`pool\` brings its own threads, models and concurrency: drop ${clashing.map((key) => `\`${key}\``).join(', ')}, or drop \`pool\`.`);
  }
  return () => pool;
}

/**
 * False when a fixed concurrency is at least `maxInFlight`: a document makes
 * one model call at a time, so the gate could never hold a call back.
 */
function canLimitBind(options: RefineStreamOptions, maxInFlight: number): boolean {
  return options.limit !== undefined || options.concurrency === undefined || options.concurrency < maxInFlight;
}

/** Checks the options of a threaded stream and returns how to start its pool (at the first document). */
function poolOpener(options: RefineStreamOptions, refineOptions: RefineOptions, threads: number, maxInFlight: number): () => RefinePool {
  if (options.workerModel === undefined) {
    throw new MiairError('CONFIG_INVALID', `\`threads: ${threads}\` needs \`workerModel\` ({ module, exportName, options }: how each thread builds its model), because a model object cannot cross threads. Pass workerModel, or drop threads.`);
  }
  if (options.model !== undefined) {
    throw new MiairError('CONFIG_INVALID', 'Pass either `model` (refine on this thread) or `workerModel` (each thread builds its own), not both.');
  }
  if (options.budget !== undefined) {
    throw new MiairError('CONFIG_INVALID', 'A run-wide `budget` cannot be shared between threads. Use threads: 1, or a per-document `budgetUsd`.');
  }
  if (options.limit !== undefined) {
    throw new MiairError('CONFIG_INVALID', 'A shared `limit` cannot cross threads. Give `concurrency` or min/max/initialConcurrency instead (they are split between the threads).');
  }
  const workerRefineOptions = toWorkerRefineOptions(refineOptions);
  const workerModel = options.workerModel;
  return () => createRefinePool({
    threads: Math.max(1, threads),
    model: workerModel,
    refineOptions: workerRefineOptions,
    ...(options.threadHeapMb === undefined ? {} : { threadHeapMb: options.threadHeapMb }),
    ...(options.threadYoungGenerationMb === undefined ? {} : { threadYoungGenerationMb: options.threadYoungGenerationMb }),
    ...(options.onWarning === undefined ? {} : { onWarning: options.onWarning }),
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    isGated: options.shouldGateModel !== false && canLimitBind(options, maxInFlight),
    ...(options.minConcurrency === undefined ? {} : { minConcurrency: options.minConcurrency }),
    ...(options.maxConcurrency === undefined ? {} : { maxConcurrency: options.maxConcurrency }),
    ...(options.initialConcurrency === undefined ? {} : { initialConcurrency: options.initialConcurrency }),
  });
}

interface StreamSettings {
  maxInFlight: number;
  reorderWindow: number;
  maxDedupeEntries: number;
  order: 'input' | 'completion';
  limit: AdaptiveLimit;
  guard: MemoryGuard | null;
  refineOptions: RefineOptions;
  /** Starts the worker pool of a threaded stream; null refines on this thread. */
  openPool: (() => RefinePool) | null;
  signal: AbortSignal | null;
  onProgress: ((progress: StreamProgress) => void) | null;
  shouldDeduplicate: boolean;
  readCacheHits: (() => number) | null;
  /** False when the caller gave the pool: the stream leaves it open. */
  ownsPool: boolean;
}

const ABORTED_READ = Symbol('aborted-read');

async function* run(
  inputs: AsyncIterable<StreamInput | MiairError> | Iterable<StreamInput | MiairError>,
  settings: StreamSettings,
): AsyncGenerator<StreamResult, void, undefined> {
  const { maxInFlight, reorderWindow, order, limit, guard, onProgress } = settings;
  // One signal per group of documents (signal-groups.ts), aborted with the stream.
  const controller = createSignalGroups();
  const userSignal = settings.refineOptions.abortSignal;
  const unsubscribe = [settings.signal, userSignal].map((signal) => {
    if (signal === null || signal === undefined) return () => undefined;
    if (signal.aborted) controller.abort(signal.reason);
    return subscribeAbort(signal, () => controller.abort(signal.reason));
  });
  const refineOptions: RefineOptions = { ...settings.refineOptions };
  let pool: RefinePool | null = null;
  // A pool that outlives the stream counts the hits of earlier streams too.
  let poolHitsBefore = 0;
  const refineOne = settings.openPool === null
    ? createRefiner(refineOptions)
    : (text: string, signal: AbortSignal): Promise<RefineResult> => {
      if (pool === null) {
        pool = (settings.openPool as () => RefinePool)();
        poolHitsBefore = pool.cacheHits();
      }
      return pool.refine(text, signal);
    };
  const readCacheHits = settings.readCacheHits ?? (() => (pool === null ? 0 : pool.cacheHits() - poolHitsBefore));
  const currentConcurrency = (): number => (settings.openPool === null ? limit.current : pool?.concurrency() ?? 0);

  const isSync = !(Symbol.asyncIterator in inputs);
  const syncIterator = isSync ? (inputs as Iterable<StreamInput | MiairError>)[Symbol.iterator]() : null;
  const asyncIterator = isSync ? null : (inputs as AsyncIterable<StreamInput | MiairError>)[Symbol.asyncIterator]();

  const counters = { read: 0, done: 0, failed: 0, duplicates: 0, tokens: 0, costUsd: 0 };
  let yielded = 0;
  const readyByIndex = new Map<number, StreamResult>();
  let readyQueue: StreamResult[] = [];
  let readyHead = 0;
  let nextIndex = 0;
  const dedupe = new Map<string, DedupeEntry>();
  const finishedTexts: string[] = [];
  let finishedHead = 0;
  let wake: (() => void) | null = null;
  let isInputDone = false;
  let inputError: MiairError | null = null;
  let isMemoryPaused = false;
  let isFinished = false;

  const emit = (type: StreamProgress['type']): void => {
    if (onProgress === null) return;
    try {
      onProgress({
        type, read: counters.read, inFlight: counters.read - counters.done, done: counters.done, failed: counters.failed,
        duplicates: counters.duplicates, cacheHits: readCacheHits(), tokens: counters.tokens, costUsd: counters.costUsd,
        concurrency: currentConcurrency(), heapBytes: guard?.heapBytes ?? 0,
      });
    } catch {
      // A progress display must never cost a result.
    }
  };

  const deliver = (result: StreamResult): void => {
    counters.done++;
    if (result.status === 'error') counters.failed++;
    if (order === 'input') readyByIndex.set(result.index, result);
    else readyQueue.push(result);
    emit('document-end');
    if (wake !== null) {
      const resolve = wake;
      wake = null;
      resolve();
    }
  };

  const toResult = (id: string, index: number, outcome: Outcome, isDuplicate: boolean): StreamResult => {
    const error = outcome.error ?? outcome.result?.error ?? null;
    return { id, index, status: error === null ? 'ok' : 'error', result: outcome.result, error, isDuplicate };
  };

  const remember = (text: string, entry: DedupeEntry): void => {
    if (entry.outcome?.error !== null || entry.outcome.result?.error !== null) {
      // A failure may be transient: a later copy of the text gets its own try.
      dedupe.delete(text);
      return;
    }
    finishedTexts.push(text);
    while (finishedTexts.length - finishedHead > settings.maxDedupeEntries) {
      const oldest = finishedTexts[finishedHead++] as string;
      if (dedupe.get(oldest)?.outcome != null) dedupe.delete(oldest);
    }
    if (finishedHead > 1024 && finishedHead * 2 > finishedTexts.length) {
      finishedTexts.splice(0, finishedHead);
      finishedHead = 0;
    }
  };

  const start = (id: string, index: number, text: string): void => {
    const existing = settings.shouldDeduplicate ? dedupe.get(text) : undefined;
    if (existing !== undefined) {
      counters.duplicates++;
      if (existing.outcome === null) existing.waiters.push({ id, index });
      else deliver(toResult(id, index, existing.outcome, true));
      return;
    }
    const entry: DedupeEntry = { outcome: null, waiters: [] };
    if (settings.shouldDeduplicate) dedupe.set(text, entry);
    const member = controller.join();
    refineOne(text, member.signal).then(
      (result): Outcome => ({ result, error: null }),
      (error: unknown): Outcome => ({ result: null, error: MiairError.from(error) }),
    ).then((outcome) => {
      member.leave();
      entry.outcome = outcome;
      if (outcome.result !== null) {
        counters.tokens += outcome.result.usage.inputTokens + outcome.result.usage.outputTokens;
        counters.costUsd += outcome.result.costUsd;
      }
      deliver(toResult(id, index, outcome, false));
      for (const waiter of entry.waiters) deliver(toResult(waiter.id, waiter.index, outcome, true));
      entry.waiters = [];
      if (settings.shouldDeduplicate) remember(text, entry);
    });
  };

  const admit = (input: unknown, index: number): void => {
    if (MiairError.isInstance(input)) {
      const id = input.details?.['id'];
      deliver({ id: typeof id === 'string' ? id : null, index, status: 'error', result: null, error: input, isDuplicate: false });
      return;
    }
    const record = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : null;
    if (record === null || typeof record['id'] !== 'string' || typeof record['text'] !== 'string') {
      const id = record !== null && typeof record['id'] === 'string' ? record['id'] : null;
      deliver({ id, index, status: 'error', result: null, isDuplicate: false, error: malformed(input, index) });
      return;
    }
    start(record['id'], index, record['text']);
  };

  const canAdmit = (): boolean => {
    const inProgress = counters.read - counters.done;
    if (inProgress >= maxInFlight || counters.read - yielded >= maxInFlight + reorderWindow) return false;
    const isOver = guard !== null && guard.isOverLimit();
    if (isOver !== isMemoryPaused) {
      isMemoryPaused = isOver;
      emit(isOver ? 'memory-pause' : 'memory-resume');
    }
    // With nothing in progress the heap cannot fall by waiting: admit one at a time rather than stall.
    return !isOver || inProgress === 0;
  };

  const readNext = async (): Promise<IteratorResult<StreamInput | MiairError> | typeof ABORTED_READ> => {
    if (syncIterator !== null) return syncIterator.next();
    const pending = (asyncIterator as AsyncIterator<StreamInput | MiairError>).next();
    return new Promise((resolve, reject) => {
      const onAbort = (): void => resolve(ABORTED_READ);
      controller.signal.addEventListener('abort', onAbort, { once: true });
      pending.then(
        (step) => {
          controller.signal.removeEventListener('abort', onAbort);
          resolve(step);
        },
        (error: unknown) => {
          controller.signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  };

  const takeReady = (): StreamResult | null => {
    if (order === 'input') {
      const result = readyByIndex.get(nextIndex);
      if (result === undefined) return null;
      readyByIndex.delete(nextIndex++);
      return result;
    }
    if (readyHead === readyQueue.length) return null;
    const result = readyQueue[readyHead++] as StreamResult;
    if (readyHead > 1024 && readyHead * 2 > readyQueue.length) {
      readyQueue = readyQueue.slice(readyHead);
      readyHead = 0;
    }
    return result;
  };

  try {
    for (;;) {
      while (!isInputDone && !controller.signal.aborted && canAdmit()) {
        let step: Awaited<ReturnType<typeof readNext>>;
        try {
          step = await readNext();
        } catch (error) {
          inputError = MiairError.isInstance(error)
            ? error
            : new MiairError('INPUT_UNREADABLE', `Reading the input stream failed after ${counters.read} inputs: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
          isInputDone = true;
          break;
        }
        if (step === ABORTED_READ || step.done === true) {
          isInputDone = step !== ABORTED_READ;
          break;
        }
        admit(step.value, counters.read++);
      }
      const result = takeReady();
      if (result !== null) {
        yielded++;
        yield result;
        continue;
      }
      if ((isInputDone || controller.signal.aborted) && counters.done === counters.read) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        // Paused by the guard: look at the heap again after one sampling interval.
        if (isMemoryPaused && guard !== null) setTimeout(resolve, guard.sampleIntervalMs).unref();
      });
      wake = null;
    }
    isFinished = true;
    emit('end');
    if (inputError !== null) throw inputError;
  } finally {
    // Every document is finished or aborted by now: the threads have nothing left to do.
    if (pool !== null) {
      if (!isFinished) controller.abort();
      if (settings.ownsPool) await (pool as RefinePool).close();
    }
    for (const each of unsubscribe) each();
    // The consumer stopped early (break, throw): nobody will take the results of the work in progress.
    if (!isFinished) controller.abort();
    if (!isInputDone) {
      try {
        const closing = syncIterator !== null ? syncIterator.return?.() : asyncIterator?.return?.();
        if (closing instanceof Promise) closing.catch(() => undefined);
      } catch {
        // Closing a source that already failed has nothing left to release.
      }
    }
  }
}

function malformed(input: unknown, index: number): MiairError {
  const got = input === null ? 'null' : Array.isArray(input) ? 'array' : typeof input;
  return new MiairError(
    'INPUT_MALFORMED',
    `Input ${index + 1} is not an object with a string \`id\` and a string \`text\` (got ${got}). Give each input as {"id": "...", "text": "..."}.`,
    { details: { index } },
  );
}

function createStreamLimit(options: RefineStreamOptions): AdaptiveLimit {
  if (options.concurrency !== undefined) {
    const concurrency = checkInteger('concurrency', options.concurrency, 1);
    return createAdaptiveLimit({ min: concurrency, max: concurrency, initial: concurrency, isAdaptive: false });
  }
  return createAdaptiveLimit({
    ...(options.minConcurrency === undefined ? {} : { min: options.minConcurrency }),
    ...(options.maxConcurrency === undefined ? {} : { max: options.maxConcurrency }),
    ...(options.initialConcurrency === undefined ? {} : { initial: options.initialConcurrency }),
  });
}

function checkInteger(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new MiairError('CONFIG_INVALID', `Expected \`${name}\` to be an integer >= ${min}, got \`${String(value)}\` (${typeof value}).`);
  }
  return value;
}
