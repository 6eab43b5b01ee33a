import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { startMockLlmServer } from '../../src/testing/mock-llm/start-mock-llm-server.js';
import { createTestIo } from './create-test-io.js';

// Worker threads load the compiled package (dist/), which `npm test` builds first.
let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'miair-threads-'));
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

const WEAK = 'Install the the tool. In order to use it, run it.\n\nInstall the the tool.\n';
const FAST = ['--provider', 'mock', '--mock-latency-ms', '1', '--no-cache'];

function inputLines(count: number): string {
  return Array.from({ length: count }, (_, index) => JSON.stringify({ id: `doc-${index}`, text: `# Doc ${index}\n\n${WEAK}${'Another line here. '.repeat(index % 7)}\n` })).join('\n');
}

describe('miair optimize --threads', () => {
  it('gives the same NDJSON with 2 threads as on the main thread', async () => {
    writeFileSync(path.join(cwd, 'in.ndjson'), `${inputLines(120)}\nnot json\n`);
    const outputs: string[] = [];
    // The main thread; 2 threads with the stream's default heap cap; 2 threads without a cap.
    for (const flags of [['--threads', '1'], ['--threads', '2'], ['--threads', '2', '--thread-heap-mb', '0']]) {
      const { io, stdout, stderr } = createTestIo({ cwd });
      expect(await run(['optimize', '--from-ndjson', 'in.ndjson', ...flags, ...FAST], io)).toBe(2);
      expect(stderr()).toMatch(/^121 inputs: 120 refined, 1 error/);
      outputs.push(stdout());
    }
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[2]).toBe(outputs[0]);
    expect(outputs[0]).not.toContain('the the');
  });

  it('refines files in worker threads and writes every one', async () => {
    mkdirSync(path.join(cwd, 'docs'));
    for (let index = 0; index < 30; index++) writeFileSync(path.join(cwd, 'docs', `${index}.md`), `# Doc ${index}\n\n${WEAK}`);
    const { io, stderr } = createTestIo({ cwd });
    expect(await run(['optimize', 'docs', '--out', 'out', '--threads', '2', ...FAST], io)).toBe(0);
    expect(stderr()).toBe('');
    for (let index = 0; index < 30; index++) expect(readFileSync(path.join(cwd, 'out', `${index}.md`), 'utf8')).not.toContain('the the');
  });

  it('refuses a --thread-heap-mb that is not a whole number of MiB >= 0', async () => {
    writeFileSync(path.join(cwd, 'a.md'), WEAK);
    const { io, stderr } = createTestIo({ cwd });
    expect(await run(['optimize', 'a.md', '--thread-heap-mb', '-5', ...FAST], io)).toBe(2);
    expect(stderr()).toMatch(/CONFIG_INVALID.*threadHeapMb/);
  });

  it('refuses --threads with --budget-usd, which is one budget for the whole run', async () => {
    writeFileSync(path.join(cwd, 'a.md'), WEAK);
    const { io, stderr } = createTestIo({ cwd });
    expect(await run(['optimize', 'a.md', '--threads', '2', '--budget-usd', '1', ...FAST], io)).toBe(2);
    expect(stderr()).toMatch(/CONFIG_INVALID: --budget-usd is one budget/);
  });

  it('refuses --threads with --requests-per-minute or --tokens-per-minute, which are one limit for the whole run', async () => {
    writeFileSync(path.join(cwd, 'a.md'), WEAK);
    for (const [flag, message] of [['--requests-per-minute', /CONFIG_INVALID: --requests-per-minute is one limit/], ['--tokens-per-minute', /CONFIG_INVALID: --tokens-per-minute is one limit/]] as const) {
      const { io, stderr } = createTestIo({ cwd });
      expect(await run(['optimize', 'a.md', '--threads', '2', flag, '100000', ...FAST], io)).toBe(2);
      expect(stderr()).toMatch(message);
    }
  });

  it('sends no more than --requests-per-minute when threads are left to the default', async () => {
    const server = await startMockLlmServer({ latencyMs: 0 });
    try {
      writeFileSync(path.join(cwd, 'in.ndjson'), `${inputLines(20)}\n`);
      // A fresh limiter sends a minute's quota (3) at once, then one call per 20 s: each document's deadline ends it first.
      // Before the fix each of the default threads (one per core) had a limiter of its own and sent 3 more.
      const argv = ['optimize', '--from-ndjson', 'in.ndjson', '--provider', 'openai', '--requests-per-minute', '3', '--timeout-ms', '1500', '--no-cache'];
      const { io } = createTestIo({ cwd, env: { OPENAI_API_KEY: 'sk-test-key-123456', OPENAI_BASE_URL: `${server.url}/v1` } });
      await run(argv, io);
      expect(server.stats().received).toBe(3);
    } finally {
      await server.close();
    }
  });
});
