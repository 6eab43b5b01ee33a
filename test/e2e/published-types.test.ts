import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
/** Names the documentation's examples use without declaring them. */
const PRELUDE = 'declare const markdown: string;\ndeclare const directory: string;\nexport {};\n';
let project: string;

/** A consumer project outside the package that installs miair as `node_modules/miair`, as `npm install` does. */
beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'miair-consumer-'));
  mkdirSync(path.join(project, 'node_modules'));
  symlinkSync(ROOT, path.join(project, 'node_modules/miair'), 'dir');
  symlinkSync(path.join(ROOT, 'node_modules/@types'), path.join(project, 'node_modules/@types'), 'dir');
  // The AI SDK provider the docs' fromAiSdkModel example installs beside miair (a dev dependency here).
  symlinkSync(path.join(ROOT, 'node_modules/@ai-sdk'), path.join(project, 'node_modules/@ai-sdk'), 'dir');
  writeFileSync(path.join(project, 'package.json'), '{ "type": "module" }\n');
});
afterAll(() => {
  rmSync(project, { recursive: true, force: true });
});

/** The ```ts blocks of a Markdown file. */
function typeScriptBlocks(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1] as string);
}

/** Type-checks `sources` in the consumer project under strict settings; resolves to tsc's output, '' when clean. */
async function typeCheck(sources: Record<string, string>, moduleResolution: 'nodenext' | 'bundler'): Promise<string> {
  const directory = path.join(project, moduleResolution);
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory);
  for (const [name, text] of Object.entries(sources)) writeFileSync(path.join(directory, name), text);
  const compilerOptions = {
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    target: 'ES2022',
    module: moduleResolution === 'nodenext' ? 'nodenext' : 'esnext',
    moduleResolution,
    types: ['node'],
    noEmit: true,
    // The published .d.ts files are part of what is checked.
    skipLibCheck: false,
  };
  writeFileSync(path.join(directory, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['*.ts'] }));
  try {
    await promisify(execFile)(process.execPath, [TSC, '-p', directory], { cwd: directory });
    return '';
  } catch (error) {
    return (error as { stdout: string }).stdout;
  }
}

describe('the published types', () => {
  it.each(['nodenext', 'bundler'] as const)('name the option and result types of every public function (moduleResolution %s)', async (moduleResolution) => {
    const consumer = readFileSync(path.join(ROOT, 'test/e2e/fixtures/consumer/public-types.ts'), 'utf8');
    expect(await typeCheck({ 'public-types.ts': consumer }, moduleResolution)).toBe('');
  });

  it.each(['nodenext', 'bundler'] as const)('compile the TypeScript examples of README.md and docs/ as written (moduleResolution %s)', async (moduleResolution) => {
    const files = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).map((name) => path.join('docs', name))];
    const sources: Record<string, string> = {};
    for (const file of files) {
      typeScriptBlocks(path.join(ROOT, file)).forEach((block, index) => {
        sources[`${file.replace(/[/.]/g, '-')}-${index}.ts`] = PRELUDE + block;
      });
    }
    expect(Object.keys(sources).length).toBeGreaterThanOrEqual(4);
    expect(await typeCheck(sources, moduleResolution)).toBe('');
  });
});
