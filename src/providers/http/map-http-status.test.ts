import { describe, expect, it } from 'vitest';
import { MiairError } from '../../errors.js';
import { mapHttpStatus } from './map-http-status.js';
import { mapNetworkError } from './map-network-error.js';
import { redactSecret } from './redact-secret.js';
import type { ProviderErrorContext } from './provider-error-context.js';

const KEY = 'sk-live-abcdef0123456789';
const CONTEXT: ProviderErrorContext = { vendorName: 'OpenAI', keySource: '--api-key or OPENAI_API_KEY', modelId: 'gpt-4o-mini', endpoint: 'http://127.0.0.1:1/v1', secret: KEY };
const body = (message: string): string => JSON.stringify({ error: { message, type: 'x' } });

describe('mapHttpStatus', () => {
  it.each([
    [429, 'PROVIDER_RATE_LIMITED', true],
    [408, 'PROVIDER_UNAVAILABLE', true],
    [409, 'PROVIDER_UNAVAILABLE', true],
    [500, 'PROVIDER_UNAVAILABLE', true],
    [502, 'PROVIDER_UNAVAILABLE', true],
    [529, 'PROVIDER_UNAVAILABLE', true],
    [401, 'PROVIDER_UNAUTHORIZED', false],
    [403, 'PROVIDER_UNAUTHORIZED', false],
    [400, 'PROVIDER_ERROR', false],
    [404, 'PROVIDER_ERROR', false],
    [413, 'PROVIDER_ERROR', false],
    [422, 'PROVIDER_ERROR', false],
    [302, 'PROVIDER_ERROR', false],
  ])('maps HTTP %d to %s when the server answers it', (status, code, isRetryable) => {
    const error = mapHttpStatus(status, body('vendor says no'), undefined, CONTEXT);
    expect(error.code).toBe(code);
    expect(error.isRetryable).toBe(isRetryable);
    expect(error.details).toEqual({ status });
    expect(error.message).toContain('vendor says no');
  });

  it('ends the vendor sentence with one period when it already ends with one', () => {
    expect(mapHttpStatus(503, body('The server is overloaded (mock).'), undefined, CONTEXT).message).toBe('OpenAI could not answer (HTTP 503) at http://127.0.0.1:1/v1: The server is overloaded (mock). Retry later.');
  });

  it('adds retryAfterMs and says how long to wait when the server gave a wait', () => {
    const error = mapHttpStatus(429, body('slow down'), 1500, CONTEXT);
    expect(error.details).toEqual({ status: 429, retryAfterMs: 1500 });
    expect(error.message).toBe('OpenAI rate limit reached for model `gpt-4o-mini` (HTTP 429): slow down. Retry after 1500 ms.');
  });

  it.each([
    [JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: Field required' } }), 'max_tokens: Field required'],
    [JSON.stringify({ error: 'model not found' }), 'model not found'],
    [JSON.stringify({ message: 'flat message' }), 'flat message'],
    ['<html>\n<body>Bad   Gateway</body></html>', '<html> <body>Bad Gateway</body></html>'],
  ])('quotes the vendor message when the body is %j', (text, quoted) => {
    expect(mapHttpStatus(400, text, undefined, CONTEXT).message).toBe(`OpenAI rejected the request (HTTP 400): ${quoted}.`);
  });

  it('shortens a long body to 300 characters when it is not JSON', () => {
    const error = mapHttpStatus(400, 'x'.repeat(1000), undefined, CONTEXT);
    expect(error.message).toBe(`OpenAI rejected the request (HTTP 400): ${'x'.repeat(300)}....`);
  });

  it('removes the key when the vendor echoes it, whole or masked', () => {
    const echoed = mapHttpStatus(401, body(`Incorrect API key provided: ${KEY}. Also sk-live-abc***789.`), undefined, CONTEXT);
    expect(echoed.message).not.toContain(KEY);
    expect(echoed.message).not.toContain('sk-live-abc');
    expect(echoed.message).toContain('[redacted]');
    expect(echoed.message).toContain('--api-key or OPENAI_API_KEY');
  });
});

describe('mapNetworkError', () => {
  const withCode = (code: string, message = 'boom'): Error => Object.assign(new Error(message), { code });

  it.each([
    ['ECONNRESET', 'PROVIDER_UNAVAILABLE'],
    ['ECONNREFUSED', 'PROVIDER_UNAVAILABLE'],
    ['UND_ERR_SOCKET', 'PROVIDER_UNAVAILABLE'],
    ['UND_ERR_HEADERS_TIMEOUT', 'PROVIDER_TIMEOUT'],
    ['UND_ERR_BODY_TIMEOUT', 'PROVIDER_TIMEOUT'],
    ['UND_ERR_INVALID_ARG', 'PROVIDER_ERROR'],
  ])('maps %s to %s when the request fails with it', (code, expected) => {
    const error = mapNetworkError(withCode(code), undefined, 1000, CONTEXT);
    expect(error.code).toBe(expected);
    expect(error.details).toEqual({ code });
  });

  it('maps a socket hang-up without a code and a code found on the cause', () => {
    expect(mapNetworkError(new Error('socket hang up'), undefined, 1000, CONTEXT).code).toBe('PROVIDER_UNAVAILABLE');
    const wrapped = new Error('fetch failed', { cause: withCode('ECONNRESET') });
    expect(mapNetworkError(wrapped, undefined, 1000, CONTEXT).details).toEqual({ code: 'ECONNRESET' });
  });

  it('returns ABORTED when the caller signal has fired, whatever the error', () => {
    expect(mapNetworkError(withCode('UND_ERR_ABORTED'), AbortSignal.abort(), 1000, CONTEXT).code).toBe('ABORTED');
  });

  it('keeps a MiairError as it is and never quotes the key', () => {
    const original = new MiairError('INTERNAL', 'bug');
    expect(mapNetworkError(original, undefined, 1000, CONTEXT)).toBe(original);
    expect(mapNetworkError(new Error(`weird ${KEY}`), undefined, 1000, CONTEXT).message).not.toContain(KEY);
  });
});

describe('redactSecret', () => {
  it.each([
    ['key sk-live-abcdef0123456789 here', 'key [redacted] here'],
    ['sk-ant-api03-XYZxyz123_-abc', '[redacted]'],
    ['no secrets, sk-1 is short', 'no secrets, sk-1 is short'],
    ['plain-secret-value inside', 'plain-secret-value inside'],
  ])('turns %j into %j', (text, expected) => {
    expect(redactSecret(text, KEY)).toBe(expected);
  });

  it('removes a key that has no key shape when it is the secret', () => {
    expect(redactSecret('the key is hunter2hunter2!', 'hunter2hunter2')).toBe('the key is [redacted]!');
  });

  it('removes the secret where it stands whole, not inside other words (a local server key such as `x`)', () => {
    expect(redactSecret('max_tokens x is above the limit for x', 'x')).toBe('max_tokens [redacted] is above the limit for [redacted]');
    expect(redactSecret('connect ECONNREFUSED localhost:11434 (key local)', 'local')).toBe('connect ECONNREFUSED localhost:11434 (key [redacted])');
    expect(redactSecret('Bearer hunter2hunter2, "hunter2hunter2".', 'hunter2hunter2')).toBe('Bearer [redacted], "[redacted]".');
    expect(redactSecret('aaaa', 'aa')).toBe('aaaa');
  });

  it('removes a secret of 16 characters or more wherever it appears, also inside a word', () => {
    expect(redactSecret('token=abcdefghijklmnop_suffix', 'abcdefghijklmnop')).toBe('token=[redacted]_suffix');
  });
});
