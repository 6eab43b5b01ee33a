/** Coherence of the `devdocai` profile and the three parts it is the mean of, each 0-1. */
export interface DevdocaiCoherence {
  /** min(1, mean(diversity, sentenceShare, paragraphs)); 0 when there are no words. */
  coherence: number;
  /** D: 1 for a distinct/words ratio in [0.3, 0.7], else 0.5 + 0.5 * (1 - |0.5 - ratio|). */
  diversity: number;
  /** S, as given. */
  sentenceShare: number;
  /** P: 1 when the text has a blank line (`\n\n`), else 0.7. */
  paragraphs: number;
}

/** What {@link devdocaiCoherence} needs. */
export interface DevdocaiCoherenceInput {
  /** The original text (fenced code and case kept). */
  text: string;
  /** Word tokens. */
  words: number;
  /** Distinct words. */
  uniqueWords: number;
  /** S, from {@link scanDevdocai} or {@link devdocaiSentenceShare}. */
  sentenceShare: number;
}

/**
 * Coherence of the `devdocai` profile, exactly as the predecessor computed it:
 * min(1, mean(D, S, P)), and 0 (all parts 0) for a text without words.
 *
 * @example
 * devdocaiCoherence({ text: 'hello', words: 1, uniqueWords: 1, sentenceShare: 0 }).coherence; // (0.75 + 0 + 0.7) / 3
 */
export function devdocaiCoherence(input: DevdocaiCoherenceInput): DevdocaiCoherence {
  const { text, words, uniqueWords, sentenceShare } = input;
  if (words === 0) return { coherence: 0, diversity: 0, sentenceShare: 0, paragraphs: 0 };
  const ratio = uniqueWords / words;
  const diversity = ratio >= 0.3 && ratio <= 0.7 ? 1 : 0.5 + 0.5 * (1 - Math.abs(0.5 - ratio));
  const paragraphs = text.includes('\n\n') ? 1 : 0.7;
  const coherence = Math.min(1, (diversity + sentenceShare + paragraphs) / 3);
  return { coherence, diversity, sentenceShare, paragraphs };
}
