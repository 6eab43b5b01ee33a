import { MiairError } from '../../errors.js';
import { redactSecret } from './redact-secret.js';
import type { ProviderErrorContext } from './provider-error-context.js';

/** Longest vendor message quoted in an error, in characters. */
const MAX_VENDOR_MESSAGE_CHARS = 300;

/**
 * Turns a non-2xx HTTP answer into the `MiairError` that the provider error
 * conventions (src/providers/spec.ts) prescribe: 429 `PROVIDER_RATE_LIMITED`;
 * 408, 409 and 5xx `PROVIDER_UNAVAILABLE`; 401 and 403
 * `PROVIDER_UNAUTHORIZED`; any other status `PROVIDER_ERROR` with the
 * vendor's message. `details.status` is always set, `details.retryAfterMs`
 * when the server said how long to wait. The key never appears.
 *
 * @param retryAfterMs the wait the server asked for, read by the adapter from its vendor's headers.
 */
export function mapHttpStatus(status: number, bodyText: string, retryAfterMs: number | undefined, context: ProviderErrorContext): MiairError {
  const vendorMessage = readVendorMessage(bodyText, context.secret);
  // The vendor's sentence ends where ours goes on: its final period would double ours ("(mock).. Retry later").
  const said = vendorMessage === '' ? '' : `: ${withoutFinalPeriods(vendorMessage)}`;
  const details: Record<string, unknown> = { status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  const name = context.vendorName;
  if (status === 429) {
    const wait = retryAfterMs === undefined ? 'Retry later or lower the request rate.' : `Retry after ${retryAfterMs} ms.`;
    return new MiairError('PROVIDER_RATE_LIMITED', `${name} rate limit reached for model \`${context.modelId}\` (HTTP 429)${said}. ${wait}`, { details });
  }
  if (status === 408 || status === 409 || (status >= 500 && status <= 599)) {
    return new MiairError('PROVIDER_UNAVAILABLE', `${name} could not answer (HTTP ${status}) at ${context.endpoint}${said}. Retry later.`, { details });
  }
  if (status === 401 || status === 403) {
    return new MiairError(
      'PROVIDER_UNAUTHORIZED',
      `${name} refused the request (HTTP ${status})${said}. Check the API key given with ${context.keySource} and that it may use model \`${context.modelId}\`.`,
      { details },
    );
  }
  const hint = status === 404 ? ` Check --model (\`${context.modelId}\`) and --base-url (${context.endpoint}).` : '';
  return new MiairError('PROVIDER_ERROR', `${name} rejected the request (HTTP ${status})${said}.${hint}`, { details });
}

/**
 * The message of a vendor's error body (`{ error: { message } }` for OpenAI
 * and Anthropic, `{ message }` or `{ error: "..." }` for some compatible
 * servers), else the start of the raw text; redacted and shortened.
 */
function readVendorMessage(bodyText: string, secret: string): string {
  let message = bodyText;
  try {
    const body = JSON.parse(bodyText) as unknown;
    const found = findMessage(body);
    if (found !== undefined) message = found;
  } catch {
    // Not JSON (a proxy's HTML page, for example): quote the text itself.
  }
  const oneLine = redactSecret(message, secret).replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_VENDOR_MESSAGE_CHARS ? `${oneLine.slice(0, MAX_VENDOR_MESSAGE_CHARS)}...` : oneLine;
}

function findMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.error === 'string') return record.error;
  if (typeof record.error === 'object' && record.error !== null) {
    const inner = (record.error as Record<string, unknown>).message;
    if (typeof inner === 'string') return inner;
  }
  return typeof record.message === 'string' ? record.message : undefined;
}

/** `text` without the one period that ends its sentence (an ellipsis stays). */
function withoutFinalPeriods(text: string): string {
  return text.endsWith('.') && !text.endsWith('...') ? text.slice(0, -1) : text;
}
