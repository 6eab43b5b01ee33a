import { MiairError } from '../errors.js';
import { parseMarkdown } from '../document/parse-markdown.js';
import type { ParsedDocument } from '../document/types.js';
import type { Finding, Metrics } from '../metrics/types.js';
import { score, scoreDocument } from '../metrics/score.js';
import type { LanguageModelCallOptions, LanguageModelUsage } from '../providers/spec.js';
import { buildPrompt } from './build-prompt.js';
import { callModel } from './call-model.js';
import { checkPreservation, type PreservationCheck } from './check-preservation.js';
import { cleanModelOutput } from './clean-model-output.js';
import { isGuardError } from '../providers/middleware/is-retryable-failure.js';
import type { Budget, BudgetReservation } from './budget.js';
import { costOfUsage, estimateUsage, findModelPrice } from './cost.js';
import type { ResolvedRefineOptions } from './resolve-refine-options.js';
import { selectStrategy } from './select-strategy.js';
import type { MetricsSummary, RefineIteration, RejectionReason, StopReason } from './types.js';

/** The state of one {@link refine} call, shared by every target it refines. */
export interface RefineRun {
  options: ResolvedRefineOptions;
  /** The document as given to {@link refine}. */
  inputText: string;
  /** The parse of `inputText` when scoring made one, else null (the guards parse it). */
  inputDocument: ParsedDocument | null;
  /** Aborts on the deadline or the caller's signal; null when there is neither. */
  signal: AbortSignal | null;
  timeoutSignal: AbortSignal | null;
  /**
   * `performance.now()` at which the run times out (Infinity without `timeoutMs`), checked before every
   * call: a model that answers without yielding to timers never lets the timeout signal fire.
   */
  deadline: number;
  /** The best whole document so far and its metrics. */
  text: string;
  metrics: Metrics;
  iterations: RefineIteration[];
  usage: LanguageModelUsage;
  costUsd: number;
  /** Limits every call reserves its estimate in: the document's (`budgetUsd`) and the run's (`budget`). */
  budgets: Budget[];
  error: MiairError | null;
}

/** What the loop refines: the whole document, or one of its sections. */
export interface RefineTarget {
  /** null for the whole document. */
  sectionIndex: number | null;
  /** The best text of the target so far. */
  text: string;
  /** The parse of `text` when one is at hand, else null (the guards parse it). */
  document: ParsedDocument | null;
  /** Metrics of `text` alone. */
  metrics: Metrics;
  /** The whole document with `candidate` in place of the target. */
  assemble(candidate: string): string;
  /** The findings the prompt shows, ranges into `text`. */
  promptFindings(): Finding[];
  /** Tells whether the target needs no more calls (a section that no longer qualifies); the document gate is checked apart. */
  isDone(): boolean;
}

/** Why the loop on one target ended: a stop reason, or `section-done` when a section needs no more calls (see RefineTarget.isDone). */
export type TargetOutcome = Exclude<StopReason, 'skipped'> | 'section-done';

const ZERO_USAGE: LanguageModelUsage = { inputTokens: 0, outputTokens: 0 };

/**
 * Runs the loop on one target until a stop: the document reaches the gate,
 * the target is done (a section without findings left to fix), `maxIterations` calls on this target,
 * `maxRejections` rejections in a row, the deadline, the caller's abort, the
 * budget, or a model error that a retry cannot fix. Every call is recorded in
 * `run.iterations`; an accepted candidate updates `run` and `target`.
 */
