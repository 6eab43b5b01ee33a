import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, MiairError, errorCategory } from './errors.js';

describe('MiairError', () => {
  it('documents every error code in docs/errors.md', () => {
    const documentation = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
    const undocumented = Object.keys(ERROR_CODES).filter((code) => !documentation.includes(`| \`${code}\` |`));
    expect(undocumented).toEqual([]);
  });

  it('is recognised by its marker when the prototype is foreign', () => {
    const error = new MiairError('INPUT_BINARY', 'binary');
    const copy = Object.assign(Object.create(null) as object, { [Symbol.for('miair.error')]: true });
    expect(MiairError.isInstance(error)).toBe(true);
    expect(MiairError.isInstance(copy)).toBe(true);
    expect(MiairError.isInstance(new Error('x'))).toBe(false);
    expect(MiairError.isInstance(null)).toBe(false);
  });

  it('takes retryability from its code unless overridden', () => {
    expect(new MiairError('PROVIDER_RATE_LIMITED', 'x').isRetryable).toBe(true);
    expect(new MiairError('INPUT_BINARY', 'x').isRetryable).toBe(false);
    expect(new MiairError('PROVIDER_UNAVAILABLE', 'x', { isRetryable: false }).isRetryable).toBe(false);
  });

  it('serialises code, message, retryability and details but not the cause', () => {
    const error = new MiairError('INPUT_TOO_LARGE', 'too large', { cause: new Error('inner'), details: { path: 'a.md' } });
    expect(JSON.parse(JSON.stringify(error))).toEqual({ code: 'INPUT_TOO_LARGE', message: 'too large', isRetryable: false, details: { path: 'a.md' } });
  });

  it('takes the message of a thrown object that has one, and survives one without a prototype', () => {
    expect(MiairError.from({ message: 'quota exceeded', status: 429 }, 'PROVIDER_ERROR').message).toBe('quota exceeded');
    expect(MiairError.from(Object.freeze(Object.create(null))).message).toBe('[object Object]');
    expect(MiairError.from(Symbol('x')).message).toBe('Symbol(x)');
  });

  it('wraps foreign errors as INTERNAL and keeps MiairErrors as they are', () => {
    const original = new MiairError('ABORTED', 'stop');
    expect(MiairError.from(original)).toBe(original);
    const wrapped = MiairError.from(new TypeError('boom'));
    expect(wrapped.code).toBe('INTERNAL');
    expect(wrapped.message).toBe('boom');
    expect(MiairError.from('text', 'PROVIDER_ERROR').code).toBe('PROVIDER_ERROR');
  });

  it('maps codes to categories by prefix', () => {
    expect(errorCategory('CONFIG_INVALID')).toBe('user');
    expect(errorCategory('INPUT_BINARY')).toBe('user');
    expect(errorCategory('PROVIDER_TIMEOUT')).toBe('environment');
    expect(errorCategory('OUTPUT_WRITE_FAILED')).toBe('environment');
    expect(errorCategory('ABORTED')).toBe('aborted');
    expect(errorCategory('INTERNAL')).toBe('internal');
  });
});
