import type { LanguageModelMessage } from '../spec.js';

/** A finding line of the refine prompt: `3. [error] repeated-paragraph at line 12: ...` (see refine/build-prompt.ts). */
const FINDING_LINE = /^\d+\. \[(?:error|warning|info)\] ([a-z][a-z-]*) at line (\d+):/gm;

/**
 * Reads how many of the prompt's findings flag each 1-based line with
 * `metric`, from the user messages. A section is sent
 * alone, so a finding is the only way to know that one of its paragraphs
 * repeats a paragraph of another section.
 */
export function readFlaggedLines(messages: readonly LanguageModelMessage[], metric: string): Map<number, number> {
  const lines = new Map<number, number>();
  for (const message of messages) {
    if (message.role !== 'user') continue;
    // Only the part before the document block: the document may hold text that looks like a finding.
    const head = message.content.split('\nDocument:\n')[0] ?? '';
    for (const match of head.matchAll(FINDING_LINE)) {
      if (match[1] === metric) lines.set(Number(match[2]), (lines.get(Number(match[2])) ?? 0) + 1);
    }
  }
  return lines;
}
