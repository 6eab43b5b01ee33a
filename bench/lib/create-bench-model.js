// The benchmarks' mock model, built inside each worker thread when
// refineStream runs with `threads` (a model object cannot cross threads):
// workerModel: { module: <this file>, exportName: 'createModel', options: { latencyMs } }.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The in-process mock with the cheap edit, `latencyMs` per call. */
export async function createModel({ latencyMs }) {
  const { createMockModel, fastMockEdit } = await import(pathToFileURL(join(repository, 'dist/testing/index.js')).href);
  return createMockModel({ latencyMs, edit: fastMockEdit });
}

/** The workerModel option of refineStream that builds {@link createModel} in each thread. */
export function benchWorkerModel(latencyMs) {
  return { module: fileURLToPath(import.meta.url), exportName: 'createModel', options: { latencyMs } };
}
