/**
 * `miair optimize --from-ndjson FILE|-`: refines a stream of `{"id", "text"}`
 * lines and writes one NDJSON line per input, in input order, to stdout or
 * `--out-ndjson FILE`. With `--out-ndjson`, a journal next to the file makes
 * the run resumable: run the same command again after a crash or Ctrl-C and
 * finished inputs are replayed, not refined again.
 */
import path from 'node:path';
import { hashContent } from '../../cache/hash-content.js';
import { DEFAULT_STREAM_THREAD_HEAP_MB, DEFAULT_STREAM_THREAD_YOUNG_GENERATION_MB } from '../../config/defaults.js';
import { ERROR_CODES, MiairError } from '../../errors.js';
import { createNdjsonOutput, openJournal, type Journal, type JsonValue } from '../../pipeline/journal/index.js';
import { refineStream, type StreamInput } from '../../pipeline/refine-stream.js';
import { toNdjsonRecord, type NdjsonRecord } from '../../pipeline/to-ndjson-record.js';
import type { LanguageModel } from '../../providers/spec.js';
import { refineOptionsOf } from '../refine-options-of.js';
import { resolveThreads } from '../create-cli-refiner.js';
import { toWorkerRefineOptions, type WorkerModelFactory } from '../../pipeline/workers/wire.js';
import { createLineWriter, type CliIo } from '../io.js';
import type { CliSettings } from '../resolve-settings.js';
import { readNdjsonInputs } from '../read-ndjson-inputs.js';
import { runSettingsHash } from '../run-settings-hash.js';
import { createProgress } from '../progress.js';
import { formatNumber } from '../format/format-number.js';
import { countTruncated, truncatedSummary } from '../format/truncated-summary.js';
import { EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK } from '../exit-codes.js';

/** Options of the stream mode. */
export interface StreamOutputOptions {
  fromNdjson: string;
  /** null: lines go to stdout. */
  outNdjson: string | null;
  /** Ignore the journal of an earlier run. */
  restart: boolean;
  progress: boolean;
  /** After SIGINT/SIGTERM, how long documents in flight may take to finish before they are abandoned. */
  drainTimeoutMs: number;
  /** Reads the response cache's hit count for progress and the summary. */
  readCacheHits: () => number;
  /** How worker threads build the run's model (used when the run has threads). */
  workerModel: WorkerModelFactory;
  /** Told the warnings of the worker threads' models (this thread's model tells its own). */
  onModelWarning: (text: string) => void;
}

/** Replayed and error lines that may wait behind a document still in flight. */
const MAX_WAITING_LINES = 10_000;

type Waiting = { kind: 'stream' } | { kind: 'record'; record: NdjsonRecord | JsonValue };

