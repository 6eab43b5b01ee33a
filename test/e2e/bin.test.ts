import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'dist/cli/bin.js');
const run = promisify(execFile);
let cwd: string;

beforeAll(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'miair-bin-'));
  cpSync(path.join(ROOT, 'examples'), path.join(cwd, 'examples'), { recursive: true });
  // ~1.3 KB of output each: 400 of them overflow a pipe's 64 KiB buffer many times, so a reader that leaves is noticed.
  mkdirSync(path.join(cwd, 'many'));
  for (let index = 0; index < 400; index += 1) cpSync(path.join(ROOT, 'examples/faq.md'), path.join(cwd, 'many', `faq-${String(index).padStart(3, '0')}.md`));
});
afterAll(() => {
  rmSync(cwd, { recursive: true, force: true });
});

async function miair(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env['PATH'] ?? '' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

/** Runs miair with a stdout reader that leaves after the first chunk, like `miair ... | head -1`. */
function miairIntoClosedPipe(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env['PATH'] ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdout.once('data', () => child.stdout.destroy());
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('the built miair binary', () => {
  it('is built (npm test builds before testing)', () => {
    expect(existsSync(BIN)).toBe(true);
  });

  it('runs the README command: optimizes examples/ into optimized/', async () => {
    const result = await miair(['optimize', 'examples/', '--out', 'optimized/']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/5 documents: [1-5] improved/);
    expect(readdirSync(path.join(cwd, 'optimized')).filter((name) => !name.startsWith('.miair-journal')).sort()).toEqual(['README.md', 'changelog-notes.txt', 'faq.md', 'guides']);
  });

  it('exits 2 with a one-line message and no stack trace on a bad option value', async () => {
    const result = await miair(['analyze', 'examples', '--max-bytes', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('is executable as it is, the way npx and a global install run it', async () => {
    const { stdout } = await run(BIN, ['--version'], { cwd, env: { PATH: process.env['PATH'] ?? '' } });
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('prints its version', async () => {
    const result = await miair(['--version']);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 141 quietly, without a stack trace, when the reader of analyze output goes away', async () => {
    const result = await miairIntoClosedPipe(['analyze', 'many', '--format', 'ndjson']);
    expect(result).toEqual({ code: 141, stderr: '' });
  });

  it('exits 141 quietly, without a stack trace, when the reader of an optimize diff goes away', async () => {
    const result = await miairIntoClosedPipe(['optimize', 'many', '--dry-run', '--diff']);
    expect(result).toEqual({ code: 141, stderr: '' });
  });

  it('exits 130 as interrupted on a SIGTERM that comes while its modules load', async () => {
    // The preload sends SIGTERM when bin.js asks for run.js: before the fix that was before any handler, and Node died with 143.
    const preload = path.join(ROOT, 'test/e2e/fixtures/term-while-loading.mjs');
    const result = await new Promise<{ code: number | null; signal: string | null; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', preload, BIN, 'optimize', 'many', '--dry-run'], { cwd, env: { PATH: process.env['PATH'] ?? '' }, stdio: ['ignore', 'pipe', 'ignore'] });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
      });
      child.once('error', reject);
      child.once('close', (code, signal) => resolve({ code, signal, stdout }));
    });
    expect(result).toMatchObject({ code: 130, signal: null });
    expect(result.stdout).toContain('interrupted: documents not started were skipped');
  });
});
