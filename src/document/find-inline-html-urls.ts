/** A URL held by an attribute of an inline HTML tag. */
export interface InlineHtmlUrl {
  /** The tag name, lower-cased (`a`, `img`). */
  tag: string;
  /** The attribute name, lower-cased: `href` or `src`. */
  attribute: 'href' | 'src';
  /** The attribute value as written, without its quotes and not entity-decoded. */
  url: string;
}

// CommonMark's open tag (spec 6.6): a tag name, attributes, optional `/`, `>`.
// Whitespace may include line breaks; a blank line ends a paragraph, so a
// match spanning one is dropped below.
const ATTRIBUTE_SOURCE = String.raw`\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>\x60]+|'[^']*'|"[^"]*"))?`;
const OPEN_TAG = new RegExp(String.raw`<([A-Za-z][A-Za-z0-9-]*)((?:${ATTRIBUTE_SOURCE})*)\s*\/?>`, 'g');
// Re-reads the attributes of a tag that matched OPEN_TAG, one at a time, so a
// `href=` inside another attribute's quoted value is not taken for one.
const ATTRIBUTE = /\s+([A-Za-z_:][A-Za-z0-9_.:-]*)(?:\s*=\s*(?:([^\s"'=<>`]+)|'([^']*)'|"([^"]*)"))?/y;
const BLANK_LINE = /\n[ \t]*\r?\n/;
const URL_ATTRIBUTES: ReadonlySet<string> = new Set(['href', 'src']);

/**
 * Finds the `href` and `src` values of the inline HTML open tags in
 * `text.slice(start, end)` (`<a href="...">`, `<img src='...'>`), in order.
 *
 * The Markdown parser does not protect inline HTML (only HTML blocks), so the
 * preservation guards read these URLs here to keep them like Markdown link
 * URLs. Call it on prose only: inside a code span or code block a tag is text.
 * A `<` escaped with a backslash starts no tag; an empty value is skipped, as
 * an empty Markdown link destination is. Offsets are 0-based UTF-16 indices,
 * `end` exclusive.
 *
 * @example
 * findInlineHtmlUrls('See <a href="https://example.com">it</a>.', 0, 40);
 * // [{ tag: 'a', attribute: 'href', url: 'https://example.com' }]
 */
export function findInlineHtmlUrls(text: string, start: number, end: number): InlineHtmlUrl[] {
  const found: InlineHtmlUrl[] = [];
  // Search the slice, not `text` from `start`: on a text without `<` that would
  // scan to its end once per stretch of prose, quadratic in the stretches.
  const prose = start === 0 && end === text.length ? text : text.slice(start, end);
  const first = prose.indexOf('<');
  if (first === -1) return found;
  OPEN_TAG.lastIndex = first;
  for (let match = OPEN_TAG.exec(prose); match !== null; match = OPEN_TAG.exec(prose)) {
    const [tagText, tagName = '', attributes = ''] = match;
    if (attributes === '' || isEscaped(text, start + match.index) || BLANK_LINE.test(tagText)) continue;
    ATTRIBUTE.lastIndex = 0;
    for (let attribute = ATTRIBUTE.exec(attributes); attribute !== null; attribute = ATTRIBUTE.exec(attributes)) {
      const name = (attribute[1] ?? '').toLowerCase();
      const url = attribute[2] ?? attribute[3] ?? attribute[4] ?? '';
      if (!URL_ATTRIBUTES.has(name) || url === '') continue;
      found.push({ tag: tagName.toLowerCase(), attribute: name as InlineHtmlUrl['attribute'], url });
    }
  }
  return found;
}

/** True when an odd number of backslashes precede `index`: the character there is literal. */
function isEscaped(text: string, index: number): boolean {
  let cursor = index;
  while (cursor > 0 && text.charCodeAt(cursor - 1) === 92) cursor -= 1;
  return (index - cursor) % 2 === 1;
}
