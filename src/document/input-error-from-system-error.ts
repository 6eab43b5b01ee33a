import { MiairError } from '../errors.js';

/**
 * Turns an error from `node:fs` about the input at `path` into a MiairError:
 * `ENOENT` and `ENOTDIR` give INPUT_NOT_FOUND, anything else (`EACCES`,
 * `EISDIR`, `ELOOP`, ...) gives INPUT_UNREADABLE. A MiairError is returned as it is.
 */
export function inputErrorFromSystemError(error: unknown, path: string): MiairError {
  if (MiairError.isInstance(error)) return error;
  const code = typeof error === 'object' && error !== null ? (error as NodeJS.ErrnoException).code : undefined;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new MiairError('INPUT_NOT_FOUND', `Input \`${path}\` does not exist. Check the path.`, { cause: error, details: { path } });
  }
  const reason = code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ELOOP' ? 'too many levels of symbolic links' : error instanceof Error ? error.message : String(error);
  return new MiairError('INPUT_UNREADABLE', `Input \`${path}\` cannot be read (${reason}${code === undefined ? '' : `, ${code}`}). Check that it is a readable file.`, {
    cause: error,
    details: { path, ...(code === undefined ? {} : { systemCode: code }) },
  });
}
