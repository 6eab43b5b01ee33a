import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { sharedBreakerRegistry } from '../../src/providers/middleware/breaker-registry.js';
import { startMockLlmServer, type MockLlmServer } from '../../src/testing/index.js';
import { createTestIo } from './create-test-io.js';

const EXAMPLES = path.resolve(import.meta.dirname, '../../examples');
let server: MockLlmServer;
let cwd: string;

beforeAll(async () => {
  server = await startMockLlmServer({ latencyMs: 1, apiKey: 'sk-test-key-123456' });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'miair-providers-'));
  cpSync(EXAMPLES, path.join(cwd, 'docs'), { recursive: true });
  server.requests.length = 0;
  sharedBreakerRegistry.clear();
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

function rows(text: string): { path: string; status: string; stopReason: string | null; error: { code: string } | null; finalQuality: number; initialQuality: number }[] {
  return text.trim().split('\n').map((line) => JSON.parse(line));
}

describe('miair optimize with real providers', () => {
  it('refines through the OpenAI adapter against an OpenAI-compatible server', async () => {
    const { io, stdout } = createTestIo({ cwd, env: { OPENAI_API_KEY: 'sk-test-key-123456', OPENAI_BASE_URL: `${server.url}/v1` } });
    expect(await run(['optimize', 'docs', '--provider', 'openai', '--out', 'out', '--format', 'ndjson'], io)).toBe(0);
    const results = rows(stdout());
    expect(results).toHaveLength(5);
    expect(results.some((row) => row.finalQuality > row.initialQuality)).toBe(true);
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests.every((request) => request.path === '/v1/chat/completions')).toBe(true);
    expect(JSON.parse(server.requests[0]?.body ?? '{}')).toMatchObject({ model: 'gpt-4o-mini' });
  });

  it('refines through the Anthropic adapter with --api-key and --base-url', async () => {
    const { io, stdout } = createTestIo({ cwd });
    const args = ['optimize', 'docs/faq.md', '--provider', 'anthropic', '--api-key', 'sk-test-key-123456', '--base-url', server.url, '--format', 'ndjson'];
    expect(await run(args, io)).toBe(0);
    expect(rows(stdout())[0]).toMatchObject({ status: 'ok' });
    expect(server.requests.every((request) => request.path === '/v1/messages')).toBe(true);
  });

  it('does not let random transient faults open the breaker: it counts calls that failed after their retries', async () => {
    const flaky = await startMockLlmServer({ latencyMs: 1, faultRates: { '500': 0.5 }, seed: 7 });
    try {
      const lines = Array.from({ length: 60 }, (_, index) => JSON.stringify({ id: `d${index}`, text: `Document ${index} is is short. It it says little.\n` }));
      writeFileSync(path.join(cwd, 'in.ndjson'), `${lines.join('\n')}\n`);
      const { io, stdout } = createTestIo({ cwd, env: { OPENAI_API_KEY: 'sk-any', OPENAI_BASE_URL: `${flaky.url}/v1` } });
      await run(['optimize', '--from-ndjson', 'in.ndjson', '--provider', 'openai', '--threads', '1', '--concurrency', '8', '--max-iterations', '1', '--gate', '100', '--no-cache'], io);
      const results = stdout().trim().split('\n').map((line) => JSON.parse(line) as { status: string; error: { message: string } | null });
      expect(results).toHaveLength(60);
      // Half the attempts fail: counted per attempt, 5 in a row come within the first few dozen calls.
      expect(results.filter((row) => row.error?.message.includes('breaker'))).toEqual([]);
      expect(results.filter((row) => row.status === 'error').length).toBeLessThan(15);
    } finally {
      await flaky.close();
    }
  }, 60_000);

  it('stops before reading any document when the API key is missing', async () => {
    const { io, stdout, stderr } = createTestIo({ cwd });
    expect(await run(['optimize', 'docs', '--provider', 'openai'], io)).toBe(2);
    expect(stderr()).toBe('error CONFIG_MISSING_API_KEY: OpenAI API key is missing. Pass it with --api-key or set OPENAI_API_KEY.\n');
    expect(stdout()).toBe('');
  });

  it('reports a provider that never answers as an error, never a silent no-improvement', async () => {
    const { io, stdout } = createTestIo({ cwd });
    const args = ['optimize', 'docs/faq.md', '--provider', 'openai', '--api-key', 'k', '--base-url', 'http://127.0.0.1:9/v1', '--max-retries', '0', '--format', 'ndjson'];
    expect(await run(args, io)).toBe(2);
    expect(rows(stdout())[0]).toMatchObject({ status: 'error', stopReason: 'error', error: { code: 'PROVIDER_UNAVAILABLE' } });
  });

  it('falls back to the next model when the first one is down', async () => {
    const { io, stdout } = createTestIo({ cwd, env: { ANTHROPIC_API_KEY: 'sk-test-key-123456', ANTHROPIC_BASE_URL: server.url } });
    const args = ['optimize', 'docs/faq.md', '--provider', 'openai', '--api-key', 'k', '--base-url', 'http://127.0.0.1:9/v1', '--max-retries', '0', '--fallback', 'anthropic', '--format', 'ndjson'];
    expect(await run(args, io)).toBe(0);
    expect(rows(stdout())[0]).toMatchObject({ status: 'ok' });
    expect(server.requests.length).toBeGreaterThan(0);
  });

  it('prints an estimate and calls nothing with --estimate', async () => {
    const { io, stdout } = createTestIo({ cwd, env: { OPENAI_API_KEY: 'sk-test-key-123456', OPENAI_BASE_URL: `${server.url}/v1` } });
    expect(await run(['optimize', 'docs', '--provider', 'openai', '--estimate'], io)).toBe(0);
    expect(stdout()).toMatch(/^5 documents \(\d already at the gate of 85\), model openai\/gpt-4o-mini; nothing was called\nexpected: \d+ calls, \d+ input and \d+ output tokens, \$\d+\.\d{4}\nat most: /);
    expect(server.requests).toHaveLength(0);
  });

  it('prints an estimate with prices when no API key is set, since nothing is sent', async () => {
    const { io, stdout, stderr } = createTestIo({ cwd });
    expect(await run(['optimize', 'docs', '--provider', 'anthropic', '--estimate'], io)).toBe(0);
    expect(stderr()).toBe('');
    expect(stdout()).toMatch(/^5 documents \(\d already at the gate of 85\), model anthropic\/claude-3-5-haiku-latest; nothing was called\nexpected: \d+ calls, \d+ input and \d+ output tokens, \$\d+\.\d{4}\n/);
  });

  it('prices a fallback chain in estimates and budgets: the dearest model of the chain, not "unknown"', async () => {
    const estimate = createTestIo({ cwd });
    expect(await run(['optimize', 'docs', '--provider', 'openai', '--fallback', 'local', '--estimate'], estimate.io)).toBe(0);
    expect(estimate.stdout()).toMatch(/\nexpected: \d+ calls, \d+ input and \d+ output tokens, \$\d+\.\d{4}\n/);
    const budgeted = createTestIo({ cwd, env: { OPENAI_API_KEY: 'sk-test-key-123456', OPENAI_BASE_URL: `${server.url}/v1` } });
    await run(['optimize', 'docs/faq.md', '--provider', 'openai', '--fallback', 'local', '--budget-usd', '1', '--format', 'ndjson', '--no-cache'], budgeted.io);
    expect(JSON.parse(budgeted.stdout().trim())).toMatchObject({ status: 'ok', error: null });
  });

  it.each([['0'], ['2']])("says once what a model did not honour (Anthropic's temperature cap), with --threads %s", async (threads) => {
    const { io, stderr } = createTestIo({ cwd, env: { ANTHROPIC_API_KEY: 'sk-test-key-123456', ANTHROPIC_BASE_URL: server.url } });
    const args = ['optimize', 'docs', '--provider', 'anthropic', '--temperature', '1.5', '--gate', '100', '--max-iterations', '2', '--threads', threads, '--no-cache', '--format', 'ndjson'];
    expect(await run(args, io)).toBe(0);
    expect(server.requests.length).toBeGreaterThan(5);
    expect(stderr().split('\n').filter((line) => line.startsWith('warning'))).toEqual(['warning: anthropic/claude-3-5-haiku-latest: Anthropic accepts a temperature from 0 to 1; 1.5 was sent as 1.']);
  });

  it('estimates --from-ndjson input as it estimates the same documents as files, and calls nothing', async () => {
    const names = (readdirSync(path.join(cwd, 'docs'), { recursive: true, encoding: 'utf8' }) as string[]).filter((name) => statSync(path.join(cwd, 'docs', name)).isFile()).sort();
    const lines = names.map((name) => JSON.stringify({ id: name, text: readFileSync(path.join(cwd, 'docs', name), 'utf8') }));
    writeFileSync(path.join(cwd, 'in.ndjson'), `${lines.join('\n')}\n`);
    const env = { OPENAI_API_KEY: 'sk-test-key-123456', OPENAI_BASE_URL: `${server.url}/v1` };
    const fromFiles = createTestIo({ cwd, env });
    expect(await run(['optimize', ...names.map((name) => `docs/${name}`), '--provider', 'openai', '--estimate'], fromFiles.io)).toBe(0);
    const fromNdjson = createTestIo({ cwd, env });
    expect(await run(['optimize', '--from-ndjson', 'in.ndjson', '--provider', 'openai', '--estimate'], fromNdjson.io)).toBe(0);
    expect(fromNdjson.stdout()).toBe(fromFiles.stdout());
    expect(fromNdjson.stdout()).toMatch(/^5 documents \(\d already at the gate of 85\), model openai\/gpt-4o-mini; nothing was called\nexpected: [1-9]\d* calls/);

    // A malformed line is reported and the others are still estimated.
    writeFileSync(path.join(cwd, 'bad.ndjson'), `${lines[0]}\nnot json\n${lines[1]}\n`);
    const withBadLine = createTestIo({ cwd, env });
    expect(await run(['optimize', '--from-ndjson', 'bad.ndjson', '--provider', 'openai', '--estimate'], withBadLine.io)).toBe(2);
    expect(withBadLine.stderr()).toMatch(/^line 2 {2}error INPUT_MALFORMED: Line 2 of the NDJSON input is malformed/);
    expect(withBadLine.stdout()).toMatch(/^2 documents /);
    expect(server.requests).toHaveLength(0);
  });

  it('says in the summary when answers were cut off at --max-output-tokens, for files and --from-ndjson', async () => {
    const cutting = await startMockLlmServer({ latencyMs: 1, faultRates: { length: 1 } });
    try {
      const env = { OPENAI_API_KEY: 'sk-test-key-123456', OPENAI_BASE_URL: `${cutting.url}/v1` };
      const files = createTestIo({ cwd, env });
      expect(await run(['optimize', 'docs', '--provider', 'openai', '--gate', '100', '--max-iterations', '2', '--no-cache', '--threads', '0'], files.io)).toBe(0);
      expect(files.stdout()).toMatch(/\n10 answers were cut off at --max-output-tokens 4096 and rejected: raise it/);
      writeFileSync(path.join(cwd, 'in.ndjson'), `${JSON.stringify({ id: 'a', text: readFileSync(path.join(cwd, 'docs/faq.md'), 'utf8') })}\n`);
      const stream = createTestIo({ cwd, env });
      expect(await run(['optimize', '--from-ndjson', 'in.ndjson', '--provider', 'openai', '--gate', '100', '--max-iterations', '2', '--no-cache', '--threads', '0'], stream.io)).toBe(0);
      expect(stream.stderr()).toMatch(/\n2 answers were cut off at --max-output-tokens 4096/);
    } finally {
      await cutting.close();
    }
  });

  it('starts no call that would exceed --budget-usd', async () => {
    const { io, stdout } = createTestIo({ cwd, env: { OPENAI_API_KEY: 'sk-test-key-123456', OPENAI_BASE_URL: `${server.url}/v1` } });
    expect(await run(['optimize', 'docs', '--provider', 'openai', '--budget-usd', '0.0000001', '--format', 'ndjson'], io)).toBe(0);
    const results = rows(stdout());
    expect(results.filter((row) => row.stopReason !== 'skipped').every((row) => row.stopReason === 'budget')).toBe(true);
    expect(server.requests).toHaveLength(0);
  });

  it('never sends personal data, and keeps it in the output', async () => {
    const secret = 'AKIAZ7ROKQ3LHM2N4PWV';
    const email = 'jane.roe@corp-mail.net';
    writeFileSync(path.join(cwd, 'docs/contact.md'), `# Contact\n\nWrite to ${email} in order to get the the key. The key is ${secret} and it is is used by the deploy job.\n`);
    const { io } = createTestIo({ cwd, env: { OPENAI_API_KEY: 'sk-test-key-123456', OPENAI_BASE_URL: `${server.url}/v1` } });
    await run(['optimize', 'docs/contact.md', '--provider', 'openai', '--out', 'out'], io);
    const sent = server.requests.map((request) => request.body).join('\n');
    expect(server.requests.length).toBeGreaterThan(0);
    expect(sent).not.toContain(email);
    expect(sent).not.toContain(secret);
    const output = readFileSync(path.join(cwd, 'out/docs/contact.md'), 'utf8');
    expect(output).toContain(email);
    expect(output).toContain(secret);
  });

  it('refuses to send a document with secrets under --pii block', async () => {
    writeFileSync(path.join(cwd, 'docs/keys.md'), '# Keys\n\nThe deploy key is ghp_abcdefghijklmnopqrstuvwxyz0123456789 and nothing else is in here at all.\n');
    const { io, stdout } = createTestIo({ cwd, env: { OPENAI_API_KEY: 'sk-test-key-123456', OPENAI_BASE_URL: `${server.url}/v1` } });
    expect(await run(['optimize', 'docs/keys.md', '--provider', 'openai', '--pii', 'block', '--format', 'ndjson'], io)).toBe(2);
    expect(rows(stdout())[0]).toMatchObject({ status: 'error', error: { code: 'INPUT_CONTAINS_SECRETS' } });
    expect(server.requests).toHaveLength(0);
  });
});

