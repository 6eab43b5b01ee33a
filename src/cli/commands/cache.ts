/**
 * `miair cache stats|clear`: looks at or empties the model-response cache on disk.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { readFlags, resolveCacheDirectory } from '../resolve-settings.js';
import type { CliIo } from '../io.js';
import { MiairError } from '../../errors.js';

/** Adds `miair cache stats` and `miair cache clear` to `program`. */
export function registerCacheCommand(program: Command, io: CliIo): void {
  const cache = program.command('cache').description('look at or empty the model-response cache');
  // The directory `optimize` writes to, config file included: a `cacheDir` there used to be ignored, so `cache clear` emptied the default one.
  const directoryOf = (options: Record<string, unknown>): Promise<string> =>
    resolveCacheDirectory(readFlags(options, ['cacheDir']), io.env, io.cwd, options['config'] as string | undefined);
  cache
    .command('stats')
    .description('entries and size of the cache')
    .option('--cache-dir <dir>', 'cache directory (default: MIAIR_CACHE_DIR, the config file\'s cacheDir, else $XDG_CACHE_HOME/miair or ~/.cache/miair)')
    .option('--config <path>', 'config file (default: miair.config.{ts,js,json} in the working directory)')
    .action(async (options: Record<string, unknown>) => {
      const directory = await directoryOf(options);
      const { createDiskCacheStore, DISK_CACHE_FILE_NAME } = await import('../../cache/create-disk-cache-store.js');
      // No cache yet is a fact to report, not an error (nor a reason to create one).
      if (!existsSync(path.join(directory, DISK_CACHE_FILE_NAME))) {
        io.stdout.write(`cache ${directory}: 0 entries (no cache there yet)\n`);
        return;
      }
      const { checkLmdbFile } = await import('../../cache/check-lmdb-file.js');
      const damage = checkLmdbFile(path.join(directory, DISK_CACHE_FILE_NAME));
      if (damage !== null) throw new MiairError('CACHE_UNAVAILABLE', `The disk cache file in \`${directory}\` is damaged (${damage}). Run \`miair cache clear --cache-dir ${directory}\` to replace it.`);
      const store = createDiskCacheStore({ directory, readOnly: true, onError: (error) => { throw error; } });
      try {
        const entries = store.entries === undefined ? null : await countEntries(store.entries());
        const stats = store.stats();
        io.stdout.write(`cache ${directory}: ${entries ?? stats.entries ?? 0} entries${stats.sizeInBytes === undefined ? '' : `, ${stats.sizeInBytes} bytes`}\n`);
      } finally {
        await store.close();
      }
    });
  cache
    .command('clear')
    .description('delete every entry of the cache')
    .option('--cache-dir <dir>', 'cache directory (default: MIAIR_CACHE_DIR, the config file\'s cacheDir, else $XDG_CACHE_HOME/miair or ~/.cache/miair)')
    .option('--config <path>', 'config file (default: miair.config.{ts,js,json} in the working directory)')
    .action(async (options: Record<string, unknown>) => {
      const directory = await directoryOf(options);
      const { createDiskCacheStore, DISK_CACHE_FILE_NAME } = await import('../../cache/create-disk-cache-store.js');
      if (!existsSync(path.join(directory, DISK_CACHE_FILE_NAME))) {
        io.stdout.write(`cache ${directory}: nothing to clear (no cache there)\n`);
        return;
      }
      const { checkLmdbFile } = await import('../../cache/check-lmdb-file.js');
      const file = path.join(directory, DISK_CACHE_FILE_NAME);
      const damage = checkLmdbFile(file);
      if (damage !== null) {
        // A damaged file cannot be opened to be emptied (LMDB would crash on it): it is replaced instead.
        await rm(file, { force: true });
        await rm(`${file}-lock`, { force: true });
        io.stdout.write(`cache ${directory}: cleared (the file was damaged: ${damage})\n`);
        return;
      }
      const store = createDiskCacheStore({ directory, onError: (error) => { throw MiairError.from(error); } });
      try {
        await store.clear();
        io.stdout.write(`cache ${directory}: cleared\n`);
      } finally {
        await store.close();
      }
    });
}

async function countEntries(entries: AsyncIterable<unknown> | Iterable<unknown>): Promise<number> {
  let count = 0;
  for await (const _ of entries) count += 1;
  return count;
}
