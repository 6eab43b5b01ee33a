/** What a redacted secret is replaced with. */
export const REDACTED = '[redacted]';

// Vendors echo a masked key in 401 bodies ("Incorrect API key provided: sk-abc***xyz").
const KEY_LIKE = /\b(?:sk|sk-ant|sk-proj|key)-[A-Za-z0-9_*.-]{6,}/g;

/**
 * Removes `secret` and anything shaped like an API key (`sk-...`, also
 * partly masked) from `text`, so vendor messages can be quoted in errors
 * without leaking a key. An empty secret only removes key-shaped strings.
 */
export function redactSecret(text: string, secret: string): string {
  const withoutSecret = secret === '' ? text : text.split(secret).join(REDACTED);
  return withoutSecret.replace(KEY_LIKE, REDACTED);
}
