/**
 * The preservation guards: what a candidate must keep from the text it
 * replaces. They run in a fixed order and the first failure is the reason.
 */
import { DEFAULT_MAX_LENGTH_RATIO, DEFAULT_MIN_LENGTH_RATIO } from '../config/defaults.js';
import { parseMarkdown } from '../document/parse-markdown.js';
import type { ParsedDocument, ProtectedSpanKind } from '../document/types.js';
import { DOCUMENT_BLOCK_MARKERS } from '../providers/document-block.js';
import { isChattyPreamble } from './clean-model-output.js';
import type { RejectionReason } from './types.js';

/** The verdict of {@link checkPreservation}. */
export type PreservationCheck =
  | { ok: true }
  | { ok: false; reason: Exclude<RejectionReason, 'not-improved' | 'model-error'>; detail: string };

/** Length bounds of {@link checkPreservation}, as shares of the original length in UTF-16 code units. */
export interface PreservationOptions {
  minLengthRatio: number;
  maxLengthRatio: number;
  /**
   * The texts to read the set-compared values (inline code, numbers, URLs)
   * from instead of `original` and `candidate`: the whole documents around a
   * section, so a section may drop a value that the document keeps elsewhere.
   */
  valueScope?: { original: string; candidate: string };
}

// URLs have their own guard (`link-changed`) and front matter its own
// (`front-matter-changed`), so each rejection names what was lost.
// Blocks are compared as an exact sequence; inline code, URLs and numbers as
// sets, so that deleting an exact repetition (a sentence said twice, with its
// number, code span or link) loses nothing.
const BLOCK_CODE_KINDS: ReadonlySet<ProtectedSpanKind> = new Set(['fenced-code', 'indented-code', 'html-block']);
const INLINE_CODE_KINDS: ReadonlySet<ProtectedSpanKind> = new Set(['inline-code']);
const URL_KINDS: ReadonlySet<ProtectedSpanKind> = new Set(['link-url', 'image-url', 'autolink']);
const NUMBER_PATTERN = /\p{Nd}+(?:[.,]\p{Nd}+)*/gu;
const EXCERPT_LENGTH = 60;

/**
 * Checks that `candidate` keeps everything of `original` that refinement must
 * not change. In order: not empty; no prompt scaffolding (document block
 * markers, a chatty preamble line); front matter identical; every code block
 * (fenced, indented, raw HTML) byte-identical and in the same order; every
 * distinct inline code span still there at least once and none new; the same
 * for numbers in prose, then for link, image and autolink URLs (set
 * semantics, so removing an exact repetition passes); the number and levels
 * of headings; a length between `minLengthRatio` and `maxLengthRatio` times
 * the original's.
 *
 * @example
 * checkPreservation('Run `npm test`.', 'Run `npm t`.');
 * // { ok: false, reason: 'protected-span-changed', detail: 'inline-code ``npm test`` was dropped' }
 */
