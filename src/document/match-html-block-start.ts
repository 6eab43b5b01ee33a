/**
 * How a CommonMark HTML block ends, by the kind of its first line.
 * `blank-line` blocks end before the next blank line; the others end with the
 * line that contains their terminator (or at the end of the text).
 */
export interface HtmlBlockStart {
  /** The string that closes the block (matched case-insensitively), or `blank-line`. */
  terminator: string;
  /** False for a lone complete tag of any name (CommonMark type 7), which cannot interrupt a paragraph. */
  canInterruptParagraph: boolean;
}

// CommonMark 0.31 HTML block type 6 tag names.
const BLOCK_TAG_NAMES = new Set([
  'address', 'article', 'aside', 'base', 'basefont', 'blockquote', 'body', 'caption', 'center', 'col', 'colgroup',
  'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'frame',
  'frameset', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hr', 'html', 'iframe', 'legend', 'li', 'link',
  'main', 'menu', 'menuitem', 'nav', 'noframes', 'ol', 'optgroup', 'option', 'p', 'param', 'search', 'section',
  'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'title', 'tr', 'track', 'ul',
]);

const RAW_TEXT_TAG_NAMES = new Set(['pre', 'script', 'style', 'textarea']);

const COMMENT: HtmlBlockStart = { terminator: '-->', canInterruptParagraph: true };
const PROCESSING_INSTRUCTION: HtmlBlockStart = { terminator: '?>', canInterruptParagraph: true };
const CDATA: HtmlBlockStart = { terminator: ']]>', canInterruptParagraph: true };
const DECLARATION: HtmlBlockStart = { terminator: '>', canInterruptParagraph: true };
const BLOCK_TAG: HtmlBlockStart = { terminator: 'blank-line', canInterruptParagraph: true };
const LONE_TAG: HtmlBlockStart = { terminator: 'blank-line', canInterruptParagraph: false };
const RAW_TEXT_TERMINATORS = new Map(
  [...RAW_TEXT_TAG_NAMES].map((name) => [name, { terminator: `</${name}>`, canInterruptParagraph: true } satisfies HtmlBlockStart]),
);

/**
 * Tells whether the line content `text.slice(start, end)` (indentation already
 * skipped, `text[start]` is `<`) opens a CommonMark HTML block, and how it ends.
 *
 * @returns The block kind, or null when the line is not the start of an HTML block.
 */
export function matchHtmlBlockStart(text: string, start: number, end: number): HtmlBlockStart | null {
  if (text.startsWith('<!--', start)) return COMMENT;
  if (text.startsWith('<?', start)) return PROCESSING_INSTRUCTION;
  if (text.startsWith('<![CDATA[', start)) return CDATA;
  if (text.charCodeAt(start + 1) === 33 && isAsciiLetter(text.charCodeAt(start + 2))) return DECLARATION;
  const isClosing = text.charCodeAt(start + 1) === 47;
  const nameStart = start + (isClosing ? 2 : 1);
  let nameEnd = nameStart;
  while (nameEnd < end && isTagNameCharacter(text.charCodeAt(nameEnd), nameEnd === nameStart)) nameEnd += 1;
  if (nameEnd === nameStart) return null;
  const name = text.slice(nameStart, nameEnd).toLowerCase();
  const after = nameEnd < end ? text.charCodeAt(nameEnd) : -1;
  const endsName = after === -1 || after === 32 || after === 9 || after === 62 || (after === 47 && text.charCodeAt(nameEnd + 1) === 62);
  if (!isClosing && endsName) {
    const rawText = RAW_TEXT_TERMINATORS.get(name);
    if (rawText !== undefined) return rawText;
  }
  if (endsName && BLOCK_TAG_NAMES.has(name)) return BLOCK_TAG;
  if (RAW_TEXT_TAG_NAMES.has(name)) return null;
  return isLoneCompleteTag(text, nameEnd, end, isClosing) ? LONE_TAG : null;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isTagNameCharacter(code: number, isFirst: boolean): boolean {
  if (isAsciiLetter(code)) return true;
  return !isFirst && ((code >= 48 && code <= 57) || code === 45);
}

/**
 * CommonMark type 7: the line holds one complete open or closing tag and only
 * whitespace after it. Attribute values are skipped whole, so `>` inside quotes is fine.
 */
function isLoneCompleteTag(text: string, nameEnd: number, end: number, isClosing: boolean): boolean {
  let cursor = nameEnd;
  let quote = 0;
  for (; cursor < end; cursor += 1) {
    const code = text.charCodeAt(cursor);
    if (quote !== 0) {
      if (code === quote) quote = 0;
    } else if (code === 34 || code === 39) {
      if (isClosing) return false;
      quote = code;
    } else if (code === 62) {
      break;
    } else if (code === 60) {
      return false;
    }
  }
  if (cursor >= end) return false;
  for (cursor += 1; cursor < end; cursor += 1) {
    const code = text.charCodeAt(cursor);
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}
