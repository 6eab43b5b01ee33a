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

  it('rejects a value that is not a number', () => {
    expect(() => readEnvironment({ MIAIR_GATE: 'high' })).toThrow(/`gate` to be a number/);
  });
});
