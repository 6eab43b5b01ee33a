/**
 * Degraded twins of a Markdown document for the calibration suite: each kind
 * makes the document worse in one way a reviewer would notice, so the
 * `miair` profile must score the original strictly higher.
 */
import { createRandom } from '../../src/providers/mock/create-random.js';

export { createRandom };

/** The kinds of degradation, in the order of docs/metrics.md. */
export const DEGRADATION_KINDS = [
  'repeat-paragraph',
  'shuffle-sentences',
  'shuffle-words',
  'truncate',
  'insert-filler',
  'flatten',
  'duplicate-words',
  'insert-placeholder',
] as const;

export type DegradationKind = (typeof DEGRADATION_KINDS)[number];

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** Boilerplate a careless writer or a chatty model adds. */
export const FILLER_SENTENCES = [
  'It is important to note that this is a very important part of the process.',
  "In today's fast-paced world, good documentation plays a crucial role.",
  'Needless to say, this section is really worth reading carefully.',
  'At the end of the day, it goes without saying that quality matters.',
  'Please note that the information provided here is basically subject to change.',
  'As a matter of fact, each and every detail here is extremely relevant.',
];

/** Placeholder text left behind before publishing. */
export const PLACEHOLDERS = [
  'TODO: explain this.',
  'TBD.',
  'FIXME: describe the options here.',
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit.',
];

type LineKind = 'code' | 'blank' | 'heading' | 'table' | 'prose';

interface Line {
  kind: LineKind;
  /** List, quote or indentation marker of a prose line. */
  prefix: string;
  /** The rest of a prose line; the whole line otherwise. */
  content: string;
}

const PREFIX = /^(\s*(?:[-*+]|\d+[.)])\s+|\s*>\s?|\s*)/;

