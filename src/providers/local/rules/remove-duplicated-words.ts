import { ALL_PROSE_KINDS, editProseBlocks } from '../prose-blocks.js';
import type { ParsedDocument } from '../../../document/types.js';

/**
 * Words English legitimately repeats ("that that", "had had", "what it is is",
 * "do do"), interjections ("bye bye", "no no") and reduplications: left as written.
 */
const LEGITIMATE_REPEATS: ReadonlySet<string> = new Set([
  'that', 'had', 'is', 'was', 'do', 'does', 'did', 'bye', 'no', 'yeah', 'ha', 'haha', 'knock', 'tut', 'chop', 'hush', 'so',
]);

/**
 * A word, blanks, and the same word again (case-insensitive), as whole words:
 * not part of an identifier, path, file name, version or URL.
 */
const DUPLICATED_WORD = /(?<![\p{L}\p{N}_'’\-/.@#$\\])(\p{L}+(?:['’]\p{L}+)?)([ \t]+\1)+(?![\p{L}\p{N}_'’\-/@$\\]|\.[\p{L}\p{N}])/giu;

/**
 * Removes an immediately repeated word ("the the" -> "the"), keeping the first
 * occurrence and its capitalisation. Works on one line at a time, so it never
 * joins words across a line break, code, a link URL or HTML, and skips the
 * legitimate repeats listed in `LEGITIMATE_REPEATS`.
 */
export function removeDuplicatedWords(text: string, parsed: ParsedDocument): string {
  return editProseBlocks(text, parsed, ALL_PROSE_KINDS, (masked) =>
    masked.replace(DUPLICATED_WORD, (match: string, word: string) => (LEGITIMATE_REPEATS.has(word.toLowerCase()) ? match : word)),
  );
}
