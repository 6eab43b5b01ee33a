import type { ParsedDocument } from '../../document/types.js';
import type { Finding } from '../types.js';
import { analyzeProse, isProseBlock, type ProseBlock } from './analyze-prose.js';
import { ScratchArray } from './scratch-array.js';
import type { ProseSentence } from './split-sentences.js';
import { globalWord, HASH_SEED, hashStep, internAscii, vocabularyEpoch, WordFacts } from './vocabulary.js';
import type { WordTable } from './word-table.js';
import type { MetricResult, MiairMetric } from './miair-metric.js';

// Determiners that must be followed by a noun phrase, and words that cannot
// start one: "the of", "a is", "your the" only occur in scrambled text.
const DETERMINERS = new Set(['the', 'a', 'an', 'your', 'their', 'our', 'my', 'its']);
const NON_NOUN_STARTS = new Set([
  'the', 'a', 'an', 'your', 'their', 'our', 'my', 'its', 'of', 'to', 'in', 'for', 'with', 'on', 'at', 'by', 'from',
  'into', 'and', 'or', 'but', 'is', 'are', 'was', 'were', 'be', 'can', 'will', 'should', 'must', 'does', 'do',
]);
// Function words ignored when looking for words that two sentences share.
const STOP_WORDS = new Set([
  'about', 'after', 'all', 'also', 'and', 'any', 'are', 'because', 'been', 'before', 'but', 'can', 'could', 'does', 'each',
  'for', 'from', 'had', 'has', 'have', 'her', 'his', 'how', 'into', 'its', 'may', 'more', 'most', 'must', 'not', 'now',
  'one', 'only', 'other', 'our', 'out', 'over', 'own', 'same', 'see', 'should', 'some', 'such', 'than', 'that', 'the',
  'their', 'them', 'then', 'there', 'these', 'they', 'this', 'those', 'through', 'too', 'under', 'use', 'very', 'was',
  'were', 'what', 'when', 'where', 'which', 'while', 'who', 'why', 'will', 'with', 'would', 'you', 'your',
]);
// A last word that leaves the sentence hanging.
const HANGING_ENDS = new Set(['the', 'a', 'an', 'and', 'or', 'of', 'to', 'with', 'for', 'in', 'your', 'is']);
/** Blocks a colon may introduce. */
const INTRODUCIBLE_KINDS = new Set(['code', 'list-item', 'table', 'html', 'quote']);
/** Letters shared as a crude stem: "documents" and "document" match. */
const STEM_LENGTH = 5;
/** Flow debt of a document that stops mid-sentence or on an empty heading: it quarters the flow score. */
const ENDING_DEBT = 4;
/** Flow debt of a last paragraph without final punctuation: it costs a third of the flow score. */
const UNPUNCTUATED_ENDING_DEBT = 1.2;
/** Share of adjacent sentences sharing a content word at which cohesion counts in full. */
const FULL_COHESION = 0.5;

// Per-document tables on buffers kept between documents (see ScratchArray); each has one user at a time.
const stemMarks = new ScratchArray((length) => new Int32Array(length));
const topicStemMarks = new ScratchArray((length) => new Int32Array(length));
const wordFlagBuffer = new ScratchArray((length) => new Uint8Array(length));
const stemOfWordBuffer = new ScratchArray((length) => new Int32Array(length));

/**
 * Flow (`flow`, also the profile's `coherence` / 100): whether the text reads
 * as connected, well-formed sentences in a sensible order.
 * base = 0.4 * C + 0.3 * O + 0.3 * K, where
 * C = share of sentences starting with a letter that start with a capital,
 * O = 1 / (1 + 10 * scrambled pairs / max(10, sentences)) (a determiner before a word that cannot start a noun phrase, or ending a sentence),
 * K = min(1, ((adjacent sentence pairs in one section sharing a content word (5-letter stem)) + (sentences sharing one with
 * their section heading) + 0.7) / (pairs + sentences under a heading + 2) / 0.5);
 * debt = (dangling colons + leading references + 0.25 * inconsistent list items) * 20 / max(20, sentences)
 * + 4 for a hanging ending or an empty last section, or 1.2 for a last paragraph without final punctuation;
 * score = 100 * base * 2^(-debt / 2).
 */
