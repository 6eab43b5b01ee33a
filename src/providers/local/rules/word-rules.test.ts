import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../../document/parse-markdown.js';
import { removeDuplicatedWords } from './remove-duplicated-words.js';
import { removeFillerWords } from './remove-filler-words.js';
import { replaceWordyPhrases } from './replace-wordy-phrases.js';
import type { LocalRule } from './local-rule.js';

const apply = (rule: LocalRule, text: string): string => rule(text, parseMarkdown(text));

describe('removeDuplicatedWords', () => {
  it.each([
    ['removes a repeated word when it is written twice', 'Open the the file.', 'Open the file.'],
    ['keeps the first capitalisation when the repeat differs in case', 'The the file opens.', 'The file opens.'],
    ['removes every repeat when a word is written three times', 'Open the the the file.', 'Open the file.'],
    ['keeps a legitimate repeat when it is "that that"', 'He said that that file is gone.', 'He said that that file is gone.'],
    ['keeps a repeat when it is inside inline code', 'Run `echo the the` now.', 'Run `echo the the` now.'],
    ['keeps a repeat when it is part of a path', 'See docs/the the/x.', 'See docs/the the/x.'],
    ['keeps different words when only their start matches', 'The theme is set.', 'The theme is set.'],
  ])('%s', (_name, input, expected) => {
    expect(apply(removeDuplicatedWords, input)).toBe(expected);
  });
});

describe('replaceWordyPhrases', () => {
  it.each([
    ['replaces "in order to" when it precedes a verb', 'We cache files in order to save time.', 'We cache files to save time.'],
    ['keeps the initial capital when the phrase starts a sentence', 'Prior to installing, check versions.', 'Before installing, check versions.'],
    ['replaces "due to the fact that" when it joins two clauses', 'It fails due to the fact that the file is missing.', 'It fails because the file is missing.'],
    ['keeps a phrase when it is inside inline code', 'Call `in order to` here.', 'Call `in order to` here.'],
    ['keeps a phrase when it is part of a longer word', 'The reorder to list works.', 'The reorder to list works.'],
  ])('%s', (_name, input, expected) => {
    expect(apply(replaceWordyPhrases, input)).toBe(expected);
  });
});

describe('removeFillerWords', () => {
  it.each([
    ['removes "basically" when it opens a sentence with a comma', 'Basically, every test passes.', 'Every test passes.'],
    ['removes "simply" when it precedes a verb', 'You can simply run tests.', 'You can run tests.'],
    ['removes "very" when it precedes an adjective', 'Caching makes builds very fast.', 'Caching makes builds fast.'],
    ['removes a filler when it is the only use of the word', 'It is very fast and it is fast.', 'It is fast and it is fast.'],
    ['keeps "really" when a negation precedes it', 'It is not really fast, and it is not really slow.', 'It is not really fast, and it is not really slow.'],
    ['keeps "very" when it is part of "very much"', 'Thanks very much for the very much appreciated help.', 'Thanks very much for the very much appreciated help.'],
    ['keeps "Just" when it means only', 'Just one file is read. Just one file is kept.', 'Just one file is read. Just one file is kept.'],
  ])('%s', (_name, input, expected) => {
    expect(apply(removeFillerWords, input)).toBe(expected);
  });
});
