import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MiairError } from '../errors.js';
import { loadConfig, validateConfig } from './load-config.js';
import { environmentName, readEnvironment } from './read-environment.js';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'miair-config-'));
});
afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return MiairError.isInstance(error) ? error.code : 'foreign error';
  }
}

describe('loadConfig', () => {
  it('returns an empty config when no file exists', async () => {
    expect(await loadConfig(directory)).toEqual({ path: null, config: {} });
  });

  it('loads miair.config.json', async () => {
    writeFileSync(path.join(directory, 'miair.config.json'), JSON.stringify({ gate: 70, include: ['**/*.md'] }));
    const loaded = await loadConfig(directory);
    expect(loaded.config).toEqual({ gate: 70, include: ['**/*.md'] });
    expect(loaded.path).toBe(path.join(directory, 'miair.config.json'));
  });

  it('loads a TypeScript config with types under plain node', async () => {
    writeFileSync(path.join(directory, 'miair.config.ts'), 'const gate: number = 72;\nexport default { gate, profile: "devdocai" };\n');
    expect((await loadConfig(directory)).config).toEqual({ gate: 72, profile: 'devdocai' });
  });

  it('rejects unknown keys with CONFIG_UNKNOWN_KEY', async () => {
    writeFileSync(path.join(directory, 'miair.config.json'), JSON.stringify({ gate: 70, gaet: 1 }));
    expect(await codeOf(loadConfig(directory))).toBe('CONFIG_UNKNOWN_KEY');
  });

  it('rejects a JS config that exports no object, and an extends key, rather than run with defaults', async () => {
    writeFileSync(path.join(directory, 'number.mjs'), 'export default 5;\n');
    await expect(loadConfig(directory, 'number.mjs')).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('to export an object of settings, got number') });
    writeFileSync(path.join(directory, 'extends.mjs'), "export default { extends: './base.mjs', gate: 50 };\n");
    await expect(loadConfig(directory, 'extends.mjs')).rejects.toMatchObject({ code: 'CONFIG_UNKNOWN_KEY', message: expect.stringContaining('`extends`') });
  });

  it('reads a JSON config that starts with a byte order mark', async () => {
    writeFileSync(path.join(directory, 'miair.config.json'), `\ufeff${JSON.stringify({ gate: 70 })}`);
    expect((await loadConfig(directory)).config).toEqual({ gate: 70 });
  });

  it('says --config names a directory with CONFIG_NOT_FOUND', async () => {
    await expect(loadConfig(directory, '.')).rejects.toMatchObject({ code: 'CONFIG_NOT_FOUND', message: expect.stringContaining('is a directory') });
  });

  it('rejects a missing --config file with CONFIG_NOT_FOUND', async () => {
    expect(await codeOf(loadConfig(directory, 'nope.json'))).toBe('CONFIG_NOT_FOUND');
  });

  it('reports unparsable files as CONFIG_INVALID naming the file', async () => {
    writeFileSync(path.join(directory, 'miair.config.json'), '{ gate: ');
    await expect(loadConfig(directory)).rejects.toThrow(/miair\.config\.json/);
  });
});

describe('validateConfig', () => {
  it.each([
    [{ concurrency: 0 }, 'Expected `concurrency` to be a number >= 1, got `0` (number) in test.'],
    [{ profile: 'nope' }, 'Expected `profile` to be one of `miair`, `devdocai`, got `"nope"` (string) in test.'],
    [{ maxIterations: 1.5 }, 'Expected `maxIterations` to be an integer, got `1.5` (number) in test.'],
    [{ gate: 'high' }, 'Expected `gate` to be a number, got `"high"` (string) in test.'],
    [{ gate: Number.POSITIVE_INFINITY }, 'Expected `gate` to be a number, got `Infinity` (number) in test.'],
    [{ timeoutMs: 2_147_483_648 }, 'Expected `timeoutMs` to be a number <= 2147483647 (the longest delay a Node.js timer allows, about 24.8 days), got `2147483648` (number) in test.'],
    [{ requestTimeoutMs: 1e15 }, 'Expected `requestTimeoutMs` to be a number <= 2147483647'],
    [{ drainTimeoutMs: 3_000_000_000 }, 'Expected `drainTimeoutMs` to be a number <= 2147483647'],
    [{ mockLatencyMs: 3_000_000_000 }, 'Expected `mockLatencyMs` to be a number <= 2147483647'],
    [{ threads: 257 }, 'Expected `threads` to be a number <= 256 (threads beyond the cores add memory, not speed), got `257` (number) in test.'],
  ])('names the option, expectation and value for %j', (raw, message) => {
    expect(() => validateConfig(raw, 'test')).toThrow(message);
  });

  it('rejects a non-object', () => {
    expect(() => validateConfig([1], 'test')).toThrow(/an array/);
  });
});