export function measureFlow(document: ParsedDocument): MetricResult {
  const { blocks, sentences, sentenceBlocks, mask, table } = analyzeProse(document);
  const findings: Finding[] = [];
  const count = sentences.length;
  if (count === 0) return { score: 0, values: { sentences: 0, capitalShare: 0, orderScore: 0, cohesion: 0, debt: 0 }, findings };

  const { wordIds, wordStarts, wordEnds } = table;
  const classified = classifyVocabulary(table);
  const { wordFlags, stemOfWord, stemCount } = classified;
  // marks[stem] = index + 1 of the last sentence holding the stem: adjacency checks without sets.
  const marks = stemMarks.take(stemCount);
  // Sentences come in document order, so section by section: the topic is that of the current section,
  // and topicMarks[stem] = section index + 1 for the stems of its heading.
  const topicMarks = topicStemMarks.take(stemCount);
  let topic = { hasStems: false, ids: [] as number[] };
  let topicSection = -1;
  let withLetter = 0;
  let capitalised = 0;
  let scrambled = 0;
  let pairs = 0;
  let cohesivePairs = 0;
  let headedSentences = 0;
  let onTopic = 0;
  let previousSection = -1;
  for (let index = 0; index < count; index++) {
    const sentence = sentences[index] as ProseSentence;
    const block = blocks[sentenceBlocks[index] as number] as ProseBlock;
    if (sentence.firstLetter !== 'none') {
      withLetter++;
      if (sentence.firstLetter === 'upper') capitalised++;
      else if (sentence !== block.sentences[0] || block.kind !== 'list-item') {
        findings.push({
          metric: 'sentence-case',
          message: 'Start the sentence with a capital letter (or check that its words are in order).',
          severity: 'info',
          range: { start: sentence.start, end: sentence.end },
        });
      }
    }
    const first = sentence.firstWord;
    const last = first + sentence.wordCount;
    if (block.sectionIndex !== topicSection) {
      topicSection = block.sectionIndex;
      topic = sectionHeadingStems(document, topicSection, classified);
      for (const stem of topic.ids) topicMarks[stem] = topicSection + 1;
    }
    const isPaired = index > 0 && previousSection === block.sectionIndex;
    let isCohesive = false;
    let isOnTopic = false;
    for (let position = first; position < last; position++) {
      const id = wordIds[position] as number;
      const stem = stemOfWord[id] as number;
      if (stem >= 0) {
        if (marks[stem] === index) isCohesive = true;
        marks[stem] = index + 1;
        if (topicMarks[stem] === topicSection + 1) isOnTopic = true;
      }
      if (((wordFlags[id] as number) & DETERMINER) === 0) continue;
      const hasNext = position + 1 < last;
      // Masked code between the two words ("the `foo` and") is the noun phrase.
      if (hasNext && hasMaskBetween(mask, wordEnds[position] as number, wordStarts[position + 1] as number)) continue;
      const isScrambled = hasNext
        ? ((wordFlags[wordIds[position + 1] as number] as number) & NON_NOUN_START) !== 0
        : sentence.terminal !== '' && !hasMaskBetween(mask, wordEnds[position] as number, sentence.end);
      if (isScrambled) {
        scrambled++;
        findings.push({
          metric: 'word-order',
          // Quoted as written (see the duplicate-word finding in hygiene.ts).
          message: `"${document.text.slice(wordStarts[position] as number, wordEnds[position] as number)}" is not followed by what it introduces: check the word order of this sentence.`,
          severity: 'warning',
          range: { start: sentence.start, end: sentence.end },
        });
      }
    }
    if (isPaired) {
      pairs++;
      if (isCohesive) cohesivePairs++;
    }
    if (topic.hasStems) {
      headedSentences++;
      if (isOnTopic) onTopic++;
    }
    previousSection = block.sectionIndex;
  }
  const capitalShare = withLetter === 0 ? 1 : capitalised / withLetter;
  const orderScore = 1 / (1 + (10 * scrambled) / Math.max(10, count));
  // Few pairs are weak evidence: add two pseudo-pairs at a share of 0.35.
  const cohesion = (cohesivePairs + onTopic + 0.7) / (pairs + headedSentences + 2);
  const cohesionScore = Math.min(1, cohesion / FULL_COHESION);

  const leadingReferences = countLeadingReferences(document.text, blocks, table, findings);
  const danglingColons = countDanglingColons(blocks, findings);
  const inconsistentItems = countInconsistentListItems(blocks, findings);
  const ending = checkEnding(blocks, table, findings);
  const debt = ((danglingColons + leadingReferences + 0.25 * inconsistentItems) * 20) / Math.max(20, count) + ending;
  const base = 0.4 * capitalShare + 0.3 * orderScore + 0.3 * cohesionScore;
  const score = 100 * base * 2 ** (-debt / 2);
  return {
    score,
    values: { sentences: count, capitalShare, orderScore, cohesion, leadingReferences, danglingColons, inconsistentItems, debt },
    findings,
  };
}

