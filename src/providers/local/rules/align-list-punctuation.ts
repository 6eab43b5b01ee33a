import { PLACEHOLDER_PATTERN, editProseBlocks, findProseBlocks } from '../prose-blocks.js';
import { isAbbreviation, splitSentences } from '../split-sentences.js';
import type { ProseBlock } from '../prose-blocks.js';
import type { ParsedDocument } from '../../../document/types.js';

/** Sections with fewer list items than this are left alone: two items are not a pattern. */
const MIN_ITEMS = 3;

const LIST_MARKER = /(?:[-*+]|\d{1,9}[.)])(?:[ \t]+(?:\[[ xX]\][ \t]+)?|$)$/;

interface ListItem {
  block: ProseBlock;
  /** Range of the item in the block's masked text. */
  start: number;
  end: number;
  /** Offset in the masked text of the last character that is neither blank nor a placeholder, or -1. */
  lastOffset: number;
  /** Offset just after the last non-blank character (placeholders included). */
  contentEnd: number;
  ending: string;
}

/**
 * Makes the list items of a section end the same way: when most items end
 * with a period, a period is added to items ending in a word, a number, code
 * or a closing bracket; when most end without punctuation, the period of a
 * one-sentence item is removed (never an abbreviation's or an ellipsis).
 * Items ending with `:`, `,`, `;`, `!` or `?` are left as written.
 */
export function alignListPunctuation(text: string, parsed: ParsedDocument): string {
  const itemsBySection = new Map<number, ListItem[]>();
  for (const block of findProseBlocks(text, parsed)) {
    if (block.kind !== 'list') continue;
    const items = itemsBySection.get(block.sectionIndex) ?? [];
    items.push(...listItems(block));
    itemsBySection.set(block.sectionIndex, items);
  }
  const changes = new Map<number, { offset: number; insert: boolean }[]>();
  for (const items of itemsBySection.values()) {
    if (items.length < MIN_ITEMS) continue;
    const majority = majorityEnding(items);
    for (const item of items) {
      if (item.ending === majority) continue;
      const change = fixItem(item, majority);
      if (change === null) continue;
      const list = changes.get(item.block.start) ?? [];
      list.push(change);
      changes.set(item.block.start, list);
    }
  }
  if (changes.size === 0) return text;
  return editProseBlocks(text, parsed, ['list'], (masked, block) => {
    let result = masked;
    for (const change of (changes.get(block.start) ?? []).sort((a, b) => b.offset - a.offset)) {
      result = change.insert ? result.slice(0, change.offset) + '.' + result.slice(change.offset) : result.slice(0, change.offset) + result.slice(change.offset + 1);
    }
    return result;
  });
}

function listItems(block: ProseBlock): ListItem[] {
  const items: ListItem[] = [];
  let lineStart = 0;
  const starts: number[] = [];
  for (const line of block.masked.split('\n')) {
    const first = line.charCodeAt(0);
    const prefix = first >= 0xe000 && first <= 0xf8ff ? (block.originals[first - 0xe000] ?? '') : '';
    if (LIST_MARKER.test(prefix) && /^[ \t]*(?:(?:>[ \t]?)+[ \t]*)?(?:[-*+]|\d{1,9}[.)])/.test(prefix)) starts.push(lineStart);
    lineStart += line.length + 1;
  }
  starts.forEach((start, index) => {
    const end = starts[index + 1] ?? block.masked.length;
    let lastOffset = -1;
    let contentEnd = start;
    for (let offset = end - 1; offset > start; offset--) {
      const character = block.masked[offset] ?? '';
      if (/\s/.test(character)) continue;
      if (contentEnd === start) contentEnd = offset + 1;
      if (PLACEHOLDER_PATTERN.test(character)) continue;
      lastOffset = offset;
      break;
    }
    const last = lastOffset === -1 ? '' : (block.masked[lastOffset] ?? '');
    const ending = last === '.' || last === ':' || last === '!' || last === '?' ? last : '';
    items.push({ block, start, end, lastOffset, contentEnd, ending });
  });
  return items;
}

function majorityEnding(items: readonly ListItem[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.ending, (counts.get(item.ending) ?? 0) + 1);
  let majority = '';
  let majorityCount = -1;
  for (const [ending, count] of counts) {
    if (count > majorityCount) {
      majority = ending;
      majorityCount = count;
    }
  }
  return majority;
}

function fixItem(item: ListItem, majority: string): { offset: number; insert: boolean } | null {
  if (item.lastOffset === -1) return null;
  const masked = item.block.masked;
  const last = masked[item.lastOffset] ?? '';
  // A closer after a terminal ("(see the file.)") already ends a sentence: a period after it gave "file.).".
  if (majority === '.' && item.ending === '' && /[\p{L}\p{N})\]`*_"'’”]/u.test(last) && !endsWithClosedSentence(masked, item.lastOffset)) {
    return { offset: item.contentEnd, insert: true };
  }
  if (majority === '' && item.ending === '.' && item.contentEnd === item.lastOffset + 1) {
    const body = masked.slice(item.start, item.contentEnd);
    if (/\.\.$/.test(body) || !/\p{L}$/u.test(masked.slice(item.start, item.lastOffset))) return null;
    if (isAbbreviation(masked, item.lastOffset) || splitSentences(body).length !== 1) return null;
    return { offset: item.lastOffset, insert: false };
  }
  return null;
}

/** Whether the closers (`)`, `]`, quotes, emphasis) that end at `lastOffset` follow a `.`, `!` or `?`. */
function endsWithClosedSentence(masked: string, lastOffset: number): boolean {
  let index = lastOffset;
  while (index >= 0 && ')]"\'’”*_'.includes(masked[index] ?? '')) index--;
  return index < lastOffset && index >= 0 && '.!?'.includes(masked[index] ?? '');
}
