import { characterEntropy } from './character-entropy.js';
import { isPlaceholderValue } from './is-placeholder-value.js';
import type { PiiFinding } from './types.js';

// A name that ends in a secret word, optionally quoted, then `=`, `:`, `=>`
// or `:=`, then a quoted or bare value. Covers `api_key = "..."`,
// `"token": "..."`, `export SECRET=...`, `password: ...`, `TOKEN := ...`.
// A match starts only where a name starts (not after `.`): from inside a long
// dotted name every start rescanned the rest of it (quadratic).
const ASSIGNMENT =
  /(?<![\w.-])["']?((?:[\w.-]*?)?(?:api[_-]?key|apikey|secret(?:[_-]?key)?|token|passw(?:or)?d|passphrase|pwd|access[_-]?key|private[_-]?key|auth[_-]?key|credentials?))["']?\s*(?::=|=>|=|:)\s*(?:"([^"\n]*)"|'([^'\n]*)'|`([^`\n]*)`|([^\s"'`,;()<>{}[\]]+))/gi;
// A command-line flag: `--token abc`, `--password=abc`.
const FLAG = /(?<![\w-])--(?:api-key|token|password|secret|auth-token|access-token)(?:=| +)(?:"([^"\n]*)"|'([^'\n]*)'|([^\s"'`,;()<>{}[\]]+))/gi;

// What every match of ASSIGNMENT and FLAG contains, found from the rarer
// operator or dashes: text without it has no assignment or flag.
const ASSIGNMENT_OPERATOR = /[:=](?<=(?:key|secret|token|passw(?:or)?d|passphrase|pwd|credentials?)["']?\s*[:=])/i;
const FLAG_NAME = /--(?:api-key|token|password|secret|auth-token|access-token)/i;

// A random 10-character token measures above 3; `secret123`, `mypassword` below.
const MIN_SECRET_ENTROPY_BITS = 3;
const MIN_SECRET_LENGTH = 10;

/**
 * Finds high-entropy values assigned to a key, secret, token or password
 * (`api_key = "..."`, `"token": "..."`, `export SECRET=...`, `--token ...`)
 * and reports the value without its quotes. A value must be 10+ characters
 * without spaces, contain a letter and a digit, measure at least 3 bits per
 * character, and not be a placeholder (`YOUR_API_KEY`, `<token>`,
 * `${TOKEN}`, `xxxx`), a reference (`process.env.TOKEN`), a path or a URL.
 */
export function detectAssignedSecrets(text: string): PiiFinding[] {
  const findings: PiiFinding[] = [];
  for (const pattern of [ASSIGNMENT, FLAG]) {
    if (pattern === ASSIGNMENT ? !ASSIGNMENT_OPERATOR.test(text) : !text.includes('--') || !FLAG_NAME.test(text)) continue;
    for (const match of text.matchAll(pattern)) {
      const groupIndex = match.findIndex((group, index) => index > (pattern === ASSIGNMENT ? 1 : 0) && group !== undefined);
      if (groupIndex === -1) continue;
      const value = match[groupIndex]!;
      if (!isSecretLike(value)) continue;
      // The value is the last thing matched; a quoted value ends one character before the match.
      const quoted = groupIndex < match.length - 1;
      const end = match.index + match[0].length - (quoted ? 1 : 0);
      findings.push({ kind: 'assigned-secret', range: { start: end - value.length, end } });
    }
  }
  return findings;
}

function isSecretLike(value: string): boolean {
  if (value.length < MIN_SECRET_LENGTH || /\s/.test(value)) return false;
  if (!/[A-Za-z]/.test(value) || !/\d/.test(value)) return false;
  if (/^(?:\.{0,2}\/|~\/|[a-z][\w+.-]*:\/\/)/i.test(value)) return false;
  // Dotted references (`config.auth.token`, `settings.SECRET_KEY`) and calls.
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value)) return false;
  if (/^[\d.]+$|^v?\d+\.\d+/.test(value)) return false;
  if (isPlaceholderValue(value)) return false;
  return characterEntropy(value) >= MIN_SECRET_ENTROPY_BITS;
}