function readLines(text: string): Line[] {
  const lines: Line[] = [];
  let fence: string | null = null;
  for (const raw of text.split('\n')) {
    const trimmed = raw.trim();
    const fenceMatch = /^(`{3,}|~{3,})/.exec(trimmed);
    if (fence !== null) {
      lines.push({ kind: 'code', prefix: '', content: raw });
      if (fenceMatch !== null && fenceMatch[1]?.[0] === fence[0] && (fenceMatch[1]?.length ?? 0) >= fence.length && trimmed.replace(/[`~]/g, '') === '') fence = null;
      continue;
    }
    if (fenceMatch !== null) {
      fence = fenceMatch[1] ?? '```';
      lines.push({ kind: 'code', prefix: '', content: raw });
      continue;
    }
    if (trimmed === '') lines.push({ kind: 'blank', prefix: '', content: raw });
    else if (/^#{1,6}(\s|$)/.test(trimmed)) lines.push({ kind: 'heading', prefix: '', content: raw });
    else if (trimmed.startsWith('|')) lines.push({ kind: 'table', prefix: '', content: raw });
    else if (/^(`[^`]*`|<.*>|!?\[.*\]\(.*\)\s*)+$/.test(trimmed) || raw.startsWith('    ')) lines.push({ kind: 'code', prefix: '', content: raw });
    else {
      const prefix = PREFIX.exec(raw)?.[0] ?? '';
      lines.push({ kind: 'prose', prefix, content: raw.slice(prefix.length) });
    }
  }
  return lines;
}

function writeLines(lines: readonly Line[]): string {
  return lines.map((line) => (line.kind === 'prose' ? line.prefix + line.content : line.content)).join('\n');
}

function splitLineSentences(content: string): string[] {
  return content.split(/(?<=[.!?])\s+/).filter((part) => part.length > 0);
}

function shuffle<T>(items: T[], random: Random): T[] {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    const swap = items[index] as T;
    items[index] = items[other] as T;
    items[other] = swap;
  }
  return items;
}

function pick<T>(items: readonly T[], random: Random): T {
  return items[Math.floor(random() * items.length)] as T;
}

function proseLines(lines: readonly Line[]): Line[] {
  return lines.filter((line) => line.kind === 'prose' && /[A-Za-z]{2,}/.test(line.content));
}

/** Paragraphs: runs of prose lines between other lines, as [first, last] line indices. */
function paragraphs(lines: readonly Line[]): [number, number][] {
  const found: [number, number][] = [];
  let start = -1;
  lines.forEach((line, index) => {
    if (line.kind === 'prose') {
      if (start < 0) start = index;
    } else if (start >= 0) {
      found.push([start, index - 1]);
      start = -1;
    }
  });
  if (start >= 0) found.push([start, lines.length - 1]);
  return found.filter(([first, last]) => lines.slice(first, last + 1).some((line) => /[A-Za-z]{3,}/.test(line.content)));
}

const TERMINAL = /[.!?:]+$/;
const FIXED_TOKEN = /[`[\]()<>]|^https?:/;

/** Shuffles the words of one sentence, keeping code, links and the terminal punctuation in place. */
function shuffleSentenceWords(sentence: string, random: Random): string {
  const tokens = sentence.split(/\s+/).filter((token) => token.length > 0);
  const last = tokens.length - 1;
  const terminal = TERMINAL.exec(tokens[last] ?? '')?.[0] ?? '';
  if (terminal.length > 0) tokens[last] = (tokens[last] as string).slice(0, -terminal.length);
  const movable = tokens.map((token, index) => (FIXED_TOKEN.test(token) || token === '' ? -1 : index)).filter((index) => index >= 0);
  const moved = shuffle(movable.map((index) => tokens[index] as string), random);
  movable.forEach((index, order) => {
    tokens[index] = moved[order] as string;
  });
  return tokens.join(' ') + terminal;
}

/** Makes the degraded twin of `text` of the given kind; the same seed gives the same twin. */
export function degrade(text: string, kind: DegradationKind, random: Random): string {
  const lines = readLines(text);
  switch (kind) {
    case 'repeat-paragraph': {
      const found = paragraphs(lines);
      if (found.length === 0) return text;
      const [first, last] = pick(found, random);
      const block = lines.slice(first, last + 1);
      const copies: Line[] = [];
      for (let copy = 0; copy < 7; copy++) copies.push({ kind: 'blank', prefix: '', content: '' }, ...block);
      lines.splice(last + 1, 0, ...copies);
      return writeLines(lines);
    }
    case 'shuffle-sentences': {
      const slots = proseLines(lines).map((line) => splitLineSentences(line.content));
      const sentences = shuffle(slots.flat(), random);
      let next = 0;
      for (const line of proseLines(lines)) {
        const count = splitLineSentences(line.content).length;
        line.content = sentences.slice(next, next + count).join(' ');
        next += count;
      }
      return writeLines(lines);
    }
    case 'shuffle-words': {
      for (const line of proseLines(lines)) {
        line.content = splitLineSentences(line.content).map((sentence) => shuffleSentenceWords(sentence, random)).join(' ');
      }
      return writeLines(lines);
    }
    case 'truncate':
      return text.slice(0, Math.floor(text.length / 10));
    case 'insert-filler': {
      const targets = proseLines(lines);
      if (targets.length === 0) return text;
      const count = Math.max(1, Math.round(targets.length / 6));
      for (let index = 0; index < count; index++) {
        const line = pick(targets, random);
        line.content = `${line.content} ${pick(FILLER_SENTENCES, random)}`;
      }
      return writeLines(lines);
    }
    case 'flatten':
      return lines
        .filter((line) => line.kind !== 'blank' && !/^\s*(`{3,}|~{3,})/.test(line.content))
        .map((line) => (line.kind === 'prose' ? line.content : line.content.replace(/^\s*#{1,6}\s*/, '').trim()))
        .join(' ');
    case 'duplicate-words': {
      const targets = proseLines(lines);
      const wordCount = targets.reduce((sum, line) => sum + line.content.split(/\s+/).length, 0);
      const count = Math.max(1, Math.round(wordCount / 30));
      for (let index = 0; index < count && targets.length > 0; index++) {
        const line = pick(targets, random);
        const tokens = line.content.split(' ');
        const candidates = tokens.map((token, position) => (/^[A-Za-z]+$/.test(token) ? position : -1)).filter((position) => position >= 0);
        if (candidates.length === 0) continue;
        const position = pick(candidates, random);
        tokens.splice(position, 0, tokens[position] as string);
        line.content = tokens.join(' ');
      }
      return writeLines(lines);
    }
    case 'insert-placeholder': {
      const targets = proseLines(lines);
      if (targets.length === 0) return `${text}\n\n${pick(PLACEHOLDERS, random)}\n`;
      const line = pick(targets, random);
      line.content = `${line.content} ${pick(PLACEHOLDERS, random)}`;
      return writeLines(lines);
    }
  }
}
