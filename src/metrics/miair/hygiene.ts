import type { ParsedDocument } from '../../document/types.js';
import type { Finding } from '../types.js';
import { analyzeProse, isProseBlock } from './analyze-prose.js';
import { FILLER_BY_FIRST_WORD } from './filler-phrases.js';
import type { MetricResult, MiairMetric } from './miair-metric.js';
import type { ProseSentence } from './split-sentences.js';

/** Sentences longer than this many words are reported as overlong. */
export const OVERLONG_SENTENCE_WORDS = 40;
/** Sentences shorter than this are not checked for repetition (labels like "See also" repeat legitimately). */
const REPEATED_SENTENCE_MIN_WORDS = 3;
/** Blocks shorter than this are not checked for repetition. */
const REPEATED_BLOCK_MIN_WORDS = 3;

// Words that are correctly written twice in a row: "that that", "had had".
const ALLOWED_DOUBLES = new Set(['that', 'had', 'is', 'bye', 'ha', 'no', 'very']);
const PLACEHOLDER_WORDS = new Set(['TODO', 'TBD', 'FIXME', 'XXX', 'TKTK']);
const PLACEHOLDER_CANDIDATES = new Set(['todo', 'tbd', 'fixme', 'xxx', 'tktk']);

/**
 * Penalty weights per problem, in points of "hygiene debt". Placeholders and
 * repeated blocks count in full wherever they are; the other problems count
 * per 20 prose sentences, so a long document is not punished for its length.
 */
export const HYGIENE_WEIGHTS = {
  placeholder: 3,
  repeatedSentence: 1.5,
  duplicateWord: 1,
  overlongSentence: 0.75,
  fillerWord: 1,
  boilerplatePhrase: 3,
} as const;

/** Hygiene debt that halves the score (score = 100 * 2^(-debt / this)). */
export const HYGIENE_HALF_DEBT = 6;

/**
 * Hygiene (`hygiene`): editing slips.
 * debt = 3 * placeholders
 *      + (1.5 * repeated sentences + duplicated words + 0.75 * overlong sentences
 *        + filler words + 3 * boilerplate phrases) * 20 / max(20, sentences);
 * score = 100 * 2^(-debt / 6).
 * A repeated sentence has 3+ words whose tokens (code included, case and order ignored) equal an earlier
 * sentence's. A paragraph, list item or quote of 3+ words equal to an earlier one is reported once as a
 * repeated paragraph (its sentences count as repeated sentences, without findings of their own);
 * a duplicated word is the same word twice with only white space between (`the the`);
 * placeholders are TODO, TBD, FIXME, XXX, TKTK (upper case) and "lorem ipsum";
 * overlong sentences have more than 40 words; filler words and boilerplate phrases (two or more words) are
 * {@link FILLER_PHRASES}.
 */
