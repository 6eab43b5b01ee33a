import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../io.js';
import { parseLatencySpec, registerMockLlmCommand } from './mock-llm.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

function createIo(signal: AbortSignal): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: { write: (chunk: string) => out.push(chunk) }, stderr: { write: (chunk: string) => err.push(chunk) }, stdin: new PassThrough(), cwd: ROOT, env: {}, signal };
}

async function chat(url: string, key = 'k'): Promise<{ status: number; json: any }> {
  const response = await request(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
  });
  return { status: response.statusCode, json: await response.body.json() };
}

describe('parseLatencySpec', () => {
  it.each([
    ['50', 50],
    ['fixed:20', 20],
    ['uniform:10:30', { distribution: 'uniform', minMs: 10, maxMs: 30 }],
    ['log-normal:50:0.5', { distribution: 'log-normal', medianMs: 50, sigma: 0.5 }],
  ])('reads %j', (spec, expected) => {
    expect(parseLatencySpec(spec)).toEqual(expected);
  });

  it.each(['', 'uniform:10', 'gauss:1:2', 'fixed:x'])('throws CONFIG_INVALID when the spec is %j', (spec) => {
    expect(() => parseLatencySpec(spec)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});

describe('registerMockLlmCommand', () => {
  it('serves until the signal aborts when run in-process with flags', async () => {
    const controller = new AbortController();
    const io = createIo(controller.signal);
    const program = new Command('miair').exitOverride();
    registerMockLlmCommand(program, io);
    const running = program.parseAsync(['mock-llm', '--port', '0', '--latency', 'uniform:0:1', '--rate-500', '1', '--api-key', 'k', '--seed', '3', '--edit', 'fast'], { from: 'user' });
    while (io.out.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const url = /^mock-llm listening on (http:\/\/127\.0\.0\.1:\d+)\n$/.exec(io.out[0] ?? '')?.[1];
    expect(url).toBeDefined();
    const answer = await chat(url as string);
    expect(answer.status).toBe(500);
    expect((await chat(url as string, 'other')).status).toBe(401);
    controller.abort();
    await running;
    expect(io.err.join('')).toContain('after 2 requests');
  });

  it('rejects with CONFIG_INVALID when a rate is not a number', async () => {
    const program = new Command('miair').exitOverride();
    registerMockLlmCommand(program, createIo(AbortSignal.abort()));
    await expect(program.parseAsync(['mock-llm', '--fail-rate', 'lots'], { from: 'user' })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});

describe('miair mock-llm (built binary)', () => {
  it('prints its URL, answers, and exits 0 on SIGTERM', async () => {
    // `npm test` builds dist/ before the tests run; building here would race other binary tests.
    const bin = join(ROOT, 'dist', 'cli', 'bin.js');
    expect(existsSync(bin)).toBe(true);
    const child = spawn(process.execPath, [bin, 'mock-llm', '--port', '0', '--latency-ms', '1'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const firstLine = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout });
      lines.once('line', resolve);
      child.once('exit', () => reject(new Error('mock-llm exited before printing its URL')));
    });
    const url = /^mock-llm listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(firstLine)?.[1];
    expect(url).toBeDefined();
    const answer = await chat(url as string);
    expect(answer.status).toBe(200);
    expect(answer.json.choices[0].message.role).toBe('assistant');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
