import type { ParsedDocument } from '../../document/types.js';
import type { Finding } from '../types.js';
import { analyzeProse } from './analyze-prose.js';
import type { MetricResult, MiairMetric } from './miair-metric.js';
import { ScratchArray } from './scratch-array.js';

/** Words per window of the moving-average type-token ratio. */
export const MATTR_WINDOW_WORDS = 50;

/** Ratio a text shorter than a window is shrunk toward (plain English runs 0.7-0.8). */
const PRIOR_MATTR = 0.5;
/** Normalised entropy a text shorter than a window is shrunk toward. */
const PRIOR_NORMALISED_ENTROPY = 0.6;

/** Below this moving-average type-token ratio the vocabulary is reported as repetitive. */
const REPETITIVE_MATTR = 0.5;

/** Shannon entropy, in bits per word, of word counts (in any iterable order) over `total` words. */
export function wordEntropy(frequencies: Iterable<number>, total: number): number {
  if (total === 0) return 0;
  let entropy = 0;
  for (const count of frequencies) {
    if (count === 0) continue;
    const probability = count / total;
    entropy -= probability * Math.log2(probability);
  }
  return entropy;
}

/** The result of {@link movingAverageTypeTokenRatio}. */
export interface MattrResult {
  /** Mean over every window of distinct words / window size, 0-1; the plain type-token ratio for fewer words than a window. */
  ratio: number;
  /** Index of the first word of the window with the fewest distinct words. */
  worstWindowStart: number;
  /** Distinct / window size of that window. */
  worstRatio: number;
}

/**
 * Moving-average type-token ratio (Covington and McFall 2010): the mean of
 * distinct/total over every window of `window` consecutive words. Unlike the
 * plain ratio it does not fall as a text grows, so short and long documents
 * compare. With fewer words than a window it is the plain ratio; 0 without words.
 */
export function movingAverageTypeTokenRatio(words: readonly string[], window: number = MATTR_WINDOW_WORDS): MattrResult {
  const ids = new Map<string, number>();
  const sequence = new Int32Array(words.length);
  words.forEach((word, index) => {
    let id = ids.get(word);
    if (id === undefined) {
      id = ids.size;
      ids.set(word, id);
    }
    sequence[index] = id;
  });
  return movingAverageTypeTokenRatioOfIds(sequence, words.length, ids.size, window);
}

// Per-document counts, on buffers kept between documents (see ScratchArray).
const mattrCounts = new ScratchArray((length) => new Int32Array(length));
const wordFrequencies = new ScratchArray((length) => new Int32Array(length));

/**
 * {@link movingAverageTypeTokenRatio} over the first `total` word ids of
 * `wordIds` (ids below `vocabularySize`): integer counts in a typed array.
 */
export function movingAverageTypeTokenRatioOfIds(wordIds: Int32Array, total: number, vocabularySize: number, window: number = MATTR_WINDOW_WORDS): MattrResult {
  if (total === 0) return { ratio: 0, worstWindowStart: 0, worstRatio: 0 };
  const size = Math.min(window, total);
  const counts = mattrCounts.take(vocabularySize);
  let distinct = 0;
  for (let index = 0; index < size; index++) {
    const id = wordIds[index] as number;
    if (counts[id] === 0) distinct++;
    counts[id] = (counts[id] as number) + 1;
  }
  let sum = distinct;
  let worst = distinct;
  let worstWindowStart = 0;
  for (let index = size; index < total; index++) {
    const leaving = wordIds[index - size] as number;
    counts[leaving] = (counts[leaving] as number) - 1;
    if (counts[leaving] === 0) distinct--;
    const entering = wordIds[index] as number;
    if (counts[entering] === 0) distinct++;
    counts[entering] = (counts[entering] as number) + 1;
    sum += distinct;
    if (distinct < worst) {
      worst = distinct;
      worstWindowStart = index - size + 1;
    }
  }
  const windows = total - size + 1;
  return { ratio: sum / windows / size, worstWindowStart, worstRatio: worst / size };
}

/** Maps `value` linearly from [low, high] to [0, 1], clamped. */
export function rampBetween(value: number, low: number, high: number): number {
  if (value <= low) return 0;
  if (value >= high) return 1;
  return (value - low) / (high - low);
}

/**
 * Lexical diversity (`lexical-diversity`): how varied the vocabulary is.
 * score = 100 * (0.75 * ramp(M, 0.35, 0.70) + 0.25 * ramp(E, 0.45, 0.80)),
 * with MATTR over windows of 50 words, H the Shannon entropy of the N words,
 * normalised entropy H / log2 N (0 for fewer than two words), e = min(1, N / 50),
 * M = e * MATTR + (1 - e) * 0.5 and E = e * H / log2 N + (1 - e) * 0.6 (short texts shrunk toward typical values).
 * Values: `words`, `uniqueWords`, `entropy` (bits), `normalisedEntropy`, `mattr`.
 */
export function measureLexicalDiversity(document: ParsedDocument): MetricResult {
  const { table } = analyzeProse(document);
  const total = table.count;
  const vocabularySize = table.words.length;
  // Ids follow first occurrence, so the entropy sums in the same order as a frequency map would.
  const frequencies = wordFrequencies.take(vocabularySize);
  const { wordIds } = table;
  for (let index = 0; index < total; index++) {
    const id = wordIds[index] as number;
    frequencies[id] = (frequencies[id] as number) + 1;
  }
  const entropy = wordEntropy(frequencies, total);
  const normalisedEntropy = total < 2 ? 0 : entropy / Math.log2(total);
  const mattr = movingAverageTypeTokenRatioOfIds(wordIds, total, vocabularySize);
  // A text shorter than a window is weak evidence: shrink its ratios toward typical values.
  const evidence = Math.min(1, total / MATTR_WINDOW_WORDS);
  const shrunkMattr = evidence * mattr.ratio + (1 - evidence) * PRIOR_MATTR;
  const shrunkEntropy = evidence * normalisedEntropy + (1 - evidence) * PRIOR_NORMALISED_ENTROPY;
  const score = 100 * (0.75 * rampBetween(shrunkMattr, 0.35, 0.7) + 0.25 * rampBetween(shrunkEntropy, 0.45, 0.8));
  const findings: Finding[] = [];
  if (total >= MATTR_WINDOW_WORDS && mattr.worstRatio < REPETITIVE_MATTR) {
    const range = { start: table.wordStarts[mattr.worstWindowStart] as number, end: table.wordEnds[mattr.worstWindowStart + MATTR_WINDOW_WORDS - 1] as number };
    findings.push({
      metric: 'repetitive-vocabulary',
      message: `Only ${Math.round(mattr.worstRatio * MATTR_WINDOW_WORDS)} distinct words in these ${MATTR_WINDOW_WORDS}: vary the wording and remove repeated passages.`,
      severity: 'warning',
      range,
    });
  }
  return {
    score,
    values: { words: total, uniqueWords: vocabularySize, entropy, normalisedEntropy, mattr: mattr.ratio },
    findings,
  };
}

/** The lexical-diversity component as a {@link MiairMetric}. */
export const lexicalDiversity: MiairMetric = { id: 'lexical-diversity', measure: measureLexicalDiversity };
