/**
 * The body of one worker thread of a refine pool: builds its own model from
 * the pool's factory, then refines the documents it is sent, many at once,
 * and posts their results back in batches (one message per event-loop turn,
 * not one per document).
 */
import { setMaxListeners } from 'node:events';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { wrapLanguageModel } from '../../providers/middleware/language-model-middleware.js';
import { createRefiner } from '../../refine/refine.js';
import type { RefineResult } from '../../refine/types.js';
import { adaptiveConcurrencyMiddleware } from '../adaptive-concurrency-middleware.js';
import { createAdaptiveLimit, type AdaptiveLimit } from '../adaptive-limit.js';
import { buildFactoryModel, type BuiltModel } from './build-factory-model.js';
import { fromPlainError, toPlainError, type FromWorker, type ToWorker, type WorkerData } from './wire.js';
import { encodeFinished, type WireValue } from './wire-codec.js';

const port = parentPort;
if (port === null) throw new Error('refine-worker.js runs as a worker thread of createRefinePool, not on its own.');
const data = workerData as WorkerData;

/** One AbortController per caller's signal (by its number on the wire), with the documents in progress that carry it. */
const signals = new Map<number, { controller: AbortController; documents: number }>();
/** The finished documents not posted yet, encoded (FromWorker `done`). */
let outbox: WireValue[] = [];
let isFlushScheduled = false;
let built: BuiltModel | null = null;
let limit: AdaptiveLimit | null = null;
const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();

function flush(): void {
  isFlushScheduled = false;
  if (outbox.length === 0) return;
  const values = outbox;
  outbox = [];
  const warnings = built?.takeWarnings() ?? [];
  // The mean delay since the last message (thread-admission.ts); none when the loop's timer has not run since.
  let lagMs = -1;
  if (delay.count > 0) {
    lagMs = delay.mean / 1e6;
    delay.reset();
  }
  port?.postMessage({ type: 'done', values, cacheHits: built?.readCacheHits() ?? 0, concurrency: limit?.current ?? 0, lagMs, ...(warnings.length === 0 ? {} : { warnings }) } satisfies FromWorker);
}

function takeSignal(id: number): AbortSignal | null {
  if (id === 0) return null;
  let entry = signals.get(id);
  if (entry === undefined) {
    entry = { controller: new AbortController(), documents: 0 };
    // Every document carrying it may listen a few times (model call, timers): not a leak.
    setMaxListeners(0, entry.controller.signal);
    signals.set(id, entry);
  }
  entry.documents++;
  return entry.controller.signal;
}

function releaseSignal(id: number): void {
  const entry = signals.get(id);
  if (entry !== undefined && --entry.documents === 0) signals.delete(id);
}

function finish(id: number, result: RefineResult | null, error: unknown, signal: number): void {
  releaseSignal(signal);
  encodeFinished(outbox, id, result, error);
  if (!isFlushScheduled) {
    isFlushScheduled = true;
    setImmediate(flush);
  }
}

async function start(): Promise<void> {
  try {
    built = await buildFactoryModel(data.factory);
  } catch (error) {
    port?.postMessage({ type: 'init-error', error: toPlainError(error) } satisfies FromWorker);
    return;
  }
  const { isGated, fixed, min, max, initial } = data.concurrency;
  limit = fixed === null
    ? createAdaptiveLimit({ ...(min === null ? {} : { min }), ...(max === null ? {} : { max }), ...(initial === null ? {} : { initial }) })
    : createAdaptiveLimit({ min: fixed, max: fixed, initial: fixed, isAdaptive: false });
  const model = isGated ? wrapLanguageModel(built.model, [adaptiveConcurrencyMiddleware(limit)]) : built.model;
  const refineOne = createRefiner({ ...data.refineOptions, model });
  port?.on('message', (message: ToWorker) => {
    if (message.type === 'close') {
      // Connections and cache handles are released before the thread ends; a close that fails changes nothing then.
      built?.close().catch(() => undefined).finally(() => process.exit(0));
      return;
    }
    if (message.type === 'abort') {
      for (const id of message.signals) signals.get(id)?.controller.abort(fromPlainError(message.reason));
      return;
    }
    const { jobs } = message;
    for (let at = 0; at < jobs.length; at += 3) {
      const id = jobs[at] as number;
      const signal = jobs[at + 2] as number;
      refineOne(jobs[at + 1] as string, takeSignal(signal)).then(
        (result) => finish(id, result, null, signal),
        (error: unknown) => finish(id, null, error, signal),
      );
    }
  });
  port?.postMessage({ type: 'ready' } satisfies FromWorker);
}

void start();
