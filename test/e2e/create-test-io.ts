import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';

// The response caches made for the test file's ios, removed when its tests are done (they piled up in /tmp).
const cacheDirectories: string[] = [];
afterAll(() => {
  for (const directory of cacheDirectories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** A CliIo that records what the CLI writes, for in-process tests. */
export function createTestIo(options: { cwd: string; env?: Record<string, string>; stdin?: string; isTTY?: boolean; signal?: AbortSignal }): {
  io: CliIo;
  stdout: () => string;
  stderr: () => string;
} {
  const out: string[] = [];
  const err: string[] = [];
  const cacheDirectory = mkdtempSync(path.join(tmpdir(), 'miair-cache-'));
  cacheDirectories.push(cacheDirectory);
  const io: CliIo = {
    stdout: { write: (chunk: string) => out.push(chunk), isTTY: options.isTTY ?? false },
    stderr: { write: (chunk: string) => err.push(chunk), isTTY: options.isTTY ?? false },
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    cwd: options.cwd,
    // Every io gets its own response cache, so no test sees another's cached answers.
    env: { XDG_CACHE_HOME: cacheDirectory, ...options.env },
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}
