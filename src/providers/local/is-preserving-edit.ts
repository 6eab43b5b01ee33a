import { findNumbers } from '../../document/find-numbers.js';
import type { ParsedDocument, ProtectedSpanKind } from '../../document/types.js';

const NUMBER = /\p{N}+(?:[.,:]\p{N}+)*/gu;
/** Spans kept as an exact sequence; the other protected spans (inline code, URLs) are compared as sets. */
const BLOCK_KINDS: ReadonlySet<ProtectedSpanKind> = new Set(['front-matter', 'fenced-code', 'indented-code', 'html-block']);

/**
 * Tells whether an edit kept everything the refine loop's guards check:
 * headings (count, levels and text), every code block, raw HTML block and the
 * front matter byte-identical and in order, and, as sets (every distinct
 * value still there at least once, none new), inline code spans, link URLs
 * and numbers (signed and hexadecimal ones too, as `findNumbers` reads
 * them). The local refiner checks each rule's output with it and drops an
 * output that fails, so a rule bug costs a fix, never a rejected candidate.
 * Set semantics let a rule delete an exact repetition of a sentence that
 * holds a number, a code span or a link.
 */
export function isPreservingEdit(before: ParsedDocument, after: ParsedDocument): boolean {
  if (before.headings.length !== after.headings.length) return false;
  for (let index = 0; index < before.headings.length; index++) {
    const a = before.headings[index];
    const b = after.headings[index];
    if (a === undefined || b === undefined || a.level !== b.level || a.text !== b.text) return false;
  }
  const spans = (document: ParsedDocument, isBlock: boolean): string[] =>
    document.protectedSpans
      .filter((span) => BLOCK_KINDS.has(span.kind) === isBlock)
      .map((span) => `${span.kind}\u0000${document.text.slice(span.start, span.end)}`);
  if (!sameList(spans(before, true), spans(after, true))) return false;
  if (!sameSet(spans(before, false), spans(after, false))) return false;
  if (!sameSet(before.links.map((link) => link.url), after.links.map((link) => link.url))) return false;
  const frontMatter = (document: ParsedDocument): string | null =>
    document.frontMatter === null ? null : document.text.slice(document.frontMatter.start, document.frontMatter.end);
  if (frontMatter(before) !== frontMatter(after)) return false;
  if (!sameSet(before.text.match(NUMBER) ?? [], after.text.match(NUMBER) ?? [])) return false;
  // The loop's guard also keeps signs and hexadecimal literals (`-5`, `0xFF`), which NUMBER reads as bare digits.
  return sameSet(findNumbers(before.text, 0, before.text.length), findNumbers(after.text, 0, after.text.length));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((value) => right.has(value));
}
