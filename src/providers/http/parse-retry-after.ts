/**
 * Reads an HTTP `Retry-After` value (RFC 9110 section 10.2.3): either a
 * number of seconds or an HTTP date. Returns the wait in milliseconds (0 for
 * a date in the past), or undefined when the value is missing or neither form.
 *
 * @param nowMs the current time in milliseconds since the epoch, for the date form.
 * @example
 * parseRetryAfter('2', Date.now()); // 2000
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  // Servers send fractions ("1.5") although the RFC asks for an integer; accept them.
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // An HTTP date always names a weekday or a month, which keeps "1s" or "soon" from parsing as a date.
  if (!/[a-z]{3}/i.test(trimmed)) return undefined;
  const dateMs = Date.parse(trimmed);
  if (Number.isNaN(dateMs)) return undefined;
  return Math.max(0, dateMs - nowMs);
}