function hasMaskBetween(mask: Uint8Array, start: number, end: number): boolean {
  for (let index = start; index < end; index++) if (mask[index] === 1) return true;
  return false;
}

const DETERMINER = 1;
const NON_NOUN_START = 2;
/** Shift of the stem id (+ 1; 0 for no content stem) in a word's fact; the low bits hold the flags, bit 2 is always set. */
const STEM_SHIFT = 3;

/** Content stems (first 5 letters of words of 3+ letters outside the stop words) -> global stem id. */
const globalStems = new Map<string, number>();
let stemsEpoch = vocabularyEpoch();
const wordFacts = new WordFacts((word) => {
  if (stemsEpoch !== vocabularyEpoch()) {
    // Stem ids follow the vocabulary: both are cleared together (WordFacts drops its cache at the same time).
    globalStems.clear();
    stemsEpoch = vocabularyEpoch();
  }
  let fact = 4 | (DETERMINERS.has(word) ? DETERMINER : 0) | (NON_NOUN_STARTS.has(word) ? NON_NOUN_START : 0);
  const stem = contentStem(word);
  if (stem !== null) {
    let stemId = globalStems.get(stem);
    if (stemId === undefined) {
      stemId = globalStems.size;
      globalStems.set(stem, stemId);
    }
    fact |= (stemId + 1) << STEM_SHIFT;
  }
  return fact;
});

function contentStem(word: string): string | null {
  if (word.length < 3 || STOP_WORDS.has(word)) return null;
  return word.length > STEM_LENGTH ? word.slice(0, STEM_LENGTH) : word;
}

// Global stem id -> dense id of the document whose generation is stamped.
let stemStamps = new Int32Array(1024);
let denseStems = new Int32Array(1024);
let stemGeneration = 0;

/** A vocabulary's flags per local word id, dense stem ids (-1 for none) and a lookup from stem to dense id. */
interface ClassifiedVocabulary {
  wordFlags: Uint8Array;
  stemOfWord: Int32Array;
  stemCount: number;
  denseStem: (stem: string) => number | undefined;
  /** The stamp of this document in `stemStamps`, or -1 when the table outlived a clear of the vocabulary. */
  generation: number;
}

/**
 * Per local word id: flags ({@link DETERMINER}, {@link NON_NOUN_START}) and a
 * dense id of its content stem (-1 for words under 3 letters and stop words),
 * from facts cached per global word.
 */
