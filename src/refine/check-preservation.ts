/**
 * The preservation guards: what a candidate must keep from the text it
 * replaces. They run in a fixed order and the first failure is the reason.
 */
import { DEFAULT_MAX_LENGTH_RATIO, DEFAULT_MIN_LENGTH_RATIO } from '../config/defaults.js';
import { findInlineHtmlUrls } from '../document/find-inline-html-urls.js';
import { findNumbers } from '../document/find-numbers.js';
import { parseMarkdown } from '../document/parse-markdown.js';
import type { Heading, ParsedDocument, ProtectedSpanKind } from '../document/types.js';
import { DOCUMENT_BLOCK_MARKERS } from '../providers/document-block.js';
import { firstNonBlankLine, isChattyPreamble } from './clean-model-output.js';
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
   * Either may be given already parsed.
   */
  valueScope?: { original: string | ParsedDocument; candidate: string | ParsedDocument };
}

// URLs have their own guard (`link-changed`) and front matter its own
// (`front-matter-changed`), so each rejection names what was lost.
// Blocks are compared as an exact sequence; inline code, URLs and numbers as
// sets, so that deleting an exact repetition (a sentence said twice, with its
// number, code span or link) loses nothing.
const BLOCK_CODE_KINDS: ReadonlySet<ProtectedSpanKind> = new Set(['fenced-code', 'indented-code', 'html-block']);
const INLINE_CODE_KINDS: ReadonlySet<ProtectedSpanKind> = new Set(['inline-code']);
const URL_KINDS: ReadonlySet<ProtectedSpanKind> = new Set(['link-url', 'image-url', 'autolink']);
const EXCERPT_LENGTH = 60;

/**
 * Checks that `candidate` keeps everything of `original` that refinement must
 * not change. In order: not empty; no prompt scaffolding (document block
 * markers, a chatty preamble line); front matter identical; every code block
 * (fenced, indented, raw HTML) byte-identical and in the same order; every
 * distinct inline code span still there at least once and none new; the same
 * for numbers in prose (sign and base included: `-5` is not `5`), then for
 * link, image and autolink URLs and the `href` and `src` values of inline
 * HTML tags (set semantics, so removing an exact repetition passes); the
 * headings, in order, each with its level and its text; a length between
 * `minLengthRatio` and `maxLengthRatio` times the original's.
 *
 * `original` and `candidate` may be given already parsed (`parseMarkdown`),
 * so that a caller that has the parse anyway does not pay for it twice.
 *
 * @example
 * checkPreservation('Run `npm test`.', 'Run `npm t`.');
 * // { ok: false, reason: 'protected-span-changed', detail: 'inline-code ``npm test`` was dropped' }
 */
