/**
 * Creates the model the CLI's settings ask for.
 */
import { MiairError } from '../errors.js';
import { createLocalModel } from '../providers/local/create-local-model.js';
import { createMockModel } from '../providers/mock/create-mock-model.js';
import type { LanguageModel } from '../providers/spec.js';
import type { CliSettings } from './resolve-settings.js';

/** Creates the model for `settings.provider`, checking `settings.model` against what it offers. */
export function createModel(settings: CliSettings): LanguageModel {
  const model =
    settings.provider === 'mock'
      ? createMockModel({ latencyMs: settings.mockLatencyMs, failureRate: settings.mockFailureRate })
      : createLocalModel();
  if (settings.model !== null && settings.model !== model.modelId) {
    throw new MiairError(
      'CONFIG_INVALID',
      `Expected \`model\` to be \`${model.modelId}\` for provider \`${settings.provider}\`, got \`${settings.model}\` (string). Drop --model or pick another --provider.`,
    );
  }
  return model;
}
