import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

// Benchmarks run here only to show they work on a small corpus; their speed
// is measured by `npm run bench`, never asserted in a test.
const ROOT = path.resolve(import.meta.dirname, '../..');
const TLDR = path.join(ROOT, 'test/fixtures/tldr');
const out = mkdtempSync(path.join(tmpdir(), 'miair-bench-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function bench(args: string[]): Promise<Record<string, unknown>> {
  const file = path.join(out, `${args[0]}.json`);
  await promisify(execFile)(process.execPath, [path.join(ROOT, 'bench/run.js'), ...args, '--out', file], { cwd: ROOT, timeout: 120_000 });
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

describe('npm run bench (smoke)', () => {
  it('measures both profiles', async () => {
    const result = await bench(['metrics', '--rounds', '1', '--corpus', TLDR]);
    expect(Object.keys(result['results'] as object).sort()).toEqual(['devdocai', 'miair']);
  });

  it('runs optimize over HTTP against mock-llm in a separate process', async () => {
    const result = await bench(['http', '--repeat', '1', '--rounds', '1', '--corpus', TLDR, '--latency-ms', '5', '--concurrency', '64']);
    const [round] = result['rounds'] as { documents: number; errors: number; calls: number }[];
    const pages = readdirSync(TLDR).filter((name) => name.endsWith('.md')).length;
    expect(round).toMatchObject({ documents: pages, errors: 0, calls: pages });
  });

  it('lists the benchmarks when the name is unknown', async () => {
    await expect(promisify(execFile)(process.execPath, [path.join(ROOT, 'bench/run.js'), 'nope'], { cwd: ROOT })).rejects.toMatchObject({ code: 2 });
  });
});