export function checkPreservation(
  original: string | ParsedDocument,
  candidate: string | ParsedDocument,
  options: Partial<PreservationOptions> = {},
): PreservationCheck {
  const minLengthRatio = options.minLengthRatio ?? DEFAULT_MIN_LENGTH_RATIO;
  const maxLengthRatio = options.maxLengthRatio ?? DEFAULT_MAX_LENGTH_RATIO;
  const originalText = typeof original === 'string' ? original : original.text;
  const candidateText = typeof candidate === 'string' ? candidate : candidate.text;
  if (candidateText.trim() === '') return { ok: false, reason: 'empty', detail: 'the candidate has no text' };
  const marker = DOCUMENT_BLOCK_MARKERS.find((item) => candidateText.includes(item) && !originalText.includes(item));
  if (marker !== undefined) return { ok: false, reason: 'scaffolding', detail: `the candidate contains the prompt marker \`${marker}\`` };
  const firstLine = firstNonBlankLine(candidateText);
  if (isChattyPreamble(firstLine) && firstNonBlankLine(originalText) !== firstLine) {
    return { ok: false, reason: 'scaffolding', detail: `the candidate starts with a preamble: ${excerpt(firstLine)}` };
  }
  const before = parsed(original);
  const after = parsed(candidate);
  const valuesBefore = options.valueScope === undefined ? before : parsed(options.valueScope.original);
  const valuesAfter = options.valueScope === undefined ? after : parsed(options.valueScope.candidate);
  const frontMatterBefore = before.frontMatter === null ? null : originalText.slice(before.frontMatter.start, before.frontMatter.end);
  const frontMatterAfter = after.frontMatter === null ? null : candidateText.slice(after.frontMatter.start, after.frontMatter.end);
  if (frontMatterBefore !== frontMatterAfter) return { ok: false, reason: 'front-matter-changed', detail: 'the front matter block differs' };
  const codeChange =
    firstSequenceChange(spanTexts(before, BLOCK_CODE_KINDS), spanTexts(after, BLOCK_CODE_KINDS)) ??
    setChange(spanTexts(valuesBefore, INLINE_CODE_KINDS), spanTexts(valuesAfter, INLINE_CODE_KINDS));
  if (codeChange !== null) return { ok: false, reason: 'protected-span-changed', detail: codeChange };
  const numberChange = setChange(proseNumbers(valuesBefore), proseNumbers(valuesAfter));
  if (numberChange !== null) return { ok: false, reason: 'number-changed', detail: numberChange };
  const linkChange = setChange(urls(valuesBefore), urls(valuesAfter));
  if (linkChange !== null) return { ok: false, reason: 'link-changed', detail: linkChange };
  const headingChange = firstHeadingChange(before.headings, after.headings);
  if (headingChange !== null) return { ok: false, reason: 'heading-changed', detail: headingChange };
  const ratio = originalText.length === 0 ? Number.POSITIVE_INFINITY : candidateText.length / originalText.length;
  if (ratio < minLengthRatio || ratio > maxLengthRatio) {
    return {
      ok: false,
      reason: 'length-out-of-bounds',
      detail: `the candidate is ${ratio.toFixed(2)}x the original length; allowed ${minLengthRatio}x to ${maxLengthRatio}x`,
    };
  }
  return { ok: true };
}

/** Values read from a document, in document order, each with the label a rejection names it by. */
interface LabelledTexts {
  texts: string[];
  labels: string[];
}

function spanTexts(document: ParsedDocument, kinds: ReadonlySet<ProtectedSpanKind>): LabelledTexts {
  const values: LabelledTexts = { texts: [], labels: [] };
  for (const span of document.protectedSpans) {
    if (!kinds.has(span.kind)) continue;
    values.texts.push(document.text.slice(span.start, span.end));
    values.labels.push(span.kind);
  }
  return values;
}

/**
 * Link, image and autolink URLs: the protected spans of those kinds, every
 * link destination, then the `href` and `src` values of inline HTML in the
 * prose. A link written as `<a href>` is a link all the same: the parser does
 * not protect inline HTML, so without these a changed `href` went unseen.
 */
function urls(document: ParsedDocument): LabelledTexts {
  const values = spanTexts(document, URL_KINDS);
  for (const link of document.links) {
    values.texts.push(link.url);
    values.labels.push(link.kind);
  }
  forEachProse(document, (start, end) => {
    for (const found of findInlineHtmlUrls(document.text, start, end)) {
      values.texts.push(found.url);
      values.labels.push(`inline HTML <${found.tag} ${found.attribute}>`);
    }
  });
  return values;
}

/** Describes the first position where two sequences of texts differ, or null when they are equal. */
function firstSequenceChange(expected: LabelledTexts, actual: LabelledTexts): string | null {
  const length = Math.max(expected.texts.length, actual.texts.length);
  for (let index = 0; index < length; index++) {
    const want = expected.texts[index];
    const got = actual.texts[index];
    if (want !== undefined && got !== undefined && want === got) continue;
    if (want === undefined) return `${actual.labels[index] ?? 'span'} ${excerpt(got ?? '')} was added`;
    return `${expected.labels[index] ?? 'span'} ${excerpt(want)} (span ${index + 1} of ${expected.texts.length}) changed or moved`;
  }
  return null;
}

