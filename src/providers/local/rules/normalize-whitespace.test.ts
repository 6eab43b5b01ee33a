import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../../document/parse-markdown.js';
import { collapseBlankLines } from './collapse-blank-lines.js';
import { normalizeWhitespace } from './normalize-whitespace.js';

const apply = (rule: typeof normalizeWhitespace, text: string): string => rule(text, parseMarkdown(text));

describe('normalizeWhitespace', () => {
  it.each([
    ['removes a trailing space when it is not a hard break', 'One line. \nNext.', 'One line.\nNext.'],
    ['keeps two trailing spaces when they are a hard break', 'One line.  \nNext.', 'One line.  \nNext.'],
    ['collapses runs of spaces and tabs inside a line when they sit between words', 'A  word\tand   more.', 'A word and more.'],
    ['keeps list indentation and markers when it collapses spaces', '- item\n    - nested  item', '- item\n    - nested item'],
    ['keeps table lines when they are aligned with spaces', '| a  | b |\n|----|---|\n| 1  | 2 |', '| a  | b |\n|----|---|\n| 1  | 2 |'],
    ['keeps inline code when it holds several spaces', 'Run `a  b` now.', 'Run `a  b` now.'],
    ['keeps fenced code when it holds several spaces', '```\na   b \n```', '```\na   b \n```'],
  ])('%s', (_name, input, expected) => {
    expect(apply(normalizeWhitespace, input)).toBe(expected);
  });
});

describe('collapseBlankLines', () => {
  it.each([
    ['collapses three blank lines into one when they are between paragraphs', 'One.\n\n\n\nTwo.\n', 'One.\n\nTwo.\n'],
    ['empties a whitespace-only line when it separates paragraphs', 'One.\n   \nTwo.', 'One.\n\nTwo.'],
    ['keeps blank lines when they are inside fenced code', '```\na\n\n\n\nb\n```\n', '```\na\n\n\n\nb\n```\n'],
    ['keeps a final blank line when the text ends with one', 'One.\n\n', 'One.\n\n'],
  ])('%s', (_name, input, expected) => {
    expect(apply(collapseBlankLines, input)).toBe(expected);
  });
});
