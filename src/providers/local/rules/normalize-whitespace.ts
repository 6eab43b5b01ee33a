import { ALL_PROSE_KINDS, editProseBlocks } from '../prose-blocks.js';
import type { ParsedDocument } from '../../../document/types.js';

/** Two or more trailing spaces are a Markdown hard line break: kept as they are. */
const HARD_BREAK = /^ {2,}$/;

/**
 * Normalises the whitespace of prose lines: removes trailing spaces and tabs
 * (keeping two or more trailing spaces, a hard line break) and turns runs of
 * spaces or a tab between two non-space characters into one space. A line's
 * indentation and markers, tables, headings, code and HTML keep their bytes.
 */
export function normalizeWhitespace(text: string, parsed: ParsedDocument): string {
  return editProseBlocks(text, parsed, ALL_PROSE_KINDS, (masked) =>
    masked
      .split('\n')
      .map((line) => {
        // A backward scan, not /[ \t]+$/: that one rescans a run of blanks from each of its characters.
        let bodyEnd = line.length;
        while (bodyEnd > 0 && (line.charCodeAt(bodyEnd - 1) === 32 || line.charCodeAt(bodyEnd - 1) === 9)) bodyEnd--;
        const body = line.slice(0, bodyEnd);
        const trailing = line.slice(bodyEnd);
        const kept = trailing !== '' && HARD_BREAK.test(trailing) ? trailing : '';
        return body.replace(/(?<=\S)(?:[ \t]{2,}|\t)(?=\S)/g, ' ') + kept;
      })
      .join('\n'),
  );
}
