/** What a redacted secret is replaced with. */
export const REDACTED = '[redacted]';

// Vendors echo a masked key in 401 bodies ("Incorrect API key provided: sk-abc***xyz").
const KEY_LIKE = /\b(?:sk|sk-ant|sk-proj|key)-[A-Za-z0-9_*.-]{6,}/g;
/** Characters a key is made of: a short secret is redacted where none of them touches it. */
const KEY_CHARACTER = /[A-Za-z0-9_-]/;
/** Secrets at least this long are removed wherever they appear (a vendor's key: 40-100+ characters). */
const ALWAYS_REDACTED_LENGTH = 16;

/**
 * Removes `secret` and anything shaped like an API key (`sk-...`, also
 * partly masked) from `text`, so vendor messages can be quoted in errors
 * without leaking a key. A secret of 16 characters or more is removed
 * wherever it appears; a shorter one where it stands whole, not inside a
 * longer word: a local server's key `x` or `local` otherwise turned
 * "max_tokens" into "ma[redacted]_tokens" and "localhost" into
 * "[redacted]host". An empty secret only removes key-shaped strings.
 */
export function redactSecret(text: string, secret: string): string {
  const withoutSecret = secret === '' ? text : secret.length >= ALWAYS_REDACTED_LENGTH ? text.split(secret).join(REDACTED) : removeWhole(text, secret);
  return withoutSecret.replace(KEY_LIKE, REDACTED);
}

function removeWhole(text: string, secret: string): string {
  let result = '';
  let from = 0;
  for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) {
    if (at < from) continue;
    const end = at + secret.length;
    if (KEY_CHARACTER.test(text[at - 1] ?? '') || KEY_CHARACTER.test(text[end] ?? '')) continue;
    result += text.slice(from, at) + REDACTED;
    from = end;
  }
  return result + text.slice(from);
}