/**
 * Calls `visit` with the range of each stretch of prose, that is of the text
 * outside protected spans, in order. 0-based offsets, `end` exclusive.
 */
function forEachProse(document: ParsedDocument, visit: (start: number, end: number) => void): void {
  let position = 0;
  for (const span of document.protectedSpans) {
    if (span.start > position) visit(position, span.start);
    position = Math.max(position, span.end);
  }
  if (position < document.text.length) visit(position, document.text.length);
}

/**
 * The numeric tokens of the prose (`findNumbers`: with their sign, hexadecimal
 * literals whole). Each stretch of prose is matched alone: a span between two
 * digits separates them, as if it were a space.
 */
function proseNumbers(document: ParsedDocument): LabelledTexts {
  const values: LabelledTexts = { texts: [], labels: [] };
  forEachProse(document, (start, end) => {
    for (const number of findNumbers(document.text, start, end)) {
      values.texts.push(number);
      values.labels.push('number');
    }
  });
  return values;
}

/**
 * Describes the first distinct value of `expected` missing from `actual`, or
 * else the first value of `actual` that `expected` lacks; null when both hold
 * the same set of values (how often and in which order do not matter).
 */
function setChange(expected: LabelledTexts, actual: LabelledTexts): string | null {
  // Most candidates keep every value in place: equal sequences hold equal sets.
  if (isSameSequence(expected.texts, actual.texts)) return null;
  const wanted = new Set(expected.texts);
  const got = new Set(actual.texts);
  const dropped = expected.texts.findIndex((text) => !got.has(text));
  if (dropped !== -1) return `${expected.labels[dropped]} ${excerpt(expected.texts[dropped] ?? '')} was dropped`;
  const added = actual.texts.findIndex((text) => !wanted.has(text));
  if (added !== -1) return `${actual.labels[added]} ${excerpt(actual.texts[added] ?? '')} was added`;
  return null;
}

function isSameSequence(left: readonly string[], right: readonly string[]): boolean {
  if (left.length !== right.length) return false;
  for (let index = 0; index < left.length; index++) if (left[index] !== right[index]) return false;
  return true;
}

/**
 * Describes the first heading whose level or text changed, or that was added
 * or removed, or null when both lists hold the same headings in order. The
 * text is compared as written but trimmed, without an ATX closing sequence
 * (`Heading.text`): `## Usage ##` and `## Usage  ` are `## Usage`. Text
 * counts, not only levels, because `#anchor` links point at it.
 */
function firstHeadingChange(expected: readonly Heading[], actual: readonly Heading[]): string | null {
  const length = Math.max(expected.length, actual.length);
  for (let index = 0; index < length; index++) {
    const want = expected[index];
    const got = actual[index];
    if (isSameHeading(want, got)) continue;
    const position = `heading ${index + 1} of ${expected.length}`;
    // One heading more or less shifts the rest: name it rather than the next pair that differs.
    if (want === undefined || (actual.length > expected.length && isSameHeading(want, actual[index + 1]))) {
      return `heading ${excerpt(headingLine(got))} was added as heading ${index + 1}`;
    }
    if (got === undefined || (expected.length > actual.length && isSameHeading(expected[index + 1], got))) {
      return `${position} ${excerpt(headingLine(want))} was removed`;
    }
    return `${position} ${excerpt(headingLine(want))} changed to ${excerpt(headingLine(got))}`;
  }
  return null;
}

function isSameHeading(left: Heading | undefined, right: Heading | undefined): boolean {
  return left !== undefined && right !== undefined && left.level === right.level && left.text === right.text;
}

/** A heading as an ATX line (`## Usage`), whichever way it was written, so the detail shows its level. */
function headingLine(heading: Heading | undefined): string {
  return heading === undefined ? '' : `${'#'.repeat(heading.level)} ${heading.text}`;
}

function parsed(text: string | ParsedDocument): ParsedDocument {
  return typeof text === 'string' ? parseMarkdown(text) : text;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `\`${flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH)}…` : flat}\``;
}
