import { refineSections } from './refine-sections.js';
import { refineTarget, type RefineRun } from './refine-target.js';
import { createBudget, type Budget } from './budget.js';
import { measureText } from './measure-text.js';
import { resolveRefineOptions, type ResolvedRefineOptions } from './resolve-refine-options.js';
import type { RefineOptions, RefineResult, StopReason } from './types.js';

/**
 * Refines one document through a language model until a stop condition, and
 * keeps a candidate only when every preservation guard passes and the
 * document's quality (of the chosen profile) strictly improves. A document
 * already at the gate is returned as it is (`skipped`) without a model call;
 * one longer than `sectionThresholdChars` is refined section by section.
 *
 * Never throws for what a model returns or throws: a failure ends the loop
 * with `stopReason: 'error'` and the best text so far.
 *
 * @throws MiairError `CONFIG_INVALID` or `CONFIG_UNKNOWN_KEY` for bad options.
 * @example
 * const result = await refine(text, { model: createMockModel({ latencyMs: 0 }), maxIterations: 3 });
 * console.log(result.stopReason, result.initialMetrics.quality, '->', result.finalMetrics.quality);
 */
export async function refine(text: string, options: RefineOptions = {}): Promise<RefineResult> {
  const started = performance.now();
  return refineResolved(text, resolveRefineOptions(options), started);
}

/**
 * Refines many documents with one set of options, each with a signal of its
 * own: the options are resolved once, not per document (~4% of a stream's
 * CPU on tldr pages). Options that do not resolve go through {@link refine}
 * per document, so each call rejects with their error as before.
 *
 * @example
 * const refineOne = createRefiner({ model, maxIterations: 1 });
 * const result = await refineOne(text, signal);
 */
export function createRefiner(options: RefineOptions): (text: string, abortSignal: AbortSignal | null) => Promise<RefineResult> {
  let resolved: ResolvedRefineOptions;
  try {
    resolved = resolveRefineOptions(options);
  } catch {
    return (text, abortSignal) => refine(text, abortSignal === null ? options : { ...options, abortSignal });
  }
  return (text, abortSignal) => refineResolved(text, abortSignal === null ? resolved : { ...resolved, abortSignal });
}

/** {@link refine} with options resolved already (`resolveRefineOptions`). */
export async function refineResolved(text: string, resolved: ResolvedRefineOptions, started: number = performance.now()): Promise<RefineResult> {
  const { metrics: initialMetrics, document: inputDocument } = measureText(text, resolved.profile);
  // A timer of our own, not AbortSignal.timeout: that one is unref'd, so a model that never settles and holds no
  // handle would let the process exit with this refinement pending instead of ending it with `timeout`.
  let timer: NodeJS.Timeout | undefined;
  let timeoutSignal: AbortSignal | null = null;
  if (resolved.timeoutMs > 0) {
    const controller = new AbortController();
    // From `started`, like the deadline that interruptionOf checks between calls: scoring the input counts too.
    timer = setTimeout(() => controller.abort(new DOMException('The refinement reached its timeoutMs.', 'TimeoutError')), Math.max(0, started + resolved.timeoutMs - performance.now()));
    timeoutSignal = controller.signal;
  }
  const callerSignal = resolved.abortSignal;
  // AbortSignal.any costs a listener and an object per document: only combine when there are two.
  const signal = callerSignal === null ? timeoutSignal : timeoutSignal === null ? callerSignal : AbortSignal.any([callerSignal, timeoutSignal]);
  const budgets: Budget[] = [];
  if (resolved.budgetUsd > 0) budgets.push(createBudget(resolved.budgetUsd));
  if (resolved.budget !== null) budgets.push(resolved.budget);
  const run: RefineRun = {
    options: resolved,
    inputText: text,
    inputDocument,
    signal,
    timeoutSignal,
    deadline: resolved.timeoutMs > 0 ? started + resolved.timeoutMs : Infinity,
    text,
    metrics: initialMetrics,
    iterations: [],
    usage: { inputTokens: 0, outputTokens: 0 },
    costUsd: 0,
    budgets,
    error: null,
  };
  let stopReason: StopReason;
  try {
    if (initialMetrics.quality >= resolved.gate) stopReason = 'skipped';
    else if (text.length > resolved.sectionThresholdChars) stopReason = await refineSections(run);
    else {
      const outcome = await refineTarget(run, {
        sectionIndex: null,
        text,
        document: inputDocument,
        metrics: initialMetrics,
        assemble: (candidate) => candidate,
        promptFindings: () => run.metrics.findings,
        isDone: () => false,
      });
      // A whole-document target never reports `section-done`; `gate-reached` is the same fact.
      stopReason = outcome === 'section-done' ? 'gate-reached' : outcome;
    }
  } finally {
    clearTimeout(timer);
  }
  return {
    inputText: text,
    text: run.text,
    initialMetrics,
    finalMetrics: run.metrics,
    iterations: run.iterations,
    stopReason,
    error: stopReason === 'error' ? run.error : null,
    usage: run.usage,
    costUsd: run.costUsd,
    durationMs: performance.now() - started,
  };
}