export function checkPreservation(original: string, candidate: string, options: Partial<PreservationOptions> = {}): PreservationCheck {
  const minLengthRatio = options.minLengthRatio ?? DEFAULT_MIN_LENGTH_RATIO;
  const maxLengthRatio = options.maxLengthRatio ?? DEFAULT_MAX_LENGTH_RATIO;
  if (candidate.trim() === '') return { ok: false, reason: 'empty', detail: 'the candidate has no text' };
  const marker = DOCUMENT_BLOCK_MARKERS.find((item) => candidate.includes(item) && !original.includes(item));
  if (marker !== undefined) return { ok: false, reason: 'scaffolding', detail: `the candidate contains the prompt marker \`${marker}\`` };
  const firstLine = firstNonBlankLine(candidate);
  if (isChattyPreamble(firstLine) && firstNonBlankLine(original) !== firstLine) {
    return { ok: false, reason: 'scaffolding', detail: `the candidate starts with a preamble: ${excerpt(firstLine)}` };
  }
  const before = parseMarkdown(original);
  const after = parseMarkdown(candidate);
  const valuesBefore = options.valueScope === undefined ? before : parseMarkdown(options.valueScope.original);
  const valuesAfter = options.valueScope === undefined ? after : parseMarkdown(options.valueScope.candidate);
  const frontMatterBefore = before.frontMatter === null ? null : original.slice(before.frontMatter.start, before.frontMatter.end);
  const frontMatterAfter = after.frontMatter === null ? null : candidate.slice(after.frontMatter.start, after.frontMatter.end);
  if (frontMatterBefore !== frontMatterAfter) return { ok: false, reason: 'front-matter-changed', detail: 'the front matter block differs' };
  const codeChange =
    firstSequenceChange(spanTexts(before, BLOCK_CODE_KINDS), spanTexts(after, BLOCK_CODE_KINDS)) ??
    setChange(spanTexts(valuesBefore, INLINE_CODE_KINDS), spanTexts(valuesAfter, INLINE_CODE_KINDS));
  if (codeChange !== null) return { ok: false, reason: 'protected-span-changed', detail: codeChange };
  const numberChange = setChange(labelled(proseNumbers(valuesBefore), 'number'), labelled(proseNumbers(valuesAfter), 'number'));
  if (numberChange !== null) return { ok: false, reason: 'number-changed', detail: numberChange };
  const linkChange = setChange([...spanTexts(valuesBefore, URL_KINDS), ...linkUrls(valuesBefore)], [...spanTexts(valuesAfter, URL_KINDS), ...linkUrls(valuesAfter)]);
  if (linkChange !== null) return { ok: false, reason: 'link-changed', detail: linkChange };
  const levelsBefore = before.headings.map((heading) => heading.level);
  const levelsAfter = after.headings.map((heading) => heading.level);
  if (levelsBefore.join(',') !== levelsAfter.join(',')) {
    return {
      ok: false,
      reason: 'heading-changed',
      detail: `expected ${levelsBefore.length} headings (levels ${levelsBefore.join(',') || 'none'}), got ${levelsAfter.length} (levels ${levelsAfter.join(',') || 'none'})`,
    };
  }
  const ratio = original.length === 0 ? Number.POSITIVE_INFINITY : candidate.length / original.length;
  if (ratio < minLengthRatio || ratio > maxLengthRatio) {
    return {
      ok: false,
      reason: 'length-out-of-bounds',
      detail: `the candidate is ${ratio.toFixed(2)}x the original length; allowed ${minLengthRatio}x to ${maxLengthRatio}x`,
    };
  }
  return { ok: true };
}

interface LabelledText {
  label: string;
  text: string;
}

function spanTexts(document: ParsedDocument, kinds: ReadonlySet<ProtectedSpanKind>): LabelledText[] {
  return document.protectedSpans
    .filter((span) => kinds.has(span.kind))
    .map((span) => ({ label: span.kind, text: document.text.slice(span.start, span.end) }));
}

function linkUrls(document: ParsedDocument): LabelledText[] {
  return document.links.map((link) => ({ label: link.kind, text: link.url }));
}

/** Describes the first position where two sequences of texts differ, or null when they are equal. */
function firstSequenceChange(expected: LabelledText[], actual: LabelledText[]): string | null {
  const length = Math.max(expected.length, actual.length);
  for (let index = 0; index < length; index++) {
    const want = expected[index];
    const got = actual[index];
    if (want !== undefined && got !== undefined && want.text === got.text) continue;
    if (want === undefined) return `${got?.label ?? 'span'} ${excerpt(got?.text ?? '')} was added`;
    return `${want.label} ${excerpt(want.text)} (span ${index + 1} of ${expected.length}) changed or moved`;
  }
  return null;
}

/** The numeric tokens of the prose, that is of the text outside protected spans. */
function proseNumbers(document: ParsedDocument): string[] {
  let prose = '';
  let position = 0;
  for (const span of document.protectedSpans) {
    prose += `${document.text.slice(position, span.start)} `;
    position = Math.max(position, span.end);
  }
  prose += document.text.slice(position);
  return prose.match(NUMBER_PATTERN) ?? [];
}

function labelled(texts: string[], label: string): LabelledText[] {
  return texts.map((text) => ({ label, text }));
}

/**
 * Describes the first distinct value of `expected` missing from `actual`, or
 * else the first value of `actual` that `expected` lacks; null when both hold
 * the same set of values (how often and in which order do not matter).
 */
function setChange(expected: LabelledText[], actual: LabelledText[]): string | null {
  const wanted = new Set(expected.map((item) => item.text));
  const got = new Set(actual.map((item) => item.text));
  const dropped = expected.find((item) => !got.has(item.text));
  if (dropped !== undefined) return `${dropped.label} ${excerpt(dropped.text)} was dropped`;
  const added = actual.find((item) => !wanted.has(item.text));
  if (added !== undefined) return `${added.label} ${excerpt(added.text)} was added`;
  return null;
}

function firstNonBlankLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '') ?? '';
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `\`${flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH)}…` : flat}\``;
}
