import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { createTestIo } from './create-test-io.js';

let cwd: string;

beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'miair-output-errors-'));
  writeFileSync(path.join(cwd, 'a.md'), '# A\n\nThis is is a test in order to see.\n');
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

describe('miair optimize with an output directory that cannot be made', () => {
  // Node's recursive mkdir spun forever on such a path, deaf to Ctrl-C (audit: only kill -9 ended the run).
  it.skipIf(!existsSync('/proc/self'))('reports OUTPUT_WRITE_FAILED and exits 2 when the parent exists but cannot hold it', async () => {
    const { io, stderr } = createTestIo({ cwd });
    expect(await run(['optimize', 'a.md', '--out', '/proc/miair-test-out'], io)).toBe(2);
    expect(stderr()).toContain('OUTPUT_WRITE_FAILED');
    expect(stderr()).toContain('/proc/miair-test-out');
    // A new journal (--restart) cannot help a directory that cannot be made.
    expect(stderr()).not.toContain('--restart');
  });
});
