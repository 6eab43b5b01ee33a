/**
 * Builds a CLI run's model inside a worker thread: the same chain, middleware
 * and cache as on the main thread (createModel), from settings that crossed
 * the thread boundary.
 */
import { createModel } from './create-model.js';
import type { CliSettings } from './resolve-settings.js';

/** What the main thread sends each worker (plain values only). */
export interface WorkerModelOptions {
  settings: CliSettings;
  /** The `--api-key` flag, if given. */
  apiKey: string | undefined;
  /** The variables createModel reads (keys and base URLs). */
  environment: Record<string, string | undefined>;
}

/**
 * The factory the refine pool's threads call (`exportName: 'createWorkerModel'`).
 * The models' warnings wait in `takeWarnings` for the thread to post them to
 * the pool, which tells them on the main thread.
 */
export async function createWorkerModel(options: WorkerModelOptions): Promise<{
  model: Awaited<ReturnType<typeof createModel>>['model'];
  close: () => Promise<void>;
  readCacheHits: () => number;
  takeWarnings: () => string[];
}> {
  const warnings: string[] = [];
  const created = await createModel(options.settings, options.apiKey, options.environment, { isEstimate: false, onModelWarning: (text) => warnings.push(text) });
  return { model: created.model, close: created.close, readCacheHits: () => created.cache?.stats().hits ?? 0, takeWarnings: () => warnings.splice(0) };
}
