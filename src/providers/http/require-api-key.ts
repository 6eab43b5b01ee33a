import { MiairError } from '../../errors.js';

/**
 * Returns the API key, or throws `CONFIG_MISSING_API_KEY` naming the option
 * and the environment variable when it is missing or blank, so the run stops
 * before any document is read.
 *
 * @example
 * requireApiKey(options.apiKey, 'OpenAI', 'OPENAI_API_KEY');
 */
export function requireApiKey(apiKey: unknown, vendorName: string, environmentVariable: string): string {
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new MiairError('CONFIG_MISSING_API_KEY', `${vendorName} API key is missing. Pass it with --api-key or set ${environmentVariable}.`, {
      details: { option: 'apiKey', environmentVariable },
    });
  }
  return apiKey;
}
