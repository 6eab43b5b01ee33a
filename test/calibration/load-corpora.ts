import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Directory of the tldr pages: ../shared/corpus/tldr next to the repository. */
export const TLDR_DIRECTORY = join(ROOT, '..', 'shared', 'corpus', 'tldr');

/** Every `step`-th tldr page in file-name order (a deterministic sample), or none when the corpus is absent. */
export function loadTldrPages(step: number): { name: string; text: string }[] {
  if (!existsSync(TLDR_DIRECTORY)) return [];
  return readdirSync(TLDR_DIRECTORY)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .filter((_, index) => index % step === 0)
    .map((name) => ({ name, text: readFileSync(join(TLDR_DIRECTORY, name), 'utf8') }));
}

/** README files over `minBytes` of the packages installed in node_modules (nested ones too), sorted by path. */
export function loadReadmes(minBytes: number): { name: string; text: string }[] {
  const found: { name: string; text: string }[] = [];
  const visit = (modules: string, depth: number): void => {
    if (depth > 3 || !existsSync(modules)) return;
    for (const entry of readdirSync(modules).sort()) {
      if (entry.startsWith('.')) continue;
      const path = join(modules, entry);
      const packages = entry.startsWith('@') ? readdirSync(path).sort().map((name) => join(path, name)) : [path];
      for (const packagePath of packages) {
        if (!statSync(packagePath).isDirectory()) continue;
        const readme = readdirSync(packagePath).find((name) => /^readme\.md$/i.test(name));
        if (readme !== undefined) {
          const file = join(packagePath, readme);
          if (statSync(file).size > minBytes) found.push({ name: file.slice(ROOT.length), text: readFileSync(file, 'utf8') });
        }
        visit(join(packagePath, 'node_modules'), depth + 1);
      }
    }
  };
  visit(join(ROOT, 'node_modules'), 0);
  return found;
}
