/**
 * Tells whether a would-be secret is a documentation placeholder rather than
 * a real value: `YOUR_API_KEY`, `<token>`, `${TOKEN}`, `{{password}}`,
 * `sk-...`, `xxxx`, `****`, `changeme`, anything containing `example`,
 * `your`, `dummy`, `placeholder`, `redacted` or a run of 4+ identical
 * characters. Masking those would only change what the model sees.
 */
export function isPlaceholderValue(value: string): boolean {
  if (PLACEHOLDER_SHAPE.test(value)) return true;
  if (PLACEHOLDER_WORD.test(value)) return true;
  if (/(.)\1{3,}/.test(value)) return true;
  if (/\.\.\.|…/.test(value)) return true;
  return false;
}

// Template syntax, environment variable references and upper-case names (`API_KEY`).
const PLACEHOLDER_SHAPE = /^(?:<.*>|\[.*\]|\{.*\}|\$\{.*\}|\$[A-Za-z_]\w*|%[\w(]|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)$|\{\{|\}\}|\$\{|\$\(|process\.env|os\.environ|getenv/;
const PLACEHOLDER_WORD = /example|your|dummy|placeholder|redacted|sample|changeme|replace|insert|fake|my[-_]?(?:secret|token|key|pass)|secret[-_]?here|token[-_]?here|key[-_]?here/i;
