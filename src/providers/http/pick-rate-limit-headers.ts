/**
 * Keeps the response headers that middleware acts on (`retry-after`,
 * `retry-after-ms` and the vendors' `*ratelimit*` headers), with lower-case
 * names and repeated values joined by `, `. Everything else, cookies
 * included, is dropped so that results and logs carry nothing sensitive.
 */
export function pickRateLimitHeaders(headers: Readonly<Record<string, string | string[] | undefined>>): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const lowerName = name.toLowerCase();
    if (lowerName !== 'retry-after' && lowerName !== 'retry-after-ms' && !lowerName.includes('ratelimit')) continue;
    const value = headers[name];
    if (value === undefined) continue;
    picked[lowerName] = Array.isArray(value) ? value.join(', ') : value;
  }
  return picked;
}
