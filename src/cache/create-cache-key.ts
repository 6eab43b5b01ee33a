import { hashContent } from './hash-content.js';

/** Everything that changes a cached answer. */
export interface CacheKeyParts {
  /** What is cached: `response` (model answers) or `metrics`; entries of different kinds never collide. */
  kind: string;
  /** `MIAIR_VERSION`: a new release may score or prompt differently. */
  miairVersion: string;
  /** Version of the prompt or of the scoring format the entry was built with. */
  promptVersion: string;
  /** e.g. `openai`; empty for entries that involve no model. */
  provider: string;
  modelId: string;
  /** From `hashSettings`. */
  settingsHash: string;
  /** From `hashContent` of the (masked, boundary-normalised) content. */
  contentHash: string;
}

/**
 * Makes a cache key from everything that changes the answer: `<kind>:` and
 * a sha256 (base64url) of the parts. No part is stored raw, so a key reveals
 * neither content nor settings, and keys stay short (52 characters for
 * `response`), well under LMDB's 1,978-byte key limit.
 *
 * @example
 * createCacheKey({ kind: 'response', miairVersion: MIAIR_VERSION, promptVersion: '1', provider: 'openai',
 *   modelId: 'gpt-4o-mini', settingsHash: hashSettings({ temperature: 0.2 }), contentHash: hashContent(prompt) });
 */
export function createCacheKey(parts: CacheKeyParts): string {
  const fields = [parts.miairVersion, parts.promptVersion, parts.provider, parts.modelId, parts.settingsHash, parts.contentHash];
  return `${parts.kind}:${hashContent(JSON.stringify(fields))}`;
}
