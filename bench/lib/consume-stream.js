// Reads every result of a refineStream and counts them, checking that each
// input position comes back exactly once.

/**
 * Consumes `stream` (an async iterable of StreamResult). Returns the
 * documents, `ok` and `errors` counts, the model calls, the first error
 * (`{ code, message }`), and `missing` / `repeated`: positions of the first
 * `expectedDocuments` inputs that never came back, and results that came back
 * twice or for a position beyond them (both 0 when every document is
 * accounted for). `stop()`, when given, is asked after each result and
 * ends the loop when it returns true.
 */
export async function consumeStream(stream, { expectedDocuments = 0, stop } = {}) {
  const seen = new Uint8Array(expectedDocuments);
  const counts = { documents: 0, ok: 0, errors: 0, calls: 0, repeated: 0, missing: 0, firstError: null, errorCodes: {} };
  for await (const item of stream) {
    counts.documents++;
    counts.calls += item.result?.iterations.length ?? 0;
    if (item.status === 'ok') counts.ok++;
    else {
      counts.errors++;
      const code = item.error?.code ?? 'UNKNOWN';
      counts.errorCodes[code] = (counts.errorCodes[code] ?? 0) + 1;
      counts.firstError ??= { code, message: item.error?.message ?? '' };
    }
    if (expectedDocuments > 0) {
      if (item.index >= expectedDocuments || seen[item.index] === 1) counts.repeated++;
      else seen[item.index] = 1;
    }
    if (stop?.() === true) break;
  }
  if (expectedDocuments > 0) counts.missing = seen.reduce((sum, value) => sum + (value === 0 ? 1 : 0), 0);
  return counts;
}
