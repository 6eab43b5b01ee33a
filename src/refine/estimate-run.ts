import { score } from '../metrics/score.js';
import type { Finding, Metrics } from '../metrics/types.js';
import { buildPrompt } from './build-prompt.js';
import { costOfUsage, estimateUsage } from './cost.js';
import { findingsInside, planSections } from './refine-sections.js';
import { resolveRefineOptions } from './resolve-refine-options.js';
import { selectStrategy } from './select-strategy.js';
import type { RefineOptions } from './types.js';

/** Calls, tokens and cost of some work; `costUsd` is null when the model has no price. */
export interface UsageEstimate {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
}

/** What refining one text would take. */
export interface DocumentEstimate {
  /** 0-based index of the text in the input. */
  index: number;
  /** At the gate already: no call would be made. */
  isSkipped: boolean;
  /** Sections that would be sent (0-based), or null when the whole text is sent (or it is skipped). */
  sectionIndexes: number[] | null;
  /** Targets sent: 1 for a whole text, the number of sections to send, 0 when skipped. */
  targets: number;
  expected: UsageEstimate;
  maximum: UsageEstimate;
}

/** What refining a set of texts would take; see {@link estimateRun}. */
export interface RunEstimate {
  documents: DocumentEstimate[];
  /** Texts at the gate already. */
  skipped: number;
  expected: UsageEstimate;
  maximum: UsageEstimate;
}

/**
 * Estimates the calls, tokens and cost of refining `texts` with `options`
 * without calling any model (`miair optimize --estimate`). Each text is
 * scored: one at the gate is skipped; one longer than
 * `sectionThresholdChars` sends the sections the loop would select, else
 * the whole text is one target. Per call, input tokens are those of the
 * prompt `buildPrompt` makes for the target and output tokens an answer as
 * long as the target (capped at `maxOutputTokens`), at ~4 characters per
 * token. The maximum is `maxIterations` calls per target; the expected
 * figure is `min(maxIterations, maxRejections)` calls per target: a target
 * either improves within its first calls and reaches the gate, or stops
 * after `maxRejections` rejections in a row. Costs use the planning price
 * (the dearest model of a fallback chain), so they are an upper bound for
 * the tokens counted. The model is read only for its provider and id (its
 * price) and never called, but `createOpenAIModel` still refuses a missing key.
 *
 * @throws MiairError `CONFIG_INVALID` or `CONFIG_UNKNOWN_KEY` for bad options.
 * @example
 * const { expected, maximum } = estimateRun(texts, { model: createOpenAIModel({ apiKey: process.env.OPENAI_API_KEY, modelId: 'gpt-4o-mini' }) });
 */
export function estimateRun(texts: Iterable<string>, options: RefineOptions = {}): RunEstimate {
  const estimator = createRunEstimator(options);
  const documents: DocumentEstimate[] = [];
  for (const text of texts) documents.push(estimator.add(text));
  return { documents, skipped: estimator.skipped, expected: estimator.expected, maximum: estimator.maximum };
}

/** Estimates texts one at a time and keeps only the totals; see {@link createRunEstimator}. */
export interface RunEstimator {
  /** Estimates one more text (scored now) and adds it to the totals. */
  add(text: string): DocumentEstimate;
  /** Texts added so far. */
  readonly documents: number;
  /** Texts at the gate already. */
  readonly skipped: number;
  readonly expected: UsageEstimate;
  readonly maximum: UsageEstimate;
}

/**
 * The estimate of {@link estimateRun}, one text at a time, holding only the
 * totals: for inputs too many to keep (`miair optimize --estimate
 * --from-ndjson` over millions of lines).
 *
 * @throws MiairError `CONFIG_INVALID` or `CONFIG_UNKNOWN_KEY` for bad options.
 * @example
 * const estimator = createRunEstimator({ model });
 * for await (const { text } of inputs) estimator.add(text);
 * estimator.expected.costUsd;
 */
export function createRunEstimator(options: RefineOptions = {}): RunEstimator {
  const resolved = resolveRefineOptions(options);
  const callsExpected = Math.min(resolved.maxIterations, resolved.maxRejections);
  const totals = { documents: 0, skipped: 0, expected: emptyEstimate(resolved.price === null), maximum: emptyEstimate(resolved.price === null) };
  const add = (text: string): DocumentEstimate => {
    const metrics = score(text, { profile: resolved.profile });
    const expected = emptyEstimate(resolved.price === null);
    const maximum = emptyEstimate(resolved.price === null);
    const isSkipped = metrics.quality >= resolved.gate;
    let sectionIndexes: number[] | null = null;
    const targets: { text: string; metrics: Metrics; findings: Finding[] }[] = [];
    if (!isSkipped && text.length > resolved.sectionThresholdChars) {
      const plan = planSections(text, metrics, resolved.profile, resolved.gate);
      // The loop sends at most maxSections sections, the first of the plan's order (refineSections).
      sectionIndexes = plan.order.slice(0, resolved.maxSections);
      const offsets: number[] = [];
      let offset = 0;
      for (const sectionText of plan.texts) {
        offsets.push(offset);
        offset += sectionText.length;
      }
      for (const sectionIndex of sectionIndexes) {
        const sectionText = plan.texts[sectionIndex] ?? '';
        const sectionMetrics = plan.metrics[sectionIndex] ?? metrics;
        const inside = findingsInside(metrics, offsets[sectionIndex] ?? 0, sectionText.length);
        targets.push({ text: sectionText, metrics: sectionMetrics, findings: inside.length > 0 ? inside : sectionMetrics.findings });
      }
    } else if (!isSkipped) {
      targets.push({ text, metrics, findings: metrics.findings });
    }
    for (const target of targets) {
      const strategy = selectStrategy(resolved.strategy, target.metrics, resolved.gate, null);
      const prompt = buildPrompt({ text: target.text, metrics: { ...target.metrics, findings: target.findings }, strategy, gate: resolved.gate });
      const usage = estimateUsage(prompt.messages.map((message) => message.content), target.text, resolved.maxOutputTokens);
      const costUsd = costOfUsage(usage, resolved.price);
      addCalls(expected, callsExpected, usage.inputTokens, usage.outputTokens, costUsd);
      addCalls(maximum, resolved.maxIterations, usage.inputTokens, usage.outputTokens, costUsd);
    }
    const document: DocumentEstimate = { index: totals.documents, isSkipped, sectionIndexes, targets: targets.length, expected, maximum };
    totals.documents += 1;
    if (isSkipped) totals.skipped += 1;
    addEstimate(totals.expected, expected);
    addEstimate(totals.maximum, maximum);
    return document;
  };
  return {
    add,
    get documents() {
      return totals.documents;
    },
    get skipped() {
      return totals.skipped;
    },
    get expected() {
      return totals.expected;
    },
    get maximum() {
      return totals.maximum;
    },
  };
}

function emptyEstimate(isPriceUnknown: boolean): UsageEstimate {
  return { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: isPriceUnknown ? null : 0 };
}

function addCalls(estimate: UsageEstimate, calls: number, inputTokens: number, outputTokens: number, costUsd: number): void {
  estimate.calls += calls;
  estimate.inputTokens += calls * inputTokens;
  estimate.outputTokens += calls * outputTokens;
  if (estimate.costUsd !== null) estimate.costUsd += calls * costUsd;
}

function addEstimate(total: UsageEstimate, part: UsageEstimate): void {
  total.calls += part.calls;
  total.inputTokens += part.inputTokens;
  total.outputTokens += part.outputTokens;
  if (total.costUsd !== null && part.costUsd !== null) total.costUsd += part.costUsd;
}
