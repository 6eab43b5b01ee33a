/**
 * Builds a model from a {@link WorkerModelFactory}: in each worker thread of
 * a refine pool, and on the main thread for the documents the pool refines
 * there (too large for a thread, or left by a thread that ran out of memory).
 */
import { MiairError } from '../../errors.js';
import type { LanguageModel } from '../../providers/spec.js';
import type { WorkerModelFactory } from './wire.js';

/** Node's codes for a module specifier that does not lead to a module: the caller's mistake, not a bug of miair. */
const UNRESOLVABLE_MODULE_CODES: ReadonlySet<string> = new Set([
  'ERR_MODULE_NOT_FOUND',
  'ERR_UNSUPPORTED_DIR_IMPORT',
  'ERR_UNSUPPORTED_ESM_URL_SCHEME',
  'ERR_INVALID_URL',
  'ERR_INVALID_MODULE_SPECIFIER',
  'ERR_PACKAGE_PATH_NOT_EXPORTED',
  'ERR_UNKNOWN_FILE_EXTENSION',
]);

/** A model built by a factory, with what its wrapper offers (no-ops when the factory returned a bare model). */
export interface BuiltModel {
  model: LanguageModel;
  close: () => Promise<void>;
  readCacheHits: () => number;
  /** The model's warnings told since the last call (the factory's `takeWarnings`), each a line of text. */
  takeWarnings: () => string[];
}

/**
 * Imports `factory.module`, calls its export `factory.exportName` with
 * `factory.options` and returns the model it made.
 *
 * @throws MiairError `CONFIG_INVALID` when the module cannot be found, the export is not a function or returns no LanguageModel; the factory's own errors as they are.
 */
export async function buildFactoryModel(factory: WorkerModelFactory): Promise<BuiltModel> {
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(factory.module)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    if (code === undefined || !UNRESOLVABLE_MODULE_CODES.has(code)) throw error;
    throw new MiairError('CONFIG_INVALID', `Could not load the worker model module \`${factory.module}\` (${(error as Error).message}). Pass a file URL or an absolute path of an ES module that exists.`, { cause: error });
  }
  const exportName = factory.exportName ?? 'createModel';
  const create = loaded[exportName];
  if (typeof create !== 'function') {
    throw new MiairError('CONFIG_INVALID', `Expected the worker model module \`${factory.module}\` to export a function \`${exportName}\`, got ${typeof create}. Export a function that returns a LanguageModel.`);
  }
  const made = (await (create as (options: unknown) => unknown)(factory.options)) as Record<string, unknown> | null;
  const model = (made !== null && typeof made === 'object' && 'doGenerate' in made ? made : made?.['model']) as LanguageModel | undefined;
  if (model === undefined || typeof model.doGenerate !== 'function') {
    throw new MiairError('CONFIG_INVALID', `Expected \`${exportName}\` of \`${factory.module}\` to return a LanguageModel or { model, close? }, got ${made === null ? 'null' : typeof made}.`);
  }
  const wrapper = (made as unknown) === model ? null : made;
  const close = typeof wrapper?.['close'] === 'function' ? (wrapper['close'] as () => Promise<void>).bind(wrapper) : async () => {};
  const readCacheHits = typeof wrapper?.['readCacheHits'] === 'function' ? (wrapper['readCacheHits'] as () => number).bind(wrapper) : () => 0;
  const takeWarnings = typeof wrapper?.['takeWarnings'] === 'function' ? (wrapper['takeWarnings'] as () => string[]).bind(wrapper) : () => [];
  return { model, close, readCacheHits, takeWarnings };
}
