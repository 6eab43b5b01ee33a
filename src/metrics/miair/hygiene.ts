import type { Link, ParsedDocument } from '../../document/types.js';
import type { Finding } from '../types.js';
import { analyzeProse, isProseBlock, type ProseBlock } from './analyze-prose.js';
import { collectHtmlAnchors } from './collect-html-anchors.js';
import { FILLER_BY_FIRST_WORD } from './filler-phrases.js';
import type { MetricResult, MiairMetric } from './miair-metric.js';
import { ScratchArray } from './scratch-array.js';
import { PROTECTED_TEXT_HASH_SEED, protectedTextHash, type ProseSentence } from './split-sentences.js';
import { intern, vocabularyEpoch, WordFacts } from './vocabulary.js';
import type { WordTable } from './word-table.js';

/** Sentences longer than this many words are reported as overlong. */
export const OVERLONG_SENTENCE_WORDS = 40;
/** Sentences shorter than this are not checked for repetition (labels like "See also" repeat legitimately). */
const REPEATED_SENTENCE_MIN_WORDS = 3;

// Words that are correctly written twice in a row: "that that", "had had".
const ALLOWED_DOUBLES = new Set(['that', 'had', 'is', 'bye', 'ha', 'no', 'very']);
const PLACEHOLDER_WORDS = new Set(['TODO', 'TBD', 'FIXME', 'XXX', 'TKTK']);
const PLACEHOLDER_CANDIDATES = new Set(['todo', 'tbd', 'fixme', 'xxx', 'tktk']);

/**
 * Penalty weights per problem, in points of "hygiene debt". Placeholders, broken
 * anchors and pasted paragraphs count in full wherever they are; the other problems count
 * per 20 prose sentences, so a long document is not punished for its length.
 */
export const HYGIENE_WEIGHTS = {
  placeholder: 3,
  brokenAnchor: 3,
  repeatedParagraph: 1.5,
  repeatedSentence: 1.5,
  crossSectionRepeat: 0.5,
  duplicateWord: 1,
  overlongSentence: 0.75,
  fillerWord: 1,
  boilerplatePhrase: 3,
} as const;

/** Hygiene debt that halves the score (score = 100 * 2^(-debt / this)). */
export const HYGIENE_HALF_DEBT = 6;

// Per-document tables on buffers kept between documents (see ScratchArray); each has one user at a time.
const blockSlots = new ScratchArray((length) => new Int32Array(length));
const sentenceSlots = new ScratchArray((length) => new Int32Array(length));
const repeatedBlockFlags = new ScratchArray((length) => new Uint8Array(length));
const sentenceHashBuffer = new ScratchArray((length) => new Float64Array(length));
const wordClassBuffer = new ScratchArray((length) => new Int32Array(length));

/**
 * Hygiene (`hygiene`): editing slips (exact rules in docs/metrics.md).
 * debt = 3 * placeholders + 3 * broken anchors + 1.5 * pasted paragraphs
 *      + (1.5 * repeated sentences in one section + 0.5 * repeats across sections + duplicated words
 *        + 0.75 * overlong sentences + filler words + 3 * boilerplate phrases) * 20 / max(20, sentences);
 * score = 100 * 2^(-debt / 6).
 * A pasted paragraph equals an earlier block of its section with only repeats between the two;
 * a repeated sentence has 3+ words whose tokens (code included, case and order ignored) equal an earlier
 * sentence's; a broken anchor is a `#anchor` link that matches no heading slug or HTML id;
 * placeholders are TODO, TBD, FIXME, XXX, TKTK (upper case) and "lorem ipsum"; overlong sentences have
 * more than 40 words; filler words and boilerplate phrases are {@link FILLER_PHRASES}.
 * Value `redundantWords`: words of pasted paragraphs, repeated sentences and filler, left out of depth.
 */
