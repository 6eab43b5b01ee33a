import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Every 10th tldr page, copied into the repository (see its NOTICE.md). */
export const TLDR_DIRECTORY = join(ROOT, 'test', 'fixtures', 'tldr');

/** The tldr pages of test/fixtures/tldr, in file-name order. */
export function loadTldrPages(): { name: string; text: string }[] {
  return readdirSync(TLDR_DIRECTORY)
    .filter((name) => name.endsWith('.md') && name !== 'NOTICE.md')
    .sort()
    .map((name) => ({ name, text: readFileSync(join(TLDR_DIRECTORY, name), 'utf8') }));
}

/** Directory of the real READMEs copied into the repository (see its NOTICE.md). */
export const README_DIRECTORY = join(ROOT, 'test', 'fixtures', 'readmes');

/**
 * The README files over `minBytes` in test/fixtures/readmes, sorted by package
 * name. They are copies, not node_modules, so the set is the same on every
 * machine and does not change when a dependency does.
 */
export function loadReadmes(minBytes: number): { name: string; text: string }[] {
  return readdirSync(README_DIRECTORY)
    .filter((name) => statSync(join(README_DIRECTORY, name)).isDirectory())
    .sort()
    .map((name) => ({ name, text: readFileSync(join(README_DIRECTORY, name, 'README.md'), 'utf8') }))
    .filter((readme) => Buffer.byteLength(readme.text) > minBytes);
}
