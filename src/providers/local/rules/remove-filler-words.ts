import { capitalize } from '../split-sentences.js';
import { ALL_PROSE_KINDS, editProseBlocks } from '../prose-blocks.js';
import type { ParsedDocument } from '../../../document/types.js';

/** Fillers removed inside a sentence, before a lower-case word. */
const INNER_FILLERS = ['basically', 'actually', 'really', 'very', 'simply'] as const;

/** Words after which a filler carries meaning ("not really", "the very first", "at the very least"). */
const KEEP_AFTER: ReadonlySet<string> = new Set(['not', "n't", 'never', 'the', 'this', 'that', 'at', 'quite', 'so', 'how', 'too']);

/** Words before which "very" carries meaning ("very much", "very well", "very few"). */
const KEEP_VERY_BEFORE: ReadonlySet<string> = new Set(['much', 'many', 'few', 'little', 'well', 'least', 'first', 'last', 'own', 'end', 'beginning', 'same', 'best']);

/** Words before which a sentence-initial "Just" means "only" or "exactly" ("Just like", "Just one"). */
const KEEP_JUST_BEFORE: ReadonlySet<string> = new Set([
  'like', 'as', 'in', 'for', 'about', 'because', 'one', 'a', 'an', 'the', 'this', 'that', 'to', 'so', 'enough', 'now',
  'then', 'after', 'before', 'when', 'what', 'how', 'two', 'some', 'because',
]);

/** Sentence start: the block start, a line's masked prefix, or a sentence terminator and blanks. */
const SENTENCE_START = String.raw`(?<=^|^[\uE000-\uF8FF]|[.!?]["'’”)\]]*[ \t\n]+)`;
const INITIAL_FILLER = new RegExp(`${SENTENCE_START}(Basically|Actually|Essentially),?[ \\t]+(\\p{Ll}[\\p{L}'’]*)`, 'gmu');
const INITIAL_SIMPLY_OR_JUST = new RegExp(`${SENTENCE_START}(Simply|Just)[ \\t]+(\\p{Ll}[\\p{L}'’]*)(?![\\p{L}\\p{N}_\\-])`, 'gmu');
const INNER_FILLER = new RegExp(`(?<=([\\p{L}'’]+)[ \\t]+)(${INNER_FILLERS.join('|')})[ \\t]+(?=(\\p{Ll}[\\p{L}]*)(?![\\p{N}_\\-/.]\\S))`, 'gu');

/**
 * Removes filler words where doing so keeps the meaning: "Basically, ..."
 * and "Actually, ..." at a sentence start, "Simply run" and "Just run" at a
 * sentence start (the next word is capitalised), and "basically", "actually",
 * "really", "very" or "simply" between two lower-case words, except after a
 * negation or determiner ("not really", "the very first") and in fixed
 * phrases ("very much", "very well").
 */
export function removeFillerWords(text: string, parsed: ParsedDocument): string {
  return editProseBlocks(text, parsed, ALL_PROSE_KINDS, (masked) =>
    masked
      .replace(INITIAL_FILLER, (match: string, filler: string, next: string) => capitalize(next))
      .replace(INITIAL_SIMPLY_OR_JUST, (match: string, filler: string, next: string) =>
        filler === 'Just' && KEEP_JUST_BEFORE.has(next) ? match : capitalize(next),
      )
      .replace(INNER_FILLER, (match: string, previous: string, filler: string, next: string) => {
        if (KEEP_AFTER.has(previous.toLowerCase()) || /n['’]t$/i.test(previous)) return match;
        if (filler === 'very' && KEEP_VERY_BEFORE.has(next)) return match;
        return '';
      }),
  );
}
