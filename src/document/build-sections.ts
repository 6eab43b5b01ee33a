import type { Heading, Section } from './types.js';

/**
 * Splits a text of `textLength` UTF-16 code units into sections at its headings.
 *
 * The preamble (the text before the first heading, `heading` null) is present
 * only when it is non-empty: a text starting with a heading has no preamble, and
 * an empty text has no section at all. Every other section starts at its
 * heading's first character and runs up to the next heading of any level (or the
 * end of the text), so the sections are contiguous and cover the whole text.
 *
 * @param headings Headings sorted by position, as `parseMarkdown` finds them.
 */
export function buildSections(headings: readonly Heading[], textLength: number): Section[] {
  const sections: Section[] = [];
  const firstHeading = headings[0];
  const preambleEnd = firstHeading === undefined ? textLength : firstHeading.range.start;
  if (preambleEnd > 0) sections.push({ index: 0, start: 0, end: preambleEnd, heading: null });
  for (let position = 0; position < headings.length; position += 1) {
    const heading = headings[position] as Heading;
    const next = headings[position + 1];
    sections.push({
      index: sections.length,
      start: heading.range.start,
      end: next === undefined ? textLength : next.range.start,
      heading,
    });
  }
  return sections;
}
