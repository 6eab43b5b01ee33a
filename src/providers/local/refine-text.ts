import { parseMarkdown } from '../../document/parse-markdown.js';
import { isPreservingEdit } from './is-preserving-edit.js';
import { alignListPunctuation } from './rules/align-list-punctuation.js';
import { breakLongParagraphs } from './rules/break-long-paragraphs.js';
import { capitalizeSentences } from './rules/capitalize-sentences.js';
import { collapseBlankLines } from './rules/collapse-blank-lines.js';
import { normalizeWhitespace } from './rules/normalize-whitespace.js';
import { removeDuplicatedWords } from './rules/remove-duplicated-words.js';
import { removeFillerWords } from './rules/remove-filler-words.js';
import { removeRepeatedParagraphs } from './rules/remove-repeated-paragraphs.js';
import { removeRepeatedSentences } from './rules/remove-repeated-sentences.js';
import { replaceWordyPhrases } from './rules/replace-wordy-phrases.js';
import { splitLongSentences } from './rules/split-long-sentences.js';
import type { LocalStrategy } from './read-strategy-directive.js';
import type { LocalRule } from './rules/local-rule.js';

/** Cheap rules that only remove noise: whitespace, repeated paragraphs and sentences, duplicated words. */
const CHEAP_RULES: readonly LocalRule[] = [
  normalizeWhitespace,
  collapseBlankLines,
  removeRepeatedParagraphs,
  removeRepeatedSentences,
  removeDuplicatedWords,
];

/**
 * The rules each strategy applies, in order. `performance` runs only the cheap
 * noise removers; `entropy` adds wordy-phrase replacement (fewer filler
 * tokens, a more informative word distribution); `quality` runs every rule,
 * ending with sentence and paragraph layout.
 */
export const LOCAL_RULE_SETS: Readonly<Record<LocalStrategy, readonly LocalRule[]>> = {
  performance: CHEAP_RULES,
  entropy: [...CHEAP_RULES, replaceWordyPhrases],
  quality: [
    ...CHEAP_RULES,
    replaceWordyPhrases,
    removeFillerWords,
    capitalizeSentences,
    alignListPunctuation,
    splitLongSentences,
    breakLongParagraphs,
    normalizeWhitespace,
  ],
};

/** Options of {@link refineText}. */
export interface RefineTextOptions {
  /** @default 'quality' */
  strategy?: LocalStrategy;
}

/**
 * Applies the local refiner's rules to a Markdown or plain text document and
 * returns the edited text (the same string when nothing needed fixing).
 * Deterministic. Each rule's output is kept only when, re-parsed, it
 * preserves headings, code blocks, front matter, and every distinct inline
 * code span, link URL and number (see isPreservingEdit). Whether the whole
 * output scores higher is for the refine loop to judge.
 *
 * @example
 * refineText('In order to run it, run it.'); // 'To run it, run it.'
 */
export function refineText(text: string, options: RefineTextOptions = {}): string {
  const steps = refineTextSteps(text, options);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/**
 * {@link refineText} one rule at a time: the generator yields after each rule
 * and returns the edited text, so that a caller can let timers run and stop
 * between rules (a rule on a document of megabytes takes up to a second).
 */
export function* refineTextSteps(text: string, options: RefineTextOptions = {}): Generator<void, string, void> {
  const rules = LOCAL_RULE_SETS[options.strategy ?? 'quality'];
  let current = text;
  let parsed = parseMarkdown(current);
  for (const rule of rules) {
    yield;
    const candidate = rule(current, parsed);
    if (candidate === current) continue;
    yield;
    const candidateParsed = parseMarkdown(candidate);
    if (!isPreservingEdit(parsed, candidateParsed)) continue;
    current = candidate;
    parsed = candidateParsed;
  }
  return current;
}
