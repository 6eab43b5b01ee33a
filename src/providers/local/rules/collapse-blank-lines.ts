import { BLOCK_LEVEL_SPAN_KINDS, createOverlapProbe } from '../prose-blocks.js';
import type { ParsedDocument } from '../../../document/types.js';

/**
 * Empties whitespace-only lines and collapses two or more consecutive blank
 * lines into one, outside front matter, code blocks and HTML blocks (whose
 * blank lines are content). Markdown renders the result the same way.
 */
export function collapseBlankLines(text: string, parsed: ParsedDocument): string {
  const isBlocked = createOverlapProbe(parsed.protectedSpans.filter((span) => BLOCK_LEVEL_SPAN_KINDS.has(span.kind)));
  const output: string[] = [];
  let offset = 0;
  let previousWasFreeBlank = false;
  const lines = text.split('\n');
  // The empty string after a final line break is not a line of its own.
  const hasFinalBreak = lines.length > 1 && lines[lines.length - 1] === '';
  if (hasFinalBreak) lines.pop();
  for (const line of lines) {
    const start = offset;
    offset += line.length + 1;
    const isFree = !isBlocked(start, start + line.length);
    if (isFree && /^[ \t]*$/.test(line)) {
      if (!previousWasFreeBlank) output.push('');
      previousWasFreeBlank = true;
      continue;
    }
    previousWasFreeBlank = false;
    output.push(line);
  }
  return output.join('\n') + (hasFinalBreak ? '\n' : '');
}
