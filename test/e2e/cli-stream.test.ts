import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { startMockLlmServer } from '../../src/testing/mock-llm/start-mock-llm-server.js';
import { sharedBreakerRegistry } from '../../src/providers/middleware/breaker-registry.js';
import { createTestIo } from './create-test-io.js';

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'miair-stream-'));
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

const WEAK = 'Install the the tool. In order to use it, run it.\n\nInstall the the tool.\n';

function inputLines(count: number): string {
  return Array.from({ length: count }, (_, index) => JSON.stringify({ id: `doc-${index}`, text: `# Doc ${index}\n\n${WEAK}` })).join('\n');
}

function parse(text: string): { id: string | null; status: string; text: string | null; stopReason: string | null; error: { code: string; message: string } | null }[] {
  return text.trim().split('\n').map((line) => JSON.parse(line));
}

const FAST = ['--provider', 'mock', '--mock-latency-ms', '1'];

describe('miair optimize --from-ndjson', () => {
  it('writes one line per input in input order, malformed lines included, and exits 2', async () => {
    writeFileSync(path.join(cwd, 'in.ndjson'), `${inputLines(3)}\nnot json\n\n${JSON.stringify({ id: 'no-text' })}\n${inputLines(1).replace('doc-0', 'last')}\n`);
    const { io, stdout, stderr } = createTestIo({ cwd });
    expect(await run(['optimize', '--from-ndjson', 'in.ndjson', ...FAST], io)).toBe(2);
    const rows = parse(stdout());
    expect(rows.map((row) => row.id)).toEqual(['doc-0', 'doc-1', 'doc-2', null, null, 'last']);
    expect(rows[3]?.error).toMatchObject({ code: 'INPUT_MALFORMED', message: expect.stringContaining('Line 4 ') });
    expect(rows[4]?.error).toMatchObject({ code: 'INPUT_MALFORMED', message: expect.stringContaining('Line 6 ') });
    expect(rows[0]).toMatchObject({ status: 'ok' });
    expect(rows[0]?.text).not.toContain('the the');
    expect(Object.keys(rows[0] ?? {})).toEqual(['id', 'status', 'text', 'stopReason', 'iterations', 'initialQuality', 'finalQuality', 'error']);
    expect(stderr()).toMatch(/^6 inputs: 4 refined, 2 errors/);
  });

  it('stops reading while stdout is full and goes on when it drains', async () => {
    writeFileSync(path.join(cwd, 'in.ndjson'), `${inputLines(200)}\n`);
    const { io } = createTestIo({ cwd });
    const chunks: string[] = [];
    const drainListeners: Array<() => void> = [];
    let isFull = true;
    // A pipe whose reader is busy: every write fills it until the test drains it.
    io.stdout = {
      write: (chunk: string) => (chunks.push(chunk), !isFull),
      once: (event, listener) => (event === 'drain' ? drainListeners.push(listener) : undefined),
      off: () => undefined,
    };
    const running = run(['optimize', '--from-ndjson', 'in.ndjson', '--max-in-flight', '4', '--threads', '1', ...FAST], io);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // One write (lines go out in chunks), then nothing until the pipe drains: the run waits, far from done.
    expect(chunks).toHaveLength(1);
    expect(chunks.join('').split('\n').filter(Boolean).length).toBeLessThan(20);
    isFull = false;
    drainListeners.splice(0).forEach((listener) => listener());
    expect(await running).toBe(0);
    expect(chunks.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line).id)).toEqual(Array.from({ length: 200 }, (_, index) => `doc-${index}`));
    // Chunks, not a write per line.
    expect(chunks.length).toBeLessThan(200);
  });

  it('reads stdin for - and refines identical texts once', async () => {
    const same = JSON.stringify({ id: 'a', text: WEAK });
    const { io, stdout, stderr } = createTestIo({ cwd, stdin: `${same}\n${same.replace('"a"', '"b"')}\n` });
    expect(await run(['optimize', '--from-ndjson', '-', ...FAST], io)).toBe(0);
    const rows = parse(stdout());
    expect(rows.map((row) => row.id)).toEqual(['a', 'b']);
    expect(rows[0]?.text).toBe(rows[1]?.text);
    expect(stderr()).toMatch(/1 duplicate\b/);
  });

  it('writes --out-ndjson atomically and resumes from its journal', async () => {
    writeFileSync(path.join(cwd, 'in.ndjson'), `${inputLines(20)}\n`);
    const first = createTestIo({ cwd });
    expect(await run(['optimize', '--from-ndjson', 'in.ndjson', '--out-ndjson', 'out.ndjson', ...FAST], first.io)).toBe(0);
    const written = readFileSync(path.join(cwd, 'out.ndjson'), 'utf8');
    expect(parse(written).map((row) => row.id)).toEqual(Array.from({ length: 20 }, (_, index) => `doc-${index}`));
    expect(existsSync(path.join(cwd, 'out.ndjson.journal'))).toBe(true);
    const second = createTestIo({ cwd });
    expect(await run(['optimize', '--from-ndjson', 'in.ndjson', '--out-ndjson', 'out.ndjson', ...FAST], second.io)).toBe(0);
    expect(second.stderr()).toMatch(/^20 inputs: 0 refined, 0 errors, 20 resumed from the journal/);
    expect(readFileSync(path.join(cwd, 'out.ndjson'), 'utf8')).toBe(written);
    const restarted = createTestIo({ cwd });
    await run(['optimize', '--from-ndjson', 'in.ndjson', '--out-ndjson', 'out.ndjson', '--restart', ...FAST], restarted.io);
    expect(restarted.stderr()).toMatch(/^20 inputs: 20 refined, 0 errors, 0 resumed/);
  });

  it('exits 2 on a resumed run whose journal replays an error line, and says how many', async () => {
    const server = await startMockLlmServer({ latencyMs: 0 });
    try {
      const secret = `# Keys\n\nThe key is AKIAZ7QWERTYUIOPASDF for staging.\n\n${WEAK}`;
      writeFileSync(path.join(cwd, 'in.ndjson'), `${inputLines(2)}\n${JSON.stringify({ id: 'secret', text: secret })}\n`);
      const argv = ['optimize', '--from-ndjson', 'in.ndjson', '--out-ndjson', 'out.ndjson', '--provider', 'openai', '--pii', 'block', '--no-cache'];
      const env = { OPENAI_API_KEY: 'sk-test-key-123456', OPENAI_BASE_URL: `${server.url}/v1` };
      const first = createTestIo({ cwd, env });
      expect(await run(argv, first.io)).toBe(2);
      const second = createTestIo({ cwd, env });
      expect(await run(argv, second.io)).toBe(2);
      expect(second.stderr()).toMatch(/^3 inputs: 0 refined, 0 errors, 3 resumed from the journal \(1 of them errors\)/);
    } finally {
      await server.close();
    }
  });

  it('does not journal a failure of an open circuit breaker: the next run refines those inputs', async () => {
    const failing = await startMockLlmServer({ latencyMs: 0, faultRates: { '500': 1 } });
    const port = failing.port;
    const argv = ['optimize', '--from-ndjson', 'in.ndjson', '--out-ndjson', 'out.ndjson', '--provider', 'openai', '--max-retries', '0', '--threads', '1', '--concurrency', '1', '--no-cache'];
    const env = { OPENAI_API_KEY: 'sk-test-key-123456', OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1` };
    writeFileSync(path.join(cwd, 'in.ndjson'), `${inputLines(12)}\n`);
    const first = createTestIo({ cwd, env });
    try {
      expect(await run(argv, first.io)).toBe(2);
    } finally {
      await failing.close();
    }
    expect(readFileSync(path.join(cwd, 'out.ndjson'), 'utf8')).toContain('circuit breaker');
    // A new process starts with closed breakers; run() in this one shares them.
    sharedBreakerRegistry.clear();
    const healthy = await startMockLlmServer({ latencyMs: 0, port });
    try {
      const second = createTestIo({ cwd, env });
      expect(await run(argv, second.io)).toBe(0);
      expect(second.stderr()).toMatch(/^12 inputs: 12 refined, 0 errors, 0 resumed/);
    } finally {
      await healthy.close();
    }
  });

  it('redoes an input whose text changed since the journal recorded it', async () => {
    writeFileSync(path.join(cwd, 'in.ndjson'), `${inputLines(3)}\n`);
    await run(['optimize', '--from-ndjson', 'in.ndjson', '--out-ndjson', 'out.ndjson', ...FAST], createTestIo({ cwd }).io);
    writeFileSync(path.join(cwd, 'in.ndjson'), `${inputLines(3).replace('# Doc 1', '# Doc one')}\n`);
    const second = createTestIo({ cwd });
    await run(['optimize', '--from-ndjson', 'in.ndjson', '--out-ndjson', 'out.ndjson', ...FAST], second.io);
    expect(second.stderr()).toMatch(/^3 inputs: 1 refined, 0 errors, 2 resumed/);
    expect(parse(readFileSync(path.join(cwd, 'out.ndjson'), 'utf8'))[1]?.text).toContain('# Doc one');
  });

  it('rejects files together with --from-ndjson, and --out-ndjson without it', async () => {
    const both = createTestIo({ cwd });
    expect(await run(['optimize', 'docs', '--from-ndjson', 'in.ndjson'], both.io)).toBe(2);
    expect(both.stderr()).toMatch(/CONFIG_INVALID: --from-ndjson reads its documents/);
    const alone = createTestIo({ cwd });
    expect(await run(['optimize', 'docs', '--out-ndjson', 'x.ndjson'], alone.io)).toBe(2);
    const none = createTestIo({ cwd });
    expect(await run(['optimize'], none.io)).toBe(2);
    expect(none.stderr()).toMatch(/Name the documents to optimize/);
    const missing = createTestIo({ cwd });
    expect(await run(['optimize', '--from-ndjson', 'nope.ndjson'], missing.io)).toBe(2);
    expect(missing.stderr()).toMatch(/INPUT_NOT_FOUND/);
  });
  it('gives a line with a byte order mark, invalid UTF-8 or a text over --max-bytes its own error row when the others refine', async () => {
    const lines = [
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(`${JSON.stringify({ id: 'bom', text: `# Bom\n\n${WEAK}` })}\n`),
      Buffer.from('{"id":"odd","text":"x '),
      Buffer.from([0xff]),
      Buffer.from(' y"}\n'),
      Buffer.from(`${JSON.stringify({ id: 'big', text: 'x'.repeat(200) })}\n`),
      Buffer.from(`${JSON.stringify({ id: 'last', text: `# Last\n\n${WEAK}` })}\n`),
    ];
    writeFileSync(path.join(cwd, 'in.ndjson'), Buffer.concat(lines));
    const { io, stdout } = createTestIo({ cwd });
    expect(await run(['optimize', '--from-ndjson', 'in.ndjson', '--max-bytes', '100', ...FAST], io)).toBe(2);
    const rows = parse(stdout());
    expect(rows.map((row) => [row.id, row.status, row.error?.code ?? null])).toEqual([
      ['bom', 'ok', null],
      [null, 'error', 'INPUT_INVALID_ENCODING'],
      ['big', 'error', 'INPUT_TOO_LARGE'],
      ['last', 'ok', null],
    ]);
    expect(rows[1]?.error?.message).toMatch(/^Line 2 of the NDJSON input is not valid UTF-8/);
    expect(rows[2]?.error?.message).toMatch(/^Line 3 of the NDJSON input \(id `big`\) has a text of 200 bytes, over the limit of 100 bytes/);
  });
});
