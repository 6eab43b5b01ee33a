import type { ParsedDocument } from '../../document/types.js';
import type { Finding } from '../types.js';
import { analyzeProse, isProseBlock, type ProseBlock } from './analyze-prose.js';
import type { ProseSentence } from './split-sentences.js';
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
/** Share of adjacent sentences sharing a content word at which cohesion counts in full. */
const FULL_COHESION = 0.5;

/**
 * Flow (`flow`, also the profile's `coherence` / 100): whether the text reads
 * as connected, well-formed sentences in a sensible order.
 * base = 0.4 * C + 0.3 * O + 0.3 * K, where
 * C = share of sentences starting with a letter that start with a capital,
 * O = 1 / (1 + 10 * scrambled pairs / max(10, sentences)) (a determiner before a word that cannot start a noun phrase, or ending a sentence),
 * K = min(1, ((adjacent sentence pairs in one section sharing a content word (5-letter stem)) + 0.7) / (pairs + 2) / 0.5);
 * debt = (dangling colons + 0.25 * inconsistent list items) * 20 / max(20, sentences) + 4 for an unfinished ending or an empty last section;
 * score = 100 * base * 2^(-debt / 2).
 */
export function measureFlow(document: ParsedDocument): MetricResult {
  const { blocks, sentences, sentenceBlocks, mask } = analyzeProse(document);
  const findings: Finding[] = [];
  const count = sentences.length;
  if (count === 0) return { score: 0, values: { sentences: 0, capitalShare: 0, orderScore: 0, cohesion: 0, debt: 0 }, findings };

  let withLetter = 0;
  let capitalised = 0;
  let scrambled = 0;
  let pairs = 0;
  let cohesivePairs = 0;
  let previousStems: Set<string> | null = null;
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
    const { words } = sentence;
    for (let position = 0; position < words.length; position++) {
      if (!DETERMINERS.has(words[position] as string)) continue;
      const next = words[position + 1];
      // Masked code between the two words ("the `foo` and") is the noun phrase.
      if (next !== undefined && hasMaskBetween(mask, sentence.wordEnds[position] as number, sentence.wordStarts[position + 1] as number)) continue;
      if (next === undefined ? sentence.terminal !== '' && !hasMaskBetween(mask, sentence.wordEnds[position] as number, sentence.end) : NON_NOUN_STARTS.has(next)) {
        scrambled++;
        findings.push({
          metric: 'word-order',
          message: `"${words[position]}" is not followed by what it introduces: check the word order of this sentence.`,
          severity: 'warning',
          range: { start: sentence.start, end: sentence.end },
        });
      }
    }
    const stems = contentStems(words);
    if (previousStems !== null && previousSection === block.sectionIndex) {
      pairs++;
      for (const stem of stems) {
        if (previousStems.has(stem)) {
          cohesivePairs++;
          break;
        }
      }
    }
    previousStems = stems;
    previousSection = block.sectionIndex;
  }
  const capitalShare = withLetter === 0 ? 1 : capitalised / withLetter;
  const orderScore = 1 / (1 + (10 * scrambled) / Math.max(10, count));
  // Few pairs are weak evidence: add two pseudo-pairs at a share of 0.35.
  const cohesion = (cohesivePairs + 0.7) / (pairs + 2);
  const cohesionScore = Math.min(1, cohesion / FULL_COHESION);

  const danglingColons = countDanglingColons(blocks, findings);
  const inconsistentItems = countInconsistentListItems(blocks, findings);
  const ending = checkEnding(blocks, findings);
  const debt = ((danglingColons + 0.25 * inconsistentItems) * 20) / Math.max(20, count) + ending;
  const base = 0.4 * capitalShare + 0.3 * orderScore + 0.3 * cohesionScore;
  const score = 100 * base * 2 ** (-debt / 2);
  return {
    score,
    values: { sentences: count, capitalShare, orderScore, cohesion, danglingColons, inconsistentItems, debt },
    findings,
  };
}

