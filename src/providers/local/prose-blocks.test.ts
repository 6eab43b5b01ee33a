import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../document/parse-markdown.js';
import { editProseBlocks, findProseBlocks, unmaskProseBlock } from './prose-blocks.js';

describe('findProseBlocks', () => {
  it('masks markers, code and URLs when it reads a list', () => {
    const text = '- Run `npm test` at https://example.com now';
    const [block] = findProseBlocks(text, parseMarkdown(text));
    expect(block?.kind).toBe('list');
    expect(block?.originals).toEqual(['- ', '`npm test`', 'https://example.com']);
    expect(block?.masked).toBe('\uE000Run \uE001 at \uE002 now');
  });

  it('skips tables, headings and code when it lists blocks', () => {
    const text = '# Title\n\n| a |\n|---|\n\n```\ncode\n```\n\nProse here.';
    const blocks = findProseBlocks(text, parseMarkdown(text));
    expect(blocks.map((block) => text.slice(block.start, block.end))).toEqual(['Prose here.']);
  });

  it('skips a block when it already holds private-use characters', () => {
    const text = 'Icon \uE001 here.';
    expect(findProseBlocks(text, parseMarkdown(text))).toEqual([]);
  });
});

describe('unmaskProseBlock', () => {
  const text = 'Run `a` and `b`.';
  const [block] = findProseBlocks(text, parseMarkdown(text));

  it('restores the originals when every placeholder is kept in order', () => {
    expect(block && unmaskProseBlock(block, 'Now run \uE000 and \uE001.')).toBe('Now run `a` and `b`.');
  });

  it.each([
    ['a placeholder is lost', 'Run \uE000.'],
    ['placeholders are swapped', 'Run \uE001 and \uE000.'],
    ['a placeholder is duplicated', 'Run \uE000 \uE000 and \uE001.'],
  ])('returns null when %s', (_name, edited) => {
    expect(block && unmaskProseBlock(block, edited)).toBeNull();
  });
});

describe('editProseBlocks', () => {
  it('keeps a block when its edit breaks a placeholder', () => {
    const text = 'Run `a` now.\n\nSecond one.';
    const edited = editProseBlocks(text, parseMarkdown(text), ['paragraph'], (masked) => masked.replace(/[\uE000-\uF8FF]/gu, '').toUpperCase());
    expect(edited).toBe('Run `a` now.\n\nSECOND ONE.');
  });

  it('removes the last block with the blank lines before it when the edit returns null', () => {
    const text = 'First one.\n\nSecond one.\n';
    expect(editProseBlocks(text, parseMarkdown(text), ['paragraph'], (masked) => (masked.startsWith('Second') ? null : masked))).toBe('First one.\n');
  });

  it.each([
    ['the last two blocks', 'A.\n\nB.\n\nC.\n', ['B.', 'C.'], 'A.\n'],
    ['a block with the blank lines after it', 'A.\n\nB.\n  \n\n```\nx\n```\n', ['B.'], 'A.\n\n```\nx\n```\n'],
    ['every block', 'A.\n\nB.\n\n', ['A.', 'B.'], '\n\n'],
    ['the first and the last block', 'A.\n\nB.\n\nC.', ['A.', 'C.'], 'B.'],
  ])('removes %s when edits return null', (_name, text, removed, expected) => {
    expect(editProseBlocks(text, parseMarkdown(text), ['paragraph'], (masked) => (removed.includes(masked) ? null : masked))).toBe(expected);
  });
});
