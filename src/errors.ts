/**
 * The one error class of miair and the only place its codes are declared.
 *
 * The prefix of a code gives its category: `CONFIG_*` and `INPUT_*` are for the
 * user to fix (CLI exit 2, HTTP 400); `PROVIDER_*`, `CACHE_*`, `QUEUE_*` and
 * `OUTPUT_*` come from the environment (CLI exit 2, HTTP 502/503);
 * `INTERNAL` is a bug (HTTP 500).
 */

/** Every error code, with whether a retry of the same call may succeed. */
export const ERROR_CODES = {
  CONFIG_INVALID: { isRetryable: false },
  CONFIG_UNKNOWN_KEY: { isRetryable: false },
  CONFIG_NOT_FOUND: { isRetryable: false },
  CONFIG_MISSING_API_KEY: { isRetryable: false },
  INPUT_NOT_FOUND: { isRetryable: false },
  INPUT_UNREADABLE: { isRetryable: false },
  INPUT_INVALID_ENCODING: { isRetryable: false },
  INPUT_BINARY: { isRetryable: false },
  INPUT_TOO_LARGE: { isRetryable: false },
  INPUT_MALFORMED: { isRetryable: false },
  INPUT_CONTAINS_SECRETS: { isRetryable: false },
  PROVIDER_ERROR: { isRetryable: false },
  PROVIDER_UNAUTHORIZED: { isRetryable: false },
  PROVIDER_TIMEOUT: { isRetryable: true },
  PROVIDER_UNAVAILABLE: { isRetryable: true },
  PROVIDER_RATE_LIMITED: { isRetryable: true },
  PROVIDER_INVALID_RESPONSE: { isRetryable: true },
  CACHE_UNAVAILABLE: { isRetryable: true },
  CACHE_WRITE_FAILED: { isRetryable: false },
  CACHE_CORRUPT_ENTRY: { isRetryable: false },
  OUTPUT_WRITE_FAILED: { isRetryable: false },
  ABORTED: { isRetryable: false },
  INTERNAL: { isRetryable: false },
} as const satisfies Record<string, { isRetryable: boolean }>;

/** A stable, documented error code (see docs/errors.md). */
export type ErrorCode = keyof typeof ERROR_CODES;

/** The category a code belongs to, read from its prefix. */
export type ErrorCategory = 'user' | 'environment' | 'aborted' | 'internal';

const MARKER = Symbol.for('miair.error');

/** Options accepted by the {@link MiairError} constructor. */
export interface MiairErrorOptions {
  /** The underlying error, kept for `--debug` output; never serialised. */
  cause?: unknown;
  /** Overrides the code's default retryability (for example a 500 that a vendor marks permanent). */
  isRetryable?: boolean;
  /** Extra facts a caller can act on, serialised by `toJSON()` (for example `{ path }`). */
  details?: Record<string, unknown>;
}

/**
 * An error with a stable `code`, a message that says what to do, and whether a
 * retry may succeed.
 *
 * @example
 * throw new MiairError('INPUT_NOT_FOUND', 'File `docs/a.md` does not exist. Check the path.');
 */
export class MiairError extends Error {
  readonly code: ErrorCode;
  readonly isRetryable: boolean;
  readonly details: Record<string, unknown> | undefined;
  readonly [MARKER] = true;

  constructor(code: ErrorCode, message: string, options: MiairErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MiairError';
    this.code = code;
    this.isRetryable = options.isRetryable ?? ERROR_CODES[code].isRetryable;
    this.details = options.details;
  }

  /**
   * Tells whether `value` is a MiairError, also across worker threads, queue
   * jobs and duplicate copies of the package (it checks a `Symbol.for` marker,
   * not the prototype).
   */
  static isInstance(value: unknown): value is MiairError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }

  /** Wraps anything thrown into a MiairError; a MiairError is returned as it is. */
  static from(value: unknown, code: ErrorCode = 'INTERNAL'): MiairError {
    if (MiairError.isInstance(value)) return value;
    return new MiairError(code, messageOf(value), { cause: value });
  }

  /** The plain JSON form used in results, NDJSON lines and HTTP bodies. */
  toJSON(): { code: ErrorCode; message: string; isRetryable: boolean; details?: Record<string, unknown> } {
    return {
      code: this.code,
      message: this.message,
      isRetryable: this.isRetryable,
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/** The category of a code, from its prefix. */
export function errorCategory(code: ErrorCode): ErrorCategory {
  if (code === 'INTERNAL') return 'internal';
  if (code === 'ABORTED') return 'aborted';
  if (code.startsWith('CONFIG_') || code.startsWith('INPUT_')) return 'user';
  return 'environment';
}

/** The message of anything thrown: an Error's, an object's string `message` ({ message } thrown by a model was "[object Object]"), else its string form. */
function messageOf(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value === 'object' && value !== null) {
    const message = (value as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  }
  try {
    return String(value);
  } catch {
    // An object without a prototype has no toString.
    return Object.prototype.toString.call(value);
  }
}
