/**
 * The messages between a worker pool and its threads, and the plain forms
 * that let errors cross a thread boundary (structured clone keeps an Error's
 * message but drops its class and `code`).
 */
import { MiairError, type ErrorCode } from '../../errors.js';
import type { RefineOptions } from '../../refine/types.js';
import type { WireValue } from './wire-codec.js';

/** How a worker thread builds its model: it imports `module` and calls its export `exportName` with `options`. */
export interface WorkerModelFactory {
  /** A file URL or absolute path of an ES module. */
  module: string;
  /**
   * A function `(options) => LanguageModel | { model, close?, readCacheHits?, takeWarnings? }`
   * (or a promise of one). @default 'createModel'
   */
  exportName?: string;
  /** Passed to the factory; must survive structured clone (no functions, no class instances). */
  options?: unknown;
}

/** The refine options a thread can receive: every plain one (the model is built there, signals are per document). */
export type WorkerRefineOptions = Omit<RefineOptions, 'model' | 'budget' | 'abortSignal'>;

/** `options` without what cannot cross a thread: the model, a run-wide budget and the signal. */
export function toWorkerRefineOptions(options: RefineOptions): WorkerRefineOptions {
  const { model: _model, budget: _budget, abortSignal: _abortSignal, ...plain } = options;
  return plain;
}

/** Model-call concurrency of each thread: fixed, or adaptive between bounds. */
export interface WorkerConcurrency {
  /** False: calls are not gated (the pool's caller bounds them). */
  isGated: boolean;
  fixed: number | null;
  min: number | null;
  max: number | null;
  initial: number | null;
}

export interface WorkerData {
  factory: WorkerModelFactory;
  refineOptions: WorkerRefineOptions;
  concurrency: WorkerConcurrency;
}

export interface PlainError {
  code: ErrorCode;
  message: string;
  isRetryable: boolean;
  details?: Record<string, unknown>;
}

export type ToWorker =
  /**
   * Documents to refine, three values each (a flat array clones faster than objects): the job's id, its
   * text, and the number of the caller's abort signal it carries, shared by the documents that carry the
   * same one (0 for none).
   */
  | { type: 'refine'; jobs: Array<number | string> }
  /** Aborts every document carrying one of `signals`. */
  | { type: 'abort'; signals: number[]; reason: PlainError }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'init-error'; error: PlainError }
  | {
    type: 'done';
    /**
     * The finished documents, one after the other (wire-codec.ts encodeFinished): the job's id, then
     * `true` and the result, or `false` and the error refine() threw (a PlainError).
     */
    values: WireValue[];
    /** Model answers served from the thread's cache so far, and its model-call limit now. */
    cacheHits: number;
    concurrency: number;
    /** Mean event-loop delay of the thread since its last message, in ms; -1 when not measured. */
    lagMs: number;
    /** The model's warnings told since the last message (BuiltModel.takeWarnings), when there are any. */
    warnings?: string[];
  };

export function toPlainError(error: unknown): PlainError {
  return MiairError.from(error).toJSON();
}

export function fromPlainError(plain: PlainError): MiairError {
  return new MiairError(plain.code, plain.message, { isRetryable: plain.isRetryable, ...(plain.details === undefined ? {} : { details: plain.details }) });
}