export async function refineTarget(run: RefineRun, target: RefineTarget): Promise<TargetOutcome> {
  const { options } = run;
  let calls = 0;
  let rejections = 0;
  // Rejections in a row that were failed calls, and the last failure: a model
  // that never answers is an error of the run, not "no improvement".
  let failedCalls = 0;
  let lastFailure: MiairError | null = null;
  let previous: RefineIteration | null = null;
  for (;;) {
    if (run.metrics.quality >= options.gate) return 'gate-reached';
    if (target.isDone()) return 'section-done';
    if (calls >= options.maxIterations) {
      // Every call of the run failed: the model never answered, which is an error of the run, not "used all calls".
      if (lastFailure !== null && run.iterations.every((iteration) => iteration.rejectionReason === 'model-error')) {
        run.error = lastFailure;
        return 'error';
      }
      return 'max-iterations';
    }
    if (rejections >= options.maxRejections) {
      if (failedCalls < rejections || lastFailure === null) return 'no-improvement';
      run.error = lastFailure;
      return 'error';
    }
    const interruption = interruptionOf(run);
    if (interruption !== null) return interruption;

    const strategy = selectStrategy(options.strategy, target.metrics, options.gate, previous);
    const findings = target.promptFindings();
    const promptMetrics = findings === target.metrics.findings ? target.metrics : { ...target.metrics, findings };
    const prompt = buildPrompt({ text: target.text, metrics: promptMetrics, strategy, gate: options.gate });
    let reservations: BudgetReservation[] = [];
    if (run.budgets.length > 0) {
      const promptTexts = prompt.messages.map((message) => message.content);
      const estimateUsd = costOfUsage(estimateUsage(promptTexts, target.text, options.maxOutputTokens), options.price);
      const reserved = reserveAll(run.budgets, estimateUsd);
      if (reserved === null) return 'budget';
      reservations = reserved;
    }
    calls++;
    const started = performance.now();
    const iteration: RefineIteration = {
      index: run.iterations.length + 1,
      strategy,
      sectionIndex: target.sectionIndex,
      provider: options.model.provider,
      modelId: options.model.modelId,
      accepted: false,
      rejectionReason: null,
      rejectionDetail: null,
      objectiveBefore: run.metrics.quality,
      objectiveAfter: null,
      candidate: null,
      usage: ZERO_USAGE,
      costUsd: 0,
      durationMs: 0,
    };
    run.iterations.push(iteration);
    previous = iteration;
    const finish = (reason: RejectionReason | null, detail: string | null): void => {
      iteration.accepted = reason === null;
      iteration.rejectionReason = reason;
      iteration.rejectionDetail = detail;
      iteration.durationMs = performance.now() - started;
      rejections = reason === null ? 0 : rejections + 1;
      if (reason !== 'model-error') failedCalls = 0;
    };

    let answer: string;
    try {
      const callOptions: LanguageModelCallOptions = { messages: prompt.messages, maxOutputTokens: options.maxOutputTokens, temperature: options.temperature };
      // The same prompt again after rejections: a response cache must answer anew, not with the rejected answer.
      if (rejections > 0) callOptions.attempt = rejections;
      if (run.signal !== null) callOptions.abortSignal = run.signal;
      const result = await callModel(options.model, callOptions, run.signal);
      answer = result.text;
      if (result.answeredBy !== undefined) {
        iteration.provider = result.answeredBy.provider;
        iteration.modelId = result.answeredBy.modelId;
      }
      iteration.usage = result.usage;
      iteration.costUsd = costOfUsage(result.usage, result.answeredBy === undefined ? options.price : findModelPrice(result.answeredBy, options.prices));
      run.usage = {
        inputTokens: run.usage.inputTokens + result.usage.inputTokens,
        outputTokens: run.usage.outputTokens + result.usage.outputTokens,
      };
      run.costUsd += iteration.costUsd;
      for (const reservation of reservations) reservation.settle(iteration.costUsd);
      // A model that blocks the thread (the offline refiner on a huge document) can answer after the deadline, when
      // the timer could not abort it: its answer, counted as spent above, is dropped as a late one of a remote model
      // would be, rather than judged (scoring an 8 MB candidate took another 1-2 s past the deadline).
      const late = interruptionOf(run);
      if (late !== null) {
        finish('model-error', late === 'timeout' ? 'the answer came after the deadline (timeoutMs), so it was not judged' : 'the refinement was aborted while the model answered');
        return late;
      }
      if (result.finishReason === 'length') {
        finish('truncated', `the answer was cut off at maxOutputTokens (${options.maxOutputTokens}); raise maxOutputTokens or send shorter sections`);
        continue;
      }
    } catch (thrown) {
      const error = MiairError.from(thrown, 'PROVIDER_ERROR');
      // A failed call is free unless the error says what it used (a guard rejecting a full answer can).
      const spent = usageOf(error.details?.usage);
      if (spent !== null) {
        iteration.usage = spent;
        iteration.costUsd = costOfUsage(spent, options.price);
        run.usage = { inputTokens: run.usage.inputTokens + spent.inputTokens, outputTokens: run.usage.outputTokens + spent.outputTokens };
        run.costUsd += iteration.costUsd;
      }
      for (const reservation of reservations) reservation.settle(iteration.costUsd);
      const rejection = rejectionOfModelError(error);
      finish(rejection, `${error.code}: ${error.message}`);
      if (rejection === 'model-error') {
        failedCalls += 1;
        lastFailure = error;
      }
      const stop = interruptionOf(run);
      if (stop !== null) return stop;
      if (rejection !== 'model-error' || error.isRetryable || isGuardError(error)) continue;
      run.error = error;
      return 'error';
    }

    try {
      const candidate = cleanModelOutput(answer, target.text);
      // An answer identical to the text it was sent loses nothing, and scoring is pure: its metrics are the
      // current ones, without the parse, guards and score (the offline refiner's usual answer: 4,951 of 5,000
      // tldr pages at gate 100; ~40% of such a refinement's CPU). It is then not improved, by definition.
      const verdict = candidate === target.text ? null : judge(run, target, candidate);
      if (verdict !== null && !verdict.check.ok) {
        finish(verdict.check.reason, verdict.check.detail);
        continue;
      }
      const metrics = verdict === null ? run.metrics : scoreDocument(verdict.parsed, { profile: options.profile });
      iteration.objectiveAfter = metrics.quality;
      iteration.candidate = summarize(metrics);
      if (verdict === null || metrics.quality <= run.metrics.quality) {
        finish('not-improved', `quality ${metrics.quality} is not above ${run.metrics.quality}`);
        continue;
      }
      finish(null, null);
      run.text = verdict.document;
      run.metrics = metrics;
      target.text = candidate;
      target.document = target.sectionIndex === null ? verdict.parsed : null;
      target.metrics = target.sectionIndex === null ? metrics : score(candidate, { profile: options.profile });
    } catch (thrown) {
      // A parser or metric failing on model output is a bug of miair: keep the best so far and report it.
      run.error = MiairError.from(thrown, 'INTERNAL');
      iteration.durationMs = performance.now() - started;
      return 'error';
    }
  }
}

