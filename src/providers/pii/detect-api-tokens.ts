import { characterEntropy } from './character-entropy.js';
import { isPlaceholderValue } from './is-placeholder-value.js';
import type { PiiFinding } from './types.js';

// Token formats of the vendors that publish them (secret scanning partners).
const TOKEN_PATTERNS: readonly RegExp[] = [
  /sk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{32,}/g, // Anthropic
  /sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g, // OpenAI
  /gh[pousr]_[A-Za-z0-9]{36,}/g, // GitHub classic, OAuth, user-to-server, server-to-server, refresh
  /github_pat_[A-Za-z0-9_]{50,}/g, // GitHub fine-grained
  /glpat-[A-Za-z0-9_-]{20,}/g, // GitLab personal access token
  /xox[abposr]-[A-Za-z0-9-]{10,}/g, // Slack
  /AIza[0-9A-Za-z_-]{35}/g, // Google API key
  /npm_[A-Za-z0-9]{36}/g, // npm
  /(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,}/g, // Stripe secret and restricted keys
  /hf_[A-Za-z0-9]{30,}/g, // Hugging Face
  /SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{20,}/g, // SendGrid
  /pypi-AgE[A-Za-z0-9_-]{50,}/g, // PyPI
  /shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}/g, // Shopify
  /dop_v1_[a-f0-9]{64}/g, // DigitalOcean
  /dckr_pat_[A-Za-z0-9_-]{24,}/g, // Docker Hub
];

// A prefix of TOKEN_PATTERNS, found by its separator (rare in prose next to
// these letters) or its literal: every match of every pattern contains one,
// so text without one has no token.
const TOKEN_PREFIX = /[-_](?<=sk-|glpat-|xox[abposr]-|pypi-|gh[pousr]_|_pat_|npm_|hf_|shp(?:at|ca|pa|ss)_|dop_v1_|[sr]k_)|AIza|SG\./;

// Random tokens are above this; `sk-this-is-not-a-real-key` is below.
const MIN_TOKEN_ENTROPY_BITS = 3.5;

/**
 * Finds API tokens by their vendor prefix (OpenAI `sk-`, Anthropic
 * `sk-ant-`, GitHub `ghp_`/`gho_`/`ghs_`/`github_pat_`, Slack `xoxb-`/`xoxp-`,
 * Google `AIza`, GitLab `glpat-`, npm `npm_`, Stripe, Hugging Face,
 * SendGrid, PyPI, Shopify, DigitalOcean, Docker Hub). Not masked:
 * placeholders (`sk-...`, `sk-xxxx`, `ghp_YOUR_TOKEN`) and low-entropy
 * prose-like tails (`sk-my-secret-key-here`).
 */
export function detectApiTokens(text: string): PiiFinding[] {
  if (!TOKEN_PREFIX.test(text)) return [];
  const findings: PiiFinding[] = [];
  for (const pattern of TOKEN_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (/[\w-]/.test(text.charAt(start - 1)) || /[\w-]/.test(text.charAt(end))) continue;
      if (isPlaceholderValue(match[0]) || characterEntropy(match[0]) < MIN_TOKEN_ENTROPY_BITS) continue;
      if (!/\d/.test(match[0])) continue;
      findings.push({ kind: 'api-token', range: { start, end } });
    }
  }
  return findings;
}
