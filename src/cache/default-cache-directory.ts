import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/**
 * The directory of the disk cache when `--cache-dir` is not given:
 * `$XDG_CACHE_HOME/miair`, else `~/.cache/miair`. A relative
 * `XDG_CACHE_HOME` is ignored, as the XDG Base Directory specification says.
 *
 * @example
 * defaultCacheDirectory({ XDG_CACHE_HOME: '/var/cache' }); // '/var/cache/miair'
 */
export function defaultCacheDirectory(environment: Readonly<Record<string, string | undefined>> = process.env): string {
  const cacheHome = environment['XDG_CACHE_HOME'];
  if (cacheHome !== undefined && cacheHome !== '' && isAbsolute(cacheHome)) return join(cacheHome, 'miair');
  const home = environment['HOME'];
  return join(home !== undefined && home !== '' ? home : homedir(), '.cache', 'miair');
}
