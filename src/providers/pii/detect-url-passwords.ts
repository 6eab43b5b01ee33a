import type { PiiFinding } from './types.js';

// `scheme://user:password@host`: the password is group 1.
const URL_CREDENTIALS = /(?<![\w+.-])[A-Za-z][\w+.-]*:\/\/[^\s:/@"'`<>]*:([^\s/@"'`<>]+)@[\w.[\]-]/g;

// Passwords that documentation uses to show the syntax; no one's secret.
const SAMPLE_PASSWORD =
  /^(?:pass(?:word|wd)?|pwd|secret|changeme|admin|root|user(?:name)?|guest|test|demo|foo|bar|postgres|mysql|redis|\*+|x+|\.{3}|…)$|^[<[{$%]|^:|example|your|placeholder/i;

/**
 * Finds the password part of credentials in URLs
 * (`postgres://user:s3cr3t@db:5432/app`) and reports only the password.
 * Not masked: template passwords (`<password>`, `${PASSWORD}`, `{{pass}}`,
 * `%s`), obvious samples (`password`, `pass`, `secret`, `changeme`,
 * `admin`, `root`, `test`, `****`) and anything with `example` or `your`.
 */
export function detectUrlPasswords(text: string): PiiFinding[] {
  const findings: PiiFinding[] = [];
  for (const match of text.matchAll(URL_CREDENTIALS)) {
    const password = match[1]!;
    if (SAMPLE_PASSWORD.test(password)) continue;
    // The password ends right before the `@` that precedes the host's first character.
    const end = match.index + match[0].length - 2;
    findings.push({ kind: 'url-password', range: { start: end - password.length, end } });
  }
  return findings;
}
