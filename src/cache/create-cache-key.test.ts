import { describe, expect, it } from 'vitest';
import { createCacheKey, type CacheKeyParts } from './create-cache-key.js';
import { hashContent } from './hash-content.js';
import { hashSettings } from './hash-settings.js';
import { defaultCacheDirectory } from './default-cache-directory.js';

const PARTS: CacheKeyParts = {
  kind: 'response',
  miairVersion: '0.1.0',
  promptVersion: '1',
  provider: 'openai',
  modelId: 'gpt-4o-mini',
  settingsHash: hashSettings({ temperature: 0.2, maxOutputTokens: 4096 }),
  contentHash: hashContent('secret document text'),
};

describe('createCacheKey', () => {
  it('changes when any part that changes the answer changes', () => {
    const base = createCacheKey(PARTS);
    const variants = (Object.keys(PARTS) as Array<keyof CacheKeyParts>).map((name) => createCacheKey({ ...PARTS, [name]: `${PARTS[name]}x` }));
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
    expect(createCacheKey({ ...PARTS })).toBe(base);
  });

  it('does not let parts run into each other when a boundary moves', () => {
    expect(createCacheKey({ ...PARTS, provider: 'a', modelId: 'bc' })).not.toBe(createCacheKey({ ...PARTS, provider: 'ab', modelId: 'c' }));
  });

  it('holds no raw content and stays short when the content is long', () => {
    const key = createCacheKey({ ...PARTS, contentHash: hashContent('x'.repeat(100_000)) });
    expect(key).toMatch(/^response:[A-Za-z0-9_-]{43}$/);
    expect(key).not.toContain('secret');
  });
});

describe('hashContent', () => {
  it('gives the sha256 of the text in base64url', () => {
    expect(hashContent('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
  });
});

describe('hashSettings', () => {
  it('ignores key order and undefined values', () => {
    expect(hashSettings({ temperature: 0.2, maxOutputTokens: 10, strategy: undefined })).toBe(hashSettings({ maxOutputTokens: 10, temperature: 0.2 }));
    expect(hashSettings({ temperature: 0.2 })).not.toBe(hashSettings({ temperature: 0.3 }));
    expect(hashSettings({ strategy: 'quality' })).not.toBe(hashSettings({ strategy: 'entropy' }));
    expect(hashSettings({ temperature: 1 })).not.toBe(hashSettings({ temperature: '1' }));
  });

  it('refuses a setting named like a credential', () => {
    expect(() => hashSettings({ apiKey: 'sk-123' })).toThrow(/apiKey/);
    expect(() => hashSettings({ Authorization: 'Bearer x' })).toThrow(/credential/);
    expect(() => hashSettings({ maxOutputTokens: 5 })).not.toThrow();
  });
});

describe('defaultCacheDirectory', () => {
  it('uses XDG_CACHE_HOME when it is absolute, else ~/.cache', () => {
    expect(defaultCacheDirectory({ XDG_CACHE_HOME: '/var/cache', HOME: '/home/a' })).toBe('/var/cache/miair');
    expect(defaultCacheDirectory({ XDG_CACHE_HOME: 'relative', HOME: '/home/a' })).toBe('/home/a/.cache/miair');
    expect(defaultCacheDirectory({ HOME: '/home/b' })).toBe('/home/b/.cache/miair');
    expect(defaultCacheDirectory({})).toMatch(/\/\.cache\/miair$/);
  });
});
