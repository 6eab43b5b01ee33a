import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { createTestIo } from './create-test-io.js';

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'miair-settings-'));
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

// The input does not exist: a run that got as far as reading documents would say INPUT_NOT_FOUND.
const UNREAD = 'missing.md';

async function stderrOf(argv: string[], env: Record<string, string> = {}): Promise<{ exitCode: number; stderr: string; stdout: string }> {
  const { io, stdout, stderr } = createTestIo({ cwd, env });
  const exitCode = await run(argv, io);
  return { exitCode, stderr: stderr(), stdout: stdout() };
}

describe('miair settings', () => {
  it.each([
    ['--timeout-ms', '3000000000', 'timeoutMs'],
    ['--timeout-ms', '4294967296', 'timeoutMs'],
    ['--timeout-ms', '1e15', 'timeoutMs'],
    ['--mock-latency-ms', '3000000000', 'mockLatencyMs'],
    ['--request-timeout-ms', '3000000000', 'requestTimeoutMs'],
    ['--drain-timeout-ms', '3000000000', 'drainTimeoutMs'],
  ])('rejects %s %s with CONFIG_INVALID before reading any document when it is over the longest timer delay', async (flag, value, key) => {
    const result = await stderrOf(['optimize', UNREAD, '--provider', 'mock', flag, value]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      `error CONFIG_INVALID: Expected \`${key}\` to be a number <= 2147483647 (the longest delay a Node.js timer allows, about 24.8 days), got \`${Number(value)}\` (number) in the command line.\n`,
    );
    expect(result.stdout).toBe('');
  });

  it('rejects MIAIR_TIMEOUT_MS and a config file timeoutMs over the longest timer delay', async () => {
    const fromEnvironment = await stderrOf(['optimize', UNREAD], { MIAIR_TIMEOUT_MS: '3000000000' });
    expect(fromEnvironment.stderr).toMatch(/^error CONFIG_INVALID: Expected `timeoutMs` to be a number <= 2147483647 .* in the environment \(MIAIR_\* variables\)\.\n$/);
    writeFileSync(path.join(cwd, 'miair.config.json'), JSON.stringify({ mockLatencyMs: 3_000_000_000 }));
    const fromFile = await stderrOf(['optimize', UNREAD, '--provider', 'mock']);
    expect(fromFile.stderr).toMatch(/^error CONFIG_INVALID: Expected `mockLatencyMs` to be a number <= 2147483647 .* in config file `.*miair\.config\.json`\.\n$/);
  });

  it('rejects --threads over 256 before reading any document', async () => {
    const many = await stderrOf(['optimize', UNREAD, '--threads', '1e6']);
    expect(many.stderr).toBe('error CONFIG_INVALID: Expected `threads` to be a number <= 256 (threads beyond the cores add memory, not speed), got `1000000` (number) in the command line.\n');
  });

  it('rejects MIAIR_THREADS=0x10 before reading any document, since numbers are decimal', async () => {
    const hex = await stderrOf(['optimize', UNREAD], { MIAIR_THREADS: '0x10' });
    expect(hex.stderr).toBe('error CONFIG_INVALID: Expected `threads` to be a number, got `"0x10"` (string) in the environment (MIAIR_* variables).\n');
  });

  it('shows the value given when --gate is too large for a number', async () => {
    const result = await stderrOf(['optimize', UNREAD, '--gate', '1e400']);
    expect(result.stderr).toBe('error CONFIG_INVALID: Expected `gate` to be a number, got `"1e400"` (string) in the command line.\n');
  });

  it('names the flag when MIAIR_FORMAT is set, since --format belongs to one command', async () => {
    const result = await stderrOf(['analyze', UNREAD], { MIAIR_FORMAT: 'ndjson' });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^error CONFIG_UNKNOWN_KEY: Unknown environment variable `MIAIR_FORMAT`: `--format` is an option of a single command/);
  });
});