export function measureHygiene(document: ParsedDocument): MetricResult {
  const { blocks, sentences, mask } = analyzeProse(document);
  const { text } = document;
  const findings: Finding[] = [];
  let placeholders = 0;
  let repeatedBlocks = 0;
  let repeatedSentences = 0;
  let duplicateWords = 0;
  let overlongSentences = 0;
  let fillers = 0;
  let boilerplate = 0;

  // Keys once per sentence; a block's key is its sentences' keys.
  const keys = new Map<ProseSentence, string>();
  const keyOf = (sentence: ProseSentence): string => {
    let key = keys.get(sentence);
    if (key === undefined) {
      key = repetitionKey(text, mask, sentence);
      keys.set(sentence, key);
    }
    return key;
  };
  const seenBlocks = new Set<string>();
  const repeatedRanges = new Set<number>();
  for (const block of blocks) {
    if (!isProseBlock(block) || block.wordCount < REPEATED_BLOCK_MIN_WORDS) continue;
    const key = block.sentences.map(keyOf).join('\n');
    if (!seenBlocks.has(key)) {
      seenBlocks.add(key);
      continue;
    }
    repeatedBlocks++;
    repeatedRanges.add(block.start);
    findings.push({
      metric: 'repeated-paragraph',
      message: 'This paragraph repeats an earlier one word for word: delete it or say something new.',
      severity: 'error',
      range: { start: block.start, end: block.end },
    });
  }

  const seenSentences = new Set<string>();
  const { sentenceBlocks } = analyzeProse(document);
  for (let index = 0; index < sentences.length; index++) {
    const sentence = sentences[index];
    if (sentence === undefined) continue;
    const { words, wordStarts, wordEnds } = sentence;
    const block = blocks[sentenceBlocks[index] as number];
    const isInRepeatedBlock = block !== undefined && repeatedRanges.has(block.start);
    if (words.length >= REPEATED_SENTENCE_MIN_WORDS) {
      const key = keyOf(sentence);
      if (seenSentences.has(key)) {
        repeatedSentences++;
        if (!isInRepeatedBlock) {
          findings.push({
            metric: 'repeated-sentence',
            message: 'This sentence repeats an earlier one: delete it or merge the two.',
            severity: 'warning',
            range: { start: sentence.start, end: sentence.end },
          });
        }
      } else {
        seenSentences.add(key);
      }
    }
    if (words.length > OVERLONG_SENTENCE_WORDS) {
      overlongSentences++;
      findings.push({
        metric: 'overlong-sentence',
        message: `Sentence of ${words.length} words: split it into sentences of at most 25 words.`,
        severity: 'warning',
        range: { start: sentence.start, end: sentence.end },
      });
    }
    for (let position = 0; position < words.length; position++) {
      const word = words[position] as string;
      const start = wordStarts[position] as number;
      const end = wordEnds[position] as number;
      if (position > 0 && word === words[position - 1] && !ALLOWED_DOUBLES.has(word) && isBlankBetween(text, wordEnds[position - 1] as number, start)) {
        duplicateWords++;
        findings.push({
          metric: 'duplicate-word',
          message: `"${word}" is written twice: delete one.`,
          severity: 'warning',
          range: { start: wordEnds[position - 1] as number, end },
        });
      }
      if ((PLACEHOLDER_CANDIDATES.has(word) && PLACEHOLDER_WORDS.has(text.slice(start, end))) || (word === 'lorem' && words[position + 1] === 'ipsum')) {
        placeholders++;
        findings.push({
          metric: 'placeholder',
          message: 'Placeholder text: write the missing content or remove the marker before publishing.',
          severity: 'error',
          range: { start, end: word === 'lorem' ? sentence.end : end },
        });
      }
      const candidates = FILLER_BY_FIRST_WORD.get(word);
      if (candidates !== undefined) {
        for (const phrase of candidates) {
          if (!matchesAt(words, position, phrase)) continue;
          if (phrase.length > 1) boilerplate++;
          else fillers++;
          const phraseEnd = wordEnds[position + phrase.length - 1] as number;
          findings.push({
            metric: 'filler',
            message: `"${text.slice(start, phraseEnd)}" adds words but no meaning: cut it or say it plainly.`,
            severity: 'info',
            range: { start, end: phraseEnd },
          });
          break;
        }
      }
    }
  }

  const perSentences = 20 / Math.max(20, sentences.length);
  const debt =
    HYGIENE_WEIGHTS.placeholder * placeholders +
    (HYGIENE_WEIGHTS.repeatedSentence * repeatedSentences +
      HYGIENE_WEIGHTS.duplicateWord * duplicateWords +
      HYGIENE_WEIGHTS.overlongSentence * overlongSentences +
      HYGIENE_WEIGHTS.fillerWord * fillers +
      HYGIENE_WEIGHTS.boilerplatePhrase * boilerplate) *
      perSentences;
  const score = 100 * 2 ** (-debt / HYGIENE_HALF_DEBT);
  return {
    score,
    values: { debt, placeholders, repeatedParagraphs: repeatedBlocks, repeatedSentences, duplicateWords, overlongSentences, fillers, boilerplate },
    findings,
  };
}

/**
 * The key of repetition checks: the sentence's lower-case words, sorted (the
 * same words in another order still repeat), then its protected text (code,
 * URLs) in order, so that two API entries differing only in a name do not.
 */
export function repetitionKey(text: string, mask: Uint8Array, sentence: ProseSentence): string {
  let key = sentence.words.length > 1 ? [...sentence.words].sort().join(' ') : (sentence.words[0] ?? '');
  let runStart = -1;
  for (let index = sentence.start; index <= sentence.end; index++) {
    const isProtected = index < sentence.end && mask[index] === 1;
    if (isProtected && runStart < 0) runStart = index;
    else if (!isProtected && runStart >= 0) {
      key += `\u0000${text.slice(runStart, index)}`;
      runStart = -1;
    }
  }
  return key;
}

function matchesAt(words: readonly string[], position: number, phrase: readonly string[]): boolean {
  if (position + phrase.length > words.length) return false;
  for (let offset = 1; offset < phrase.length; offset++) if (words[position + offset] !== phrase[offset]) return false;
  return true;
}

function isBlankBetween(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code !== 32 && code !== 9 && code !== 10) return false;
  }
  return true;
}

/** The hygiene component as a {@link MiairMetric}. */
export const hygiene: MiairMetric = { id: 'hygiene', measure: measureHygiene };
