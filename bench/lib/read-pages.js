// The benchmark corpus: the tldr pages (or any directory of .md files).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reads every `.md` file of `directory` (recursively), sorted by path, as text.
 * @throws Error when the directory holds no `.md` file.
 */
export function readPages(directory) {
  const paths = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith('.md')) paths.push(path);
    }
  };
  walk(directory);
  if (paths.length === 0) throw new Error(`No .md file under \`${directory}\`. Pass a corpus with --corpus DIR.`);
  return paths.sort().map((path) => readFileSync(path, 'utf8'));
}

/**
 * The `index`-th (0-based) unique document: page `index % pages.length` with
 * an HTML comment holding `index` appended, so no cache and no de-duplication
 * can answer it from an earlier copy.
 */
export function uniqueText(pages, index) {
  return `${pages[index % pages.length]}\n<!-- ${index} -->\n`;
}

/** The sentence {@link refinableText} appends: its doubled "the" is what the mock's `fast` edit removes. */
export const REFINABLE_SENTENCE = 'See the the other pages.';

/**
 * The `index`-th unique document (see {@link uniqueText}) with a sentence
 * holding a doubled word appended, which the mock's `fast` edit removes: every
 * refinement then gets a candidate that differs from its input, passes the
 * guards, is scored in full and accepted (all 5,000 tldr pages, checked). The
 * tldr pages alone come back unchanged from that edit, and miair does not
 * score an unchanged answer again, so the refinement benchmarks would
 * otherwise measure a shortcut rather than a refinement.
 */
export function refinableText(pages, index) {
  return `${uniqueText(pages, index)}\n${REFINABLE_SENTENCE}\n`;
}
