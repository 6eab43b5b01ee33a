/**
 * Builds the `mock` model inside a worker thread of a refine pool, from
 * options that can cross threads (an edit is named, not passed as a function).
 */
import { threadId } from 'node:worker_threads';
import { createMockModel, defaultMockEdit, type MockLanguageModel, type MockModelOptions } from '../providers/mock/create-mock-model.js';
import { DEFAULT_MOCK_SEED } from '../config/defaults.js';
import { MiairError } from '../errors.js';
import { fastMockEdit } from './mock-llm/create-mock-llm-edit.js';

/** Options of {@link createMockWorkerModel}: the mock's own, with the edit named. */
export interface MockWorkerModelOptions extends Omit<MockModelOptions, 'edit'> {
  /** `default`: the local refiner's rules; `fast`: the cheap edit mock-llm uses. @default 'default' */
  edit?: 'default' | 'fast';
}

/**
 * The mock model for `workerModel: { module: 'miair/testing', exportName:
 * 'createMockWorkerModel', options }`. Each thread draws its failures and
 * latencies from its own seed (the given seed plus the thread id), so two
 * threads do not fail the same calls in lockstep.
 */
export function createMockWorkerModel(options: MockWorkerModelOptions = {}): MockLanguageModel {
  const { edit = 'default', seed = DEFAULT_MOCK_SEED, ...rest } = options;
  if (edit !== 'default' && edit !== 'fast') {
    throw new MiairError('CONFIG_INVALID', `Expected \`edit\` to be 'default' or 'fast', got \`${String(edit)}\` (${typeof edit}).`);
  }
  return createMockModel({ ...rest, seed: seed + threadId, edit: edit === 'fast' ? fastMockEdit : defaultMockEdit });
}
