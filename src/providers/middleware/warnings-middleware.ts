import type { LanguageModel, LanguageModelWarning } from '../spec.js';
import type { LanguageModelMiddleware } from './language-model-middleware.js';

/** Options of {@link warningsMiddleware}. */
export interface WarningsMiddlewareOptions {
  /** Told each distinct warning once: `text` is `provider/modelId: message` (the setting when there is no message). */
  onWarning: (text: string, warning: LanguageModelWarning) => void;
  /** Distinct warnings remembered; past them, new ones are not told. @default 256 */
  maxWarnings?: number;
}

/** @default 256 */
export const DEFAULT_MAX_WARNINGS = 256;

/**
 * Tells the warnings of a model's answers (a setting it did not honour, a
 * usage it did not report), each distinct one once: a vendor adapter puts
 * them on every answer, and nothing else reads them. Put it right around the
 * vendor model, inside the cache, so that an answer served from the cache is
 * not told again. The answers pass through unchanged.
 *
 * @example
 * wrapLanguageModel(createAnthropicModel({ apiKey }), [warningsMiddleware({ onWarning: (text) => console.warn(text) })]);
 */
export function warningsMiddleware(options: WarningsMiddlewareOptions): LanguageModelMiddleware {
  const maxWarnings = options.maxWarnings ?? DEFAULT_MAX_WARNINGS;
  const told = new Set<string>();
  return (model: LanguageModel): LanguageModel => ({
    provider: model.provider,
    modelId: model.modelId,
    async doGenerate(callOptions) {
      const result = await model.doGenerate(callOptions);
      if (result.warnings.length > 0) {
        for (const warning of result.warnings) {
          const text = `${model.provider}/${model.modelId}: ${warning.message ?? `the setting \`${warning.setting ?? 'unknown'}\` was not honoured`}`;
          if (told.has(text) || told.size >= maxWarnings) continue;
          told.add(text);
          try {
            options.onWarning(text, warning);
          } catch {
            // Telling a warning must never cost an answer.
          }
        }
      }
      return result;
    },
  });
}
