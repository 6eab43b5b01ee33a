import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../../document/parse-markdown.js';
import { alignListPunctuation } from './align-list-punctuation.js';
import { breakLongParagraphs } from './break-long-paragraphs.js';
import { capitalizeSentences } from './capitalize-sentences.js';
import { removeRepeatedParagraphs } from './remove-repeated-paragraphs.js';
import { removeRepeatedSentences } from './remove-repeated-sentences.js';
import { splitLongSentences } from './split-long-sentences.js';
import type { LocalRule } from './local-rule.js';

const apply = (rule: LocalRule, text: string): string => rule(text, parseMarkdown(text));

describe('capitalizeSentences', () => {
  it.each([
    ['capitalises a sentence starter when it follows a period', 'It works. the cache is warm.', 'It works. The cache is warm.'],
    ['capitalises "i" when it starts a sentence', 'It works. i think so.', 'It works. I think so.'],
    ['keeps a tool name when it starts a sentence', 'Install it. npm is needed.', 'Install it. npm is needed.'],
    ['keeps the word after an abbreviation when it is lower case', 'Use a tool, e.g. the linter.', 'Use a tool, e.g. the linter.'],
    ['capitalises a paragraph start when a heading precedes it', '# Title\n\nyou can run it.', '# Title\n\nYou can run it.'],
    ['keeps a paragraph start when code precedes it', '```\nx\n```\n\nwhich prints x.', '```\nx\n```\n\nwhich prints x.'],
  ])('%s', (_name, input, expected) => {
    expect(apply(capitalizeSentences, input)).toBe(expected);
  });
});

const long = (words: number, word = 'cache'): string => Array.from({ length: words }, (_, index) => `${word}${String.fromCharCode(97 + (index % 26))}`).join(' ');

describe('splitLongSentences', () => {
  it('splits a sentence at its semicolon when it is over 35 words', () => {
    const input = `The cache ${long(20)}; the cache ${long(20)}.`;
    expect(apply(splitLongSentences, input)).toBe(`The cache ${long(20)}. The cache ${long(20)}.`);
  });

  it('keeps a sentence when its halves share no content word', () => {
    const input = `The cache ${long(20)}; the store ${long(20, 'other')}.`;
    expect(apply(splitLongSentences, input)).toBe(input);
  });

  it('keeps a list when ", and" joins its last item', () => {
    const input = `Supports ${long(20)}, and cache ${long(20)}.`;
    expect(apply(splitLongSentences, input)).toBe(input);
  });

  it('keeps a sentence when it has 35 words or fewer', () => {
    const input = `The cache ${long(12)}; the cache ${long(12)}.`;
    expect(apply(splitLongSentences, input)).toBe(input);
  });
});

describe('breakLongParagraphs', () => {
  it('inserts a blank line between sentences when a paragraph is over 150 words', () => {
    const sentence = `Cache ${long(19)}.`;
    const input = Array.from({ length: 9 }, () => sentence).join(' ');
    const output = apply(breakLongParagraphs, input);
    expect(output.split('\n\n').length).toBeGreaterThanOrEqual(2);
    expect(output.replace(/\s+/g, ' ')).toBe(input);
  });

  it('keeps a list when its items are long', () => {
    const input = `- ${Array.from({ length: 9 }, () => `Cache ${long(19)}.`).join(' ')}`;
    expect(apply(breakLongParagraphs, input)).toBe(input);
  });
});

describe('removeRepeatedSentences', () => {
  it.each([
    ['removes a sentence when it repeats one of its section', 'The tool reads every file. It is fast. The tool reads every file.', 'The tool reads every file. It is fast.'],
    ['removes a repeat when it holds a number', 'Quarry copies 64 files at once by default. Quarry copies 64 files at once by default.', 'Quarry copies 64 files at once by default.'],
    ['removes a repeat when it holds code and a URL', 'Run `make` as [shown](https://x.example/a) here. It works. Run `make` as [shown](https://x.example/a) here.', 'Run `make` as [shown](https://x.example/a) here. It works.'],
    ['keeps a near repeat when its number differs', 'Set the limit to 10 now. Set the limit to 12 now.', 'Set the limit to 10 now. Set the limit to 12 now.'],
    ['keeps a near repeat when its code differs', 'Run the `a` command now. Run the `b` command now.', 'Run the `a` command now. Run the `b` command now.'],
    ['keeps a repeat when it is in another section', '# A\n\nThe tool reads every file.\n\n# B\n\nThe tool reads every file.', '# A\n\nThe tool reads every file.\n\n# B\n\nThe tool reads every file.'],
    ['removes a paragraph when all its sentences repeat', 'The tool reads every file.\n\nThe tool reads every file.\n\nDone here now.', 'The tool reads every file.\n\nDone here now.'],
  ])('%s', (_name, input, expected) => {
    expect(apply(removeRepeatedSentences, input)).toBe(expected);
  });
});

describe('removeRepeatedParagraphs', () => {
  it.each([
    ['removes a paragraph when it repeats an earlier one', 'Read the guide before you start.\n\nRead the guide before you start.\n', 'Read the guide before you start.\n'],
    ['removes a repeated paragraph when it holds code and digits', 'Run `x` 3 times before you start.\n\nRun `x` 3 times before you start.', 'Run `x` 3 times before you start.'],
    ['keeps a paragraph when only its code differs', 'Run `x` before you start.\n\nRun `y` before you start.', 'Run `x` before you start.\n\nRun `y` before you start.'],
    ['keeps a repeated code block', '```\nnpm test now\n```\n\n```\nnpm test now\n```\n', '```\nnpm test now\n```\n\n```\nnpm test now\n```\n'],
    ['keeps a short paragraph when it repeats in another section', '# A\n\nSee the guide now.\n\n# B\n\nSee the guide now.', '# A\n\nSee the guide now.\n\n# B\n\nSee the guide now.'],
  ])('%s', (_name, input, expected) => {
    expect(apply(removeRepeatedParagraphs, input)).toBe(expected);
  });
});

describe('alignListPunctuation', () => {
  it.each([
    ['adds a period when most items end with one', '- Reads files.\n- Writes files.\n- Checks links', '- Reads files.\n- Writes files.\n- Checks links.'],
    ['removes a period when most items have none', '- Reads files\n- Writes files\n- Checks links.', '- Reads files\n- Writes files\n- Checks links'],
    ['keeps an item when it ends with a colon', '- Reads files.\n- Writes files.\n- Options:', '- Reads files.\n- Writes files.\n- Options:'],
    ['keeps a short list when it has two items', '- Reads files.\n- Writes files', '- Reads files.\n- Writes files'],
  ])('%s', (_name, input, expected) => {
    expect(apply(alignListPunctuation, input)).toBe(expected);
  });
});
