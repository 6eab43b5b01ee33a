import type { Finding, Metrics } from '../metrics/types.js';
import type { RefineIteration, StrategyId } from './types.js';

/** A strategy the loop can run: every one but `adaptive`, which picks among them. */
export type ConcreteStrategyId = Exclude<StrategyId, 'adaptive'>;

/** What each strategy asks of the model, and how many findings its prompt lists. */
export const STRATEGY_GUIDES: Readonly<Record<ConcreteStrategyId, { instructions: string[]; findingLimit: number }>> = {
  quality: {
    instructions: [
      'Fix the findings listed in the user message, most severe first.',
      'Make sentences clear and of moderate length, split paragraphs that run long, and remove repetition, filler and placeholders.',
    ],
    findingLimit: 10,
  },
  entropy: {
    instructions: [
      'Reduce repetition: remove repeated sentences and paragraphs and duplicated words, and vary word choice where the same words recur.',
      'Keep technical terms exactly as they are; vary only the surrounding prose.',
    ],
    findingLimit: 10,
  },
  performance: {
    instructions: [
      'Make small, targeted edits that fix only the findings listed; leave everything else as it is.',
      'Prefer cutting wordy phrases to rewriting.',
    ],
    findingLimit: 3,
  },
};

const CYCLE: readonly ConcreteStrategyId[] = ['quality', 'entropy', 'performance'];
const REPETITION_METRIC = /repeat|duplicat|divers|entropy|lexical|type-token/i;
/** Points below the gate within which `adaptive` switches to small, targeted edits. */
const NEAR_GATE_POINTS = 5;

/** Tells whether a finding is about repetition or a poor vocabulary, which the `entropy` strategy targets. */
export function isRepetitionFinding(finding: Finding): boolean {
  return REPETITION_METRIC.test(finding.metric);
}

/**
 * Picks the strategy of the next call. A concrete strategy is returned as it
 * is. `adaptive` reads the metrics of the text being refined:
 * 1. `entropy` when at least half of the findings (and at least one) are about
 *    repetition or vocabulary (their metric id names repetition, duplication,
 *    diversity, entropy or lexical variety);
 * 2. else `performance` when the quality is within 5 points of the gate
 *    (small edits are enough and cheaper);
 * 3. else `quality`.
 * When the previous call on the same text used that pick and its candidate was
 * rejected by a guard or did not improve, the next strategy in the cycle
 * quality -> entropy -> performance -> quality is used instead, so the loop
 * does not ask the same thing twice in a row after a failure.
 */
export function selectStrategy(
  requested: StrategyId,
  metrics: Metrics,
  gate: number,
  previous: RefineIteration | null,
): ConcreteStrategyId {
  if (requested !== 'adaptive') return requested;
  const repetition = metrics.findings.filter(isRepetitionFinding).length;
  let pick: ConcreteStrategyId = 'quality';
  if (repetition > 0 && repetition * 2 >= metrics.findings.length) pick = 'entropy';
  else if (gate - metrics.quality <= NEAR_GATE_POINTS) pick = 'performance';
  const failedBefore =
    previous !== null && previous.strategy === pick && !previous.accepted && previous.rejectionReason !== 'model-error';
  if (!failedBefore) return pick;
  return CYCLE[(CYCLE.indexOf(pick) + 1) % CYCLE.length] ?? 'quality';
}
