import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXTENSIONS } from '../config/defaults.js';
import { expandInputs } from './expand-inputs.js';
import type { ExpandInputsOptions } from './expand-inputs.js';

let cwd: string;

beforeAll(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), 'miair-expand-'));
  const files = ['a.md', 'B.md', 'UPPER.MD', 'notes.txt', 'image.png', 'sub/c.markdown', 'sub/deep/d.mdx', 'drafts/e.md', 'node_modules/pkg/README.md', '.git/x.md', '.github/f.md'];
  for (const file of files) {
    await mkdir(path.dirname(path.join(cwd, 'docs', file)), { recursive: true });
    await writeFile(path.join(cwd, 'docs', file), `# ${file}\n`);
  }
  await symlink('.', path.join(cwd, 'docs', 'loop'));
  await symlink('..', path.join(cwd, 'docs', 'sub', 'deep', 'up'));
  await symlink('sub', path.join(cwd, 'docs', 'link-to-sub'));
  await symlink('nowhere.md', path.join(cwd, 'docs', 'dangling.md'));
  await symlink('nowhere.png', path.join(cwd, 'docs', 'dangling.png'));
});

afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function expand(inputs: string[], options: Partial<ExpandInputsOptions> = {}): Promise<string[]> {
  const rows: string[] = [];
  for await (const entry of expandInputs(inputs, { include: [], exclude: [], extensions: DEFAULT_EXTENSIONS, cwd, ...options })) {
    rows.push(entry.error === undefined ? `${entry.path} (root ${entry.root ?? 'none'})` : `${entry.path} ${entry.error.code}`);
  }
  return rows;
}

describe('expandInputs', () => {
  it('walks a directory recursively in name order with the default extensions, following links without looping', async () => {
    expect(await expand(['docs'])).toEqual([
      'docs/.github/f.md (root docs)',
      'docs/B.md (root docs)',
      'docs/UPPER.MD (root docs)',
      'docs/a.md (root docs)',
      'docs/dangling.md INPUT_NOT_FOUND',
      'docs/drafts/e.md (root docs)',
      'docs/link-to-sub/c.markdown (root docs)',
      'docs/link-to-sub/deep/d.mdx (root docs)',
      'docs/notes.txt (root docs)',
      'docs/sub/c.markdown (root docs)',
      'docs/sub/deep/d.mdx (root docs)',
    ]);
  });

  it('gives absolute paths to read from', async () => {
    for await (const entry of expandInputs(['docs/a.md', './docs'], { include: [], exclude: [], extensions: ['.md'], cwd })) {
      if (entry.error === undefined) expect(entry.absolutePath).toBe(path.join(cwd, entry.path));
    }
  });

  it('applies include and exclude globs relative to the directory input, exclude winning', async () => {
    expect(await expand(['docs/'], { include: ['*.md', 'sub/**'], exclude: ['a.md', 'sub/deep/**'] })).toEqual([
      'docs/B.md (root docs/)',
      'docs/dangling.md INPUT_NOT_FOUND',
      'docs/sub/c.markdown (root docs/)',
    ]);
  });

  it('reads an include glob starting with ! as an exclusion, beside positive ones', async () => {
    const rows = await expand(['docs/'], { include: ['**/*.md', '!drafts/**'] });
    expect(rows.some((row) => row.startsWith('docs/drafts/'))).toBe(false);
    expect(rows).toContain('docs/B.md (root docs/)');
  });

  it('does not enter an excluded directory', async () => {
    expect(await expand(['docs'], { exclude: ['sub', 'link-to-sub', 'drafts', '.github', '*.*'] })).toEqual([]);
  });

  it('reads a named file whatever its extension and the globs', async () => {
    expect(await expand(['docs/image.png', 'docs/a.md'], { exclude: ['**'] })).toEqual(['docs/image.png (root none)', 'docs/a.md (root none)']);
  });

  it('yields stdin for - and INPUT_NOT_FOUND for a missing input, in input order', async () => {
    expect(await expand(['missing.md', '-', 'docs/drafts'])).toEqual(['missing.md INPUT_NOT_FOUND', '- (root none)', 'docs/drafts/e.md (root docs/drafts)']);
  });

  it('follows links out of the input directory but never back into a directory being walked', async () => {
    // deep/up links to sub: from deep as the root, sub is new (walked once), deep inside it is not.
    expect(await expand(['docs/link-to-sub/deep'])).toEqual([
      'docs/link-to-sub/deep/d.mdx (root docs/link-to-sub/deep)',
      'docs/link-to-sub/deep/up/c.markdown (root docs/link-to-sub/deep)',
    ]);
  });

  it('resolves absolute inputs and keeps them absolute', async () => {
    const input = path.join(cwd, 'docs', 'sub');
    expect(await expand([input])).toEqual([`${input}/c.markdown (root ${input})`, `${input}/deep/d.mdx (root ${input})`]);
  });

  it('stops walking when the consumer stops pulling', async () => {
    const seen: string[] = [];
    for await (const entry of expandInputs(['docs'], { include: [], exclude: [], extensions: DEFAULT_EXTENSIONS, cwd })) {
      seen.push(entry.path);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(['docs/.github/f.md', 'docs/B.md']);
  });
});