function classifyVocabulary(table: WordTable): ClassifiedVocabulary {
  const { words: vocabulary, globalIds } = table;
  const wordFlags = wordFlagBuffer.take(vocabulary.length);
  const stemOfWord = stemOfWordBuffer.take(vocabulary.length);
  if (table.epoch !== vocabularyEpoch()) {
    // The table outlived a clear of the vocabulary: classify from the strings.
    const stemIds = new Map<string, number>();
    for (let id = 0; id < vocabulary.length; id++) {
      const word = vocabulary[id] as string;
      wordFlags[id] = (DETERMINERS.has(word) ? DETERMINER : 0) | (NON_NOUN_STARTS.has(word) ? NON_NOUN_START : 0);
      const stem = contentStem(word);
      let stemId = stem === null ? -1 : stemIds.get(stem);
      if (stemId === undefined) {
        stemId = stemIds.size;
        stemIds.set(stem as string, stemId);
      }
      stemOfWord[id] = stemId;
    }
    return { wordFlags, stemOfWord, stemCount: stemIds.size, denseStem: (stem) => stemIds.get(stem), generation: -1 };
  }
  if (stemGeneration === 0x3fffffff) {
    stemGeneration = 0;
    stemStamps.fill(0);
  }
  const generation = ++stemGeneration;
  let stemCount = 0;
  for (let id = 0; id < vocabulary.length; id++) {
    const fact = wordFacts.get(globalIds[id] as number, vocabulary[id] as string);
    wordFlags[id] = fact & 3;
    const globalStem = (fact >>> STEM_SHIFT) - 1;
    if (globalStem < 0) {
      stemOfWord[id] = -1;
      continue;
    }
    if (globalStem >= stemStamps.length) {
      const size = Math.max(globalStem + 1, stemStamps.length * 2);
      const grownStamps = new Int32Array(size);
      grownStamps.set(stemStamps);
      stemStamps = grownStamps;
      const grownDense = new Int32Array(size);
      grownDense.set(denseStems);
      denseStems = grownDense;
    }
    if (stemStamps[globalStem] !== generation) {
      stemStamps[globalStem] = generation;
      denseStems[globalStem] = stemCount++;
    }
    stemOfWord[id] = denseStems[globalStem] as number;
  }
  const denseStem = (stem: string): number | undefined => {
    const globalStem = globalStems.get(stem);
    return globalStem === undefined || globalStem >= stemStamps.length || stemStamps[globalStem] !== generation ? undefined : denseStems[globalStem];
  };
  return { wordFlags, stemOfWord, stemCount, denseStem, generation };
}

/**
 * The content stems of a section's heading (its text's runs of `\p{L}\p{N}_`):
 * whether it has any, and the ids of those that occur in the document's words.
 */
function sectionHeadingStems(document: ParsedDocument, sectionIndex: number, classified: ClassifiedVocabulary): { hasStems: boolean; ids: number[] } {
  const heading = document.sections[sectionIndex]?.heading;
  const topic = { hasStems: false, ids: [] as number[] };
  if (heading === null || heading === undefined) return topic;
  const lower = heading.text.toLowerCase();
  if (classified.generation >= 0 && isAscii(lower)) {
    addAsciiHeadingStems(lower, classified.generation, topic);
    return topic;
  }
  const { denseStem } = classified;
  for (const word of headingWords(lower)) {
    if (word.length < 3 || STOP_WORDS.has(word)) continue;
    topic.hasStems = true;
    const stemId = denseStem(word.length > STEM_LENGTH ? word.slice(0, STEM_LENGTH) : word);
    if (stemId !== undefined && !topic.ids.includes(stemId)) topic.ids.push(stemId);
  }
  return topic;
}

const HEADING_WORD = /[\p{L}\p{N}_]+/gu;

function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) >= 128) return false;
  return true;
}

/**
 * {@link sectionHeadingStems} of an ASCII heading (`lower`, in lower case)
 * without a string per word: each run of `[a-z0-9_]` is found in the
 * vocabulary by its hash (and added when new: ids never change results), and
 * its stem is read from the facts cached per word, as for the words of the text.
 */
