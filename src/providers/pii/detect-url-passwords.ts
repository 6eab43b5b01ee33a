import type { PiiFinding } from './types.js';

// `scheme://user:password@host`: the password is group 1.
const URL_CREDENTIALS = /(?<![\w+.-])[A-Za-z][\w+.-]*:\/\/[^\s:/@"'`<>]*:([^\s/@"'`<>]+)@[\w.[\]-]/g;
const URL_CREDENTIALS_AT = new RegExp(URL_CREDENTIALS.source, 'y');
const SCHEME_CHARACTER = /[\w+.-]/;

// Passwords that documentation uses to show the syntax; no one's secret.
// `anonymous` and `guest` are the conventional logins of anonymous FTP and
// of RabbitMQ's default account: public by design (RFC 1635).
const SAMPLE_PASSWORD =
  /^(?:pass(?:word|wd)?|pwd|secret|changeme|admin|root|user(?:name)?|guest|anonymous|test|demo|foo|bar|postgres|mysql|redis|\*+|x+|\.{3}|…)$|^[<[{$%]|^:|example|your|placeholder/i;

/**
 * Finds the password part of credentials in URLs
 * (`postgres://user:s3cr3t@db:5432/app`) and reports only the password.
 * Not masked: template passwords (`<password>`, `${PASSWORD}`, `{{pass}}`,
 * `%s`), obvious samples (`password`, `pass`, `secret`, `changeme`,
 * `admin`, `root`, `guest`, `anonymous`, `test`, `****`) and anything with `example` or `your`.
 */
export function detectUrlPasswords(text: string): PiiFinding[] {
  // Every match has a `://` and, after it, an `@`.
  const first = text.indexOf('://');
  if (first === -1 || text.indexOf('@', first + 3) === -1) return [];
  const findings: PiiFinding[] = [];
  // The scheme has no colon, so a match's `://` is its first colon, and by its
  // look-behind the match starts where the run of scheme characters before it starts.
  let searched = 0;
  for (let separator = first; separator !== -1; separator = text.indexOf('://', separator + 1)) {
    let start = separator;
    while (start > 0 && SCHEME_CHARACTER.test(text.charAt(start - 1))) start--;
    if (start < searched) continue;
    URL_CREDENTIALS_AT.lastIndex = start;
    const match = URL_CREDENTIALS_AT.exec(text);
    if (match === null) continue;
    searched = start + match[0].length;
    const password = match[1]!;
    if (SAMPLE_PASSWORD.test(password)) continue;
    // The password ends right before the `@` that precedes the host's first character.
    const end = match.index + match[0].length - 2;
    findings.push({ kind: 'url-password', range: { start: end - password.length, end } });
  }
  return findings;
}
