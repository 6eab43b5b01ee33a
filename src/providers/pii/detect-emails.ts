import type { PiiFinding } from './types.js';

// Local part and domain of RFC 5322 addresses as they appear in prose; the
// last label must be a letters-only TLD.
const EMAIL = /(?<![\w.%+-])[A-Za-z0-9][\w.%+-]*@((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,24})(?![\w-]|\.[A-Za-z0-9])/g;

const EMAIL_AT = new RegExp(EMAIL.source, 'y');
const LOCAL_PART_CHARACTER = /[\w.%+-]/;

// RFC 2606 and RFC 6761 reserve these for documentation and testing: they
// name nobody.
const RESERVED_DOMAIN = /(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|localhost|local)$/i;

// `image@2x.png`, `logo@3x.webp`: a file name, not an address.
const FILE_EXTENSION = /\.(?:png|jpe?g|gif|svg|webp|avif|ico|bmp|tiff?|js|mjs|cjs|ts|tsx|jsx|css|scss|html?|md|json|ya?ml|toml|txt|xml|zip|gz|tar|pdf|mp[34]|wav|sh|py|rb|go|rs|java|lock|so|dll|dylib|exe|bin|out)$/i;

// `scheme://` or `scheme://user:` right before the local part: the user-info
// of a URL (`ftp://anonymous:anonymous@ftp.gnu.org`), whose password
// detect-url-passwords judges; `mailto:` has no `//` and stays an address.
const URL_USER_INFO_BEFORE = /[A-Za-z][\w+.-]*:\/\/(?:[^\s:/@"'`<>]*:)?$/;
const URL_USER_INFO_LOOK_BEHIND = 256;

// Service accounts of git hosts (`git@github.com:user/repo.git`) are not personal data.
const SERVICE_LOCAL_PART = /^(?:git|hg|svn)$/i;

/**
 * Finds e-mail addresses. Not masked: domains reserved for documentation
 * (example.com/.org/.net, *.example, *.test, *.invalid, *.localhost,
 * *.local), `git@host` service addresses, `name@2x.png`-style file names, toy addresses with a one-letter
 * name and a one-letter domain (`a@b.com`), and the user-info of a URL
 * (`ftp://anonymous:anonymous@ftp.gnu.org`: only its password is masked, by `url-password`).
 */
export function detectEmails(text: string): PiiFinding[] {
  const findings: PiiFinding[] = [];
  // A match holds one `@` and, by its look-behind, starts where the run of
  // local-part characters before that `@` starts: one attempt per `@`.
  let searched = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && LOCAL_PART_CHARACTER.test(text.charAt(start - 1))) start--;
    if (start < searched) continue;
    EMAIL_AT.lastIndex = start;
    const match = EMAIL_AT.exec(text);
    if (match === null) continue;
    searched = start + match[0].length;
    const domain = match[1]!;
    const localPart = match[0].slice(0, match[0].length - domain.length - 1);
    if (RESERVED_DOMAIN.test(domain) || FILE_EXTENSION.test(domain) || SERVICE_LOCAL_PART.test(localPart)) continue;
    // `a@b.com`, `x@y.io`: toy addresses of code samples.
    if (localPart.length === 1 && domain.indexOf('.') === 1) continue;
    if (text.charCodeAt(start - 1) === 58 /* : */ || text.charCodeAt(start - 1) === 47 /* / */) {
      if (URL_USER_INFO_BEFORE.test(text.slice(Math.max(0, start - URL_USER_INFO_LOOK_BEHIND), start))) continue;
    }
    findings.push({ kind: 'email', range: { start: match.index, end: match.index + match[0].length } });
  }
  return findings;
}