function addAsciiHeadingStems(lower: string, generation: number, topic: { hasStems: boolean; ids: number[] }): void {
  let wordStart = -1;
  let hash = HASH_SEED;
  for (let index = 0; index <= lower.length; index++) {
    const code = index < lower.length ? lower.charCodeAt(index) : 32;
    const isWordCode = (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95;
    if (isWordCode) {
      if (wordStart < 0) {
        wordStart = index;
        hash = HASH_SEED;
      }
      hash = hashStep(hash, code);
      continue;
    }
    if (wordStart < 0) continue;
    const start = wordStart;
    wordStart = -1;
    // Words under 3 letters have no stem; stop words have none in their facts.
    if (index - start < 3) continue;
    const id = internAscii(lower, start, index, hash);
    const globalStem = (wordFacts.get(id, globalWord(id)) >>> STEM_SHIFT) - 1;
    if (globalStem < 0) continue;
    topic.hasStems = true;
    if (globalStem >= stemStamps.length || stemStamps[globalStem] !== generation) continue;
    const stemId = denseStems[globalStem] as number;
    if (!topic.ids.includes(stemId)) topic.ids.push(stemId);
  }
}

/**
 * The runs of `\p{L}\p{N}_` of a heading in lower case; an ASCII heading (most
 * of them) is split by a scan over its character codes, with the same result.
 */
function headingWords(lower: string): string[] {
  const words: string[] = [];
  let wordStart = -1;
  for (let index = 0; index <= lower.length; index++) {
    const code = index < lower.length ? lower.charCodeAt(index) : 32;
    if (code >= 128) return lower.match(HEADING_WORD) ?? [];
    const isWordCode = (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95;
    if (isWordCode && wordStart < 0) wordStart = index;
    else if (!isWordCode && wordStart >= 0) {
      words.push(lower.slice(wordStart, index));
      wordStart = -1;
    }
  }
  return words;
}

/**
 * Counts reference lines that open their block: a sentence of at most three
 * words, a colon and a link ("More information: <url>.") with prose after it
 * in the same block. A pointer belongs after the text it points from.
 */
function countLeadingReferences(text: string, blocks: readonly ProseBlock[], table: WordTable, findings: Finding[]): number {
  let leading = 0;
  for (const block of blocks) {
    if (!isProseBlock(block) || block.sentences.length < 2) continue;
    for (let position = 0; position + 1 < block.sentences.length; position++) {
      const sentence = block.sentences[position] as ProseSentence;
      if (!isReferenceSentence(text, sentence, table)) continue;
      if (block.sentences.slice(position + 1).every((later) => isReferenceSentence(text, later, table))) break;
      leading++;
      findings.push({
        metric: 'leading-reference',
        message: 'This reference comes before the text it belongs to: move it to the end of the paragraph.',
        severity: 'warning',
        range: { start: sentence.start, end: sentence.end },
      });
    }
  }
  return leading;
}

/** A sentence of at most 3 words, then a colon, then a link (`More information: <url>.`). */
function isReferenceSentence(text: string, sentence: ProseSentence, table: WordTable): boolean {
  const count = sentence.wordCount;
  if (count === 0 || count > 3 || sentence.firstLetter === 'none') return false;
  let hasColon = false;
  let hasProtected = false;
  for (let index = table.wordEnds[sentence.firstWord + count - 1] as number; index < sentence.end; index++) {
    const code = text.charCodeAt(index);
    if (!hasColon) {
      if (code === 58) hasColon = true;
      else if (code !== 32 && code !== 42 && code !== 95) return false;
    } else if (code === 60 || code === 91) {
      // The first thing after the colon is a link: an autolink `<...>` or `[label](url)`.
      hasProtected = true;
      break;
    } else if (code !== 32) {
      return false;
    }
  }
  return hasColon && hasProtected;
}

function countDanglingColons(blocks: readonly ProseBlock[], findings: Finding[]): number {
  let dangling = 0;
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index] as ProseBlock;
    if (!isProseBlock(block)) continue;
    const { sentences } = block;
    const last = sentences.length - 1;
    // A plain loop: a closure per block was 2.9 KB of garbage per tldr page (sampled allocations).
    for (let position = 0; position <= last; position++) {
      const sentence = sentences[position] as (typeof sentences)[number];
      if (sentence.terminal !== ':') continue;
      const next = blocks[index + 1];
      // A colon inside a quote cannot introduce what comes after the quote.
      const isIntroducing = position === last && block.kind !== 'quote' && next !== undefined && INTRODUCIBLE_KINDS.has(next.kind);
      if (isIntroducing) continue;
      dangling++;
      findings.push({
        metric: 'dangling-colon',
        message: 'This sentence ends with a colon but introduces nothing: follow it with the list or code it announces, or end it with a period.',
        severity: 'warning',
        range: { start: sentence.start, end: sentence.end },
      });
    }
  }
  return dangling;
}

/** Ending classes of list items, in the order {@link endingIndex} numbers them. */
const ENDINGS = ['', '.', ':', '!', '?'] as const;