describe('readEnvironment', () => {
  it('maps MIAIR_* names to keys and parses numbers and lists', () => {
    expect(environmentName('maxIterations')).toBe('MIAIR_MAX_ITERATIONS');
    expect(readEnvironment({ MIAIR_MAX_ITERATIONS: '3', MIAIR_EXCLUDE: 'a/**, b/**', MIAIR_PROFILE: 'devdocai', HOME: '/root' })).toEqual({
      maxIterations: 3,
      exclude: ['a/**', 'b/**'],
      profile: 'devdocai',
    });
  });

  it('rejects an unknown MIAIR_* variable', () => {
    expect(() => readEnvironment({ MIAIR_GAET: '3' })).toThrow(/MIAIR_GAET/);
  });

  it('accepts the largest timer delay and 256 threads when they are at the limits', () => {
    expect(readEnvironment({ MIAIR_TIMEOUT_MS: '2147483647', MIAIR_REQUEST_TIMEOUT_MS: '2147483647', MIAIR_DRAIN_TIMEOUT_MS: '2147483647', MIAIR_MOCK_LATENCY_MS: '2147483647', MIAIR_THREADS: '256' })).toEqual({
      timeoutMs: 2_147_483_647,
      requestTimeoutMs: 2_147_483_647,
      drainTimeoutMs: 2_147_483_647,
      mockLatencyMs: 2_147_483_647,
      threads: 256,
    });
  });

  it.each(['0x10', '0b10000', '0o20', 'Infinity', '1e400'])('rejects MIAIR_THREADS=%s when it is not a decimal number', (value) => {
    expect(() => readEnvironment({ MIAIR_THREADS: value })).toThrow(`Expected \`threads\` to be a number, got \`"${value}"\` (string)`);
  });

  it('reads MIAIR_THREADS=16 and MIAIR_TIMEOUT_MS=1e3 when they are decimal', () => {
    expect(readEnvironment({ MIAIR_THREADS: '16', MIAIR_TIMEOUT_MS: '1e3' })).toEqual({ threads: 16, timeoutMs: 1000 });
  });

  it('rejects MIAIR_TIMEOUT_MS over the longest timer delay', () => {
    expect(() => readEnvironment({ MIAIR_TIMEOUT_MS: '4294967296' })).toThrow('Expected `timeoutMs` to be a number <= 2147483647');
  });

  it.each([
    ['MIAIR_FORMAT', '--format'],
    ['MIAIR_OUT', '--out'],
    ['MIAIR_IN_PLACE', '--in-place'],
    ['MIAIR_CONFIG', '--config'],
  ])('names the flag when %s is a command option with no variable', (name, flag) => {
    expect(() => readEnvironment({ [name]: 'x' })).toThrow(`Unknown environment variable \`${name}\`: \`${flag}\` is an option of a single command`);
  });

  it('points at OPENAI_API_KEY and ANTHROPIC_API_KEY when MIAIR_API_KEY is set', () => {
    expect(() => readEnvironment({ MIAIR_API_KEY: 'sk' })).toThrow(/API keys come from --api-key, OPENAI_API_KEY or ANTHROPIC_API_KEY/);
  });

  it('rejects a value that is not a number', () => {
    expect(() => readEnvironment({ MIAIR_GATE: 'high' })).toThrow(/`gate` to be a number/);
  });
});
