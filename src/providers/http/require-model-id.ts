import { MiairError } from '../../errors.js';

/** Returns the model id, or throws `CONFIG_INVALID` naming `--model` when it is missing or blank. */
export function requireModelId(modelId: unknown, example: string): string {
  if (typeof modelId !== 'string' || modelId.trim() === '') {
    throw new MiairError('CONFIG_INVALID', `Expected \`modelId\` to be a model name such as \`${example}\`, got \`${String(modelId)}\` (${typeof modelId}). Pass it with --model.`);
  }
  return modelId;
}
