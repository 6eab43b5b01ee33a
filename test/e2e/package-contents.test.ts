import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
let files: string[];

beforeAll(async () => {
  // --ignore-scripts: `prepare` would rebuild dist/ under the other tests' feet.
  const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT });
  files = (JSON.parse(stdout) as { files: { path: string }[] }[])[0]?.files.map((file) => file.path) ?? [];
}, 60_000);

describe('the npm package', () => {
  it('holds every file the README links to, so its links work where the package is installed', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const linked = [...readme.matchAll(/\]\(([^)#]+)(?:#[^)]*)?\)/g)].map((match) => match[1] as string).filter((target) => !/^[a-z]+:/.test(target));
    expect(linked.length).toBeGreaterThan(0);
    expect(linked.filter((target) => !files.includes(target))).toEqual([]);
  });

  it('holds the built entry points, the binary and their types, and no tests or fixtures', () => {
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/bin.js', 'dist/testing/index.d.ts', 'dist/cache/stores.d.ts']));
    expect(files.filter((file) => /\.test\.|(^|\/)(test|fixtures|bench|coverage)\//.test(file))).toEqual([]);
  });

  it('asks for a Node.js at least as new as every runtime dependency asks for', () => {
    const lowestOf = (range: string | undefined): number[] | null => {
      const match = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range?.trim() ?? '');
      return match === null ? null : [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
    };
    const compare = (a: number[], b: number[]): number => a.map((part, index) => part - (b[index] as number)).find((difference) => difference !== 0) ?? 0;
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; dependencies: Record<string, string> };
    const ours = lowestOf(manifest.engines.node);
    expect(ours).not.toBeNull();
    const newer: string[] = [];
    for (const name of Object.keys(manifest.dependencies)) {
      const dependency = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { engines?: { node?: string } };
      // Only plain `>=X.Y.Z` ranges are compared; `20 || >=22` and the like hold every Node 20.
      const theirs = lowestOf(dependency.engines?.node);
      if (theirs !== null && compare(theirs, ours as number[]) > 0) newer.push(`${name} ${dependency.engines?.node}`);
    }
    expect(newer).toEqual([]);
  });
});
