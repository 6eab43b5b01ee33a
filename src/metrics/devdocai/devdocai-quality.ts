/**
 * Quality of the `devdocai` profile: a weighted sum of an entropy score (E),
 * coherence, a length score (L) and richness (R), exactly as the predecessor's.
 */

/** What {@link devdocaiQuality} needs. */
export interface DevdocaiQualityInput {
  /** Bits per word. */
  entropy: number;
  /** 0-1. */
  coherence: number;
  words: number;
  uniqueWords: number;
}

/** Quality and its sub-scores, each 0-100. */
export interface DevdocaiQuality {
  /** clamp(0.3 * E + 0.4 * 100 * coherence + 0.2 * L + 0.1 * R, 0, 100). */
  quality: number;
  /** E: 100 for entropy in [1.5, 2.5] bits, 60 + 40 * entropy / 1.5 below, max(20, 100 - 20 * (entropy - 2.5)) above. */
  entropyScore: number;
  /** L: 100 for 50 to 5000 words, 100 * words / 50 below, max(50, 100 - (words - 5000) / 100) above. */
  lengthScore: number;
  /** R: min(100, 200 * uniqueWords / words); 0 with no words. */
  richness: number;
}

const ENTROPY_LOW_BITS = 1.5;
const ENTROPY_HIGH_BITS = 2.5;
const LENGTH_LOW_WORDS = 50;
const LENGTH_HIGH_WORDS = 5000;

/**
 * Combines entropy, coherence and word counts into the predecessor's 0-100 quality.
 *
 * @example
 * devdocaiQuality({ entropy: 0, coherence: 0, words: 0, uniqueWords: 0 }).quality; // 18
 */
export function devdocaiQuality(input: DevdocaiQualityInput): DevdocaiQuality {
  const { entropy, coherence, words, uniqueWords } = input;
  let entropyScore: number;
  if (entropy < ENTROPY_LOW_BITS) entropyScore = 60 + (40 * entropy) / 1.5;
  else if (entropy <= ENTROPY_HIGH_BITS) entropyScore = 100;
  else entropyScore = Math.max(20, 100 - 20 * (entropy - 2.5));

  let lengthScore: number;
  if (words < LENGTH_LOW_WORDS) lengthScore = (100 * words) / 50;
  else if (words <= LENGTH_HIGH_WORDS) lengthScore = 100;
  else lengthScore = Math.max(50, 100 - (words - 5000) / 100);

  const richness = words === 0 ? 0 : Math.min(100, (200 * uniqueWords) / words);
  const weighted = 0.3 * entropyScore + 0.4 * 100 * coherence + 0.2 * lengthScore + 0.1 * richness;
  const quality = Math.min(100, Math.max(0, weighted));
  return { quality, entropyScore, lengthScore, richness };
}
