import type { ParsedDocument } from '../../document/types.js';

const NUMBER = /\p{N}+(?:[.,:]\p{N}+)*/gu;

/**
 * Tells whether an edit kept everything the refine loop's guards check:
 * headings (count, levels and text), every protected span's kind and bytes in
 * order, every link URL in order, the front matter and every number. The local
 * refiner checks each rule's output with it and drops an output that fails,
 * so a rule bug costs a fix, never a rejected candidate.
 */
export function isPreservingEdit(before: ParsedDocument, after: ParsedDocument): boolean {
  if (before.headings.length !== after.headings.length) return false;
  for (let index = 0; index < before.headings.length; index++) {
    const a = before.headings[index];
    const b = after.headings[index];
    if (a === undefined || b === undefined || a.level !== b.level || a.text !== b.text) return false;
  }
  const spans = (document: ParsedDocument): string[] =>
    document.protectedSpans.map((span) => `${span.kind}\u0000${document.text.slice(span.start, span.end)}`);
  if (!sameList(spans(before), spans(after))) return false;
  if (!sameList(before.links.map((link) => link.url), after.links.map((link) => link.url))) return false;
  const frontMatter = (document: ParsedDocument): string | null =>
    document.frontMatter === null ? null : document.text.slice(document.frontMatter.start, document.frontMatter.end);
  if (frontMatter(before) !== frontMatter(after)) return false;
  return sameList(before.text.match(NUMBER) ?? [], after.text.match(NUMBER) ?? []);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
