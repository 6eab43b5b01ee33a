const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, 'µs': 0.001, ns: 0.000001 };

/**
 * Reads a Go-style duration as OpenAI sends it in `x-ratelimit-reset-requests`
 * and `x-ratelimit-reset-tokens` (`"1s"`, `"6m0s"`, `"20ms"`, `"1h2m3.5s"`)
 * and returns milliseconds, rounded up so a wait is never too short; undefined
 * when the value is missing or not a duration.
 *
 * @example
 * parseDuration('6m0s'); // 360000
 */
export function parseDuration(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!/^(?:\d+(?:\.\d+)?(?:h|ms|m|s|us|µs|ns))+$/.test(trimmed)) return undefined;
  let totalMs = 0;
  for (const match of trimmed.matchAll(/(?<![\d.])(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) {
    totalMs += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? 0);
  }
  return Math.ceil(totalMs);
}