/** Index in {@link ENDINGS} of the block's last character's class. */
function endingIndex(block: ProseBlock): number {
  const index = ENDINGS.indexOf(block.lastCharacter as (typeof ENDINGS)[number]);
  return index < 0 ? 0 : index;
}

function countInconsistentListItems(blocks: readonly ProseBlock[], findings: Finding[]): number {
  // Blocks come in document order, so the list items of a section are consecutive among the list items.
  const items: ProseBlock[] = [];
  let inconsistent = 0;
  for (let index = 0; index <= blocks.length; index++) {
    const block = blocks[index];
    if (block !== undefined && block.kind !== 'list-item') continue;
    if (items.length > 0 && (block === undefined || block.sectionIndex !== (items[0] as ProseBlock).sectionIndex)) {
      inconsistent += checkListEndings(items, findings);
      items.length = 0;
    }
    if (block !== undefined) items.push(block);
  }
  return inconsistent;
}

/** Reports the list items of one section that end unlike most (ties go to the ending met first); returns how many. */
function checkListEndings(items: readonly ProseBlock[], findings: Finding[]): number {
  if (items.length < 3) return 0;
  const counts = [0, 0, 0, 0, 0];
  const order: number[] = [];
  for (const item of items) {
    const ending = endingIndex(item);
    if (counts[ending] === 0) order.push(ending);
    counts[ending] = (counts[ending] as number) + 1;
  }
  let majority = 0;
  let majorityCount = -1;
  for (const ending of order) {
    if ((counts[ending] as number) > majorityCount) {
      majority = ending;
      majorityCount = counts[ending] as number;
    }
  }
  const odd = items.length - majorityCount;
  if (odd === 0) return 0;
  const first = items.find((item) => endingIndex(item) !== majority) as ProseBlock;
  const majorityText = ENDINGS[majority] as string;
  findings.push({
    metric: 'list-punctuation',
    message: `${odd} list item(s) in this section end differently from the others (${majorityText === '' ? 'no punctuation' : `"${majorityText}"`}): punctuate them the same way.`,
    severity: 'info',
    range: { start: first.start, end: first.end },
  });
  return odd;
}

function checkEnding(blocks: readonly ProseBlock[], table: WordTable, findings: Finding[]): number {
  let index = blocks.length - 1;
  while (index >= 0 && (blocks[index] as ProseBlock).kind === 'other') index--;
  const last = blocks[index];
  if (last === undefined) return 0;
  if (last.kind === 'heading') {
    findings.push({
      metric: 'empty-section',
      message: 'The document ends with a heading and nothing under it: write the section or remove the heading.',
      severity: 'warning',
      range: { start: last.start, end: last.end },
    });
    return ENDING_DEBT;
  }
  if (!isProseBlock(last)) return 0;
  const sentence = last.sentences[last.sentences.length - 1];
  if (sentence === undefined || sentence.terminal !== '') return 0;
  const lastPosition = sentence.firstWord + sentence.wordCount - 1;
  const lastWord = sentence.wordCount === 0 ? '' : (table.words[table.wordIds[lastPosition] as number] as string);
  const isHanging =
    last.lastCharacter === ',' ||
    (sentence.wordCount >= 2 && HANGING_ENDS.has(lastWord) && table.wordEnds[lastPosition] === last.lastCharacterOffset + 1);
  // A list item without a period is a style; a paragraph without one is missing its period or was cut.
  const isUnpunctuated = !isHanging && last.kind !== 'list-item' && sentence.wordCount >= 3 && /[\p{L}\p{N}]/u.test(last.lastCharacter);
  if (!isHanging && !isUnpunctuated) return 0;
  findings.push({
    metric: 'unfinished-ending',
    message: isHanging ? 'The document stops mid-sentence: finish the last sentence.' : 'The last sentence has no final punctuation: finish it with a period.',
    severity: 'warning',
    range: { start: sentence.start, end: sentence.end },
  });
  return isHanging ? ENDING_DEBT : UNPUNCTUATED_ENDING_DEBT;
}

/** The flow component as a {@link MiairMetric}. */
export const flow: MiairMetric = { id: 'flow', measure: measureFlow };
