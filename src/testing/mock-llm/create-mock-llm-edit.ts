import { defaultMockEdit } from '../../providers/mock/create-mock-model.js';

/**
 * How the mock server turns a document into its answer: `default` is
 * {@link defaultMockEdit} (the local refiner's rules: an edit the metrics see
 * as an improvement, about 0.3-0.7 ms per 1.5 KB document), memoized;
 * `fast` is {@link fastMockEdit} (a few microseconds, for load tests);
 * `echo` returns the document unchanged.
 */
export type MockLlmEditPreset = 'default' | 'fast' | 'echo';

/** The edit presets, for option validation and CLI choices. */
export const MOCK_LLM_EDIT_PRESETS: readonly MockLlmEditPreset[] = ['default', 'fast', 'echo'];

/** Documents whose `default` edit is remembered: benchmarks send the same corpus again and again. @default 10000 */
export const MOCK_LLM_EDIT_CACHE_ENTRIES = 10_000;

const FENCE = /^ {0,3}(```|~~~)/;
const DUPLICATED_WORD = /(?<![\w'’\-/.@#$\\])([A-Za-z]+)([ \t]+\1)+(?![\w'’\-/@$\\]|\.\w)/gi;
const MAYBE_DUPLICATED_WORD = /\b([A-Za-z]+)[ \t]+\1\b/i;
const TRAILING_BLANKS_OR_BLANK_RUN = /[ \t]\r?$|\n[ \t]*\n[ \t]*\n/m;
const LEGITIMATE_REPEATS: ReadonlySet<string> = new Set(['that', 'had', 'is', 'was', 'do', 'does', 'did', 'no', 'so']);

/**
 * A cheap deterministic edit for load tests: outside fenced code and inline
 * code it removes an immediately repeated word ("the the" -> "the"), trailing
 * blanks and runs of blank lines. One pass over the lines, no parsing.
 */
export function fastMockEdit(text: string): string {
  // Most documents have nothing to fix: two scans of the whole text spare the line loop.
  if (!MAYBE_DUPLICATED_WORD.test(text) && !TRAILING_BLANKS_OR_BLANK_RUN.test(text)) return text;
  const lines = text.split('\n');
  const output: string[] = [];
  let isInFence = false;
  let blankLines = 0;
  for (const line of lines) {
    if (FENCE.test(line)) isInFence = !isInFence;
    if (isInFence) {
      output.push(line);
      blankLines = 0;
      continue;
    }
    const trimmed = line.trimEnd();
    if (trimmed === '') {
      blankLines++;
      if (blankLines > 1) continue;
      output.push('');
      continue;
    }
    blankLines = 0;
    // A line without even a loose repeat (the check of the whole text, on the line) has nothing to remove.
    if (!MAYBE_DUPLICATED_WORD.test(trimmed)) output.push(trimmed);
    else output.push(trimmed.includes('`') ? editOutsideInlineCode(trimmed) : removeRepeatedWords(trimmed));
  }
  return output.join('\n');
}

/**
 * Returns the edit function of a preset; a function is returned as it is.
 * Each `default` edit gets its own bounded cache (oldest entry evicted first).
 */
export function createMockLlmEdit(edit: MockLlmEditPreset | ((text: string) => string)): (text: string) => string {
  if (typeof edit === 'function') return edit;
  if (edit === 'echo') return (text) => text;
  if (edit === 'fast') return fastMockEdit;
  const cache = new Map<string, string>();
  return (text) => {
    const cached = cache.get(text);
    if (cached !== undefined) return cached;
    const edited = defaultMockEdit(text);
    if (cache.size >= MOCK_LLM_EDIT_CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
    cache.set(text, edited);
    return edited;
  };
}

function editOutsideInlineCode(line: string): string {
  const parts = line.split('`');
  for (let index = 0; index < parts.length; index += 2) parts[index] = removeRepeatedWords(parts[index] as string);
  return parts.join('`');
}

function removeRepeatedWords(text: string): string {
  return text.replace(DUPLICATED_WORD, (match: string, word: string) => (LEGITIMATE_REPEATS.has(word.toLowerCase()) ? match : word));
}
