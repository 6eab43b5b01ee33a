import { parseMarkdown } from '../../document/parse-markdown.js';
import type { ParsedDocument } from '../../document/types.js';
import { sortSmall } from '../../document/sort-small.js';
import type { Finding, Metrics } from '../types.js';
import { analyzeProse } from './analyze-prose.js';
import { flow } from './flow.js';
import { hygiene } from './hygiene.js';
import { lexicalDiversity } from './lexical-diversity.js';
import type { MiairMetric } from './miair-metric.js';
import { readability } from './readability.js';
import { structure } from './structure.js';

/** The components of the `miair` profile with their weights in the quality score (they sum to 1). */
export const MIAIR_COMPONENTS: readonly { metric: MiairMetric; weight: number }[] = [
  { metric: lexicalDiversity, weight: 0.2 },
  { metric: readability, weight: 0.15 },
  { metric: structure, weight: 0.15 },
  { metric: hygiene, weight: 0.25 },
  { metric: flow, weight: 0.25 },
];

/** Words at which a document counts as fully developed for the depth factor. */
export const FULL_DEPTH_WORDS = 150;
/** Share of the quality that depends on depth: a one-line stub keeps at most 1 - this. */
export const DEPTH_WEIGHT = 0.25;

/**
 * Depth, 0-1: ln(1 + words / 10) / ln(1 + 150 / 10), at most 1. It grows
 * quickly over the first hundred words and is 1 from 150 words on, so a stub
 * scores below a page that says something, and long pages gain nothing more.
 */
export function depthFactor(words: number): number {
  // Redundant words can be counted more than once (a filler inside a repeated sentence): below zero the
  // logarithm went negative, then NaN, and one repetitive page made a run's mean quality NaN (audit).
  return Math.min(1, Math.log(1 + Math.max(0, words) / 10) / Math.log(1 + FULL_DEPTH_WORDS / 10));
}

/**
 * Scores a parsed document with the `miair` profile (see docs/metrics.md):
 * quality = (0.20 lexical-diversity + 0.15 readability + 0.15 structure
 * + 0.25 hygiene + 0.25 flow) * (0.75 + 0.25 * depth), 0 without words.
 * `coherence` is the flow score / 100; `entropy` is the Shannon entropy of the
 * prose words. Findings of every component are sorted by range start.
 */
export function scoreMiairDocument(document: ParsedDocument): Metrics {
  const { table } = analyzeProse(document);
  const wordCount = table.count;
  const components: Record<string, number> = {};
  const findings: Finding[] = [];
  let weighted = 0;
  let entropy = 0;
  let uniqueWords = 0;
  let coherence = 0;
  let redundantWords = 0;
  for (const { metric, weight } of MIAIR_COMPONENTS) {
    const result = metric.measure(document);
    components[metric.id] = result.score;
    weighted += weight * result.score;
    for (const finding of result.findings) findings.push(finding);
    if (metric.id === 'lexical-diversity') {
      entropy = result.values['entropy'] ?? 0;
      uniqueWords = result.values['uniqueWords'] ?? 0;
    } else if (metric.id === 'hygiene') {
      redundantWords = result.values['redundantWords'] ?? 0;
    } else if (metric.id === 'flow') {
      coherence = result.score / 100;
    }
  }
  const depth = depthFactor(wordCount - redundantWords);
  components['depth'] = 100 * depth;
  const quality = wordCount === 0 ? 0 : Math.min(100, Math.max(0, weighted * (1 - DEPTH_WEIGHT + DEPTH_WEIGHT * depth)));
  sortSmall(findings, (left, right) => left.range.start - right.range.start || left.range.end - right.range.end || compareText(left.metric, right.metric));
  return { profile: 'miair', words: wordCount, uniqueWords, entropy, coherence, quality, components, findings };
}

function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Scores a text with the `miair` profile, the default: a calibrated 0-100
 * quality from lexical diversity, readability, structure, hygiene and flow,
 * with findings that say what to fix (0-based UTF-16 ranges into `text`).
 * Pure and deterministic.
 *
 * @example
 * scoreMiair('# Title\n\nSome text.').quality;
 */
export function scoreMiair(text: string): Metrics {
  return scoreMiairDocument(parseMarkdown(text));
}
