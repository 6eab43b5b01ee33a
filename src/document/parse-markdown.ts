import { buildSections } from './build-sections.js';
import { findFrontMatter } from './find-front-matter.js';
import { mergeProtectedSpans } from './merge-protected-spans.js';
import { scanBlocks } from './scan-blocks.js';
import type { BlockScanOutput } from './scan-blocks.js';
import { sortSmall } from './sort-small.js';
import type { ParsedDocument } from './types.js';

/**
 * Parses Markdown (or plain text) into sections, headings, links and the
 * protected spans that refinement must leave byte-identical.
 *
 * A hand-written line scanner, not a full CommonMark parser: it follows
 * CommonMark for what it recognises (YAML front matter at the very start; fenced
 * code with ``` or ~~~, an unclosed fence running to the end of the text; indented
 * code; HTML blocks; ATX and setext headings; code spans; inline link and image
 * destinations; reference definitions; `<...>` autolinks and GFM bare URLs) and
 * simplifies containers (see `scanBlocks`). It never throws, on any string.
 *
 * Offsets are 0-based UTF-16 indices into `text`, ends exclusive. Sections follow
 * `buildSections`: the preamble exists only when non-empty, so an empty text has
 * no section. `protectedSpans` are sorted and merged; `headings` and `links` are
 * sorted by start.
 *
 * @example
 * const document = parseMarkdown('# Title\n\nRun `npm test`.\n');
 * document.sections.length; // 1
 * document.protectedSpans; // [{ kind: 'inline-code', start: 13, end: 23 }]
 */
export function parseMarkdown(text: string): ParsedDocument {
  const frontMatter = findFrontMatter(text);
  const output: BlockScanOutput = { spans: [], links: [], headings: [] };
  // A byte order mark is no text: the first line starts after it (a heading there is a heading).
  let bodyStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (frontMatter !== null) {
    output.spans.push({ kind: 'front-matter', start: frontMatter.start, end: frontMatter.end });
    const newline = text.indexOf('\n', frontMatter.end);
    bodyStart = newline === -1 ? text.length : newline + 1;
  }
  scanBlocks(text, bodyStart, output);
  const links = output.links;
  if (links.length > 1) sortSmall(links, (left, right) => left.range.start - right.range.start);
  return {
    text,
    sections: buildSections(output.headings, text.length),
    headings: output.headings,
    links,
    protectedSpans: mergeProtectedSpans(output.spans),
    frontMatter,
  };
}
