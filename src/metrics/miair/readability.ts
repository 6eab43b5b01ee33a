import type { ParsedDocument } from '../../document/types.js';
import type { Finding } from '../types.js';
import { analyzeProse } from './analyze-prose.js';
import { rampBetween } from './lexical-diversity.js';
import type { MetricResult, MiairMetric } from './miair-metric.js';

/** Mean sentence length, in words, up to which sentences read easily. */
const EASY_SENTENCE_WORDS = 22;
/** Mean sentence length, in words, below which text reads as choppy fragments. */
const CHOPPY_SENTENCE_WORDS = 6;
/** Flesch reading ease below which the document is reported as hard to read. */
const HARD_FLESCH = 30;

/**
 * Flesch reading ease: 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words).
 * Higher is easier (60-70 plain English; technical writing often 30-50). 0 without words.
 */
export function fleschReadingEase(words: number, sentences: number, syllables: number): number {
  if (words === 0 || sentences === 0) return 0;
  return 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words);
}

/**
 * Sentence-length score, 0-100: 100 for a mean of 6 to 22 words per sentence,
 * less 12 per word below 6 and 4 per word above 22, at least 0.
 */
export function sentenceLengthScore(meanWords: number): number {
  if (meanWords < CHOPPY_SENTENCE_WORDS) return Math.max(0, 100 - 12 * (CHOPPY_SENTENCE_WORDS - meanWords));
  if (meanWords > EASY_SENTENCE_WORDS) return Math.max(0, 100 - 4 * (meanWords - EASY_SENTENCE_WORDS));
  return 100;
}

/**
 * Readability (`readability`) of the prose sentences (paragraphs, list items,
 * quotes; code, URLs and version numbers masked):
 * score = 0.5 * 100 * ramp(Flesch, 10, 60) + 0.5 * sentenceLengthScore(mean words per sentence).
 * 0 without sentences. Values: `sentences`, `meanSentenceWords`, `syllablesPerWord`, `flesch`.
 */
export function measureReadability(document: ParsedDocument): MetricResult {
  const { sentences } = analyzeProse(document);
  let words = 0;
  let syllables = 0;
  for (const sentence of sentences) {
    words += sentence.wordCount;
    syllables += sentence.syllables;
  }
  const count = sentences.length;
  const meanSentenceWords = count === 0 ? 0 : words / count;
  const flesch = fleschReadingEase(words, count, syllables);
  const score = count === 0 ? 0 : 50 * rampBetween(flesch, 10, 60) + 0.5 * sentenceLengthScore(meanSentenceWords);
  const findings: Finding[] = [];
  if (count > 0 && flesch < HARD_FLESCH) {
    // Point at the densest sentence of reasonable length: the first one to rewrite.
    let worst = sentences[0];
    let worstDensity = -1;
    for (const sentence of sentences) {
      if (sentence.wordCount < 8) continue;
      const density = sentence.syllables / sentence.wordCount;
      if (density > worstDensity) {
        worstDensity = density;
        worst = sentence;
      }
    }
    if (worst !== undefined) {
      findings.push({
        metric: 'hard-to-read',
        message: `Flesch reading ease is ${flesch.toFixed(0)} (aim for 30 or more): use shorter sentences and simpler words, starting here.`,
        severity: 'info',
        range: { start: worst.start, end: worst.end },
      });
    }
  }
  return {
    score,
    values: { sentences: count, meanSentenceWords, syllablesPerWord: words === 0 ? 0 : syllables / words, flesch },
    findings,
  };
}

/** The readability component as a {@link MiairMetric}. */
export const readability: MiairMetric = { id: 'readability', measure: measureReadability };