export function measureHygiene(document: ParsedDocument): MetricResult {
  const { blocks, sentences, sentenceBlocks, mask, table } = analyzeProse(document);
  const { text } = document;
  const findings: Finding[] = [];
  let placeholders = 0;
  let repeatedBlocks = 0;
  let repeatedSentences = 0;
  let duplicateWords = 0;
  let overlongSentences = 0;
  let fillers = 0;
  let boilerplate = 0;
  let crossSectionRepeats = 0;
  let redundantWords = 0;

  // Sentences are compared by a 53-bit hash; their exact keys are compared only when two hashes meet.
  const isSameSentence = (left: ProseSentence, right: ProseSentence): boolean => hasSameRepetitionKey(text, mask, table, left, right);
  const isSameBlock = (left: ProseBlock, right: ProseBlock): boolean =>
    left.sectionIndex === right.sectionIndex &&
    left.sentences.length === right.sentences.length &&
    left.sentences.every((sentence, index) => isSameSentence(sentence, right.sentences[index] as ProseSentence));
  // A copy is pasted when only repeats stand between it and its earlier copy in the same section
  // ("A A A", "A B A B"); a refrain between new blocks ("Returns a list." after each API entry) is a style.
  const seenBlocks = new HashedKeys<ProseBlock>(isSameBlock, blocks.length, blockSlots);
  // 1 per block index of a pasted block.
  const isRepeatedBlock = repeatedBlockFlags.take(blocks.length);
  let lastNewBlock = -1;
  let proseIndex = -1;
  // Code, tables and HTML between two copies count too: "Copy from A to B: `cp a b`" then "Copy from B to A:
  // `cp b a`" holds new code between, so the second item is no paste (audit). Such a block is new unless its
  // exact text came before; a new one sits between prose blocks (proseIndex + 0.5).
  let seenOtherBlocks: Set<string> | null = null;
  // The repetition hash of each entry of `sentences` (the sentences with words of these blocks, in the same order).
  const sentenceHashes = sentenceHashBuffer.take(sentences.length);
  let sentenceIndex = 0;
  for (let blockIndex = 0; blockIndex < blocks.length; blockIndex++) {
    const block = blocks[blockIndex] as ProseBlock;
    if (!isProseBlock(block) || block.wordCount === 0) {
      if (block.kind === 'code' || block.kind === 'table' || block.kind === 'html') {
        seenOtherBlocks ??= new Set();
        const blockText = text.slice(block.start, block.end);
        if (!seenOtherBlocks.has(blockText)) {
          seenOtherBlocks.add(blockText);
          lastNewBlock = proseIndex + 0.5;
        }
      }
      continue;
    }
    proseIndex++;
    let blockHigh = Math.imul(block.sectionIndex + 1, 0x9e3779b1);
    let blockLow = 0x811c9dc5;
    for (const sentence of block.sentences) {
      const hash = repetitionHash(text, mask, sentence, table);
      if (sentence.wordCount > 0) sentenceHashes[sentenceIndex++] = hash;
      // hash is a non-negative integer below 2^53: `& 0x1fffff` (ToInt32 keeps the low 32 bits) equals
      // `% 2097152` without a floating-point remainder.
      blockHigh = Math.imul(blockHigh ^ Math.floor(hash / 2097152), 0x01000193);
      blockLow = Math.imul(blockLow ^ (hash & 0x1fffff), 0x85ebca6b);
    }
    const earlier = seenBlocks.replace((blockHigh >>> 0) * 2097152 + (blockLow >>> 11), block, proseIndex);
    if (earlier === undefined) {
      lastNewBlock = proseIndex;
      continue;
    }
    if (lastNewBlock > earlier) continue;
    repeatedBlocks++;
    isRepeatedBlock[blockIndex] = 1;
    findings.push({
      metric: 'repeated-paragraph',
      message: 'This paragraph repeats an earlier one (the same words) with nothing new between: delete it or say something new.',
      severity: 'error',
      range: { start: block.start, end: block.end },
    });
  }

  const seenSentences = new HashedKeys<ProseSentence>(isSameSentence, sentences.length, sentenceSlots);
  const { wordIds, wordStarts, wordEnds, words: vocabulary } = table;
  const classes = wordClassBuffer.take(vocabulary.length);
  const isFresh = table.epoch === vocabularyEpoch();
  for (let index = 0; index < sentences.length; index++) {
    const sentence = sentences[index] as ProseSentence;
    const { firstWord, wordCount } = sentence;
    const blockIndex = sentenceBlocks[index] as number;
    const block = blocks[blockIndex] as ProseBlock;
    const isInRepeatedBlock = isRepeatedBlock[blockIndex] === 1;
    if (isInRepeatedBlock) {
      redundantWords += wordCount;
    } else if (wordCount >= REPEATED_SENTENCE_MIN_WORDS) {
      const earlierSection = seenSentences.replace(sentenceHashes[index] as number, sentence, block.sectionIndex);
      if (earlierSection !== undefined) {
        redundantWords += wordCount;
        if (earlierSection === block.sectionIndex) repeatedSentences++;
        else crossSectionRepeats++;
        findings.push({
          metric: 'repeated-sentence',
          message: 'This sentence repeats an earlier one: delete it, merge the two or link to the first.',
          severity: 'warning',
          range: { start: sentence.start, end: sentence.end },
        });
      }
    }
    if (wordCount > OVERLONG_SENTENCE_WORDS) {
      overlongSentences++;
      findings.push({
        metric: 'overlong-sentence',
        message: `Sentence of ${wordCount} words: split it into sentences of at most 25 words.`,
        severity: 'warning',
        range: { start: sentence.start, end: sentence.end },
      });
    }
    const last = firstWord + wordCount;
    for (let position = firstWord; position < last; position++) {
      const id = wordIds[position] as number;
      let wordClass = classes[id] as number;
      if (wordClass === 0) {
        wordClass = isFresh ? wordClasses.get(table.globalIds[id] as number, vocabulary[id] as string) : classifyWord(vocabulary[id] as string);
        classes[id] = wordClass;
      }
      const start = wordStarts[position] as number;
      const end = wordEnds[position] as number;
      if (position > firstWord && id === wordIds[position - 1] && (wordClass & ALLOWED_DOUBLE) === 0 && isBlankBetween(text, wordEnds[position - 1] as number, start)) {
        duplicateWords++;
        findings.push({
          metric: 'duplicate-word',
          // Quoted as written, not as the lower-case vocabulary entry: the PII
          // middleware masks the prompt by the values the document holds.
          message: `"${text.slice(start, end)}" is written twice: delete one.`,
          severity: 'warning',
          range: { start: wordEnds[position - 1] as number, end },
        });
      }
      const isLorem = (wordClass & LOREM) !== 0 && position + 1 < last && vocabulary[wordIds[position + 1] as number] === 'ipsum';
      if (((wordClass & PLACEHOLDER) !== 0 && PLACEHOLDER_WORDS.has(text.slice(start, end))) || isLorem) {
        placeholders++;
        findings.push({
          metric: 'placeholder',
          message: 'Placeholder text: write the missing content or remove the marker before publishing.',
          severity: 'error',
          range: { start, end: isLorem ? sentence.end : end },
        });
      }
      if ((wordClass & FILLER_START) === 0) continue;
      // The word's class says which phrases it starts ("the", "a", "in" start several).
      const listIndex = (wordClass >>> FILLER_LIST_SHIFT) - 1;
      const phrases = FILLER_LISTS[listIndex] as readonly (readonly string[])[];
      const phraseIds = isFresh ? fillerPhraseIds(listIndex) : null;
      for (let phraseIndex = 0; phraseIndex < phrases.length; phraseIndex++) {
        const phrase = phrases[phraseIndex] as readonly string[];
        if (phraseIds === null ? !matchesAt(table, position, last, phrase) : !matchesIdsAt(table, position, last, phraseIds[phraseIndex] as Int32Array)) continue;
        if (phrase.length > 1) boilerplate++;
        else fillers++;
        redundantWords += phrase.length;
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

  const brokenAnchors = countBrokenAnchors(document, findings);
  const perSentences = 20 / Math.max(20, sentences.length);
  const debt =
    HYGIENE_WEIGHTS.placeholder * placeholders +
    HYGIENE_WEIGHTS.brokenAnchor * brokenAnchors +
    HYGIENE_WEIGHTS.repeatedParagraph * repeatedBlocks +
    (HYGIENE_WEIGHTS.repeatedSentence * repeatedSentences +
      HYGIENE_WEIGHTS.crossSectionRepeat * crossSectionRepeats +
      HYGIENE_WEIGHTS.duplicateWord * duplicateWords +
      HYGIENE_WEIGHTS.overlongSentence * overlongSentences +
      HYGIENE_WEIGHTS.fillerWord * fillers +
      HYGIENE_WEIGHTS.boilerplatePhrase * boilerplate) *
      perSentences;
  const score = 100 * 2 ** (-debt / HYGIENE_HALF_DEBT);
  return {
    score,
    values: { debt, placeholders, brokenAnchors, repeatedParagraphs: repeatedBlocks, repeatedSentences, crossSectionRepeats, redundantWords, duplicateWords, overlongSentences, fillers, boilerplate },
    findings,
  };
}

/**
 * The key of repetition checks: the sentence's lower-case words, sorted (the
 * same words in another order still repeat), then its protected text (code,
 * URLs) in order, so that two API entries differing only in a name do not.
 */
export function repetitionKey(text: string, mask: Uint8Array, sentence: ProseSentence, table: WordTable): string {
  const words = table.slice(sentence.firstWord, sentence.wordCount);
  return (words.length > 1 ? words.sort().join(' ') : (words[0] ?? '')) + protectedKeyText(text, mask, sentence);
}

/** The protected part of {@link repetitionKey}: each run of protected text (mask 1) of the sentence, in order, after a U+0000. */
function protectedKeyText(text: string, mask: Uint8Array, sentence: ProseSentence): string {
  let key = '';
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

/** Scratch space for {@link hasSameRepetitionKey}: the word ids of the two sentences, sorted. */
let leftIds = new Int32Array(64);
let rightIds = new Int32Array(64);

/**
 * Whether two sentences of `table` have the same {@link repetitionKey}, found
 * without building it: the same words (local ids, sorted) and the same
 * protected text. Words hold no space or U+0000, so equal keys mean equal parts.
 */
export function hasSameRepetitionKey(text: string, mask: Uint8Array, table: WordTable, left: ProseSentence, right: ProseSentence): boolean {
  const count = left.wordCount;
  if (count !== right.wordCount || left.hasProtectedText !== right.hasProtectedText) return false;
  if (count > leftIds.length) {
    leftIds = new Int32Array(count * 2);
    rightIds = new Int32Array(count * 2);
  }
  const { wordIds } = table;
  const sortedLeft = leftIds.subarray(0, count);
  const sortedRight = rightIds.subarray(0, count);
  sortedLeft.set(wordIds.subarray(left.firstWord, left.firstWord + count));
  sortedRight.set(wordIds.subarray(right.firstWord, right.firstWord + count));
  sortedLeft.sort();
  sortedRight.sort();
  for (let index = 0; index < count; index++) if (sortedLeft[index] !== sortedRight[index]) return false;
  return !left.hasProtectedText || protectedKeyText(text, mask, left) === protectedKeyText(text, mask, right);
}

/**
 * A 53-bit hash of {@link repetitionKey}: two sums of mixed word ids (the
 * order of words does not matter) combined with the hash of the sentence's
 * protected runs in order ({@link protectedTextHash}). Equal keys give equal hashes.
 */
export function repetitionHash(text: string, mask: Uint8Array, sentence: ProseSentence, table: WordTable): number {
  const { wordIds } = table;
  let high = 0;
  let low = 0;
  for (let position = sentence.firstWord; position < sentence.firstWord + sentence.wordCount; position++) {
    const id = (wordIds[position] as number) + 1;
    high = (high + Math.imul(id ^ (id >>> 16), 0x45d9f3b)) | 0;
    low = (low + Math.imul(Math.imul(id, 0x27d4eb2d) ^ (id >>> 15), 0x165667b1)) | 0;
  }
  const ordered = sentence.hasProtectedText ? protectedTextHash(text, mask, sentence.start, sentence.end) : PROTECTED_TEXT_HASH_SEED;
  return ((high ^ ordered) >>> 0) * 2097152 + ((low + Math.imul(ordered, 0x85ebca6b)) >>> 11);
}

/**
 * Items indexed by a 53-bit hash of an exact key; items whose hashes meet are
 * compared with `isSame`, so a collision never merges items.
 */
class HashedKeys<T> {
  /** Open addressing on the hash: index + 1 into the arrays below per slot, 0 for empty. */
  private slots: Int32Array;
  private readonly hashes: number[] = [];
  private readonly items: T[] = [];
  private readonly values: number[] = [];
  /** Items whose hash met another item's with a different key (vanishingly rare). */
  private readonly overflow: { hash: number; item: T; value: number }[] = [];
  /**
   * @param expectedItems items to make room for at once (growing rehashes every item).
   * @param scratch where the initial slots are taken from (a table in use must not share it).
   */
  constructor(
    private readonly isSame: (left: T, right: T) => boolean,
    expectedItems: number,
    scratch: ScratchArray<Int32Array>,
  ) {
    let size = 16;
    while (size < expectedItems * 2) size *= 2;
    this.slots = scratch.take(size);
  }

  /** Records `value` for `item` and returns the value recorded for an equal earlier item, if any. */
  replace(hash: number, item: T, value: number): number | undefined {
    // A typed table instead of a Map: measured, Map.get and Map.set of 53-bit keys were 2% of the profile.
    const mask = this.slots.length - 1;
    // Hashes are non-negative integers below 2^53, so `hash & mask` (ToInt32 keeps the low 32 bits) picks the
    // slot that `hash % 2^30 & mask` would, without a floating-point remainder.
    let slot = hash & mask;
    for (let entry = this.slots[slot] as number; entry !== 0; entry = this.slots[slot] as number) {
      if (this.hashes[entry - 1] === hash) return this.replaceEqual(entry - 1, hash, item, value);
      slot = (slot + 1) & mask;
    }
    this.slots[slot] = this.items.length + 1;
    this.hashes.push(hash);
    this.items.push(item);
    this.values.push(value);
    if (this.items.length * 2 > this.slots.length) this.grow();
    return undefined;
  }

  /** The hash of `item` is that of entry `index`: the same item again, or a collision kept aside. */
  private replaceEqual(index: number, hash: number, item: T, value: number): number | undefined {
    if (this.isSame(this.items[index] as T, item)) {
      const earlier = this.values[index] as number;
      this.items[index] = item;
      this.values[index] = value;
      return earlier;
    }
    for (const entry of this.overflow) {
      if (entry.hash !== hash || !this.isSame(entry.item, item)) continue;
      const previous = entry.value;
      entry.item = item;
      entry.value = value;
      return previous;
    }
    this.overflow.push({ hash, item, value });
    return undefined;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    for (let index = 0; index < this.hashes.length; index++) {
      let slot = (this.hashes[index] as number) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = index + 1;
    }
  }
}

const COMPUTED = 1;
const ALLOWED_DOUBLE = 2;
const PLACEHOLDER = 4;
const FILLER_START = 8;
const LOREM = 16;
/** Shift of the index + 1 into {@link FILLER_LISTS} of the phrases a word starts, in its class. */
const FILLER_LIST_SHIFT = 5;

/** The lists of {@link FILLER_BY_FIRST_WORD}, by index, and the index of each first word. */
const FILLER_LISTS = [...FILLER_BY_FIRST_WORD.values()];
const FILLER_LIST_INDEXES = new Map([...FILLER_BY_FIRST_WORD.keys()].map((word, index) => [word, index]));

// Global ids of the words of each filler phrase, per list: ids compare in one load where strings compared
// character by character (measured: a quarter of this component's time on long documents).
let fillerIds: (Int32Array[] | undefined)[] = [];
let fillerIdsEpoch = -1;

/** The global ids of the words of the phrases of list `listIndex` of {@link FILLER_LISTS}, in the vocabulary's current epoch. */
function fillerPhraseIds(listIndex: number): Int32Array[] {
  if (fillerIdsEpoch !== vocabularyEpoch()) {
    fillerIds = [];
    fillerIdsEpoch = vocabularyEpoch();
  }
  let ids = fillerIds[listIndex];
  if (ids === undefined) {
    ids = (FILLER_LISTS[listIndex] as readonly (readonly string[])[]).map((phrase) => Int32Array.from(phrase, (word) => intern(word)));
    fillerIds[listIndex] = ids;
  }
  return ids;
}

const wordClasses = new WordFacts(classifyWord);

/** Flags of a word for the per-word checks, with {@link COMPUTED} set (0 means "not computed yet"), and the list of filler phrases it starts (see {@link FILLER_LIST_SHIFT}). */
function classifyWord(word: string): number {
  let wordClass = COMPUTED;
  if (ALLOWED_DOUBLES.has(word)) wordClass |= ALLOWED_DOUBLE;
  if (PLACEHOLDER_CANDIDATES.has(word)) wordClass |= PLACEHOLDER;
  const listIndex = FILLER_LIST_INDEXES.get(word);
  if (listIndex !== undefined) wordClass |= FILLER_START | ((listIndex + 1) << FILLER_LIST_SHIFT);
  if (word === 'lorem') wordClass |= LOREM;
  return wordClass;
}

/**
 * GitHub's anchor of a heading: links replaced by their label, emphasis
 * underscores removed, lower-cased, characters other than letters, digits,
 * `-`, `_` and spaces removed, spaces turned into `-`.
 * Link text and URL stop at a `[` (which a URL escapes): each `[` of a
 * heading such as `[](` repeated would otherwise rescan the rest of it.
 */
export function headingSlug(heading: string): string {
  const asciiSlug = asciiHeadingSlug(heading);
  if (asciiSlug !== null) return asciiSlug;
  return heading
    .replace(/!?\[([^\][]*)\]\([^)[]*\)/g, '$1')
    .replace(/(^|[^\p{L}\p{N}])_+|_+(?=[^\p{L}\p{N}]|$)/gu, '$1')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/**
 * {@link headingSlug} of a heading of ASCII characters without `[` and `_`
 * (most headings), in one pass without regular expressions; null for any
 * other heading. Links and underscores are what the general path handles.
 */
function asciiHeadingSlug(heading: string): string | null {
  let slug = '';
  let keptFrom = 0;
  for (let index = 0; index < heading.length; index++) {
    const code = heading.charCodeAt(index);
    if (code >= 128 || code === 91 || code === 95) return null;
    const isKept = (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 45;
    if (isKept) continue;
    slug += heading.slice(keptFrom, index);
    keptFrom = index + 1;
    if (code >= 65 && code <= 90) slug += String.fromCharCode(code + 32);
    else if (code === 32 || (code >= 9 && code <= 13)) slug += '-';
  }
  return slug + heading.slice(keptFrom);
}

/**
 * Counts links to `#anchor` that match no heading (GitHub slugs, with `-1`,
 * `-2` suffixes for duplicates) and no HTML `id` or `name`: a table of
 * contents or cross-reference that points at nothing.
 */
function countBrokenAnchors(document: ParsedDocument, findings: Finding[]): number {
  // A loop, not a filter: most documents have links and no internal one, so nothing is allocated for them.
  let internal: Link[] | null = null;
  for (const link of document.links) {
    if (link.kind === 'link' && link.url.length > 1 && link.url.charCodeAt(0) === 35) (internal ??= []).push(link);
  }
  if (internal === null) return 0;
  const anchors = new Set<string>();
  for (const heading of document.headings) {
    const slug = headingSlug(heading.text);
    let candidate = slug;
    for (let suffix = 1; anchors.has(candidate); suffix++) candidate = `${slug}-${suffix}`;
    anchors.add(candidate);
  }
  collectHtmlAnchors(document.text, anchors);
  let broken = 0;
  for (const link of internal) {
    let target = link.url.slice(1);
    try {
      target = decodeURIComponent(target);
    } catch {
      // A malformed escape is compared as written.
    }
    if (anchors.has(target.toLowerCase())) continue;
    broken++;
    findings.push({
      metric: 'broken-anchor',
      message: `No heading or anchor matches "${link.url}": fix the link or write the section it points to.`,
      severity: 'error',
      range: link.range,
    });
  }
  return broken;
}

function matchesAt(table: WordTable, position: number, end: number, phrase: readonly string[]): boolean {
  if (position + phrase.length > end) return false;
  for (let offset = 1; offset < phrase.length; offset++) if (table.words[table.wordIds[position + offset] as number] !== phrase[offset]) return false;
  return true;
}

/** {@link matchesAt} by global ids: `phraseIds` are those of the phrase's words, in the table's epoch. */
function matchesIdsAt(table: WordTable, position: number, end: number, phraseIds: Int32Array): boolean {
  if (position + phraseIds.length > end) return false;
  const { globalIds, wordIds } = table;
  for (let offset = 1; offset < phraseIds.length; offset++) if (globalIds[wordIds[position + offset] as number] !== phraseIds[offset]) return false;
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
