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

/** The factory the refine pool's threads call (`exportName: 'createWorkerModel'`). */
export async function createWorkerModel(options: WorkerModelOptions): Promise<{ model: Awaited<ReturnType<typeof createModel>>['model']; close: () => Promise<void>; readCacheHits: () => number }> {
  const created = await createModel(options.settings, options.apiKey, options.environment);
  return { model: created.model, close: created.close, readCacheHits: () => created.cache?.stats().hits ?? 0 };
}