/** Runs the stream mode; returns the exit code. */
export async function optimizeStream(options: StreamOutputOptions, settings: CliSettings, model: LanguageModel, io: CliIo): Promise<number> {
  const startedAt = performance.now();
  const settingsHash = runSettingsHash(settings, model);
  const outPath = options.outNdjson === null ? null : path.resolve(io.cwd, options.outNdjson);
  const journal = outPath === null ? null : await openJournal({ path: `${outPath}.journal`, settingsHash, restart: options.restart });
  const output = outPath === null ? null : await createNdjsonOutput(outPath);
  const lines = createLineWriter(io.stdout);
  const emit = async (record: NdjsonRecord | JsonValue): Promise<void> => {
    if (output === null) await lines.write(`${JSON.stringify(record)}\n`);
    else await output.write(record as JsonValue);
  };

  // Ctrl-C stops reading at once; documents in flight get drainTimeoutMs to finish.
  const abandon = new AbortController();
  const onInterrupt = (): void => {
    setTimeout(() => abandon.abort(new MiairError('ABORTED', 'Interrupted: the drain timeout passed.')), options.drainTimeoutMs).unref();
  };
  io.signal?.addEventListener('abort', onInterrupt, { once: true });

  const totals = { lines: 0, ok: 0, improved: 0, errors: 0, replayed: 0, replayedErrors: 0, duplicates: 0, aborted: 0, truncated: 0 };
  const waiting: Waiting[] = [];
  let wakeReader: (() => void) | null = null;
  const keys: { id: string; contentHash: string }[] = [];

  async function* inputs(): AsyncGenerator<StreamInput> {
    for await (const line of readNdjsonInputs(options.fromNdjson, io.stdin, io.cwd, { maxBytes: settings.maxBytes })) {
      if (io.signal?.aborted === true) return;
      totals.lines += 1;
      let record: NdjsonRecord | JsonValue | undefined;
      let contentHash = '';
      if (line.error !== undefined) {
        totals.errors += 1;
        record = { id: line.id ?? null, status: 'error', text: null, stopReason: null, iterations: 0, initialQuality: null, finalQuality: null, error: line.error.toJSON() };
      } else if (journal !== null) {
        contentHash = hashContent(line.input.text);
        record = journal.lookup(line.input.id, contentHash);
        if (record !== undefined) {
          totals.replayed += 1;
          // A permanent error journaled by an earlier run is still an error of this output (and its exit code).
          if ((record as { status?: unknown }).status === 'error') totals.replayedErrors += 1;
        }
      }
      if (record !== undefined) {
        // Nothing ahead of it still in flight: it can go out now, in order.
        if (waiting.length === 0) await emit(record);
        else {
          waiting.push({ kind: 'record', record });
          while (waiting.length > MAX_WAITING_LINES) await new Promise<void>((resolve) => (wakeReader = resolve));
        }
        continue;
      }
      const input = line.input as StreamInput;
      keys.push({ id: input.id, contentHash });
      waiting.push({ kind: 'stream' });
      yield input;
    }
  }

  const drainRecords = async (): Promise<void> => {
    while (waiting.length > 0 && waiting[0]?.kind === 'record') await emit((waiting.shift() as { record: NdjsonRecord | JsonValue }).record);
    const wake = wakeReader;
    wakeReader = null;
    wake?.();
  };

  const progress = options.progress && io.stderr.isTTY === true ? createProgress(io.stderr) : null;
  let concurrency = 0;
  let cacheHits = 0;
  let costUsd = 0;
  const threads = resolveThreads(settings);
  const stream = refineStream(inputs(), {
    ...(threads === 0 ? refineOptionsOf(settings, model) : { ...toWorkerRefineOptions(refineOptionsOf(settings, model)), threads, workerModel: options.workerModel, onWarning: options.onModelWarning, threadHeapMb: settings.threadHeapMb ?? DEFAULT_STREAM_THREAD_HEAP_MB, threadYoungGenerationMb: DEFAULT_STREAM_THREAD_YOUNG_GENERATION_MB }),
    ...(settings.concurrencyIsFixed ? { concurrency: settings.concurrency } : { minConcurrency: settings.minConcurrency, maxConcurrency: settings.maxConcurrency }),
    maxInFlight: settings.maxInFlight,
    signal: abandon.signal,
    ...(threads === 0 ? { readCacheHits: options.readCacheHits } : {}),
    onProgress: (event) => {
      concurrency = event.concurrency;
      cacheHits = event.cacheHits;
      costUsd = event.costUsd;
    },
  });

  let exitCode = EXIT_OK;
  try {
    for await (const item of stream) {
      await drainRecords();
      waiting.shift();
      const key = keys.shift();
      const record = toNdjsonRecord(item);
      if (item.status === 'ok') totals.ok += 1;
      else totals.errors += 1;
      if (record.initialQuality !== null && record.finalQuality !== null && record.finalQuality > record.initialQuality) totals.improved += 1;
      if (item.isDuplicate) totals.duplicates += 1;
      else if (item.result !== null) totals.truncated += countTruncated(item.result);
      const isAborted = item.error?.code === 'ABORTED';
      if (isAborted) totals.aborted += 1;
      await emit(record);
      // Aborted and transient failures are not journaled: a resumed run redoes them. Transient by its code too: an open
      // circuit breaker fails fast with PROVIDER_UNAVAILABLE marked not retryable (for this run), yet a later run may succeed.
      if (journal !== null && key !== undefined && item.id !== null && !isAborted && (item.error === null || !(item.error.isRetryable || ERROR_CODES[item.error.code].isRetryable))) {
        journal.append(key.id, key.contentHash, record as unknown as JsonValue);
      }
      await drainRecords();
      progress?.update(totals.ok + totals.errors + totals.replayed, totals.improved, totals.errors);
    }
    await drainRecords();
  } finally {
    await lines.flush();
    progress?.stop();
    io.signal?.removeEventListener('abort', onInterrupt);
    await journal?.close();
  }

  const interrupted = io.signal?.aborted === true;
  // The output file appears only complete: an interrupted run leaves the old one, and the journal resumes it.
  if (output !== null) await (interrupted ? output.abandon() : output.commit());

  const seconds = (performance.now() - startedAt) / 1000;
  const documents = totals.ok + totals.errors + totals.replayed;
  io.stderr.write(
    [
      `${documents} input${documents === 1 ? '' : 's'}: ${totals.ok} refined, ${totals.errors} error${totals.errors === 1 ? '' : 's'}, ${totals.replayed} resumed from the journal${totals.replayedErrors > 0 ? ` (${totals.replayedErrors} of them errors)` : ''}, ${totals.duplicates} duplicate${totals.duplicates === 1 ? '' : 's'}`,
      `${formatNumber(seconds, 2)} s, ${formatNumber((documents / Math.max(seconds, 1e-9)) * 60, 0)} docs/min, model ${model.provider}/${model.modelId}, concurrency ${concurrency}, cache hits ${cacheHits}${costUsd > 0 ? `, $${costUsd.toFixed(4)}` : ''}`,
      ...(totals.truncated > 0 ? [truncatedSummary(totals.truncated, settings.maxOutputTokens)] : []),
      ...(options.outNdjson === null ? [] : [interrupted ? `interrupted: ${options.outNdjson} left as it was; run the same command again to resume` : `written to ${options.outNdjson}`]),
    ].join('\n') + '\n',
  );
  if (interrupted) exitCode = EXIT_INTERRUPTED;
  else if (totals.errors + totals.replayedErrors > 0) exitCode = EXIT_ERROR;
  return exitCode;
}
