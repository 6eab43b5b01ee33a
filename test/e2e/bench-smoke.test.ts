import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

// Benchmarks run here only to show they work on a small corpus and account
// for every document; their speed is measured by `npm run bench`, never
// asserted in a test.
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

  it('scores entropy and quality on 1 and 2 threads (micro)', async () => {
    const result = await bench(['micro', '--rounds', '1', '--documents', '100', '--corpus', TLDR]);
    expect(Object.keys(result['results'] as object).sort()).toEqual(['devdocai', 'entropy', 'miair']);
    const figures = result['figures'] as Record<string, { value: number; isGoalMet: boolean | null }>;
    expect(figures['miairThreads2']?.value).toBeGreaterThan(0);
    expect(typeof figures['entropyThreads1']?.isGoalMet).toBe('boolean');
  }, 120_000);

  it('answers the second optimize run from the cache (cache)', async () => {
    const result = await bench(['cache', '--documents', '20', '--latency-ms', '1', '--corpus', TLDR]);
    const [first, second] = result['runs'] as { documents: number; calls: number; cacheHits: number; errors: number }[];
    expect(first).toMatchObject({ documents: 20, calls: 20, cacheHits: 0, errors: 0 });
    expect(second).toMatchObject({ documents: 20, calls: 20, cacheHits: 20, errors: 0 });
  }, 120_000);

  it('times refine() one document at a time (latency)', async () => {
    const result = await bench(['latency', '--documents', '5', '--latency-ms', '1', '--corpus', TLDR]);
    expect(result).toMatchObject({ documents: 5, calls: 10, errors: 0 });
  }, 120_000);

  it('runs a batch through refineStream and the CLI (batch)', async () => {
    const result = await bench(['batch', '--documents', '20', '--rounds', '1', '--latency-ms', '1', '--corpus', TLDR]);
    const [round] = result['rounds'] as { library: { documents: number; errors: number }; cli: { documents: number; errors: number } }[];
    expect(round?.library).toMatchObject({ documents: 20, errors: 0 });
    expect(round?.cli).toMatchObject({ documents: 20, errors: 0 });
    expect(result['isAccounted']).toBe(true);
  }, 120_000);

  it('compares refineStream with p-limit around refine() (stream)', async () => {
    const result = await bench(['stream', '--documents', '50', '--rounds', '1', '--latency-ms', '1', '--corpus', TLDR]);
    const [round] = result['rounds'] as { stream: { documents: number; missing: number }; naive: { documents: number; missing: number } }[];
    expect(round?.stream).toMatchObject({ documents: 50, missing: 0 });
    expect(round?.naive).toMatchObject({ documents: 50, missing: 0 });
    expect(result).toMatchObject({ isAccounted: true, errors: 0 });
  }, 120_000);

  it('streams for a set time and samples RSS and CPU (sustained)', async () => {
    const result = await bench(['sustained', '--duration', '2', '--latency-ms', '5', '--corpus', TLDR]);
    expect(result).toMatchObject({ isAccounted: true, errors: 0 });
    expect(result['documents']).toBe(result['documentsRead']);
    expect((result['samples'] as unknown[]).length).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('reads the peak RSS of a batch and of the CLI fed through a pipe (memory)', async () => {
    const result = await bench(['memory', '--documents', '200', '--batch-documents', '50', '--latency-ms', '1', '--corpus', TLDR]);
    expect(result['batch']).toMatchObject({ documents: 50, missing: 0, errors: 0 });
    expect(result['stream']).toMatchObject({ exitCode: 0, documents: 200, missing: 0, repeated: 0, errors: 0 });
    expect((result['stream'] as { peakRssBytes: number }).peakRssBytes).toBeGreaterThan(0);
  }, 120_000);

  it('shows no goal met when the CLI it measures failed (memory)', async () => {
    const file = path.join(out, 'memory-void.json');
    // An unknown MIAIR_* variable stops the CLI at once (CONFIG_UNKNOWN_KEY): its peak RSS is below any goal, and means nothing.
    const run = promisify(execFile)(process.execPath, [path.join(ROOT, 'bench/run.js'), 'memory', '--documents', '100', '--batch-documents', '20', '--latency-ms', '1', '--corpus', TLDR, '--out', file], {
      cwd: ROOT,
      timeout: 120_000,
      env: { ...process.env, MIAIR_NO_SUCH_SETTING: '1' },
    });
    const failed = await run.then(() => null, (error: unknown) => error as { code: number; stdout: string });
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toMatch(/^peak RSS, CLI streaming 100 documents .* void /m);
    expect(failed?.stdout).not.toMatch(/ met /);
    expect(failed?.stdout).toMatch(/^void: not every document came back exactly once; the figures above do not count toward any goal\.$/m);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ isGoalMet: false, isAccounted: false });
  }, 120_000);

  it('accounts for every document when the mock server fails 5% of requests (failures)', async () => {
    const result = await bench(['failures', '--documents', '100', '--latency-ms', '1', '--corpus', TLDR]);
    expect(result).toMatchObject({ documents: 100, results: 100, missing: 0, repeated: 0 });
  }, 120_000);

  it('lists the benchmarks when the name is unknown', async () => {
    await expect(promisify(execFile)(process.execPath, [path.join(ROOT, 'bench/run.js'), 'nope'], { cwd: ROOT })).rejects.toMatchObject({ code: 2 });
  });
});