describe('miair optimize response cache', () => {
  it('answers a repeated run from the cache and sends nothing the second time', async () => {
    const env = { OPENAI_API_KEY: 'sk-test-key-123456', OPENAI_BASE_URL: `${server.url}/v1`, XDG_CACHE_HOME: path.join(cwd, 'cache-home') };
    const first = createTestIo({ cwd, env });
    expect(await run(['optimize', 'docs', '--provider', 'openai', '--format', 'ndjson'], first.io)).toBe(0);
    const sent = server.requests.length;
    expect(sent).toBeGreaterThan(0);
    const second = createTestIo({ cwd, env });
    expect(await run(['optimize', 'docs', '--provider', 'openai', '--format', 'ndjson'], second.io)).toBe(0);
    expect(server.requests.length).toBe(sent);
    const withoutTimes = (text: string): string => text.replace(/"durationMs":[\d.e-]+/g, '');
    expect(withoutTimes(second.stdout())).toBe(withoutTimes(first.stdout()));
    expect(second.stderr()).toMatch(/model calls? \(openai\/gpt-4o-mini\) in [\d.]+ s, [1-9]\d* from the cache/);
    const third = createTestIo({ cwd, env });
    await run(['optimize', 'docs', '--provider', 'openai', '--format', 'ndjson', '--no-cache'], third.io);
    expect(server.requests.length).toBeGreaterThanOrEqual(2 * sent);
  });

  it('shows and clears the cache with miair cache', async () => {
    const env = { OPENAI_API_KEY: 'sk-test-key-123456', OPENAI_BASE_URL: `${server.url}/v1`, XDG_CACHE_HOME: path.join(cwd, 'cache-home') };
    await run(['optimize', 'docs/faq.md', '--provider', 'openai'], createTestIo({ cwd, env }).io);
    const stats = createTestIo({ cwd, env });
    expect(await run(['cache', 'stats'], stats.io)).toBe(0);
    expect(stats.stdout()).toMatch(/cache .*cache-home\/miair: [1-9]\d* entries/);
    const clear = createTestIo({ cwd, env });
    expect(await run(['cache', 'clear'], clear.io)).toBe(0);
    const after = createTestIo({ cwd, env });
    await run(['cache', 'stats'], after.io);
    expect(after.stdout()).toMatch(/: 0 entries/);
  });

  it('shows and clears the cache of the config file\'s cacheDir, the one optimize wrote, when no flag or variable names one', async () => {
    const env = { OPENAI_API_KEY: 'sk-test-key-123456', OPENAI_BASE_URL: `${server.url}/v1`, XDG_CACHE_HOME: path.join(cwd, 'cache-home') };
    writeFileSync(path.join(cwd, 'miair.config.json'), JSON.stringify({ cacheDir: 'configured-cache' }));
    await run(['optimize', 'docs/faq.md', '--provider', 'openai'], createTestIo({ cwd, env }).io);
    const configured = path.join(cwd, 'configured-cache');
    const stats = createTestIo({ cwd, env });
    expect(await run(['cache', 'stats'], stats.io)).toBe(0);
    expect(stats.stdout()).toMatch(new RegExp(`^cache ${configured}: [1-9]\\d* entries`));
    const clear = createTestIo({ cwd, env });
    expect(await run(['cache', 'clear'], clear.io)).toBe(0);
    expect(clear.stdout()).toBe(`cache ${configured}: cleared\n`);
    const flagged = createTestIo({ cwd, env });
    expect(await run(['cache', 'stats', '--cache-dir', 'elsewhere'], flagged.io)).toBe(0);
    expect(flagged.stdout()).toBe(`cache ${path.join(cwd, 'elsewhere')}: 0 entries (no cache there yet)\n`);
    writeFileSync(path.join(cwd, 'other.config.json'), JSON.stringify({ cacheDir: 'other-cache' }));
    const other = createTestIo({ cwd, env });
    expect(await run(['cache', 'stats', '--config', 'other.config.json'], other.io)).toBe(0);
    expect(other.stdout()).toBe(`cache ${path.join(cwd, 'other-cache')}: 0 entries (no cache there yet)\n`);
  });

  it('warns and runs without a damaged disk cache or a missing --cache-warm, and cache clear replaces the damaged file', async () => {
    const env = { OPENAI_API_KEY: 'sk-test-key-123456', OPENAI_BASE_URL: `${server.url}/v1` };
    const cacheDirectory = path.join(cwd, 'damaged');
    mkdirSync(cacheDirectory);
    // LMDB maps its file and trusts it: this one used to kill the process with SIGSEGV.
    writeFileSync(path.join(cacheDirectory, 'entries.mdb'), 'garbage\n');
    const damaged = createTestIo({ cwd, env });
    expect(await run(['optimize', 'docs/faq.md', '--provider', 'openai', '--cache-dir', cacheDirectory, '--cache-warm', path.join(cwd, 'no-such-run'), '--format', 'ndjson'], damaged.io)).toBe(0);
    expect(damaged.stderr()).toMatch(/^warning CACHE_UNAVAILABLE: The disk cache file `.*entries\.mdb` is damaged \(it is not an LMDB file/m);
    expect(damaged.stderr()).toMatch(/^warning CACHE_UNAVAILABLE: No miair cache found in `.*no-such-run`/m);
    expect(JSON.parse(damaged.stdout().trim())).toMatchObject({ status: 'ok' });
    const clear = createTestIo({ cwd });
    expect(await run(['cache', 'clear', '--cache-dir', cacheDirectory], clear.io)).toBe(0);
    expect(clear.stdout()).toMatch(/: cleared \(the file was damaged: it is not an LMDB file/);
    const stats = createTestIo({ cwd });
    expect(await run(['cache', 'stats', '--cache-dir', cacheDirectory], stats.io)).toBe(0);
    expect(stats.stdout()).toMatch(/: 0 entries/);
  });

  it('reports an empty cache and creates nothing when the cache directory does not exist', async () => {
    const missing = path.join(cwd, 'no-cache-here');
    const stats = createTestIo({ cwd });
    expect(await run(['cache', 'stats', '--cache-dir', missing], stats.io)).toBe(0);
    expect(stats.stdout()).toBe(`cache ${missing}: 0 entries (no cache there yet)\n`);
    const clear = createTestIo({ cwd });
    expect(await run(['cache', 'clear', '--cache-dir', missing], clear.io)).toBe(0);
    expect(clear.stdout()).toBe(`cache ${missing}: nothing to clear (no cache there)\n`);
    expect(existsSync(missing)).toBe(false);
  });
});
