import { describe, expect, it } from 'vitest';
import type { Finding, Metrics } from '../metrics/types.js';
import { selectStrategy } from './select-strategy.js';
import type { RefineIteration } from './types.js';

function finding(metric: string): Finding {
  return { metric, message: 'm', severity: 'warning', range: { start: 0, end: 1 } };
}

function metricsOf(quality: number, findings: Finding[]): Metrics {
  return { profile: 'miair', words: 100, uniqueWords: 50, entropy: 5, coherence: 0.8, quality, components: {}, findings };
}

function iterationOf(strategy: RefineIteration['strategy'], accepted: boolean, rejectionReason: RefineIteration['rejectionReason']): RefineIteration {
  return {
    index: 1, strategy, sectionIndex: null, provider: 'fake', modelId: 'fake', accepted, rejectionReason, rejectionDetail: null,
    objectiveBefore: 50, objectiveAfter: null, candidate: null, usage: { inputTokens: 0, outputTokens: 0 }, costUsd: 0, durationMs: 0,
  };
}

describe('selectStrategy', () => {
  it.each(['quality', 'entropy', 'performance'] as const)('returns %s as it is when it is requested', (strategy) => {
    expect(selectStrategy(strategy, metricsOf(10, [finding('repeated-sentence')]), 85, null)).toBe(strategy);
  });

  it.each([
    ['entropy', 'repetition findings are the majority', metricsOf(50, [finding('repeated-sentence'), finding('duplicate-word'), finding('readability')])],
    ['quality', 'repetition findings are a minority', metricsOf(50, [finding('repeated-sentence'), finding('readability'), finding('sentence-length')])],
    ['quality', 'there are no findings and the gate is far', metricsOf(50, [])],
    ['performance', 'the quality is within 5 points of the gate', metricsOf(80, [finding('readability')])],
  ])('adaptive picks %s when %s', (expected, _when, metrics) => {
    expect(selectStrategy('adaptive', metrics, 85, null)).toBe(expected);
  });

  it.each([
    ['quality', 'entropy', metricsOf(50, [])],
    ['entropy', 'performance', metricsOf(50, [finding('lexical-diversity')])],
    ['performance', 'quality', metricsOf(82, [])],
  ])('adaptive moves on from %s to %s when that pick was just rejected', (failed, expected, metrics) => {
    const previous = iterationOf(failed as RefineIteration['strategy'], false, 'not-improved');
    expect(selectStrategy('adaptive', metrics, 85, previous)).toBe(expected);
  });

  it('adaptive keeps its pick when the previous call failed with a model error or was accepted', () => {
    const metrics = metricsOf(50, []);
    expect(selectStrategy('adaptive', metrics, 85, iterationOf('quality', false, 'model-error'))).toBe('quality');
    expect(selectStrategy('adaptive', metrics, 85, iterationOf('quality', true, null))).toBe('quality');
  });
});