/**
 * The guards on the target, then on the whole document against the input:
 * sections are parsed alone, so a change at a section's edge (a lost line
 * break before a heading) shows only in the whole; and length bounds do not
 * compose, so successive candidates could otherwise drift below 0.5x the input.
 * A section's numbers, inline code and URLs are judged across the whole
 * document: deleting a paragraph repeated from another section loses nothing.
 */
function judge(run: RefineRun, target: RefineTarget, candidate: string): { check: PreservationCheck; document: string; parsed: ParsedDocument } {
  const ratios = { minLengthRatio: run.options.minLengthRatio, maxLengthRatio: run.options.maxLengthRatio };
  const document = target.assemble(candidate);
  // One parse of the whole candidate serves the guards and the score.
  const parsed = parseMarkdown(document);
  const isSection = target.sectionIndex !== null;
  const check = isSection
    ? checkPreservation(target.text, candidate, { ...ratios, valueScope: { original: target.assemble(target.text), candidate: parsed } })
    : checkPreservation(target.document ?? target.text, parsed, ratios);
  if (!check.ok || target.text === run.inputText) return { check, document, parsed };
  return { check: checkPreservation(run.inputDocument ?? run.inputText, parsed, ratios), document, parsed };
}

/**
 * Reserves `estimateUsd` in every budget, or in none: null (and nothing held)
 * when one of them has not enough left.
 */
function reserveAll(budgets: readonly Budget[], estimateUsd: number): BudgetReservation[] | null {
  const reservations: BudgetReservation[] = [];
  for (const budget of budgets) {
    const reservation = budget.reserve(estimateUsd);
    if (reservation === null) {
      for (const held of reservations) held.settle(0);
      return null;
    }
    reservations.push(reservation);
  }
  return reservations;
}

/** `details.usage` of a model error when it is a usage with finite token counts >= 0, else null. */
function usageOf(value: unknown): LanguageModelUsage | null {
  if (typeof value !== 'object' || value === null) return null;
  const { inputTokens, outputTokens } = value as Record<string, unknown>;
  const isCount = (count: unknown): count is number => typeof count === 'number' && Number.isFinite(count) && count >= 0;
  return isCount(inputTokens) && isCount(outputTokens) ? { inputTokens, outputTokens } : null;
}

/**
 * The rejection a failed call is recorded with. A guard's verdict on the
 * answer (`details.guard`: `pii-*` -> `pii-changed`) and an answer cut off
 * (`details.reason: 'length'`) are rejected candidates; the rest is
 * `model-error`, which stops the loop unless the error is retryable.
 */
function rejectionOfModelError(error: MiairError): RejectionReason {
  if (isGuardError(error)) return String(error.details?.guard).startsWith('pii') ? 'pii-changed' : 'model-error';
  if (error.code === 'PROVIDER_INVALID_RESPONSE' && error.details?.reason === 'length') return 'truncated';
  return 'model-error';
}

/** `timeout` or `error` (with `run.error` set) once the deadline or the caller's signal has fired, else null. */
export function interruptionOf(run: RefineRun): 'timeout' | 'error' | null {
  const caller = run.options.abortSignal;
  if (caller?.aborted === true) {
    run.error = new MiairError('ABORTED', 'Refinement was aborted by the caller; the best text so far is kept.', { cause: caller.reason });
    return 'error';
  }
  if (run.timeoutSignal?.aborted === true || (run.deadline !== Infinity && performance.now() >= run.deadline)) return 'timeout';
  return null;
}

/** The short form of metrics kept per iteration. */
export function summarize(metrics: Metrics): MetricsSummary {
  return { quality: metrics.quality, entropy: metrics.entropy, coherence: metrics.coherence, words: metrics.words };
}