function hasMaskBetween(mask: Uint8Array, start: number, end: number): boolean {
  for (let index = start; index < end; index++) if (mask[index] === 1) return true;
  return false;
}

function contentStems(words: readonly string[]): Set<string> {
  const stems = new Set<string>();
  for (const word of words) {
    if (word.length < 3 || STOP_WORDS.has(word)) continue;
    stems.add(word.length > STEM_LENGTH ? word.slice(0, STEM_LENGTH) : word);
  }
  return stems;
}

function countDanglingColons(blocks: readonly ProseBlock[], findings: Finding[]): number {
  let dangling = 0;
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index] as ProseBlock;
    if (!isProseBlock(block)) continue;
    const last = block.sentences.length - 1;
    block.sentences.forEach((sentence, position) => {
      if (sentence.terminal !== ':') return;
      const next = blocks[index + 1];
      // A colon inside a quote cannot introduce what comes after the quote.
      const isIntroducing = position === last && block.kind !== 'quote' && next !== undefined && INTRODUCIBLE_KINDS.has(next.kind);
      if (isIntroducing) return;
      dangling++;
      findings.push({
        metric: 'dangling-colon',
        message: 'This sentence ends with a colon but introduces nothing: follow it with the list or code it announces, or end it with a period.',
        severity: 'warning',
        range: { start: sentence.start, end: sentence.end },
      });
    });
  }
  return dangling;
}

function endingClass(block: ProseBlock): string {
  const character = block.lastCharacter;
  return character === '.' || character === ':' || character === '!' || character === '?' ? character : '';
}

function countInconsistentListItems(blocks: readonly ProseBlock[], findings: Finding[]): number {
  const bySection = new Map<number, ProseBlock[]>();
  for (const block of blocks) {
    if (block.kind !== 'list-item') continue;
    const list = bySection.get(block.sectionIndex) ?? [];
    list.push(block);
    bySection.set(block.sectionIndex, list);
  }
  let inconsistent = 0;
  for (const items of bySection.values()) {
    if (items.length < 3) continue;
    const counts = new Map<string, number>();
    for (const item of items) counts.set(endingClass(item), (counts.get(endingClass(item)) ?? 0) + 1);
    let majority = '';
    let majorityCount = -1;
    for (const [ending, itemCount] of counts) {
      if (itemCount > majorityCount) {
        majority = ending;
        majorityCount = itemCount;
      }
    }
    const odd = items.filter((item) => endingClass(item) !== majority);
    if (odd.length === 0) continue;
    inconsistent += odd.length;
    const first = odd[0] as ProseBlock;
    findings.push({
      metric: 'list-punctuation',
      message: `${odd.length} list item(s) in this section end differently from the others (${majority === '' ? 'no punctuation' : `"${majority}"`}): punctuate them the same way.`,
      severity: 'info',
      range: { start: first.start, end: first.end },
    });
  }
  return inconsistent;
}

function checkEnding(blocks: readonly ProseBlock[], findings: Finding[]): number {
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
  const lastWord = sentence.words[sentence.words.length - 1] ?? '';
  const isHanging =
    last.lastCharacter === ',' ||
    (sentence.words.length >= 2 && HANGING_ENDS.has(lastWord) && sentence.wordEnds[sentence.wordEnds.length - 1] === last.lastCharacterOffset + 1) ||
    (sentence.words.length >= (last.kind === 'list-item' ? 6 : 3) && /[\p{L}\p{N}]/u.test(last.lastCharacter));
  if (!isHanging) return 0;
  findings.push({
    metric: 'unfinished-ending',
    message: 'The document stops mid-sentence: finish the last sentence.',
    severity: 'warning',
    range: { start: sentence.start, end: sentence.end },
  });
  return ENDING_DEBT;
}

/** The flow component as a {@link MiairMetric}. */
export const flow: MiairMetric = { id: 'flow', measure: measureFlow };
