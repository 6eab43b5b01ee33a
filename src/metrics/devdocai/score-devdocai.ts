import type { Metrics } from '../types.js';
import { devdocaiCoherence } from './devdocai-coherence.js';
import { devdocaiQuality } from './devdocai-quality.js';
import { scanDevdocai } from './scan-devdocai.js';
import { shannonEntropy } from './shannon-entropy.js';

/**
 * Scores a text with the `devdocai` profile: the predecessor's numbers,
 * exactly (see docs/metrics.md). It reports no findings, as the predecessor
 * did not.
 *
 * Components: `entropyScore` (E), `coherence` (0-1), `lengthScore` (L),
 * `richness` (R), `diversity` (D, 0-1), `sentenceShare` (S, 0-1),
 * `paragraphs` (P, 0-1).
 *
 * @example
 * scoreDevdocai('hello').quality; // 47.733333333333334
 */
export function scoreDevdocai(text: string): Metrics {
  const scan = scanDevdocai(text);
  const { words, uniqueWords } = scan;
  const entropy = shannonEntropy(scan.frequencies, words);
  const { coherence, diversity, sentenceShare, paragraphs } = devdocaiCoherence({
    text,
    words,
    uniqueWords,
    sentenceShare: scan.sentenceShare,
  });
  const { quality, entropyScore, lengthScore, richness } = devdocaiQuality({ entropy, coherence, words, uniqueWords });
  return {
    profile: 'devdocai',
    words,
    uniqueWords,
    entropy,
    coherence,
    quality,
    components: {
      entropyScore,
      coherence,
      lengthScore,
      richness,
      diversity,
      sentenceShare,
      paragraphs,
    },
    findings: [],
  };
}
